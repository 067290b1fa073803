//! Point in area by the even-odd rule over every ring of every polygon: exactly the rule the
//! canvas and SVG use to fill areas, so "the area under the pointer" always matches what is
//! drawn, and holes are excluded by construction. Hand-written rather than `geo::Contains`, whose
//! robust-predicate machinery adds ~9 KB to the wasm for a test this simple.

use geo::{Coord, LineString, MultiPolygon};

/// Whether `[px, py]` lies inside one ring by the even-odd rule. The ring may be given closed
/// (first point repeated) or open: the closing edge is added, and is empty when already there.
/// The one ring test of the crate: hit-testing, hole nesting and dissolving all use it.
///
/// # Examples
/// ```
/// use work_health_atlas::geom::contains::ring_contains;
/// let square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]];
/// assert!(ring_contains(square.iter().copied(), [1.0, 1.0]));
/// assert!(!ring_contains(square.iter().copied(), [3.0, 1.0]));
/// ```
pub fn ring_contains(mut ring: impl Iterator<Item = [f64; 2]>, [px, py]: [f64; 2]) -> bool {
    let Some(first) = ring.next() else { return false };
    let (mut inside, mut a) = (false, first);
    for b in ring.chain(std::iter::once(first)) {
        if (a[1] > py) != (b[1] > py) && px < (b[0] - a[0]) * (py - a[1]) / (b[1] - a[1]) + a[0] {
            inside = !inside;
        }
        a = b;
    }
    inside
}

fn crosses(ring: &LineString<f64>, p: Coord<f64>) -> bool {
    ring_contains(ring.0.iter().map(|c| [c.x, c.y]), [p.x, p.y])
}

/// Whether `p` lies inside `shape` (even-odd over all rings; points on an edge may go either way).
///
/// # Examples
/// ```
/// use geo::{coord, polygon, MultiPolygon};
/// use work_health_atlas::geom::contains::contains;
/// let square = MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)]]);
/// assert!(contains(&square, coord! { x: 1.0, y: 1.0 }));
/// assert!(!contains(&square, coord! { x: 3.0, y: 1.0 }));
/// ```
pub fn contains(shape: &MultiPolygon<f64>, p: Coord<f64>) -> bool {
    shape.0.iter().any(|polygon| {
        let mut inside = crosses(polygon.exterior(), p);
        for hole in polygon.interiors() {
            inside ^= crosses(hole, p);
        }
        inside
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{coord, polygon};

    #[test]
    fn empty_shape_contains_nothing() {
        assert!(!contains(&MultiPolygon(vec![]), coord! { x: 0.0, y: 0.0 }));
    }

    #[test]
    fn holes_are_outside() {
        let with_hole = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 3.0), (x: 1.0, y: 3.0)]],
        );
        let shape = MultiPolygon(vec![with_hole]);
        assert!(contains(&shape, coord! { x: 0.5, y: 2.0 }));
        assert!(!contains(&shape, coord! { x: 2.0, y: 2.0 }));
    }

    #[test]
    fn any_part_of_a_multipolygon_counts() {
        let a = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)];
        let b = polygon![(x: 5.0, y: 5.0), (x: 6.0, y: 5.0), (x: 6.0, y: 6.0), (x: 5.0, y: 6.0)];
        let shape = MultiPolygon(vec![a, b]);
        assert!(contains(&shape, coord! { x: 5.5, y: 5.5 }));
        assert!(!contains(&shape, coord! { x: 3.0, y: 3.0 }));
    }
}
