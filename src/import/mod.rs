//! Importing figures people download — Nomis (API and web), Stat-Xplore, or the atlas's own
//! community template — as indicators in the bundle's schema, so a community team can track this
//! month's claimant count or its own monitoring figures beside the official series. Pure and
//! std-only: the browser shell and the native data builder call the same functions.
//!
//! The pipeline: [`csv`] records → [`layout`] detection → a layout reader ([`nomis_api`],
//! [`nomis_web`], [`stat_xplore`], [`template`]) → [`grid`] (areas, periods, duplicates, 2011
//! conversion) → [`series`] (sums to larger areas, the city region) → [`Indicator`]s. Every
//! problem is collected with its place, column, value and a hint; good rows are always kept.

/// Summing counts and residents into larger areas.
pub mod aggregate;
/// Finding the area a cell names: code, `code : name`, LSOA 2011 code or name.
pub mod areas;
/// Reading one figure: numbers, thousands separators and suppression marks.
pub mod cell;
/// The city region's figure, summed from every area of the widest layer.
pub mod city_region;
/// Converting LSOA 2011 counts to LSOA 2021 with the ONS lookup.
pub mod convert;
/// A small CSV reader that keeps line numbers.
pub mod csv;
/// Metadata of recognised datasets (claimant count, Universal Credit) and from a person's meta.
pub mod datasets;
/// The figures a file gives on one layer, by category, period and area.
pub mod figures;
/// The figures of a file arranged by layer, category, period and area, after whole-file checks.
pub mod grid;
/// One file from text to indicators.
pub mod importer;
/// Recognising the layout of a file.
pub mod layout;
/// A person's description of unrecognised figures, its checks and suggestions.
pub mod meta;
/// Nomis API / bulk CSVs (long tables with `OBS_VALUE`).
pub mod nomis_api;
/// Nomis web query downloads (wide tables between metadata lines).
pub mod nomis_web;
/// Overlay files: writing them, and checking them against the bundle.
pub mod overlay;
/// Periods: years, quarters and months in the forms publishers write.
pub mod period;
/// Problems with their places, capped per kind.
pub mod problem;
/// What every layout reader hands on.
pub mod reading;
/// The reference data: residents aged 16–64 and the LSOA 2011 → 2021 lookup.
pub mod reference;
/// Building a bundle indicator from the arranged figures.
pub mod series;
/// Stat-Xplore table exports.
pub mod stat_xplore;
/// The plain sentences that summarise an import.
pub mod summary;
/// The community template.
pub mod template;
#[cfg(test)]
mod test_bundle;
/// The wide tables of Nomis web downloads and Stat-Xplore exports.
pub mod wide_table;

pub use importer::{import_file, too_large, Imported, MAX_FILE_BYTES};
pub use layout::Layout;
pub use meta::SeriesMeta;
pub use overlay::{check_overlay, overlay_json};
pub use problem::{Problem, Severity};
pub use reference::Reference;

use crate::model::bundle::Indicator;
use serde::Serialize;

/// The result of checking an overlay: the indicators that passed, and the problems of the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checked {
    /// Indicators that passed, unchanged.
    pub indicators: Vec<Indicator>,
    /// Problems of the indicators (or the file) that did not.
    pub problems: Vec<Problem>,
}

/// The blank community template: the header line only.
///
/// CSV has no comments, and any example row would name a real area and period, so a person who
/// forgot to delete it would import a made-up figure for a real place. The header alone cannot
/// be mistaken for data; the import panel explains the columns (`area` is a code or name of an
/// LSOA, MSOA, ward or district, `period` is e.g. `2024-Q1`, `2024-03` or `2024`).
///
/// # Examples
/// ```
/// assert_eq!(work_health_atlas::import::template_csv(), "area,period,numerator,denominator\n");
/// ```
pub fn template_csv() -> String {
    format!("{}\n", template::HEADER)
}
