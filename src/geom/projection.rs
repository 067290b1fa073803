//! Spherical Web Mercator, as used by web maps: x = λ, y = −ln(tan(π/4 + φ/2)) in radians, with y
//! negated so that north is up on a screen whose y grows downwards. Areas are projected once, at
//! load; zoom and pan only change the [`Viewport`](super::Viewport).

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Rect};

/// A closed ring of longitude/latitude positions (degrees); a polygon is its outer ring followed
/// by its holes.
pub type Ring = Vec<[f64; 2]>;

/// Latitude limit of Web Mercator; beyond it y is unbounded.
const MAX_LATITUDE: f64 = 85.051_128_78;

/// Projects a longitude/latitude position (degrees) to world coordinates.
///
/// # Examples
/// ```
/// use work_health_atlas::geom::project;
/// let [x, y] = project([0.0, 0.0]);
/// assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
/// assert!(project([0.0, 53.4])[1] < 0.0, "north is up: negative y");
/// ```
pub fn project([lon, lat]: [f64; 2]) -> [f64; 2] {
    let phi = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let y = (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln();
    [lon.to_radians(), -y]
}

/// Inverse of [`project`].
pub fn unproject([x, y]: [f64; 2]) -> [f64; 2] {
    let lat = (2.0 * (-y).exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
    [x.to_degrees(), lat]
}

/// A layer's areas in world coordinates, with their bounding boxes and the layer's bounds.
#[derive(Debug, Clone)]
pub struct ProjectedLayer {
    /// One multipolygon per area, holes kept.
    pub areas: Vec<MultiPolygon<f64>>,
    /// Bounding box per area (`None` for an area without points).
    pub boxes: Vec<Option<Rect<f64>>>,
    /// Bounds of the whole layer (`None` for an empty layer).
    pub bounds: Option<Rect<f64>>,
}

impl ProjectedLayer {
    /// Projects decoded areas, each given as its polygons' rings (outer ring first, then holes).
    pub fn new<'a>(areas: impl IntoIterator<Item = &'a Vec<Vec<Ring>>>) -> ProjectedLayer {
        let areas: Vec<MultiPolygon<f64>> = areas.into_iter().map(|p| project_polygons(p)).collect();
        let boxes: Vec<Option<Rect<f64>>> = areas.iter().map(|a| a.bounding_rect()).collect();
        let bounds = boxes.iter().flatten().copied().reduce(union);
        ProjectedLayer { areas, boxes, bounds }
    }
}

/// Projects polygons (outer ring, then holes) into a `geo` multipolygon.
pub fn project_polygons(polygons: &[Vec<Ring>]) -> MultiPolygon<f64> {
    let ring = |r: &Ring| -> LineString<f64> { r.iter().map(|&p| project(p)).map(|[x, y]| Coord { x, y }).collect() };
    MultiPolygon(
        polygons
            .iter()
            .filter_map(|rings| {
                let (outer, holes) = rings.split_first()?;
                Some(geo::Polygon::new(ring(outer), holes.iter().map(ring).collect()))
            })
            .collect(),
    )
}

/// The smallest rectangle holding both.
pub fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        Coord { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        Coord { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_liverpool() {
        let p = [-2.9916, 53.4084];
        let back = unproject(project(p));
        assert!((back[0] - p[0]).abs() < 1e-9 && (back[1] - p[1]).abs() < 1e-9, "{back:?}");
    }

    #[test]
    fn clamps_poles_to_finite_values() {
        assert!(project([0.0, 90.0])[1].is_finite());
        assert!(project([0.0, -90.0])[1].is_finite());
    }

    #[test]
    fn empty_layer_has_no_bounds() {
        let layer = ProjectedLayer::new(std::iter::empty());
        assert!(layer.bounds.is_none());
    }

    #[test]
    fn bounds_cover_every_area() {
        let square = |x: f64| vec![vec![vec![[x, 53.0], [x + 1.0, 53.0], [x + 1.0, 54.0], [x, 54.0], [x, 53.0]]]];
        let areas = [square(-3.0), square(1.0)];
        let layer = ProjectedLayer::new(areas.iter());
        let bounds = layer.bounds.expect("two areas");
        assert!((bounds.min().x - (-3.0f64).to_radians()).abs() < 1e-12);
        assert!((bounds.max().x - 2.0f64.to_radians()).abs() < 1e-12);
        assert_eq!(layer.boxes.len(), 2);
    }
}
