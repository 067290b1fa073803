//! Work & Health Atlas: an embeddable, client-side atlas of worklessness and ill health in the
//! Liverpool City Region.
//!
//! The crate is layered so that everything but [`web`] is plain Rust, tested natively:
//! - [`model`] — the data bundle's schema, its collect-all validation and the decoded dataset;
//! - [`geom`] — projection, viewport and the spatial index used for hit-testing;
//! - [`scale`] — classification and colour scales;
//! - [`stats`] — confidence intervals, benchmarking and the recent-trend test;
//! - [`render`] — the display list (scene) and its SVG painter;
//! - [`layout`] — turns a dataset and a view into a scene;
//! - [`app`] — the widget's state machine;
//! - [`impact`] — patches, matched comparisons, co-researcher notes, work × health;
//! - [`import`] — figures from Nomis, Stat-Xplore or the community template as indicators;
//! - `web` (wasm32 only) — the exported handle and the canvas painter.
#![forbid(unsafe_code)]

pub mod app;
pub mod error;
pub mod geom;
/// Tracking impact: patches, matched comparisons, notes, work × health.
pub mod impact;
/// Importing Nomis, Stat-Xplore and community-template CSV files as indicators and overlays.
pub mod import;
pub mod layout;
pub mod model;
pub mod render;
pub mod scale;
/// Statistics: confidence intervals (Wilson, exact/Byar), benchmarking and the recent-trend test.
pub mod stats;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
