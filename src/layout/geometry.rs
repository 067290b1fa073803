//! Geometry prepared once per dataset, in world coordinates: every arc projected, each layer's
//! areas as `geo` multipolygons with a hit index, and each layer's *mesh* — the arcs its areas use,
//! each listed once, so a border between two areas is stroked once, not twice.
//!
//! Each layer also keeps its areas' interior points, computed on first use: keyboard navigation
//! compares every area's point with the focused one on each arrow press, and finding a point
//! scans the area's rings, so it is done once per layer rather than once per area per press.

use crate::geom::interior::interior_point;
use crate::geom::{project, HitIndex, ProjectedLayer};
use crate::model::topology::arc_index;
use crate::model::Dataset;
use crate::num::sort_unique;
use std::sync::OnceLock;

/// One layer ready for drawing and hit-testing.
#[derive(Debug, Clone)]
pub struct LayerGeometry {
    /// Areas in world coordinates.
    pub projected: ProjectedLayer,
    /// Spatial index over `projected`.
    pub hit: HitIndex,
    /// Indices of the arcs used by this layer's areas, each once, ascending.
    pub mesh: Vec<usize>,
    /// Interior point of each area (see [`LayerGeometry::interior_points`]); filled on first use
    /// because only keyboard navigation needs every area's point.
    points: OnceLock<Vec<Option<[f64; 2]>>>,
}

impl LayerGeometry {
    /// A point inside each area in world coordinates, aligned with `projected.areas` (`None` for
    /// an area without a shape). Computed on the first call, then kept.
    pub fn interior_points(&self) -> &[Option<[f64; 2]>] {
        self.points.get_or_init(|| self.projected.areas.iter().map(interior_point).collect())
    }
}

/// All layers of a dataset in world coordinates.
#[derive(Debug, Clone)]
pub struct MapGeometry {
    /// Every arc of the topology, projected.
    pub arcs: Vec<Vec<[f64; 2]>>,
    /// One entry per geography, aligned with the bundle's geographies; `None` until the layer
    /// is first shown (see [`MapGeometry::ensure`]).
    layers: Vec<Option<LayerGeometry>>,
}

impl MapGeometry {
    /// Projects every arc, and indexes the layers whose shapes the dataset has built.
    pub fn new(data: &Dataset) -> MapGeometry {
        let arcs = data.arcs.iter().map(|arc| arc.iter().map(|&p| project(p)).collect()).collect();
        let mut geometry = MapGeometry { arcs, layers: vec![None; data.bundle.geographies.len()] };
        for g in 0..geometry.layers.len() {
            geometry.ensure(data, g);
        }
        geometry
    }

    /// A layer ready for drawing, once its shapes are built and it has been indexed.
    pub fn layer(&self, geography: usize) -> Option<&LayerGeometry> {
        self.layers.get(geography)?.as_ref()
    }

    /// Projects and indexes a layer if the dataset has built its shapes and it is not indexed yet.
    pub fn ensure(&mut self, data: &Dataset, geography: usize) {
        let (Some(slot @ None), Some(shapes), Some(g)) =
            (self.layers.get_mut(geography), data.layer(geography), data.bundle.geographies.get(geography))
        else {
            return;
        };
        let projected = ProjectedLayer::new(shapes.areas.iter().map(|a| &a.polygons));
        let hit = HitIndex::new(&projected);
        let mut mesh: Vec<usize> = g
            .areas
            .iter()
            .flat_map(|a| a.polygons.iter().flatten().flatten())
            .map(|&r| arc_index(r).0)
            .filter(|&i| i < data.arcs.len())
            .collect();
        sort_unique(&mut mesh);
        *slot = Some(LayerGeometry { projected, hit, mesh, points: OnceLock::new() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::dataset::tests::TWO_SQUARES;

    #[test]
    fn interior_points_are_one_per_area_and_inside_it() {
        let data = Dataset::from_json(TWO_SQUARES.as_bytes()).expect("valid synthetic bundle");
        let geometry = MapGeometry::new(&data);
        let layer = geometry.layer(0).expect("built");
        let points = layer.interior_points();
        assert_eq!(points.len(), 3);
        for (area, point) in points.iter().enumerate() {
            let point = point.expect("every square has a point");
            assert_eq!(layer.hit.area_at(&layer.projected, point), Some(area));
        }
        // Kept, not recomputed: the second call hands back the same slice.
        assert!(std::ptr::eq(points, layer.interior_points()));
    }
}
