//! One file from text to indicators: parse the CSV, detect the layout, read the figures, check
//! them against the bundle's areas, convert old boundaries, and build an indicator per dataset
//! and breakdown category — collecting every problem on the way and never failing outright.

use super::areas::Areas;
use super::csv::{self, NotCsv};
use super::datasets::{self, Description};
use super::grid;
use super::layout::{self, Layout};
use super::meta::{self, SeriesMeta};
use super::problem::{Kind, Problem, Problems};
use super::reading::{says_synthetic, Measure, Reading};
use super::reference::Reference;
use super::series::Build;
use super::summary::{sentences, Facts};
use super::wide_table::header_row;
use super::{nomis_api, nomis_web, stat_xplore, template};
use crate::format::fixed;
use crate::model::bundle::{Bundle, Indicator};
use serde::Serialize;

/// Largest file the browser reads (bytes): a monthly LSOA series for several years fits well
/// inside; a larger one is usually a whole-country download, better fetched area by area.
pub const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// Why a file of `bytes` bytes is not read, in words; `None` when it is small enough.
pub fn too_large(name: &str, bytes: f64) -> Option<String> {
    (bytes > MAX_FILE_BYTES).then(|| {
        let size = fixed(bytes / 1e6, 1);
        format!("{name} is {size} MB; files up to 50 MB can be added. Download fewer months or areas at a time.")
    })
}

const NOT_CSV: Kind = Kind::error("not-csv", "save the sheet as CSV (comma-separated)");
const UNKNOWN_LAYOUT: Kind = Kind::error("unknown-layout", layout::ACCEPTED);
const NO_FIGURES: Kind =
    Kind::error("no-figures", "fix the problems listed, or check that the file has rows of figures under its header");

/// The result of importing one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The layout detected.
    pub layout: Layout,
    /// The indicators made; empty when nothing was usable or a description is needed first.
    pub indicators: Vec<Indicator>,
    /// Every problem found, errors and warnings.
    pub problems: Vec<Problem>,
    /// Data rows seen.
    pub rows_read: usize,
    /// Rows that became figures (withheld figures are not kept).
    pub rows_kept: usize,
    /// A suggested description, when the figures are not a recognised dataset and none was given.
    pub needs_meta: Option<SeriesMeta>,
    /// Plain sentences saying what was read and added.
    pub summary: Vec<String>,
}

impl Imported {
    fn nothing(layout: Layout, problems: Problems, sentence: &str) -> Imported {
        Imported {
            layout,
            indicators: Vec::new(),
            problems: problems.finish(),
            rows_read: 0,
            rows_kept: 0,
            needs_meta: None,
            summary: vec![sentence.to_string()],
        }
    }
}

/// Who publishes files of this layout, for suggested descriptions.
fn publisher(layout: Layout) -> Option<&'static str> {
    match layout {
        Layout::NomisApi | Layout::NomisWeb => Some("Office for National Statistics (via Nomis)"),
        Layout::StatXplore => Some("Department for Work and Pensions (via Stat-Xplore)"),
        Layout::Template | Layout::Unknown => None,
    }
}

/// Makes indicator ids unique within one import (two categories may slug alike).
fn unique_ids(indicators: &mut [Indicator]) {
    let mut seen: Vec<String> = Vec::new();
    for ind in indicators.iter_mut() {
        let base = ind.id.clone();
        let mut n = 2;
        while seen.contains(&ind.id) {
            ind.id = format!("{base}-{n}");
            n += 1;
        }
        seen.push(ind.id.clone());
    }
}

