//! Recognising what kind of file was dropped: a Nomis API CSV (a long table with `OBS_VALUE`), a
//! Nomis web download or a Stat-Xplore table (metadata lines around a wide table with one column
//! per period; Stat-Xplore's start with a `Dataset:` line), or the atlas's community template
//! (`area,period,…`). Detection reads only the content, so a renamed file is still recognised.

use super::csv::Record;
use super::reading::normalise_header;
use super::wide_table::header_row;
use serde::Serialize;

/// The layouts the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Nomis API / bulk CSV: one row per area, date and measure.
    NomisApi,
    /// Nomis web query download: a wide table between metadata lines.
    NomisWeb,
    /// Stat-Xplore table export: a wide table after a `Dataset:` line.
    StatXplore,
    /// The atlas's community template: `area,period,numerator,denominator` or `area,period,value`.
    Template,
    /// None of these.
    Unknown,
}

/// What the importer accepts, for the "unknown layout" problem.
pub const ACCEPTED: &str = "the atlas reads a Nomis API CSV (…/dataset/NM_162_1.data.csv), a Nomis web download \
saved as CSV, a Stat-Xplore table saved as CSV, or its template (area,period,numerator,denominator or area,period,value)";

/// How many leading records may be metadata before the table starts.
const MAX_PREAMBLE: usize = 200;

/// Detects the layout of parsed records.
///
/// # Examples
/// ```
/// use work_health_atlas::import::{csv::parse, layout::{detect, Layout}};
/// let records = parse("Area,Period,Value\nAnfield,2024-Q1,3.5\n").unwrap();
/// assert_eq!(detect(&records), Layout::Template);
/// ```
pub fn detect(records: &[Record]) -> Layout {
    let Some(first) = records.iter().find(|r| !r.is_blank()) else { return Layout::Unknown };
    let headers: Vec<String> = first.cells().map(normalise_header).collect();
    if headers.first().map(String::as_str) == Some("area") && headers.get(1).map(String::as_str) == Some("period") {
        return Layout::Template;
    }
    if headers.iter().any(|h| h == "obs value") {
        return Layout::NomisApi;
    }
    let table = header_row(records);
    let preamble = records.get(..table.unwrap_or(records.len()).min(MAX_PREAMBLE)).unwrap_or_default();
    if preamble.iter().any(|r| r.cell(0).to_ascii_lowercase().starts_with("dataset:")) {
        return Layout::StatXplore;
    }
    if table.is_some() {
        return Layout::NomisWeb;
    }
    Layout::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::parse;

    fn layout(text: &str) -> Layout {
        detect(&parse(text).expect("csv"))
    }

    #[test]
    fn each_layout_is_recognised() {
        assert_eq!(layout("\u{feff}AREA , period,numerator,denominator\n"), Layout::Template);
        assert_eq!(layout("DATE,GEOGRAPHY_CODE,OBS_VALUE\n2024-01,E01006512,5\n"), Layout::NomisApi);
        assert_eq!(layout("date,geography code,obs value\n"), Layout::NomisApi);
        assert_eq!(
            layout("\"Claimant count by sex and age\"\n\"\"\n\"2021 super output area - lower layer\",\"January 2023\",\"February 2023\"\n\"E01006512 : Liverpool 001A\",\"25\",\"30\"\n"),
            Layout::NomisWeb
        );
        assert_eq!(
            layout("\"Dataset: People on Universal Credit\"\n\"\"\n\"Lower Layer Super Output Area (2021)\",\"January 2024\",\"February 2024\"\n"),
            Layout::StatXplore
        );
    }

    #[test]
    fn anything_else_is_unknown() {
        assert_eq!(layout("name,age\nAnn,3\n"), Layout::Unknown);
        assert_eq!(layout("a,b\n,\n"), Layout::Unknown);
        assert_eq!(layout("area,value\nx,1\n"), Layout::Unknown, "the template needs a period column");
        assert_eq!(layout("x,2024-01\n"), Layout::Unknown, "one period cell is not a table header");
    }

    #[test]
    fn serialised_names() {
        let names: Vec<String> =
            [Layout::NomisApi, Layout::NomisWeb, Layout::StatXplore, Layout::Template, Layout::Unknown]
                .iter()
                .map(|l| serde_json::to_string(l).unwrap_or_default())
                .collect();
        assert_eq!(names, ["\"nomis-api\"", "\"nomis-web\"", "\"stat-xplore\"", "\"template\"", "\"unknown\""]);
    }
}
