//! The widget's state machine, free of browser types: which indicator, geography, period,
//! classification and change mode are shown, the viewport, hover and selection. The `web` shell
//! forwards events to it and paints the scenes it lays out.

/// Short words announced as the keyboard focus moves.
pub mod announce;
/// The atlas state and its operations.
pub mod atlas;
/// Benchmarks, recent trend and the area profile.
pub mod benchmark;
/// What the controls offer.
pub mod catalogue;
/// Words for people: tooltip facts, legend, caption.
pub mod describe;
/// Which area an arrow key leads to.
pub mod direction;
/// CSV export of the current layer.
pub mod export;
/// Keyboard navigation between areas.
pub mod keyboard;
/// Which place names the map shows.
pub mod labels;
/// Choosing an area by search result or postcode.
pub mod locate;
/// Where an area is, in words: its ward and district.
pub mod place;
/// Name and code search over every layer.
pub mod search;
/// The plain-English sentence for an area.
pub mod sentence;
/// The data table of the current layer.
pub mod table;
/// The selected area's trend chart and readout.
pub mod trend;
/// What a change asks the page to redraw.
pub mod update;

pub use atlas::{Atlas, ViewState};
pub use describe::{AreaInfo, Caption, LegendEntry};
pub use keyboard::FocusStep;
pub use locate::Chosen;
pub use update::Update;
