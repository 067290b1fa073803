//! The plain sentences shown after an import, e.g. "Read 24,072 rows: 24 months (Jan 2023 –
//! Dec 2024) for 1,003 LSOAs; added “Claimant rate” on 4 layers." — what was read, what was
//! added, and what was left out or estimated, so a person can tell at a glance whether the file
//! was the one they meant.

use super::areas::layer_noun;
use super::grid::Grid;
use super::reading::Reading;
use crate::format::count;
use crate::model::bundle::{Bundle, Indicator};

/// What the summary is about.
pub struct Facts<'a> {
    /// The bundle (for layer nouns).
    pub bundle: &'a Bundle,
    /// What the reader found.
    pub reading: &'a Reading,
    /// The arranged figures.
    pub grid: &'a Grid,
    /// The indicators made.
    pub indicators: &'a [Indicator],
    /// True when the person must describe the figures first.
    pub needs_meta: bool,
    /// Errors and warnings found.
    pub totals: (usize, usize),
    /// Lines left out because of errors.
    pub error_lines: usize,
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as f64), if n == 1 { one } else { many })
}

/// The periods and areas read, e.g. "24 months (Jan 2023 – Dec 2024) for 1,003 LSOAs".
fn coverage(f: &Facts) -> Option<String> {
    let kind = f.grid.kind?;
    let (first, last) = (f.grid.periods.first()?, f.grid.periods.last()?);
    let n = f.grid.periods.len();
    let range = if n == 1 { first.0.label() } else { format!("{} – {}", first.0.label(), last.0.label()) };
    let areas: Vec<String> = f
        .grid
        .layers
        .iter()
        .map(|l| {
            let k = l.areas_with_figures();
            format!("{} {}", count(k as f64), layer_noun(f.bundle, l.layer, k))
        })
        .collect();
    Some(format!("{} {} ({range}) for {}", count(n as f64), kind.noun(n), and_list(&areas)))
}

/// What was added, e.g. "added “Claimant rate” on 4 layers".
fn added(f: &Facts) -> String {
    let Some(first) = f.indicators.first() else {
        return if f.needs_meta {
            "describe the figures (name, unit, source, licence) to add them".to_string()
        } else {
            "nothing was added".to_string()
        };
    };
    let mut layers: Vec<&str> = first.series.iter().map(|s| s.geography.as_str()).collect();
    layers.dedup();
    let others = f.indicators.len() - 1;
    let breakdowns =
        if others > 0 { format!(" and {}", plural(others, "breakdown", "breakdowns")) } else { String::new() };
    format!("added “{}”{breakdowns} on {}", first.label, plural(layers.len(), "layer", "layers"))
}

/// The sentences.
pub fn sentences(f: &Facts) -> Vec<String> {
    let rows = plural(f.reading.rows_read, "row", "rows");
    let mut out = vec![match coverage(f) {
        Some(c) => format!("Read {rows}: {c}; {}.", added(f)),
        None => format!("Read {rows}; {}.", added(f)),
    }];
    if f.reading.rows_skipped > 0 {
        out.push(format!(
            "Skipped {} of other breakdowns or measures (by sex, age, or rates).",
            plural(f.reading.rows_skipped, "row", "rows")
        ));
    }
    if f.grid.withheld > 0 {
        let (were, show) = if f.grid.withheld == 1 { ("was", "shows") } else { ("were", "show") };
        out.push(format!(
            "{} {were} withheld by the publisher and {show} as no data.",
            plural(f.grid.withheld, "figure", "figures")
        ));
    }
    if f.grid.converted > 0 {
        out.push(format!(
            "Converted {} to LSOA 2021; the converted figures are estimates.",
            plural(f.grid.converted, "LSOA 2011 code", "LSOA 2011 codes")
        ));
    }
    let (errors, warnings) = f.totals;
    if f.error_lines > 0 {
        let were = if f.error_lines == 1 { "was" } else { "were" };
        out.push(format!(
            "{} {were} left out because of errors; see the list of problems.",
            plural(f.error_lines, "row", "rows")
        ));
    } else if errors > 0 {
        out.push(format!("{}; see the list of problems.", plural(errors, "error", "errors")));
    } else if warnings > 0 {
        out.push(format!("{} to read in the list of problems.", plural(warnings, "warning", "warnings")));
    }
    if f.reading.synthetic {
        out.push("The file says SYNTHETIC: these are test figures, not real ones, and are labelled so.".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::areas::Areas;
    use crate::import::grid::collect;
    use crate::import::period::PeriodKey;
    use crate::import::problem::Problems;
    use crate::import::reading::{Category, Measure, Observation, Slot};
    use crate::import::test_bundle::{bundle, reference};

    fn facts_of(reading: &Reading, needs_meta: bool, totals: (usize, usize)) -> Vec<String> {
        let error_lines = totals.0;
        let (b, r) = (bundle(), reference());
        let grid = collect(&Areas::new(&b, &r), &r, reading, true, &mut Problems::new("f.csv"));
        sentences(&Facts { bundle: &b, reading, grid: &grid, indicators: &[], needs_meta, totals, error_lines })
    }

    fn row(line: u32, area: &str, slot: Slot) -> Observation {
        Observation {
            line,
            area: area.into(),
            area_column: 0,
            period: PeriodKey::parse("2024"),
            period_column: 1,
            period_text: String::new(),
            category: Category::All,
            slot: Some(slot),
            value_column: 2,
        }
    }

    #[test]
    fn nothing_read() {
        assert_eq!(facts_of(&Reading::new(Measure::Counts), false, (0, 0)), ["Read 0 rows; nothing was added."]);
    }

    #[test]
    fn one_row_waiting_for_a_description() {
        let mut reading = Reading::new(Measure::Values);
        reading.rows = vec![row(2, "Westward", Slot::Value(1.0))];
        reading.rows_read = 1;
        assert_eq!(
            facts_of(&reading, true, (0, 0)),
            ["Read 1 row: 1 year (2024) for 1 ward; describe the figures (name, unit, source, licence) to add them."]
        );
    }

    #[test]
    fn skipped_withheld_converted_errors_and_synthetic() {
        let mut reading = Reading::new(Measure::Counts);
        reading.rows = vec![
            row(2, "E01000099", Slot::Count(9.0)),
            row(3, "E01000001", Slot::Withheld),
            row(4, "E01000002", Slot::Withheld),
        ];
        reading.rows_read = 5;
        reading.rows_skipped = 2;
        reading.synthetic = true;
        let s = facts_of(&reading, false, (1, 2));
        assert_eq!(
            s,
            [
                "Read 5 rows: 1 year (2024) for 4 LSOAs; nothing was added.",
                "Skipped 2 rows of other breakdowns or measures (by sex, age, or rates).",
                "2 figures were withheld by the publisher and show as no data.",
                "Converted 1 LSOA 2011 code to LSOA 2021; the converted figures are estimates.",
                "1 row was left out because of errors; see the list of problems.",
                "The file says SYNTHETIC: these are test figures, not real ones, and are labelled so.",
            ]
        );
    }
}
