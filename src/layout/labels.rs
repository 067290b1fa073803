//! Place names on the map: which names fit, and where. A name sits centred on one of the places
//! its area offers (its interior point first, then points nudged from it that are still inside);
//! names are taken largest area first, each at the first place where its box overlaps no name
//! already placed, stays in the part of the map no control covers and crosses no selection
//! outline. A name with no such place is left out.
//! The result is deterministic for a given view, so the map and its PNG agree.
//!
//! Widths come from the caller (the canvas measures its own font) in ems, so this stays pure.

/// Space kept between two names' boxes, in CSS pixels.
const GAP: f64 = 6.0;
/// The white halo drawn around each letter, in CSS pixels (its half-width counts as box).
pub const HALO: f64 = 3.5;
/// At most this many names at once: a map of names is no longer a map.
const MAX_LABELS: usize = 40;

/// A name that may be placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    /// The name.
    pub text: &'a str,
    /// Where it may sit (its centre), best first, in CSS pixels.
    pub at: Vec<[f64; 2]>,
    /// Larger first: usually the area's size.
    pub rank: f64,
}

/// A placed name.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The name.
    pub text: String,
    /// Centre of the text, in CSS pixels.
    pub at: [f64; 2],
}

/// Names placed at one text size.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// Font size in CSS pixels.
    pub size: f64,
    /// The names, in drawing order.
    pub labels: Vec<Label>,
}

/// Where names may go: the free part of the box (`[left, top, right, bottom]`) and outlines they
/// must not cross (rings in CSS pixels).
#[derive(Debug, Clone, Copy)]
pub struct Room<'a> {
    /// The part of the map box no control covers.
    pub free: [f64; 4],
    /// Outlines a name must keep clear of (the selected area's).
    pub avoid: &'a [Vec<[f64; 2]>],
}

