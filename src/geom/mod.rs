//! Geometry: projection from longitude/latitude to world coordinates, the viewport that maps world
//! coordinates to CSS pixels (and back), and the spatial index that answers "which area is here".
//!
//! World coordinates are spherical Web Mercator in radians with y growing southwards, so that
//! screen y grows downwards without a flip.

/// Even-odd point-in-area test (the fill rule of the painters).
pub mod contains;
/// Grid spatial index over projected areas.
pub mod hit;
/// A point inside a polygon.
pub mod interior;
/// Longitude/latitude → world coordinates.
pub mod projection;
/// World ↔ screen transform with zoom and pan.
pub mod viewport;

pub use hit::HitIndex;
pub use projection::{project, ProjectedLayer, Ring};
pub use viewport::Viewport;
