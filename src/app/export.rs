//! Exports of exactly what is shown. The CSV of the current layer starts with `#` lines stating
//! title, source, edition, reference period, geography vintage and licence, then one row per area:
//! code, name, district, value, numerator, denominator, the 95% interval and the comparison with
//! the city region. Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
//! carriage return at the start) are prefixed with `'` (OWASP's advice on CSV injection), and the
//! `#` lines go through the same cell writer, so no line of the file escapes it.

use super::atlas::Atlas;
use super::describe::Caption;
use super::table::TableRow;
use crate::format::csv::{csv_cell, csv_comment, csv_number};

/// The CSV of a layer: provenance lines from the caption, then one row per area.
///
/// A pure function of what the map module reports (`Atlas::caption`, `Atlas::table_rows`), so the
/// browser can run it in the chart module, loaded only when someone downloads.
pub fn to_csv(caption: &Caption, rows: &[TableRow]) -> String {
    let mut lines: Vec<String> = vec![
        csv_comment(&caption.title),
        csv_comment(&format!("Definition: {}", caption.definition)),
        csv_comment(&format!("Source: {}", caption.source)),
        csv_comment(&format!("Reference period: {}", caption.period)),
        csv_comment(&format!("Geography: {}", caption.geography)),
        csv_comment(&format!("Unit: {}", caption.unit)),
    ];
    lines.extend(caption.attribution.iter().map(|a| csv_comment(a)));
    lines.push(csv_comment(&format!("Data: {}", caption.vintage)));
    if caption.synthetic {
        lines.push(csv_comment("SYNTHETIC test data — not real figures"));
    }
    lines.push("code,name,district,value,numerator,denominator,lower_95,upper_95,compared_with_city_region".into());
    for row in rows {
        lines.push(
            [
                csv_cell(&row.code),
                csv_cell(&row.name),
                csv_cell(&row.district),
                csv_number(row.value),
                csv_number(row.numerator),
                csv_number(row.denominator),
                csv_number(row.lower),
                csv_number(row.upper),
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

    #[test]
    fn hostile_caption_text_stays_in_its_cell_and_line() {
        let caption = Caption {
            title: "North,=HYPERLINK(\"https://evil/p\"),".into(),
            attribution: vec!["ok\n=4+4".into(), "\r@SUM(A1)".into()],
            ..Caption::default()
        };
        let csv = to_csv(&caption, &[]);
        for line in csv.lines() {
            assert!(line.starts_with("# ") || line.starts_with("\"# ") || line.starts_with("code,"), "{line}");
        }
        assert!(csv.starts_with("\"# North,=HYPERLINK(\"\"https://evil/p\"\"),\"\n"));
        assert!(csv.contains("\n# ok =4+4\n"));
    }
}