/// Chooses the names that fit, largest rank first. `em_width` gives a text's width at a font
/// size of 1 px; `size` is the font size.
///
/// # Examples
/// ```
/// use work_health_atlas::layout::labels::{place, Candidate, Room};
/// let near = [
///     Candidate { text: "Bootle", at: vec![[100.0, 100.0]], rank: 2.0 },
///     Candidate { text: "Litherland", at: vec![[110.0, 104.0]], rank: 1.0 },
/// ];
/// let room = Room { free: [0.0, 0.0, 400.0, 300.0], avoid: &[] };
/// let placed = place(&near, 12.0, |t| t.chars().count() as f64 * 0.6, room);
/// // The two would overlap: only the larger area keeps its name.
/// assert_eq!(placed.labels.len(), 1);
/// assert_eq!(placed.labels[0].text, "Bootle");
/// ```
pub fn place(candidates: &[Candidate<'_>], size: f64, em_width: impl Fn(&str) -> f64, room: Room<'_>) -> Labels {
    let mut order: Vec<&Candidate<'_>> = candidates.iter().filter(|c| !c.text.trim().is_empty()).collect();
    insertion_sort(&mut order, |a, b| b.rank.total_cmp(&a.rank).then_with(|| a.text.cmp(b.text)).is_lt());
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut labels = Vec::new();
    let [left, top, right, bottom] = room.free;
    for candidate in order {
        if labels.len() == MAX_LABELS {
            break;
        }
        let width = em_width(candidate.text).max(0.0) * size;
        let half = [width / 2.0 + HALO, size * 0.65 + HALO / 2.0];
        let fits = |&[x, y]: &[f64; 2]| {
            let rect = [x - half[0], y - half[1], x + half[0], y + half[1]];
            let inside = rect[0] >= left && rect[1] >= top && rect[2] <= right && rect[3] <= bottom;
            let clear = |o: &[f64; 4]| {
                rect[2] + GAP <= o[0] || o[2] + GAP <= rect[0] || rect[3] + GAP <= o[1] || o[3] + GAP <= rect[1]
            };
            // `inside` is false for a non-finite point, so NaN never reaches the canvas.
            (inside && boxes.iter().all(clear) && !crosses(room.avoid, &rect)).then_some(rect)
        };
        if let Some((at, rect)) = candidate.at.iter().find_map(|at| fits(at).map(|rect| (*at, rect))) {
            boxes.push(rect);
            labels.push(Label { text: candidate.text.to_string(), at });
        }
    }
    Labels { size, labels }
}

/// Sorts a short list (a few hundred names, a few dozen places). The standard library's sorts
/// cost several kilobytes of code per element type in the first-view module; this costs a few
/// hundred bytes, and the lists are short enough for its quadratic worst case.
pub(crate) fn insertion_sort<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Whether any edge of `rings` passes through `rect` (`[left, top, right, bottom]`).
fn crosses(rings: &[Vec<[f64; 2]>], rect: &[f64; 4]) -> bool {
    rings.iter().any(|ring| ring.windows(2).any(|pair| segment_meets_rect(pair[0], pair[1], rect)))
}

/// Liang–Barsky clipping: does the segment from `a` to `b` touch the rectangle?
fn segment_meets_rect(a: [f64; 2], b: [f64; 2], rect: &[f64; 4]) -> bool {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [(-dx, a[0] - rect[0]), (dx, rect[2] - a[0]), (-dy, a[1] - rect[1]), (dy, rect[3] - a[1])] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn em(text: &str) -> f64 {
        text.chars().count() as f64 * 0.6
    }

    const ROOM: Room<'static> = Room { free: [0.0, 0.0, 400.0, 300.0], avoid: &[] };

    #[test]
    fn names_never_overlap_and_larger_areas_win() {
        let candidates: Vec<Candidate> = (0..30)
            .map(|i| Candidate {
                text: "Everton North",
                at: vec![[50.0 + f64::from(i) * 9.0, 150.0]],
                rank: f64::from(i),
            })
            .collect();
        let placed = place(&candidates, 12.0, em, ROOM);
        assert!(placed.labels.len() >= 2, "{placed:?}");
        assert_eq!(placed.labels[0].at, [50.0 + 29.0 * 9.0, 150.0], "the largest first");
        let width = em("Everton North") * 12.0 + 2.0 * HALO;
        for (i, a) in placed.labels.iter().enumerate() {
            for b in &placed.labels[i + 1..] {
                assert!((a.at[0] - b.at[0]).abs() >= width + GAP - 1e-9, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn names_stay_in_the_free_box() {
        let candidates = [
            Candidate { text: "Hoylake", at: vec![[5.0, 150.0]], rank: 3.0 },
            Candidate { text: "Halton", at: vec![[395.0, 150.0]], rank: 2.0 },
            Candidate { text: "Sefton", at: vec![[200.0, 150.0]], rank: 1.0 },
        ];
        let room = Room { free: [0.0, 0.0, 300.0, 300.0], avoid: &[] };
        let placed = place(&candidates, 12.0, em, room);
        assert_eq!(placed.labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["Sefton"]);
    }

    #[test]
    fn names_keep_clear_of_the_selection_outline() {
        let outline = vec![vec![[100.0, 100.0], [200.0, 100.0], [200.0, 200.0], [100.0, 200.0], [100.0, 100.0]]];
        let candidates = [
            Candidate { text: "Crossing", at: vec![[100.0, 150.0]], rank: 3.0 },
            Candidate { text: "Inside", at: vec![[150.0, 150.0]], rank: 2.0 },
            Candidate { text: "Outside", at: vec![[300.0, 250.0]], rank: 1.0 },
        ];
        let placed = place(&candidates, 12.0, em, Room { avoid: &outline, ..ROOM });
        let names: Vec<&str> = placed.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(names, ["Inside", "Outside"]);
    }

    #[test]
    fn a_name_moves_to_its_next_place_when_the_first_is_taken() {
        let candidates = [
            Candidate { text: "Liverpool", at: vec![[100.0, 100.0]], rank: 2.0 },
            Candidate { text: "Knowsley", at: vec![[110.0, 100.0], [110.0, 130.0]], rank: 1.0 },
        ];
        let placed = place(&candidates, 12.0, em, ROOM);
        assert_eq!(placed.labels[1], Label { text: "Knowsley".into(), at: [110.0, 130.0] });
    }

    #[test]
    fn odd_input_is_skipped_not_drawn() {
        let candidates = [
            Candidate { text: " ", at: vec![[100.0, 100.0]], rank: 1.0 },
            Candidate { text: "Nowhere", at: vec![[f64::NAN, 100.0]], rank: 1.0 },
        ];
        assert!(place(&candidates, 12.0, em, ROOM).labels.is_empty());
    }

    #[test]
    fn insertion_sort_is_stable_and_ordered() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        insertion_sort(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn segments_meet_rectangles_only_when_they_touch() {
        let rect = [0.0, 0.0, 10.0, 10.0];
        assert!(segment_meets_rect([-5.0, 5.0], [15.0, 5.0], &rect));
        assert!(segment_meets_rect([2.0, 2.0], [3.0, 3.0], &rect));
        assert!(!segment_meets_rect([-5.0, -5.0], [-1.0, 20.0], &rect));
        assert!(!segment_meets_rect([11.0, 0.0], [20.0, 10.0], &rect));
        assert!(segment_meets_rect([-5.0, 15.0], [15.0, -5.0], &rect));
    }
}
