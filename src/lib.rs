//! Work & Health Atlas: an embeddable, client-side atlas of worklessness and ill health in the
//! Liverpool City Region.
//!
//! The crate is layered so that everything but [`web`] is plain Rust, tested natively. Imports
//! point down only, so each layer can be read and tested without the ones above it:
//! - leaves (std only, no crate imports): [`format`] — numbers with units for people, CSV cells;
//!   [`num`] — the crate's one sort, the R-7 quantile, mean and variance;
//! - [`geom`] — projection, viewport and the spatial index used for hit-testing;
//! - [`scale`] — classification and colour scales;
//! - [`stats`] — confidence intervals, benchmarking and the recent-trend test;
//! - [`model`] — the data bundle's schema, its collect-all validation and the decoded dataset
//!   (uses `geom` for ring tests and converts its polarity into `stats`' direction);
//! - [`error`] — the crate's [`Error`], wrapping the model's load errors;
//! - [`render`] — the display list (scene) and its SVG painter;
//! - [`layout`] — turns a dataset and a view into a scene, and draws the charts;
//! - [`app`] — the widget's state machine, and beside it [`impact`] — patches, matched
//!   comparisons, co-researcher notes, work × health (neither imports the other);
//! - [`import`] — figures from Nomis, Stat-Xplore or the community template as indicators;
//! - `web` (wasm32 only) — the exported handles and the canvas painter.
#![forbid(unsafe_code)]

pub mod app;
pub mod error;
/// Text for people and files: numbers with units, CSV cells.
pub mod format;
pub mod geom;
/// Tracking impact: patches, matched comparisons, notes, work × health.
pub mod impact;
/// Importing Nomis, Stat-Xplore and community-template CSV files as indicators and overlays.
pub mod import;
pub mod layout;
pub mod model;
/// Numbers as d3-array treats them: sorting, quantiles, mean and variance.
pub mod num;
pub mod render;
pub mod scale;
/// Statistics: confidence intervals (Wilson, exact/Byar), benchmarking and the recent-trend test.
pub mod stats;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
