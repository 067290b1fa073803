//! Tracking impact: what Community Innovation Teams need to show whether things moved in the
//! neighbourhoods they work in, honestly and with the uncertainty stated.
//!
//! - [`tables`] — the bundle's tables without its shapes, which the analyses read: every layer's
//!   codes, names and parents and every indicator's series (from the bundle the page already holds);
//! - [`patch`] — a named set of the smallest areas with its interventions, built from codes or
//!   names (wards and districts expand to their areas);
//! - [`figures`] — a patch's values recomputed from summed counts, with intervals, withheld when
//!   any member's count is not published (so no figure can be recovered by difference);
//! - [`comparison`] — matched comparison areas and the difference-in-differences;
//! - [`notes`] — co-researcher notes, validated;
//! - [`scatter`] — two indicators across a layer's areas: correlation and the 3×3 bivariate map,
//!   in words from [`measure`] ("a higher disability rate");
//! - [`patch_views`] — what the patch adds to the map's own trend chart, table and key.
//!
//! Plain Rust, natively tested; the analysis module (a third wasm, `web::analysis`) runs it in
//! the browser. A sibling of `app`, not built on it: it shares the lower layers (`model`, `stats`,
//! `layout`, `format`) and imports nothing from the widget's state machine.

/// The patch's trend chart: its line, comparators, comparison group and markers.
pub mod chart;
/// Matched comparison areas and the difference-in-differences for a patch.
pub mod comparison;
/// The patch's CSV export with its provenance, interventions, comparison and notes.
pub mod export;
/// A patch's figures from summed counts.
pub mod figures;
/// An indicator's level in words ("a higher disability rate").
pub mod measure;
/// Co-researcher notes.
pub mod notes;
/// Patches and interventions.
pub mod patch;
/// What the patch adds to the map's own trend chart, table and key.
pub mod patch_views;
/// The work × health scatter and bivariate classes.
pub mod scatter;
/// The bundle's tables (no shapes): the figures the analyses read.
pub mod tables;

pub use patch::{Intervention, Patch};
pub use tables::BundleTables;
