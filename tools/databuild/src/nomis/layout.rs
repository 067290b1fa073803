//! The Nomis CSV layout: which columns hold the area code, the month and the count, which rows
//! are the plain count (`measures` = "Value"), and every check on the rows. Header names are
//! matched case-insensitively with `_` read as a space, so the API/bulk form (`GEOGRAPHY_CODE`,
//! `DATE_NAME`, `OBS_VALUE`) and the web-download form (`geography code`, `date`, `value`) are
//! the same column.

use super::month::Month;
use crate::diag::Diagnostics;
use crate::table::{Row, Table};
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// Accepted names of the area code column.
const CODE: [&str; 1] = ["geography code"];
/// Accepted date columns, most precise first: `DATE_CODE`/`DATE` hold `2024-03`, `DATE_NAME`
/// holds `March 2024`; the first present is used.
const DATE: [&str; 3] = ["date code", "date", "date name"];
/// Accepted value columns, in order of preference.
const VALUE: [&str; 2] = ["obs value", "value"];
/// Suffix of a census-style bulk value column, e.g. `Claimant count: Total; measures: Value`.
const VALUE_SUFFIX: &str = "measures: value";
/// The Nomis code of the "Value" measure (as opposed to percentages and rates).
const VALUE_MEASURE_CODE: &str = "20100";

/// Per month, the count of each LSOA (in the bundle's LSOA order), `None` where absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observations {
    /// Counts by month, in time order.
    pub months: BTreeMap<Month, Vec<Option<f64>>>,
    /// Rows read as counts.
    pub rows_used: usize,
    /// Rows skipped because their measure is not "Value" (e.g. "Percent").
    pub rows_skipped: usize,
}

/// Column positions found in the header.
struct Columns {
    code: usize,
    date: usize,
    value: usize,
    /// A measures column and whether it holds names ("Value") or codes (20100).
    measures: Option<(usize, bool)>,
}

