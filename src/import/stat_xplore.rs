//! Stat-Xplore table exports (DWP): a `Dataset:` line, `Counting:` and `Filters:` lines, a wide
//! table of areas (and perhaps a breakdown such as the Universal Credit conditionality regime)
//! × months, then footnotes about provisional figures and disclosure control.
//!
//! "People on Universal Credit" is recognised from the `Dataset:` line. "Households on Universal
//! Credit" is not: households are not people aged 16–64, so a rate over residents would mislead.

use super::csv::Record;
use super::problem::Problems;
use super::reading::{says_2011_boundaries, says_synthetic, Known, Measure, Reading};
use super::wide_table;

/// The dataset named by a `Dataset:` line, if the record is one.
fn dataset_line(record: &Record) -> Option<String> {
    let joined: Vec<&str> = record.cells().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let line = joined.join(" ");
    let rest = line.get(..8).filter(|p| p.eq_ignore_ascii_case("dataset:")).and_then(|_| line.get(8..))?;
    Some(rest.trim().to_string())
}

/// True for the dataset of people (not households) on Universal Credit.
fn is_uc_people(dataset: &str) -> bool {
    let d = dataset.to_lowercase();
    d.contains("universal credit") && !d.contains("household")
}

/// Reads a Stat-Xplore export whose table header is `records[header]`.
pub fn read(records: &[Record], header: usize, file_name: &str, problems: &mut Problems) -> Reading {
    let mut reading = Reading::new(Measure::Counts);
    let preamble = records.get(..header).unwrap_or_default();
    let dataset = preamble.iter().find_map(dataset_line);
    reading.known = dataset.as_deref().filter(|d| is_uc_people(d)).map(|_| Known::UniversalCreditPeople);
    reading.title = dataset;
    reading.boundaries_2011 = preamble.iter().chain(records.get(header)).any(|r| says_2011_boundaries(r.cell(0)));
    let end = wide_table::read(records, header, &mut reading, problems);
    let notes = preamble.iter().chain(records.get(end..).unwrap_or_default());
    reading.synthetic = says_synthetic(file_name) || notes.clone().any(|r| r.cells().any(says_synthetic));
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::parse;
    use crate::import::reading::{Category, Slot};
    use crate::import::wide_table::header_row;

    const EXPORT: &str = "\"Dataset: People on Universal Credit\"\n\"\"\n\"Counting:\",\"People on Universal Credit\"\n\"\"\n\"Filters:\"\n\"Employment indicator\",\"Total\"\n\"\"\n\"Lower Layer Super Output Area (2021)\",\"Conditionality Regime\",\"January 2024\",\"February 2024\"\n\"Liverpool 001A\",\"Searching for work\",\"12\",\"13\"\n\"Liverpool 001A\",\"No work requirements\",\"20\",\"..\"\n\"Total\",\"Total\",\"32\",\"13\"\n\"\"\n\"* Figures for the latest month are provisional and subject to revision.\"\n";

    fn read_text(text: &str, name: &str) -> Reading {
        let records = parse(text).expect("csv");
        let mut problems = Problems::new(name);
        let header = header_row(&records).expect("a table");
        read(&records, header, name, &mut problems)
    }

    #[test]
    fn people_on_universal_credit_with_a_breakdown() {
        let r = read_text(EXPORT, "uc.csv");
        assert_eq!(r.known, Some(Known::UniversalCreditPeople));
        assert_eq!(r.title.as_deref(), Some("People on Universal Credit"));
        assert_eq!(r.categories, vec!["Searching for work", "No work requirements"]);
        assert_eq!(r.rows_read, 2, "the Total row is not read");
        assert_eq!(r.rows[3].category, Category::One(1));
        assert_eq!(r.rows[3].slot, Some(Slot::Withheld));
        assert!(!r.synthetic && !r.boundaries_2011);
    }

    #[test]
    fn households_and_other_datasets_are_not_recognised() {
        let households = EXPORT.replace("Dataset: People on", "Dataset: Households on");
        assert_eq!(read_text(&households, "x.csv").known, None);
        let split =
            EXPORT.replace("\"Dataset: People on Universal Credit\"", "\"Dataset:\",\"People on Universal Credit\"");
        assert_eq!(read_text(&split, "x.csv").known, Some(Known::UniversalCreditPeople));
    }

    #[test]
    fn synthetic_from_the_file_name_and_2011_areas() {
        assert!(read_text(EXPORT, "uc_synthetic.csv").synthetic);
        let old = EXPORT.replace("(2021)", "(2011)");
        assert!(read_text(&old, "x.csv").boundaries_2011);
    }
}
