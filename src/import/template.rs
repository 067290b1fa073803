//! The atlas's community template: `area,period,numerator,denominator` (counts, shown as a
//! percentage and summed into larger areas) or `area,period,value` (values that cannot be summed,
//! shown as given). Areas are codes or names of any layer; periods are years, quarters or months.
//!
//! The header must be exactly one of the two forms (any case, spaces trimmed, a byte-order mark
//! allowed): an extra column is reported rather than silently ignored, since it usually means the
//! figures are in a column the importer would not read.

use super::cell::{self, CellError, Figure};
use super::csv::Record;
use super::period::PeriodKey;
use super::problem::{Kind, Problems};
use super::reading::{normalise_header, says_synthetic, Category, Measure, Observation, Reading, Slot};
use super::wide_table::{NEGATIVE, NOT_A_NUMBER};

/// The blank template's header line.
pub const HEADER: &str = "area,period,numerator,denominator";

const COLUMN_HINT: &str =
    "the template has exactly the columns area,period,numerator,denominator or area,period,value; remove the others";
const EXTRA_COLUMN: Kind = Kind::error("extra-column", COLUMN_HINT);
const MISSING_COLUMN: Kind = Kind::error("template-columns", COLUMN_HINT);
const NOT_A_PERIOD: Kind = Kind::error("not-a-period", "write quarters as 2024-Q1, months as 2024-03, years as 2024");
const NOT_A_VALUE: Kind = Kind::error("not-a-value", "give a number such as 12.5; use * for a withheld figure");
const OVER_DENOMINATOR: Kind = Kind::error(
    "numerator-over-denominator",
    "the numerator counts people among the denominator, so it cannot be larger; check the two cells",
);
const ZERO_DENOMINATOR: Kind = Kind::error("zero-denominator", "a share of nobody has no value; leave the row out");

/// Where the template's columns are.
#[derive(Default)]
struct Columns {
    area: Option<usize>,
    period: Option<usize>,
    numerator: Option<usize>,
    denominator: Option<usize>,
    value: Option<usize>,
}

fn columns(head: &Record, reading: &Reading, problems: &mut Problems) -> Columns {
    let mut cols = Columns::default();
    for (i, cell) in head.cells().enumerate() {
        let slot = match normalise_header(cell).as_str() {
            "area" => &mut cols.area,
            "period" => &mut cols.period,
            "numerator" => &mut cols.numerator,
            "denominator" => &mut cols.denominator,
            "value" => &mut cols.value,
            "" if head.cells().skip(i).all(|c| c.trim().is_empty()) => break,
            _ => {
                problems.at(EXTRA_COLUMN, head.line, reading.column(i), cell.trim(), "not a template column");
                continue;
            }
        };
        if slot.is_some() {
            problems.at(EXTRA_COLUMN, head.line, reading.column(i), cell.trim(), "the column appears twice");
        } else {
            *slot = Some(i);
        }
    }
    cols
}

/// A numerator and denominator read into a slot.
fn ratio(row: &Record, (n, d): (usize, usize), reading: &Reading, problems: &mut Problems) -> Option<Slot> {
    let read = |i: usize, problems: &mut Problems| match cell::count(row.cell(i), None) {
        Ok(figure) => Some(figure),
        Err(CellError::NotANumber) => {
            problems.at(NOT_A_NUMBER, row.line, reading.column(i), row.cell(i), "not a number");
            None
        }
        Err(CellError::Negative) => {
            problems.at(NEGATIVE, row.line, reading.column(i), row.cell(i), "negative count");
            None
        }
    };
    let (numerator, denominator) = (read(n, problems), read(d, problems));
    match (numerator?, denominator?) {
        (Figure::Number(_), Figure::Number(den)) if den <= 0.0 => {
            problems.at(ZERO_DENOMINATOR, row.line, reading.column(d), row.cell(d), "denominator is 0");
            None
        }
        (Figure::Number(num), Figure::Number(den)) if num > den => {
            let message = "numerator is larger than the denominator";
            problems.at(OVER_DENOMINATOR, row.line, reading.column(n), row.cell(n), message);
            None
        }
        (Figure::Number(num), Figure::Number(den)) => Some(Slot::Ratio(num, den)),
        _ => Some(Slot::Withheld),
    }
}

fn value(row: &Record, v: usize, reading: &Reading, problems: &mut Problems) -> Option<Slot> {
    match cell::value(row.cell(v)) {
        Ok(Figure::Number(x)) => Some(Slot::Value(x)),
        Ok(Figure::Withheld) => Some(Slot::Withheld),
        Err(_) => {
            problems.at(NOT_A_VALUE, row.line, reading.column(v), row.cell(v), "not a number");
            None
        }
    }
}

