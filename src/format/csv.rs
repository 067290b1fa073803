//! CSV cells for exports (the current layer's table, a patch's figures): text cells that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at the start) are
//! prefixed with `'` (OWASP's advice on CSV injection) and quoted when needed, and the `#`
//! provenance lines go through the same cell writer, so no line of a file escapes it.

use super::number::plain;

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

/// A provenance line (`# Source: …`): one cell, written by [`csv_cell`] like every other cell, on
/// one line. Line breaks and other control characters become spaces, so bundle, patch or
/// intervention text can never start a new row, and a comma inside stays inside the cell.
///
/// # Examples
/// ```
/// use work_health_atlas::format::csv::csv_comment;
/// assert_eq!(csv_comment("Source: ONS"), "# Source: ONS");
/// assert_eq!(csv_comment("North,=HYPERLINK(\"x\"),"), "\"# North,=HYPERLINK(\"\"x\"\"),\"");
/// assert_eq!(csv_comment("a\n=4+4"), "# a =4+4");
/// ```
pub fn csv_comment(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    csv_cell(&format!("# {one_line}"))
}

/// A number cell: up to six decimals with trailing zeros dropped; empty for no figure.
///
/// # Examples
/// ```
/// use work_health_atlas::format::csv::csv_number;
/// assert_eq!(csv_number(Some(31.25)), "31.25");
/// assert_eq!(csv_number(None), "");
/// ```
pub fn csv_number(v: Option<f64>) -> String {
    v.map(|v| plain(v, 6)).unwrap_or_default()
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
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(csv_comment(""), "# ");
        assert_eq!(csv_comment("a\r\nb"), "# a  b");
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(csv_number(Some(10.0)), "10");
        assert_eq!(csv_number(Some(-0.5)), "-0.5");
    }
}
