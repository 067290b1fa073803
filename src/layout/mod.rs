//! Layout: pure functions from the dataset, the current view and the viewport to display lists.
//! Nothing here knows about the browser.

/// Geometry projected once per dataset: arcs, layers, hit indexes, border meshes.
pub mod geometry;
/// The map's base and overlay scenes.
pub mod map;
/// The trend chart, drawn with plotters on any backend.
pub mod trend;

pub use geometry::MapGeometry;