/// Reads a template file.
pub fn read(records: &[Record], file_name: &str, problems: &mut Problems) -> Reading {
    let mut rows = records.iter().skip_while(|r| r.is_blank());
    let Some(head) = rows.next() else { return Reading::new(Measure::Values) };
    let mut reading = Reading::new(Measure::Values);
    reading.columns = head.cells().map(|c| c.trim().trim_start_matches('\u{feff}').to_string()).collect();
    reading.synthetic = says_synthetic(file_name);
    let cols = columns(head, &reading, problems);
    let (Some(area), Some(period)) = (cols.area, cols.period) else { return reading };
    let figures = match (cols.numerator, cols.denominator, cols.value) {
        (Some(n), Some(d), v) => {
            if let Some(v) = v {
                let message = "give a value or a numerator and denominator, not both";
                problems.at(EXTRA_COLUMN, head.line, reading.column(v), "value", message);
            }
            reading.measure = Measure::Ratios;
            Ok((n, d))
        }
        (None, None, Some(v)) => Err(v),
        (n, _, v) => {
            let missing = if n.is_none() { "denominator without numerator" } else { "numerator without denominator" };
            problems.file(MISSING_COLUMN, None, Some(&head.cells().collect::<Vec<_>>().join(",")), missing);
            match v {
                Some(v) => Err(v),
                None => return reading,
            }
        }
    };
    for row in rows {
        if row.is_blank() {
            continue;
        }
        reading.rows_read += 1;
        let key = PeriodKey::parse(row.cell(period));
        if key.is_none() {
            problems.at(NOT_A_PERIOD, row.line, reading.column(period), row.cell(period), "not a period");
        }
        let (slot, value_column) = match figures {
            Ok((n, d)) => (ratio(row, (n, d), &reading, problems), n),
            Err(v) => (value(row, v, &reading, problems), v),
        };
        reading.rows.push(Observation {
            line: row.line,
            area: row.cell(area).to_string(),
            area_column: area,
            period: key,
            period_column: period,
            period_text: row.cell(period).to_string(),
            category: Category::All,
            slot,
            value_column,
        });
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::parse;

    fn read_text(text: &str) -> (Reading, Vec<crate::import::problem::Problem>) {
        let mut problems = Problems::new("t.csv");
        let reading = read(&parse(text).expect("csv"), "t.csv", &mut problems);
        (reading, problems.finish())
    }

    #[test]
    fn counts_with_their_denominators() {
        let (r, p) = read_text(
            "\u{feff}Area, Period ,Numerator,DENOMINATOR\r\nAnfield,2024-Q1,12,1000\r\nE05000001,2024 Q2,*,1000\r\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.measure, Measure::Ratios);
        assert_eq!(
            r.rows.iter().map(|o| o.slot).collect::<Vec<_>>(),
            vec![Some(Slot::Ratio(12.0, 1000.0)), Some(Slot::Withheld)]
        );
        assert_eq!(r.rows[1].period.map(|p| p.0.id()), Some("2024-Q2".into()));
    }

    #[test]
    fn values_may_be_negative() {
        let (r, p) = read_text("area,period,value\nAnfield,2024,-1.5\nKirkdale,2024,..\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.measure, Measure::Values);
        assert_eq!(r.rows[0].slot, Some(Slot::Value(-1.5)));
        assert_eq!(r.rows[1].slot, Some(Slot::Withheld));
    }

    #[test]
    fn row_problems_are_located() {
        let (r, p) = read_text(
            "area,period,numerator,denominator\nA,2024-Q1,12,10\nB,2024-Q5,-1,10\nC,2024-Q1,3,0\nD,2024-Q1,abc,10\n",
        );
        assert!(r.rows.iter().all(|o| o.slot.is_none()));
        let found: Vec<(u32, &str)> =
            p.iter().map(|x| (x.line.unwrap_or(0), x.column.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            found,
            vec![(2, "numerator"), (3, "period"), (3, "numerator"), (4, "denominator"), (5, "numerator")]
        );
    }

    #[test]
    fn extra_and_missing_columns() {
        let (r, p) = read_text("area,period,value,notes\nA,2024,1,hi\n");
        assert_eq!(r.rows.len(), 1, "the known columns are still read");
        assert_eq!((p.len(), p[0].column.as_deref()), (1, Some("notes")));
        let (r, p) = read_text("area,period,numerator\nA,2024,1\n");
        assert!(r.rows.is_empty());
        assert_eq!(p.len(), 1);
        let (_, p) = read_text("area,period,value,,\nA,2024,1\n");
        assert!(p.is_empty(), "trailing empty header cells are not columns: {p:?}");
    }
}
