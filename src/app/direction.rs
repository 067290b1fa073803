//! Which area an arrow key leads to: a pure function of the layer's interior points, the focused
//! area's shared-border neighbours and the pressed direction, so keyboard navigation can be
//! checked over a whole layer without driving the widget.
//!
//! Shared-border neighbours come first, as before: moving to an area that touches the focused one
//! is what a sighted user expects. Borders alone leave parts of a map unreachable, though: the
//! Mersey splits the Liverpool City Region, so the Wirral and part of Halton share no border with
//! the rest. When no neighbour lies within the direction's cone, the nearest area in the cone is
//! taken, across water; with none there either, the nearest area anywhere in that half-plane. Only
//! when no area lies at all in that direction is there no move: the focus is at the region's edge.
//!
//! Candidates are ranked by distance divided by the cosine of their angle from the pressed
//! direction (an area 60° off counts as twice as far). Ranking by alignment alone, the earlier
//! rule, left 16–18 LSOAs of the shipped data (depending on how the crossing is ranked) that no
//! press led into: small areas beside a larger neighbour better lined up with the key.
//! Coordinates are world units with y growing downwards, as on screen.

/// Smallest cosine between the pressed direction and a candidate's direction for the cone
/// searched first (≈ 70° either side).
pub const CONE_COSINE: f64 = 0.34;

/// The area a key press in direction `(dx, dy)` (screen axes: +x right, +y down) leads to from
/// `from`, or `None` when no area lies in that direction (or `from` has no point, or the
/// direction is zero or not finite).
///
/// `points` holds each area's interior point (`None` for an area without a shape) and
/// `neighbours` the indices of the areas sharing a border with `from`.
///
/// # Examples
/// ```
/// use work_health_atlas::app::direction::next_area;
/// // Three areas in a row; the middle one borders only the left one; the right one is an island.
/// let points = [Some([0.0, 0.0]), Some([1.0, 0.0]), Some([3.0, 0.2])];
/// assert_eq!(next_area(&points, &[0], 1, 1.0, 0.0), Some(2), "across the water");
/// assert_eq!(next_area(&points, &[0], 1, -1.0, 0.0), Some(0), "to the neighbour");
/// assert_eq!(next_area(&points, &[1], 0, -1.0, 0.0), None, "at the edge");
/// ```
pub fn next_area(points: &[Option<[f64; 2]>], neighbours: &[usize], from: usize, dx: f64, dy: f64) -> Option<usize> {
    let origin = points.get(from).copied().flatten()?;
    let length = dx.hypot(dy);
    if !length.is_finite() || length == 0.0 {
        return None;
    }
    let direction = [dx / length, dy / length];
    let nearest = |candidates: &mut dyn Iterator<Item = usize>, min_cosine: f64| {
        candidates
            .filter(|&c| c != from)
            .filter_map(|c| {
                let p = points.get(c).copied().flatten()?;
                let (vx, vy) = (p[0] - origin[0], p[1] - origin[1]);
                let distance = vx.hypot(vy);
                if distance == 0.0 || !distance.is_finite() {
                    return None;
                }
                let cosine = (vx * direction[0] + vy * direction[1]) / distance;
                // `cosine > 0` also when `min_cosine` is 0: an area straight across the pressed
                // direction is not "further" that way.
                (cosine > 0.0 && cosine >= min_cosine).then_some((c, distance / cosine))
            })
            // Lowest score wins; equal scores go to the lower index, so the result is repeatable.
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(c, _)| c)
    };
    nearest(&mut neighbours.iter().copied(), CONE_COSINE)
        .or_else(|| nearest(&mut (0..points.len()), CONE_COSINE))
        .or_else(|| nearest(&mut (0..points.len()), 0.0))
}

