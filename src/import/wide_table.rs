//! The wide tables of Nomis web downloads and Stat-Xplore exports: an area column (and perhaps a
//! code or breakdown column), then one column per period; metadata lines above and footnotes
//! below. The table header is the first row with two or more cells that read as periods; data
//! rows follow until a blank row. Rows whose area is "Total" or "Column Total" are sums the
//! importer recomputes itself, so they are skipped.

use super::cell::{self, CellError, Figure};
use super::csv::Record;
use super::period::{Mark, PeriodKey};
use super::problem::{Kind, Problems};
use super::reading::{normalise_header, Category, Observation, Reading, Slot};

/// Header names of a code column beside the area names.
const CODE_COLUMNS: [&str; 6] = ["mnemonic", "code", "area code", "geography code", "lsoa code", "lsoa21cd"];

pub(crate) const NOT_A_NUMBER: Kind =
    Kind::error("not-a-number", "give a whole count such as 25 or 1,234; use * for a withheld figure");
pub(crate) const NEGATIVE: Kind = Kind::error("negative", "counts cannot be negative; check the cell");
const SHORT_ROW: Kind = Kind::error("short-row", "the row has fewer cells than the header; re-export the table");
const MORE_TABLES: Kind =
    Kind::warning("more-tables", "download one table per file (one sex, age or measure), or the first is used alone");
const NO_AREA_COLUMN: Kind = Kind::error("no-area-column", "the first column of the table must name the areas");

/// Index of the table header: the first record with two or more period cells.
pub fn header_row(records: &[Record]) -> Option<usize> {
    records.iter().position(|r| r.cells().filter(|c| PeriodKey::parse(c).is_some()).count() >= 2)
}

/// True for the rows that hold sums the importer does not need.
fn is_total(area: &str) -> bool {
    let a = area.trim();
    a.eq_ignore_ascii_case("total") || a.eq_ignore_ascii_case("column total")
}

/// Reads a count cell into a slot, reporting problems; `None` when the cell is unusable.
pub(crate) fn count_slot(
    text: &str,
    status: Option<&str>,
    line: u32,
    column: &str,
    problems: &mut Problems,
) -> Option<Slot> {
    match cell::count(text, status) {
        Ok(Figure::Number(v)) => Some(Slot::Count(v)),
        Ok(Figure::Withheld) => Some(Slot::Withheld),
        Err(CellError::NotANumber) => {
            problems.at(NOT_A_NUMBER, line, column, text, "not a number");
            None
        }
        Err(CellError::Negative) => {
            problems.at(NEGATIVE, line, column, text, "negative count");
            None
        }
    }
}

