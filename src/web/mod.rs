//! The browser shell: the only module that names `wasm_bindgen`, `web_sys` or `js_sys`. It exports
//! one opaque handle per widget whose methods take numbers and short strings and return small
//! results, paints scenes on canvases, and turns errors into JS `Error`s carrying a stable `code`.
//! JavaScript owns every event listener, so no Rust closure is leaked.

/// The exported handle.
mod handle;
/// Canvas painter.
mod painter;
/// Panic reporting and error conversion.
mod report;

pub use handle::AtlasHandle;
