//! Exports of exactly what is shown. The CSV of the current layer is a plain table, the header
//! first: code, name, district, value, numerator, denominator, the 95% interval and the comparison
//! with the city region, one row per area (and, for made-up data, a `data_status` column saying
//! SYNTHETIC on every row, so the label travels with the table even without its sidecar). Values
//! have the indicator's decimals, interval limits one more, counts none. Title, definition,
//! source, licence, reference period, geography vintage, unit and attribution go in the CSVW
//! sidecar ([`to_csv_metadata`]). Every text cell goes through
//! [`csv_cell`](crate::format::csv::csv_cell), which neutralises spreadsheet formulas.

use super::atlas::Atlas;
use super::describe::Caption;
use super::table::TableRow;
use crate::format::csv::{csv_cell, csv_count, csv_fixed, csv_table};
use crate::format::csvw::{metadata_json, Column, TableMeta, SYNTHETIC};

/// The columns of a layer's CSV, described for its sidecar.
pub fn columns(caption: &Caption) -> Vec<Column> {
    let (d, unit) = (caption.decimals, &caption.unit);
    let count = |what: &str| {
        format!("{what}, rounded to a whole number (estimated counts can be fractional before rounding); empty where not published")
    };
    let limit = |which: &str| {
        format!(
            "{which} limit of the 95% confidence interval of the value (Wilson score interval, for percentages with counts), in {unit}, with {} decimals; empty where there is none",
            d.saturating_add(1).min(6)
        )
    };
    let mut columns = vec![
        Column::new("code", "Area code", "string", "ONS area code (\"patch\" for a patch drawn in the atlas)"),
        Column::new("name", "Area name", "string", "Name of the area"),
        Column::new("district", "District", "string", "Local authority district the area lies in; empty for districts"),
        Column::new("value", format!("Value ({unit})"), "decimal", format!("The value shown on the map, in {unit}, with {d} decimals; empty for no data")),
        Column::new("numerator", "Numerator", "integer", count("The count the value is made from (numerator)")),
        Column::new("denominator", "Denominator", "integer", count("The population the count is out of (denominator)")),
        Column::new("lower_95", "Lower 95% limit", "decimal", limit("Lower")),
        Column::new("upper_95", "Upper 95% limit", "decimal", limit("Upper")),
        Column::new(
            "compared_with_city_region",
            "Compared with the city region",
            "string",
            "The value against the Liverpool City Region's at 95% confidence: better, similar, worse, higher, lower or not compared",
        ),
    ];
    if caption.synthetic {
        columns.push(Column::new("data_status", "Data status", "string", SYNTHETIC));
    }
    columns
}

/// The CSV of a layer: the header, then one row per area, after a UTF-8 byte order mark.
///
/// A pure function of what the map module reports (`Atlas::caption`, `Atlas::table_rows`), so the
/// browser can run it in the chart module, loaded only when someone downloads.
pub fn to_csv(caption: &Caption, rows: &[TableRow]) -> String {
    let columns = columns(caption);
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let d = caption.decimals;
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                csv_cell(&row.code),
                csv_cell(&row.name),
                csv_cell(&row.district),
                csv_fixed(row.value, d),
                csv_count(row.numerator),
                csv_count(row.denominator),
                csv_fixed(row.lower, d.saturating_add(1)),
                csv_fixed(row.upper, d.saturating_add(1)),
                csv_cell(&row.comparison),
            ];
            if caption.synthetic {
                cells.push(csv_cell(SYNTHETIC));
            }
            cells
        })
        .collect();
    csv_table(&header, &rows)
}

/// The CSVW sidecar of [`to_csv`]'s file, which is called `file_name`.
pub fn to_csv_metadata(caption: &Caption, file_name: &str) -> String {
    let columns = columns(caption);
    metadata_json(&TableMeta {
        url: file_name,
        title: &caption.title,
        definition: &caption.definition,
        source: &caption.source,
        licence: &caption.licence,
        publisher: &caption.publisher,
        period: &caption.period,
        geography: &caption.geography,
        unit: &caption.unit,
        attribution: &caption.attribution,
        vintage: &caption.vintage,
        notes: vec!["Counts (numerator, denominator) are rounded to whole numbers.".into()],
        synthetic: caption.synthetic,
        columns: &columns,
    })
}

impl Atlas {
    /// The current layer as CSV (see [`to_csv`]).
    pub fn export_csv(&self) -> String {
        to_csv(&self.caption(), &self.table_rows())
    }