/// Reads the table whose header is `records[header]` into `reading`. Returns the index just past
/// the table (the blank row, or the end).
pub fn read(records: &[Record], header: usize, reading: &mut Reading, problems: &mut Problems) -> usize {
    let Some(head) = records.get(header) else { return records.len() };
    let periods: Vec<(usize, PeriodKey, Mark)> =
        head.cells().enumerate().filter_map(|(i, c)| PeriodKey::parse(c).map(|(k, m)| (i, k, m))).collect();
    let first_period = periods.first().map_or(0, |p| p.0);
    reading.columns = head.cells().map(|c| c.trim().to_string()).collect();
    if first_period == 0 {
        problems.at(NO_AREA_COLUMN, head.line, reading.column(0), head.cell(0), "the table starts with a period");
        return records.len();
    }
    let before: Vec<usize> = (1..first_period).collect();
    let code_column = before.iter().copied().find(|&i| CODE_COLUMNS.contains(&normalise_header(head.cell(i)).as_str()));
    let category_columns: Vec<usize> = before.iter().copied().filter(|i| Some(*i) != code_column).collect();
    if !category_columns.is_empty() {
        let names: Vec<&str> = category_columns.iter().map(|&i| head.cell(i)).collect();
        reading.category_column = Some(names.join(" / "));
    }
    let mut previous_area = String::new();
    let mut end = records.len();
    for (at, row) in records.iter().enumerate().skip(header + 1) {
        if row.is_blank() {
            end = at;
            break;
        }
        let mut area_column = code_column.filter(|&c| !row.cell(c).is_empty()).unwrap_or(0);
        let mut area = row.cell(area_column).to_string();
        if is_total(&area) {
            continue;
        }
        let category = if category_columns.is_empty() {
            Category::All
        } else {
            let text: Vec<&str> = category_columns.iter().map(|&i| row.cell(i)).collect();
            reading.category(&text.join(" / "))
        };
        // Some exports write a breakdown's area only on its first row.
        if area.is_empty() && category != Category::All && !previous_area.is_empty() {
            area = previous_area.clone();
            area_column = 0;
        }
        previous_area.clone_from(&area);
        reading.rows_read += 1;
        if row.len() < head.len() {
            let message = format!("{} cells; the header has {}", row.len(), head.len());
            problems.at(SHORT_ROW, row.line, "", &area, message);
        }
        for &(column, key, mark) in &periods {
            let Some(text) = row.raw(column) else { continue };
            let name = reading.column(column).to_string();
            let slot = count_slot(text.trim(), None, row.line, &name, problems);
            reading.rows.push(Observation {
                line: row.line,
                area: area.clone(),
                area_column,
                period: Some((key, mark)),
                period_column: column,
                period_text: name.clone(),
                category,
                slot,
                value_column: column,
            });
        }
    }
    if let Some(more) = records.get(end..).and_then(header_row) {
        if let Some(next) = records.get(end + more) {
            problems.at(MORE_TABLES, next.line, "", next.cell(0), "a second table was not read");
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::parse;
    use crate::import::reading::Measure;

    fn read_text(text: &str) -> (Reading, Vec<crate::import::problem::Problem>) {
        let records = parse(text).expect("csv");
        let mut reading = Reading::new(Measure::Counts);
        let mut problems = Problems::new("t.csv");
        if let Some(h) = header_row(&records) {
            read(&records, h, &mut reading, &mut problems);
        }
        (reading, problems.finish())
    }

    #[test]
    fn a_table_between_metadata_and_footnotes() {
        let (r, p) = read_text(
            "\"title\"\n\"\"\n\"area\",\"January 2024\",\"Feb 2024\",\"Total\"\n\"E01006512 : Liverpool 001A\",\"25\",\"*\",\"25\"\n\"Column Total\",\"25\",\"0\",\"25\"\n\"\"\n\"Figures are provisional\"\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.rows_read, 1);
        let slots: Vec<Option<Slot>> = r.rows.iter().map(|o| o.slot).collect();
        assert_eq!(slots, vec![Some(Slot::Count(25.0)), Some(Slot::Withheld)]);
        assert_eq!(r.rows[1].period, Some((PeriodKey::Month(2024, 2), Mark::None)));
        assert_eq!(r.column(r.rows[0].value_column), "January 2024");
    }

    #[test]
    fn code_and_breakdown_columns() {
        let (r, p) = read_text(
            "a,mnemonic,Regime,2024-01,2024-02\nLiverpool 001A,E01006512,Searching,1,2\n,,Working,3,x\nLiverpool 001A,E01006512,Total,4,5\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.categories, vec!["Searching", "Working"]);
        assert_eq!(r.rows[0].area, "E01006512");
        assert_eq!(r.rows[2].area, "E01006512", "the area carries down a breakdown");
        assert_eq!(r.rows[2].category, Category::One(1));
        assert_eq!(r.rows[4].category, Category::Total);
        assert_eq!(r.category_column.as_deref(), Some("Regime"));
    }

    #[test]
    fn bad_cells_are_located_and_kept_as_none() {
        let (r, p) = read_text("area,2024-01,2024-02\nA,abc,-2\nB,3\n");
        assert_eq!(r.rows.iter().filter(|o| o.slot.is_none()).count(), 2);
        let messages: Vec<(String, Option<String>)> = p.iter().map(|x| (x.place.clone(), x.column.clone())).collect();
        assert_eq!(
            messages,
            vec![
                ("t.csv:2".to_string(), Some("2024-01".to_string())),
                ("t.csv:2".to_string(), Some("2024-02".to_string())),
                ("t.csv:3".to_string(), None),
            ]
        );
    }

    #[test]
    fn a_second_table_is_a_warning() {
        let (_, p) = read_text("area,2024-01,2024-02\nA,1,2\n\nMale\narea,2024-01,2024-02\nA,1,1\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, Some(5));
    }
}
