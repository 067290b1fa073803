//! Nomis web query downloads: a few metadata lines (title, copyright, `"sex:","Total"`,
//! `"measure:","Claimant count"`, …), a wide table of areas × months, and footnotes. The area
//! column holds `E01006512 : Liverpool 001A`, or names with the codes in a `mnemonic` column.
//!
//! The metadata says which dataset it is (a line above the table mentioning "Claimant count"),
//! whether the areas are 2011 LSOAs, and whether the measure is a rate — a rate cannot be turned
//! into counts, so such a file is refused with a hint to download the count instead.

use super::csv::Record;
use super::problem::{Kind, Problems};
use super::reading::{normalise_header, says_2011_boundaries, says_synthetic, Known, Measure, Reading};
use super::wide_table;

const RATES_NOT_COUNTS: Kind = Kind::error(
    "rates-not-counts",
    "download the measure \"Claimant count\" (a count of people); the atlas computes the rates itself",
);

/// True when a measure name is a rate or share rather than a count.
pub(crate) fn is_rate_measure(name: &str) -> bool {
    let n = name.to_lowercase();
    ["proportion", "rate", "percent"].iter().any(|w| n.contains(w))
}

/// Reads a Nomis web download whose table header is `records[header]`.
pub fn read(records: &[Record], header: usize, file_name: &str, problems: &mut Problems) -> Reading {
    let mut reading = Reading::new(Measure::Counts);
    let preamble = records.get(..header).unwrap_or_default();
    reading.title = preamble.iter().find(|r| !r.is_blank()).map(|r| r.cell(0).to_string());
    for r in preamble {
        let line = r.cells().collect::<Vec<_>>().join(" ");
        if line.to_lowercase().contains("claimant count") {
            reading.known = Some(Known::ClaimantCount);
        }
        if normalise_header(r.cell(0)).starts_with("measure") && is_rate_measure(r.cell(1)) {
            problems.file(RATES_NOT_COUNTS, Some(r.cell(0)), Some(r.cell(1)), "the download holds rates, not counts");
            return reading;
        }
        reading.boundaries_2011 |= says_2011_boundaries(&line);
    }
    if let Some(head) = records.get(header) {
        reading.boundaries_2011 |= says_2011_boundaries(head.cell(0));
    }
    let end = wide_table::read(records, header, &mut reading, problems);
    let notes = preamble.iter().chain(records.get(end..).unwrap_or_default());
    reading.synthetic = says_synthetic(file_name) || notes.clone().any(|r| r.cells().any(says_synthetic));
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::parse;
    use crate::import::reading::Slot;
    use crate::import::wide_table::header_row;

    const DOWNLOAD: &str = "\"Claimant count by sex and age\"\n\"ONS Crown Copyright Reserved [from Nomis on 3 December 2026]\"\n\"sex:\",\"Total\"\n\"age:\",\"All categories: Age 16+\"\n\"measure:\",\"Claimant count\"\n\"units:\",\"Persons\"\n\"\"\n\"2021 super output area - lower layer\",\"January 2023\",\"February 2023\"\n\"E01006512 : Liverpool 001A\",\"25\",\"30\"\n\"E01006513 : Liverpool 001B\",\"-\",\"12\"\n\"\"\n\"SYNTHETIC test data\"\n";

    fn read_text(text: &str) -> (Reading, usize) {
        let records = parse(text).expect("csv");
        let mut problems = Problems::new("x.csv");
        let header = header_row(&records).expect("a table");
        let reading = read(&records, header, "x.csv", &mut problems);
        (reading, problems.finish().len())
    }

    #[test]
    fn a_claimant_count_download() {
        let (r, problems) = read_text(DOWNLOAD);
        assert_eq!(problems, 0);
        assert_eq!(r.known, Some(Known::ClaimantCount));
        assert!(r.synthetic, "the footnote says SYNTHETIC");
        assert!(!r.boundaries_2011);
        assert_eq!(r.rows_read, 2);
        assert_eq!(
            r.rows.iter().map(|o| o.slot).collect::<Vec<_>>(),
            vec![Some(Slot::Count(25.0)), Some(Slot::Count(30.0)), Some(Slot::Withheld), Some(Slot::Count(12.0))]
        );
        assert_eq!(r.title.as_deref(), Some("Claimant count by sex and age"));
    }

    #[test]
    fn old_boundaries_and_rates() {
        let old = DOWNLOAD.replace("2021 super output area", "2011 super output area");
        assert!(read_text(&old).0.boundaries_2011);
        let rates = DOWNLOAD.replace(
            "\"measure:\",\"Claimant count\"",
            "\"measure:\",\"Claimants as a proportion of residents aged 16-64\"",
        );
        let (r, problems) = read_text(&rates);
        assert!(r.rows.is_empty());
        assert_eq!(problems, 1);
    }

    #[test]
    fn other_datasets_are_not_claimants() {
        let other = DOWNLOAD.replace("Claimant count", "Jobseeker's Allowance").replace("SYNTHETIC", "real");
        let (r, _) = read_text(&other);
        assert_eq!(r.known, None);
        assert!(!r.synthetic);
    }
}
