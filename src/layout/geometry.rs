//! Geometry prepared once per dataset, in world coordinates: every arc projected, each layer's
//! areas as `geo` multipolygons with a hit index, and each layer's *mesh* — the arcs its areas use,
//! each listed once, so a border between two areas is stroked once, not twice.

use crate::geom::{project, HitIndex, ProjectedLayer};
use crate::model::keys::sort_unique;
use crate::model::topology::arc_index;
use crate::model::Dataset;

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
    /// One entry per geography, aligned with the bundle's geographies.
    pub layers: Vec<LayerGeometry>,
}

impl MapGeometry {
    /// Projects and indexes every layer of a dataset.
    pub fn new(data: &Dataset) -> MapGeometry {
        let arcs = data.arcs.iter().map(|arc| arc.iter().map(|&p| project(p)).collect()).collect();
        let layers = data
            .bundle
            .geographies
            .iter()
            .zip(&data.layers)
            .map(|(geography, shapes)| {
                let projected = ProjectedLayer::new(shapes.areas.iter().map(|a| &a.polygons));
                let hit = HitIndex::new(&projected);
                let mut mesh: Vec<usize> = geography
                    .areas
                    .iter()
                    .flat_map(|a| a.polygons.iter().flatten().flatten())
                    .map(|&r| arc_index(r).0)
                    .filter(|&i| i < data.arcs.len())
                    .collect();
                sort_unique(&mut mesh);
                LayerGeometry { projected, hit, mesh }
            })
            .collect();
        MapGeometry { arcs, layers }
    }
}
