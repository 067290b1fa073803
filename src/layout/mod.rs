//! Layout: pure functions from the dataset, the current view and the viewport to display lists.
//! Nothing here knows about the browser.

/// The difference-in-differences chart.
pub mod did;
/// The district panel's small multiples.
pub mod districts;
/// The event-study chart: the patch-minus-comparison gap in every period.
pub mod event_study;
/// Geometry projected once per dataset: arcs, layers, hit indexes, border meshes.
pub mod geometry;
/// One row of the map's key.
pub mod key;
/// Where place names go on the map.
pub mod labels;
/// The map's base and overlay scenes.
pub mod map;
/// An exported chart as one picture: title, chart, key, footnotes and caption, wrapped.
pub mod picture;
/// Every chart the widget shows, as one type for its exported picture, with its key.
pub mod picture_chart;
/// The area profile as a spine chart.
pub mod profile;
/// The work × health scatter plot.
pub mod scatter;
/// One row of the data table and its CSV.
pub mod table;
/// Which period labels fit on a chart's x axis.
pub mod ticks;
/// The trend chart, drawn with plotters on any backend.
pub mod trend;
/// An indicator's trend chart frame and the comparators' line colours.
pub mod trend_spec;

pub use geometry::MapGeometry;