/// Imports one file. `bundle` is the atlas's own bundle (without earlier overlays), `reference`
/// its `data/lookups.json`, `meta` the person's description when the file is not a recognised
/// dataset. Never panics; every problem is in [`Imported::problems`].
///
/// # Examples
/// ```
/// use work_health_atlas::import::{import_file, Layout, Reference};
/// # let bundle: work_health_atlas::model::Bundle = serde_json::from_str(include_str!("../../data/atlas.json")).unwrap();
/// let imported = import_file(&bundle, &Reference::default(), "notes.txt", "just some words", None);
/// assert_eq!(imported.layout, Layout::Unknown);
/// assert_eq!(imported.problems[0].message, "not a CSV file");
/// ```
pub fn import_file(
    bundle: &Bundle,
    reference: &Reference,
    file_name: &str,
    text: &str,
    meta: Option<&SeriesMeta>,
) -> Imported {
    let mut problems = Problems::new(file_name);
    let records = match csv::parse(text) {
        Ok(records) => records,
        Err(why) => {
            let value = match why {
                NotCsv::Binary(_) => "binary content",
                NotCsv::NoColumns => "no row has two comma-separated cells",
            };
            problems.file(NOT_CSV, None, Some(value), "not a CSV file");
            return Imported::nothing(Layout::Unknown, problems, "Nothing was read: the file is not a CSV file.");
        }
    };
    let layout = layout::detect(&records);
    // Only the wide layouts need the table header (a long Nomis file has no such row to find).
    let table = if matches!(layout, Layout::NomisWeb | Layout::StatXplore) { header_row(&records) } else { None };
    let mut reading: Reading = match (layout, table) {
        (Layout::Template, _) => template::read(&records, file_name, &mut problems),
        (Layout::NomisApi, _) => nomis_api::read(&records, file_name, &mut problems),
        (Layout::NomisWeb, Some(h)) => nomis_web::read(&records, h, file_name, &mut problems),
        (Layout::StatXplore, Some(h)) => stat_xplore::read(&records, h, file_name, &mut problems),
        _ => {
            problems.file(UNKNOWN_LAYOUT, None, None, "not a layout the atlas can read");
            return Imported::nothing(Layout::Unknown, problems, "Nothing was read: the layout was not recognised.");
        }
    };
    let areas = Areas::new(bundle, reference);
    let grid = grid::collect(&areas, reference, &reading, layout == Layout::Template, &mut problems);
    let shipped: Vec<&str> = bundle.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut needs_meta = None;
    let description: Option<Description> = match (reading.known, meta) {
        (Some(known), _) => Some(datasets::known(known, &shipped)),
        (None, Some(m)) => {
            meta::check(m, &mut problems).then(|| datasets::from_meta(m, reading.measure, file_name, &shipped))
        }
        (None, None) => {
            needs_meta =
                Some(meta::suggestion(file_name, reading.title.as_deref(), reading.measure, publisher(layout)));
            None
        }
    };
    let mut indicators = Vec::new();
    if let Some(all) = &description {
        let build = Build { bundle, reference, grid: &grid, measure: reading.measure, estimated: grid.converted > 0 };
        indicators.extend(build.indicator(all, 0, &mut problems));
        if reading.measure == Measure::Counts {
            for (i, name) in reading.categories.iter().enumerate().take(grid::MAX_CATEGORIES) {
                let one = datasets::category(all, name, &shipped);
                indicators.extend(build.indicator(&one, i + 1, &mut problems));
            }
        }
        if indicators.is_empty() {
            problems.file(NO_FIGURES, None, None, "no figures could be read");
        }
    }
    // The person's own description counts as the file's metadata for the honesty rule.
    let described_synthetic = |m: &SeriesMeta| says_synthetic(&m.name) || says_synthetic(&m.source);
    reading.synthetic |= reading.known.is_none() && meta.is_some_and(described_synthetic);
    if reading.synthetic {
        indicators.iter_mut().for_each(datasets::mark_synthetic);
    }
    unique_ids(&mut indicators);
    let summary = sentences(&Facts {
        bundle,
        reading: &reading,
        grid: &grid,
        indicators: &indicators,
        needs_meta: needs_meta.is_some(),
        totals: problems.totals(),
        error_lines: problems.lines_with_errors(),
    });
    Imported {
        layout,
        indicators,
        problems: problems.finish(),
        rows_read: reading.rows_read,
        rows_kept: grid.rows_kept,
        needs_meta,
        summary,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_over_the_limit_is_refused_in_words() {
        assert_eq!(super::too_large("claims.csv", 1.0e6), None);
        assert_eq!(super::too_large("claims.csv", super::MAX_FILE_BYTES), None);
        assert_eq!(
            super::too_large("all-england.csv", 73.26e6).as_deref(),
            Some(
                "all-england.csv is 73.3 MB; files up to 50 MB can be added. Download fewer months or areas at a time."
            )
        );
    }

    use super::*;
    use crate::import::problem::Severity;
    use crate::import::test_bundle::{bundle, reference};
    use crate::model::bundle::Polarity;

    fn import(name: &str, text: &str, meta: Option<&SeriesMeta>) -> Imported {
        import_file(&bundle(), &reference(), name, text, meta)
    }

    fn meta() -> SeriesMeta {
        SeriesMeta {
            id: None,
            name: "People helped into work".into(),
            unit: "%".into(),
            polarity: Polarity::HigherIsBetter,
            source: "Our project".into(),
            licence: "CC BY 4.0".into(),
            theme: None,
        }
    }

    #[test]
    fn binary_and_unknown_files() {
        let binary = import("book.xlsx", "PK\u{3}\u{4}\u{0}\u{0}", None);
        assert_eq!(binary.layout, Layout::Unknown);
        assert_eq!(binary.problems.len(), 1);
        assert_eq!(binary.problems[0].message, "not a CSV file");
        assert_eq!(binary.problems[0].hint.as_deref(), Some("save the sheet as CSV (comma-separated)"));
        let unknown = import("x.csv", "name,age\nAnn,3\n", None);
        assert_eq!((unknown.layout, unknown.problems.len()), (Layout::Unknown, 1));
        assert!(unknown.problems[0].hint.as_deref().unwrap_or("").contains("area,period,numerator,denominator"));
    }

    #[test]
    fn a_template_needs_a_description_but_its_rows_are_checked_first() {
        let text = "area,period,numerator,denominator\nWestward,2024-Q1,10,400\nNowhere,2024-Q1,1,2\n";
        let first = import("people_helped.csv", text, None);
        assert_eq!(first.layout, Layout::Template);
        assert!(first.indicators.is_empty());
        assert_eq!(first.needs_meta.as_ref().map(|m| m.name.as_str()), Some("People helped"));
        assert_eq!(first.problems.len(), 1, "the unknown name: {:?}", first.problems);
        assert_eq!((first.rows_read, first.rows_kept), (2, 1));
        let second = import("people_helped.csv", text, Some(&meta()));
        assert_eq!(second.needs_meta, None);
        assert_eq!(second.indicators.len(), 1);
        assert_eq!(second.indicators[0].id, "people-helped-into-work");
        assert_eq!(second.indicators[0].label, "People helped into work");
    }

    #[test]
    fn a_synthetic_description_marks_the_figures() {
        let mut m = meta();
        m.source = "Made up for a demo (synthetic)".into();
        let out = import("t.csv", "area,period,value\nWestward,2024,1\n", Some(&m));
        assert_eq!(out.indicators[0].label, "SYNTHETIC People helped into work");
        assert!(out.indicators[0].source.edition.ends_with(" — SYNTHETIC test data, not real figures"));
    }

    #[test]
    fn bad_meta_adds_nothing() {
        let mut m = meta();
        m.source = String::new();
        let out = import("t.csv", "area,period,value\nWestward,2024,1\n", Some(&m));
        assert!(out.indicators.is_empty());
        assert_eq!(out.problems[0].column.as_deref(), Some("meta.source"));
    }

    #[test]
    fn a_synthetic_claimant_download_is_labelled() {
        let text = "\"Claimant count by sex and age\"\n\"SYNTHETIC\"\n\"measure:\",\"Claimant count\"\n\"\"\n\"2021 super output area - lower layer\",\"January 2024\",\"February 2024 (p)\"\n\"E01000001 : Alpha 001A\",\"10\",\"12\"\n\"E01000002 : Alpha 001B\",\"*\",\"8\"\n\"\"\n";
        let out = import("download.csv", text, None);
        assert_eq!(out.layout, Layout::NomisWeb);
        let ind = &out.indicators[0];
        assert_eq!(ind.id, "claimant-rate");
        assert_eq!(ind.label, "SYNTHETIC Claimant rate");
        assert_eq!(ind.source.edition, "Jan 2024 – Feb 2024 — SYNTHETIC test data, not real figures");
        assert_eq!(ind.periods[1].reference, "claimants on the count date in February 2024 (provisional)");
        assert_eq!((out.rows_read, out.rows_kept), (2, 2));
        assert!(out.problems.iter().all(|p| p.severity == Severity::Warning), "{:?}", out.problems);
        assert_eq!(
            out.summary[0],
            "Read 2 rows: 2 months (Jan 2024 – Feb 2024) for 2 LSOAs; added “SYNTHETIC Claimant rate” on 4 layers."
        );
    }

    #[test]
    fn universal_credit_with_a_breakdown() {
        let text = "\"Dataset: People on Universal Credit\"\n\"\"\n\"Lower Layer Super Output Area (2021)\",\"Conditionality Regime\",\"January 2024\",\"February 2024\"\n\"Alpha 001A\",\"Searching for work\",\"12\",\"13\"\n\"Alpha 001A\",\"No work requirements\",\"20\",\"..\"\n\"Total\",\"Total\",\"32\",\"13\"\n\"\"\n";
        let out = import("uc.csv", text, None);
        assert_eq!(out.layout, Layout::StatXplore);
        let ids: Vec<&str> = out.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["uc-people", "uc-people-searching-for-work", "uc-people-no-work-requirements"]);
        assert!(
            out.summary[0].ends_with("added “People on Universal Credit” and 2 breakdowns on 1 layer."),
            "{:?}",
            out.summary
        );
    }

    #[test]
    fn ids_stay_unique() {
        let mut inds = vec![bundle().indicators.remove(0); 3];
        unique_ids(&mut inds);
        let ids: Vec<&str> = inds.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["employment-deprivation", "employment-deprivation-2", "employment-deprivation-3"]);
    }
}
