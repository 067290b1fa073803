//! What every layout reader hands on: one [`Observation`] per figure (area cell, period,
//! breakdown category, figure, and where it came from), plus what the file says about itself
//! (which dataset, 2011 boundaries, synthetic, breakdown rows skipped).
//!
//! Readers report problems in the cells they parse (periods, figures) and keep the row with the
//! bad part as `None`, so that the area cell is still checked and every problem of a row is
//! reported at once; such rows never become figures.

use super::period::{Mark, PeriodKey};
use std::collections::BTreeMap;

/// What the figures of a file measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Counts of people (Nomis, Stat-Xplore, unrecognised count files).
    Counts,
    /// Template numerators and denominators.
    Ratios,
    /// Template values that cannot be summed.
    Values,
}

/// A figure as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot {
    /// Withheld by the publisher.
    Withheld,
    /// A count.
    Count(f64),
    /// A numerator and its denominator.
    Ratio(f64, f64),
    /// A value.
    Value(f64),
}

/// The breakdown category of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// No breakdown: the row is for everyone.
    All,
    /// A "Total" row of a breakdown (used instead of summing the categories).
    Total,
    /// Category `i` of [`Reading::categories`].
    One(usize),
}

/// A recognised dataset, whose metadata the importer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// DWP claimant count (Nomis NM_162_1).
    ClaimantCount,
    /// DWP people on Universal Credit (Stat-Xplore).
    UniversalCreditPeople,
}

/// One figure of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Line of the row.
    pub line: u32,
    /// The area cell as written (code, name or `code : name`).
    pub area: String,
    /// Column of the area cell, in [`Reading::columns`].
    pub area_column: usize,
    /// The period; `None` when it did not parse (already reported).
    pub period: Option<(PeriodKey, Mark)>,
    /// Column of the period, in [`Reading::columns`].
    pub period_column: usize,
    /// The period as written (for problems).
    pub period_text: String,
    /// Breakdown category.
    pub category: Category,
    /// The figure; `None` when it did not parse (already reported).
    pub slot: Option<Slot>,
    /// Column of the figure, in [`Reading::columns`].
    pub value_column: usize,
}

/// Everything a layout reader found.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Column names, for problems.
    pub columns: Vec<String>,
    /// Breakdown categories (without "Total"), in order of appearance.
    pub categories: Vec<String>,
    /// Name of the breakdown column, when there is one.
    pub category_column: Option<String>,
    /// The figures.
    pub rows: Vec<Observation>,
    /// Data rows seen.
    pub rows_read: usize,
    /// Rows of other breakdowns or measures left out on purpose.
    pub rows_skipped: usize,
    /// What the figures measure.
    pub measure: Measure,
    /// The file says its LSOAs are 2011 ones.
    pub boundaries_2011: bool,
    /// A dataset the importer knows.
    pub known: Option<Known>,
    /// A metadata line says SYNTHETIC.
    pub synthetic: bool,
    /// A title from the file (first metadata line or dataset line), for suggestions.
    pub title: Option<String>,
    /// Position of each category in `categories` (a strange file may have thousands).
    category_index: BTreeMap<String, usize>,
}

impl Reading {
    /// An empty reading of the given measure.
    pub fn new(measure: Measure) -> Reading {
        Reading {
            columns: Vec::new(),
            categories: Vec::new(),
            category_column: None,
            rows: Vec::new(),
            rows_read: 0,
            rows_skipped: 0,
            measure,
            boundaries_2011: false,
            known: None,
            synthetic: false,
            title: None,
            category_index: BTreeMap::new(),
        }
    }

    /// Name of column `i`.
    pub fn column(&self, i: usize) -> &str {
        self.columns.get(i).map_or("", String::as_str)
    }

    /// The category of a breakdown cell, adding new categories as they appear.
    pub fn category(&mut self, cell: &str) -> Category {
        let cell = cell.trim();
        if cell.eq_ignore_ascii_case("total") {
            return Category::Total;
        }
        if let Some(i) = self.category_index.get(cell) {
            return Category::One(*i);
        }
        self.categories.push(cell.to_string());
        let i = self.categories.len() - 1;
        self.category_index.insert(cell.to_string(), i);
        Category::One(i)
    }
}

/// Header name in comparable form: no BOM, trimmed, lower case, `_` as space, single spaces.
pub fn normalise_header(header: &str) -> String {
    let lower = header.trim_start_matches('\u{feff}').trim().to_lowercase().replace('_', " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `text` says SYNTHETIC in any case.
pub fn says_synthetic(text: &str) -> bool {
    text.to_lowercase().contains("synthetic")
}

/// True when `text` names 2011 super output areas (Nomis geography types and web titles).
pub fn says_2011_boundaries(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("2011") && t.contains("super output area")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compare_in_any_case_and_spelling() {
        assert_eq!(normalise_header("\u{feff}GEOGRAPHY_CODE"), "geography code");
        assert_eq!(normalise_header(" Date  Name "), "date name");
    }

    #[test]
    fn categories_are_numbered_in_order_and_total_is_apart() {
        let mut r = Reading::new(Measure::Counts);
        assert_eq!(r.category("Searching for work"), Category::One(0));
        assert_eq!(r.category(" TOTAL "), Category::Total);
        assert_eq!(r.category("No work requirements"), Category::One(1));
        assert_eq!(r.category("Searching for work"), Category::One(0));
        assert_eq!(r.categories.len(), 2);
    }

    #[test]
    fn markers_in_metadata() {
        assert!(says_synthetic("claimants_SYNTHETIC.csv"));
        assert!(!says_synthetic("claimants.csv"));
        assert!(says_2011_boundaries("2011 super output areas - lower layer"));
        assert!(!says_2011_boundaries("2021 super output areas - lower layer"));
    }
}
