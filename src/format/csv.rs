//! CSV for exports (the current layer's table, a patch's tables): a file is UTF-8 with a byte
//! order mark (so Excel reads it as UTF-8), the header first and every row as wide as the header
//! (so `pandas.read_csv` and spreadsheets open it as it is), and nothing else; what describes the
//! table goes in its CSVW sidecar ([`super::csvw`]). Text cells that a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@`, tab, carriage return at the start) are prefixed with `'` (OWASP's
//! advice on CSV injection) and quoted when needed.

use super::number::fixed;

/// The byte order mark every exported CSV starts with: without it Excel reads UTF-8 as the
/// system's code page, and "Knowsley — ward" or "St Helens’" come out garbled.
pub const BOM: char = '\u{FEFF}';

/// One CSV cell: neutralised against formula injection, quoted when needed.
///
/// # Examples
/// ```
/// use work_health_atlas::format::csv::csv_cell;
/// assert_eq!(csv_cell("Anfield"), "Anfield");
/// assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
/// assert_eq!(csv_cell("St Helens, 025"), "\"St Helens, 025\"");
/// ```
pub fn csv_cell(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) || risky {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A number cell with exactly `decimals` places (at most six); empty for no figure.
///
/// # Examples
/// ```
/// use work_health_atlas::format::csv::csv_fixed;
/// assert_eq!(csv_fixed(Some(31.25), 1), "31.3");
/// assert_eq!(csv_fixed(Some(2.0), 2), "2.00");
/// assert_eq!(csv_fixed(None, 1), "");
/// ```
pub fn csv_fixed(v: Option<f64>, decimals: u8) -> String {
    v.filter(|v| v.is_finite()).map(|v| fixed(v, decimals)).unwrap_or_default()
}

/// A count cell: a whole number (estimated counts, apportioned from smaller areas, can be
/// fractional; a table of counts shows whole people); empty for no figure.
///
/// # Examples
/// ```
/// use work_health_atlas::format::csv::csv_count;
/// assert_eq!(csv_count(Some(265.4)), "265");
/// assert_eq!(csv_count(None), "");
/// ```
pub fn csv_count(v: Option<f64>) -> String {
    csv_fixed(v, 0)
}

/// A whole file: the byte order mark, the header, then the rows (cells already written by
/// [`csv_cell`], [`csv_fixed`], …), each line ended by a line feed.
///
/// # Panics
/// In debug builds, when a row is not as wide as the header: a bug in the caller, never input.
pub fn csv_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&header.join(","));
    out.push('\n');
    for row in rows {
        debug_assert_eq!(row.len(), header.len(), "a row as wide as the header");
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_plain_cells_pass_through() {
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("Anfield"), "Anfield");
    }

    #[test]
    fn quotes_are_doubled_and_risky_starts_neutralised() {
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("-1"), "\"'-1\"");
        assert_eq!(csv_cell("\tx"), "\"'\tx\"");
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn numbers_have_their_decimals_and_counts_none() {
        assert_eq!(csv_fixed(Some(10.0), 1), "10.0");
        assert_eq!(csv_fixed(Some(-0.04), 1), "0.0");
        assert_eq!(csv_fixed(Some(f64::NAN), 1), "");
        assert_eq!(csv_count(Some(0.5)), "1");
        assert_eq!(csv_count(Some(12.0)), "12");
    }

    #[test]
    fn a_table_starts_with_the_mark_and_the_header() {
        assert_eq!(csv_table(&["a", "b"], &[]), "\u{FEFF}a,b\n");
        assert_eq!(csv_table(&["a"], &[vec!["1".into()], vec![String::new()]]), "\u{FEFF}a\n1\n\n");
    }
}