/// The compass word for a direction in screen axes (+x east, +y south): one of the eight
/// points, e.g. `"west"` for `(-1, 0)` and `"north-east"` for `(1, -1)`; `None` for a zero or
/// non-finite direction.
///
/// # Examples
/// ```
/// use work_health_atlas::app::direction::compass_word;
/// assert_eq!(compass_word(-1.0, 0.0), Some("west"));
/// assert_eq!(compass_word(0.0, -1.0), Some("north"));
/// assert_eq!(compass_word(0.0, 0.0), None);
/// ```
pub fn compass_word(dx: f64, dy: f64) -> Option<&'static str> {
    if !dx.is_finite() || !dy.is_finite() || (dx == 0.0 && dy == 0.0) {
        return None;
    }
    const WORDS: [&str; 8] = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"];
    // Angle anticlockwise from east with north up (screen y grows downwards), in eighths of a turn.
    let eighths = ((-dy).atan2(dx) / std::f64::consts::FRAC_PI_4).round().rem_euclid(8.0) as usize;
    WORDS.get(eighths).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RIGHT: (f64, f64) = (1.0, 0.0);

    fn next(points: &[Option<[f64; 2]>], neighbours: &[usize], from: usize, (dx, dy): (f64, f64)) -> Option<usize> {
        next_area(points, neighbours, from, dx, dy)
    }

    #[test]
    fn empty_and_single_layers_have_nowhere_to_go() {
        assert_eq!(next(&[], &[], 0, RIGHT), None);
        assert_eq!(next(&[Some([0.0, 0.0])], &[], 0, RIGHT), None);
        assert_eq!(next(&[None, Some([1.0, 0.0])], &[], 0, RIGHT), None, "no point to start from");
    }

    #[test]
    fn two_areas_step_both_ways_and_stop_at_the_ends() {
        let points = [Some([0.0, 0.0]), Some([1.0, 0.0])];
        assert_eq!(next(&points, &[1], 0, RIGHT), Some(1));
        assert_eq!(next(&points, &[0], 1, (-1.0, 0.0)), Some(0));
        assert_eq!(next(&points, &[0], 1, RIGHT), None);
        assert_eq!(next(&points, &[1], 0, (0.0, 1.0)), None, "straight across is not further down");
    }

    #[test]
    fn a_neighbour_in_the_cone_beats_a_nearer_area_across_the_water() {
        // 1 borders 0 but lies 60° off; 2 is nearer and straight ahead but shares no border.
        let points = [Some([0.0, 0.0]), Some([1.0, -1.7]), Some([0.5, 0.0])];
        assert_eq!(next(&points, &[1], 0, RIGHT), Some(1));
        assert_eq!(next(&points, &[], 0, RIGHT), Some(2));
    }

    #[test]
    fn among_neighbours_a_small_near_one_is_not_hidden_by_a_better_aligned_far_one() {
        // 1 is far and straight ahead, 2 near and 40° off: 1.0 / cos 40° ≈ 1.3 < 5.
        let points = [Some([0.0, 0.0]), Some([5.0, 0.0]), Some([0.77, 0.64])];
        assert_eq!(next(&points, &[1, 2], 0, RIGHT), Some(2));
    }

    #[test]
    fn the_cone_is_searched_before_the_half_plane() {
        // 1 is near but 80° off; 2 is farther and inside the cone.
        let points = [Some([0.0, 0.0]), Some([0.17, 0.98]), Some([3.0, 0.0])];
        assert_eq!(next(&points, &[], 0, RIGHT), Some(2));
        // Without 2, the half-plane still holds 1: there is an area further east.
        assert_eq!(next(&points[..2], &[], 0, RIGHT), Some(1));
    }

    #[test]
    fn zero_or_broken_directions_go_nowhere() {
        let points = [Some([0.0, 0.0]), Some([1.0, 0.0])];
        assert_eq!(next(&points, &[1], 0, (0.0, 0.0)), None);
        assert_eq!(next(&points, &[1], 0, (f64::NAN, 0.0)), None);
        assert_eq!(next(&points, &[1], 0, (f64::INFINITY, 0.0)), None);
    }

    #[test]
    fn ties_go_to_the_lower_index() {
        let points = [Some([0.0, 0.0]), Some([1.0, 1.0]), Some([1.0, -1.0])];
        assert_eq!(next(&points, &[2, 1], 0, RIGHT), Some(1));
    }

    #[test]
    fn compass_words_cover_the_arrow_keys_and_diagonals() {
        assert_eq!(compass_word(1.0, 0.0), Some("east"));
        assert_eq!(compass_word(-1.0, 0.0), Some("west"));
        assert_eq!(compass_word(0.0, 1.0), Some("south"));
        assert_eq!(compass_word(0.0, -1.0), Some("north"));
        assert_eq!(compass_word(1.0, -1.0), Some("north-east"));
        assert_eq!(compass_word(-2.0, 2.0), Some("south-west"));
        assert_eq!(compass_word(f64::NAN, 1.0), None);
    }
}
