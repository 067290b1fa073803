//! A point guaranteed inside a (multi)polygon, for labels, keyboard focus and automation: the
//! middle of the widest inside-interval on a horizontal scanline through the middle of the
//! largest polygon's bounding box (holes respected by the even-odd crossing rule).
//!
//! Hand-written rather than `geo::InteriorPoint`, which pulls the whole `relate` machinery into
//! the wasm (tens of kilobytes) for a result this simple scan gives as well.

use geo::{Area, BoundingRect, MultiPolygon, Polygon};

/// A point strictly inside `shape`, or `None` for an empty or degenerate shape.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use work_health_atlas::geom::interior::interior_point;
/// let square = MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)]]);
/// assert_eq!(interior_point(&square), Some([1.0, 1.0]));
/// ```
pub fn interior_point(shape: &MultiPolygon<f64>) -> Option<[f64; 2]> {
    let largest = shape.0.iter().max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    polygon_interior_point(largest)
}

fn polygon_interior_point(polygon: &Polygon<f64>) -> Option<[f64; 2]> {
    let bounds = polygon.bounding_rect()?;
    // Try the middle first, then lines nearby, in case the middle line only grazes vertices.
    for offset in [0.5, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75] {
        let y = bounds.min().y + bounds.height() * offset;
        let mut crossings: Vec<f64> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.lines())
            .filter(|line| (line.start.y > y) != (line.end.y > y))
            .map(|line| line.start.x + (y - line.start.y) * (line.end.x - line.start.x) / (line.end.y - line.start.y))
            .collect();
        crate::num::sort_floats(&mut crossings);
        let widest = crossings
            .chunks_exact(2)
            .map(|pair| (pair[1] - pair[0], (pair[0] + pair[1]) / 2.0))
            .filter(|(width, _)| *width > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, x)) = widest {
            return Some([x, y]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, Contains, Point};

    #[test]
    fn empty_shape_has_no_point() {
        assert_eq!(interior_point(&MultiPolygon(vec![])), None);
    }

    #[test]
    fn concave_shape_point_is_inside() {
        // A "U": the bounding-box centre is outside, in the notch.
        let u = polygon![(x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 3.0), (x: 2.0, y: 3.0),
            (x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 3.0), (x: 0.0, y: 3.0)];
        let shape = MultiPolygon(vec![u]);
        let [x, y] = interior_point(&shape).expect("a point");
        assert!(shape.contains(&Point::new(x, y)), "({x}, {y})");
    }

    #[test]
    fn hole_is_avoided_and_largest_part_is_used() {
        let with_hole = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 3.0), (x: 1.0, y: 3.0)]],
        );
        let islet = polygon![(x: 10.0, y: 0.0), (x: 10.5, y: 0.0), (x: 10.5, y: 0.5)];
        let shape = MultiPolygon(vec![islet, with_hole]);
        let [x, y] = interior_point(&shape).expect("a point");
        assert!(shape.0[1].contains(&Point::new(x, y)), "({x}, {y})");
    }
}
