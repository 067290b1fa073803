//! The widget's state machine, free of browser types: which indicator, geography and period are
//! shown, the viewport, hover and selection. The `web` shell forwards events to it and paints the
//! scenes it lays out.

/// The atlas state and its operations.
pub mod atlas;
/// Number formatting with units.
pub mod format;

pub use atlas::{AreaInfo, Atlas, Caption, LegendEntry, ViewState};
