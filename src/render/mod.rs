//! Rendering: the display list ([`Scene`]) of CSS-pixel shapes that layout produces, the
//! [`Painter`] trait that draws it, and an SVG painter used for snapshots and exports. The
//! browser's canvas painter implements the same trait in `web`.

/// The display list.
pub mod scene;
/// SVG output of a scene.
pub mod svg;

pub use scene::{Fill, Item, Painter, Scene};
