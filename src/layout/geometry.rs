//! Geometry prepared once per dataset, in world coordinates: every arc projected, each layer's
//! areas as `geo` multipolygons with a hit index, and each layer's *mesh* — the arcs its areas use,
//! each listed once, so a border between two areas is stroked once, not twice.

use crate::geom::{project, HitIndex, ProjectedLayer};
use crate::model::topology::arc_index;
use crate::model::Dataset;
use crate::num::sort_unique;

/// One layer ready for drawing and hit-testing.
#[derive(Debug, Clone)]
pub struct LayerGeometry {
    /// Areas in world coordinates.
    pub projected: ProjectedLayer,
    /// Spatial index over `projected`.
    pub hit: HitIndex,
    /// Indices of the arcs used by this layer's areas, each once, ascending.
    pub mesh: Vec<usize>,
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
        *slot = Some(LayerGeometry { projected, hit, mesh });
    }
}