/// Header name in comparable form: no BOM, trimmed, lower case, `_` as space, single spaces.
fn normalise(header: &str) -> String {
    let lower = header.trim_start_matches('\u{feff}').trim().to_lowercase().replace('_', " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| h == n))
}

/// Finds the columns; each missing one is an error at the header line naming what is accepted.
fn columns(table: &Table, diags: &mut Diagnostics) -> Option<Columns> {
    let headers: Vec<String> = table.headers.iter().map(|h| normalise(h)).collect();
    let value = find(&headers, &VALUE).or_else(|| {
        // Census-style bulk files have one value column per category; only one is usable.
        let mut suffixed = headers.iter().enumerate().filter(|(_, h)| h.ends_with(VALUE_SUFFIX));
        match (suffixed.next(), suffixed.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    });
    let mut missing = |found: Option<usize>, what: &str, accepted: &str| {
        if found.is_none() {
            diags.error(
                format!("{}:1", table.name),
                format!("missing column \"{what}\" (accepted headers: {accepted}; any case, _ or space)"),
            );
        }
        found
    };
    let code = missing(find(&headers, &CODE), "geography code", "GEOGRAPHY_CODE, geography code");
    let date = missing(find(&headers, &DATE), "date", "DATE_CODE, DATE, DATE_NAME");
    let value = missing(value, "value", "OBS_VALUE, value, one \"…; measures: Value\" column");
    let measures = find(&headers, &["measures name"])
        .map(|i| (i, true))
        .or_else(|| find(&headers, &["measures"]).map(|i| (i, false)));
    Some(Columns { code: code?, date: date?, value: value?, measures })
}

/// True when the row is the plain count; rows without a measures column always are.
fn is_value_row(table: &Table, row: &Row, measures: Option<(usize, bool)>) -> bool {
    match measures {
        None => true,
        Some((col, by_name)) => {
            let m = table.text(row, col);
            m.eq_ignore_ascii_case("value") || (!by_name && m == VALUE_MEASURE_CODE)
        }
    }
}

/// A count: present, numeric, finite and not negative. Every failure is a located error.
fn count(table: &Table, row: &Row, col: usize, code: &str, diags: &mut Diagnostics) -> Option<f64> {
    let raw = table.text(row, col);
    let problem = match raw.parse::<f64>() {
        _ if raw.is_empty() => "empty value (leave the row out to mark the area as not available)".to_string(),
        Ok(v) if !v.is_finite() => format!("non-finite value \"{raw}\""),
        Ok(v) if v < 0.0 => format!("negative value \"{raw}\" (counts cannot be negative)"),
        Ok(v) => return Some(v),
        Err(_) => format!("not a number: \"{raw}\""),
    };
    diags.error(table.loc(row, col, Some(code)), problem);
    None
}

/// Reads the counts of `table` aligned with `lsoa` (code → position in the bundle's LSOA layer).
/// Unknown codes, duplicate (area, month) rows, bad dates and bad values are located errors;
/// `None` when the columns are missing or no count row was found.
pub fn read(table: &Table, lsoa: &BTreeMap<String, usize>, diags: &mut Diagnostics) -> Option<Observations> {
    let cols = columns(table, diags)?;
    let mut obs = Observations::default();
    let mut first_line: BTreeMap<(Month, usize), u64> = BTreeMap::new();
    for row in &table.rows {
        if !is_value_row(table, row, cols.measures) {
            obs.rows_skipped += 1;
            continue;
        }
        let code = table.text(row, cols.code);
        let area = lsoa.get(code).copied();
        if area.is_none() {
            diags.error(
                table.loc(row, cols.code, Some(code)),
                format!("unknown area code \"{code}\" (not an LSOA of the bundle)"),
            );
        }
        let date = table.text(row, cols.date);
        let month = Month::parse(date);
        if month.is_none() {
            diags.error(
                table.loc(row, cols.date, Some(code)),
                format!("unparseable date \"{date}\" (expected YYYY-MM or Month YYYY, e.g. 2024-03 or March 2024)"),
            );
        }
        let value = count(table, row, cols.value, code, diags);
        let (Some(area), Some(month)) = (area, month) else { continue };
        match first_line.entry((month, area)) {
            Entry::Occupied(first) => {
                diags.error(
                    table.loc(row, cols.code, Some(code)),
                    format!(
                        "duplicate row for {code} {} (first at line {}); filter the download to one measure, sex and age",
                        month.id(),
                        first.get()
                    ),
                );
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(row.line);
            }
        }
        let slots = obs.months.entry(month).or_insert_with(|| vec![None; lsoa.len()]);
        if let (Some(slot), Some(v)) = (slots.get_mut(area), value) {
            *slot = Some(v);
            obs.rows_used += 1;
        }
    }
    if obs.rows_used == 0 && !diags.has_errors() {
        diags.error(format!("{}:1", table.name), "no count rows (measures \"Value\") in the file");
    }
    Some(obs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_compare_in_any_case_and_spelling() {
        assert_eq!(normalise("\u{feff}GEOGRAPHY_CODE"), "geography code");
        assert_eq!(normalise(" Date  Name "), "date name");
        assert_eq!(normalise("OBS_VALUE"), "obs value");
    }

    #[test]
    fn percent_rows_are_skipped() {
        let mut d = Diagnostics::default();
        let text = "date,geography code,measures name,value\n2024-03,A,Value,5\n2024-03,A,Percent,1.5\n";
        let t = Table::parse(text, "x.csv", &mut d).expect("parses");
        let index = BTreeMap::from([("A".to_string(), 0)]);
        let obs = read(&t, &index, &mut d).expect("reads");
        assert!(!d.has_errors(), "{:?}", d.items());
        assert_eq!((obs.rows_used, obs.rows_skipped), (1, 1));
        assert_eq!(obs.months.values().next(), Some(&vec![Some(5.0)]));
    }
}