    /// The sidecar of the current layer's CSV, called `file_name` (see [`to_csv_metadata`]).
    pub fn export_csv_metadata(&self, file_name: &str) -> String {
        to_csv_metadata(&self.caption(), file_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn caption(synthetic: bool) -> Caption {
        Caption {
            title: "Share out of work, IoD2025 (wards)".into(),
            definition: "Residents on benefits.".into(),
            source: "MHCLG, English Indices of Deprivation (2025)".into(),
            period: "IoD2025: 2022".into(),
            geography: "Wards (2023) — approximate ward boundaries".into(),
            attribution: vec!["Contains public sector information.".into()],
            vintage: "v1".into(),
            synthetic,
            unit: "% of working-age residents".into(),
            licence: "Open Government Licence v3.0".into(),
            publisher: "MHCLG".into(),
            decimals: 1,
        }
    }

    fn row(name: &str) -> TableRow {
        TableRow {
            code: "E01000001".into(),
            name: name.into(),
            district: "Liverpool".into(),
            value: Some(31.25),
            value_text: String::new(),
            interval_text: String::new(),
            numerator: Some(265.4),
            denominator: Some(849.0),
            lower: Some(28.2345),
            upper: Some(34.4),
            comparison: "worse".into(),
            glyph: String::new(),
            rank: Some(1),
        }
    }

    /// A strict RFC 4180 reader: the rows, or an error for a quote inside an unquoted cell.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => {
                    assert!(cell.is_empty(), "a quote inside an unquoted cell");
                    quoted = true;
                }
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\n') => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => cell.push(c),
            }
        }
        assert!(!quoted && cell.is_empty() && row.is_empty(), "the file ends with a complete row");
        rows
    }

    #[test]
    fn header_first_after_the_mark_and_every_row_as_wide() {
        let hostile = ["North,=HYPERLINK(\"https://evil/p\"),", "ok\n=4+4", "\r@SUM(A1)", "-2+3", "say \"hi\", \"\""];
        let rows: Vec<TableRow> = hostile.iter().map(|h| row(h)).collect();
        let csv = to_csv(&caption(false), &rows);
        let body = csv.strip_prefix('\u{FEFF}').expect("a byte order mark");
        assert!(body.starts_with("code,name,district,value,"), "{body}");
        let parsed = parse(body);
        assert_eq!(parsed.len(), 1 + hostile.len());
        assert!(parsed.iter().all(|r| r.len() == parsed[0].len()), "{parsed:?}");
        for (h, r) in hostile.iter().zip(&parsed[1..]) {
            let kept = if h.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{h}") } else { h.to_string() };
            assert_eq!(r[1], kept, "the text stays in its cell");
        }
        assert!(parsed.iter().flatten().all(|c| !c.starts_with(['=', '+', '@', '\t', '\r'])));
    }

    #[test]
    fn values_have_their_decimals_limits_one_more_and_counts_none() {
        let csv = to_csv(&caption(false), &[row("Anfield")]);
        let rows = parse(csv.trim_start_matches('\u{FEFF}'));
        let get = |name: &str| rows[1][rows[0].iter().position(|h| h == name).expect(name)].clone();
        assert_eq!(get("value"), "31.3");
        assert_eq!(get("numerator"), "265");
        assert_eq!(get("denominator"), "849");
        assert_eq!(get("lower_95"), "28.23");
        assert_eq!(get("upper_95"), "34.40");
        let mut empty = row("x");
        (empty.value, empty.numerator, empty.lower) = (None, None, None);
        let rows = parse(to_csv(&caption(false), &[empty]).trim_start_matches('\u{FEFF}'));
        assert_eq!((rows[1][3].as_str(), rows[1][4].as_str(), rows[1][6].as_str()), ("", "", ""));
    }

    #[test]
    fn synthetic_data_says_so_on_every_row_and_in_the_sidecar() {
        let csv = to_csv(&caption(true), &[row("a"), row("b")]);
        let rows = parse(csv.trim_start_matches('\u{FEFF}'));
        assert_eq!(rows[0].last().map(String::as_str), Some("data_status"));
        assert!(rows[1..].iter().all(|r| r.last().map(String::as_str) == Some(SYNTHETIC)));
        let meta: Value = serde_json::from_str(&to_csv_metadata(&caption(true), "x.csv")).expect("JSON");
        assert_eq!(meta["rdfs:comment"][0], SYNTHETIC);
        let plain = to_csv(&caption(false), &[row("a")]);
        assert!(!plain.contains("SYNTHETIC"));
    }

    #[test]
    fn the_sidecar_names_source_licence_period_and_the_same_columns() {
        for synthetic in [false, true] {
            let c = caption(synthetic);
            let csv = to_csv(&c, &[row("a")]);
            let header = parse(csv.trim_start_matches('\u{FEFF}')).remove(0);
            let meta: Value = serde_json::from_str(&to_csv_metadata(&c, "share-out-of-work.csv")).expect("valid JSON");
            assert_eq!(meta["@context"], "http://www.w3.org/ns/csvw");
            assert_eq!(meta["url"], "share-out-of-work.csv");
            assert_eq!(meta["dc:title"], c.title.as_str());
            assert_eq!(meta["dc:source"], c.source.as_str());
            assert_eq!(meta["dc:license"], "Open Government Licence v3.0");
            assert_eq!(meta["dc:publisher"], "MHCLG");
            assert_eq!(meta["dc:temporal"], "IoD2025: 2022");
            assert_eq!(meta["dc:spatial"], c.geography.as_str());
            assert_eq!(meta["dc:description"], c.definition.as_str());
            assert_eq!(meta["schema:unitText"], c.unit.as_str());
            assert_eq!(meta["schema:creditText"][0], c.attribution[0].as_str());
            let columns = meta["tableSchema"]["columns"].as_array().expect("columns");
            let names: Vec<&str> = columns.iter().filter_map(|c| c["name"].as_str()).collect();
            assert_eq!(names, header.iter().map(String::as_str).collect::<Vec<_>>());
            assert!(columns
                .iter()
                .all(|c| c["titles"].is_string() && c["datatype"].is_string() && c["dc:description"].is_string()));
            assert!(columns[4]["dc:description"].as_str().is_some_and(|d| d.contains("whole number")));
        }
    }
}
