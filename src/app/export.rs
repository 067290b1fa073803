//! Exports of exactly what is shown. The CSV of the current layer starts with `#` lines stating
//! title, source, edition, reference period, geography vintage and licence, then one row per area:
//! code, name, district, value, numerator, denominator, the 95% interval and the comparison with
//! the city region. Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
//! carriage return at the start) are prefixed with `'` (OWASP's advice on CSV injection).

use super::atlas::Atlas;
use super::describe::Caption;
use super::format::plain;
use super::table::TableRow;

/// One CSV cell: neutralised against formula injection, quoted when needed.
///
/// # Examples
/// ```
/// use work_health_atlas::app::export::csv_cell;
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

fn number(v: Option<f64>) -> String {
    v.map(|v| plain(v, 6)).unwrap_or_default()
}

/// The CSV of a layer: provenance lines from the caption, then one row per area.
///
/// A pure function of what the map module reports (`Atlas::caption`, `Atlas::table_rows`), so the
/// browser can run it in the chart module, loaded only when someone downloads.
pub fn to_csv(caption: &Caption, rows: &[TableRow]) -> String {
    let mut lines: Vec<String> = vec![
        format!("# {}", caption.title),
        format!("# Definition: {}", caption.definition),
        format!("# Source: {}", caption.source),
        format!("# Reference period: {}", caption.period),
        format!("# Geography: {}", caption.geography),
        format!("# Unit: {}", caption.unit),
    ];
    lines.extend(caption.attribution.iter().map(|a| format!("# {a}")));
    lines.push(format!("# Data: {}", caption.vintage));
    if caption.synthetic {
        lines.push("# SYNTHETIC test data — not real figures".to_string());
    }
    lines.push("code,name,district,value,numerator,denominator,lower_95,upper_95,compared_with_city_region".into());
    for row in rows {
        lines.push(
            [
                csv_cell(&row.code),
                csv_cell(&row.name),
                csv_cell(&row.district),
                number(row.value),
                number(row.numerator),
                number(row.denominator),
                number(row.lower),
                number(row.upper),
                csv_cell(&row.comparison),
            ]
            .join(","),
        );
    }
    lines.join("\n") + "\n"
}

impl Atlas {
    /// The current layer as CSV (see [`to_csv`]).
    pub fn export_csv(&self) -> String {
        to_csv(&self.caption(), &self.table_rows())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(csv_cell(risky).starts_with("\"'"), "{risky}");
        }
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
