//! The browser shell: the only module that names `wasm_bindgen`, `web_sys` or `js_sys`. It exports
//! one opaque handle per widget whose methods take numbers and short strings and return small
//! results, paints scenes on canvases, and turns errors into JS `Error`s carrying a stable `code`.
//! JavaScript owns every event listener, so no Rust closure is leaked.

/// The analysis module's handle: patches, comparisons, notes, work × health.
#[cfg(feature = "analysis-shell")]
mod analysis;
/// Canvases for plotters (chart and analysis modules).
#[cfg(any(feature = "chart-shell", feature = "analysis-shell"))]
mod canvas;
/// The chart module's exported handle (built with the `chart-shell` feature).
#[cfg(feature = "chart-shell")]
mod charts;
/// The map module's exported handle (built with the `map-shell` feature).
#[cfg(feature = "map-shell")]
mod handle;
/// The data importer's handle (built with the `import-shell` feature).
#[cfg(feature = "import-shell")]
mod import;
/// The map's border lines kept as a raster between repaints.
#[cfg(feature = "map-shell")]
mod lines_cache;
/// Text measurement on the canvas for plotters (no inline styles).
#[cfg(any(feature = "chart-shell", feature = "analysis-shell"))]
mod measure;
/// Canvas painter.
#[cfg(feature = "map-shell")]
mod painter;
/// Exported chart pictures: title, chart, key, notes (built with the `chart-shell` feature).
#[cfg(feature = "chart-shell")]
mod pictures;
/// The map's place names on the canvas.
#[cfg(feature = "map-shell")]
mod place_names;
/// Panic reporting and error conversion.
mod report;

#[cfg(feature = "analysis-shell")]
pub use analysis::AnalysisHandle;
#[cfg(feature = "chart-shell")]
pub use charts::ChartHandle;
#[cfg(feature = "map-shell")]
pub use handle::AtlasHandle;
#[cfg(feature = "import-shell")]
pub use import::Importer;
