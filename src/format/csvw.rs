//! The sidecar of an exported CSV: W3C CSV on the Web metadata (`<file>.csv-metadata.json`, the
//! name a CSVW processor looks for beside `<file>.csv`), so the CSV itself can stay a plain table
//! while its title, source, licence, reference period, geography vintage, definition, unit,
//! attribution and each column's meaning travel with it.
//!
//! Properties are CSVW's own (`url`, `tableSchema`, `dialect`) or prefixed names of the CSVW
//! context: Dublin Core terms (`dc:`), schema.org (`schema:`) and RDF Schema (`rdfs:`).
//!
//! The JSON is written here rather than by `serde_json`: its serialiser (with `Value` and the
//! pretty printer) added 6.5 kB gzip to the chart module and 7.7 kB to the analysis module (measured
//! by `make build`), for a file of fixed shape holding only strings. Tests parse it back with
//! `serde_json`.

/// One column of an exported table; its `name` is the header cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header cell, e.g. `lower_95`.
    pub name: &'static str,
    /// Words for a person, e.g. "Lower 95% limit".
    pub title: String,
    /// A CSVW datatype: `string`, `decimal`, `integer` or `boolean`.
    pub datatype: &'static str,
    /// What the column holds and how it is rounded.
    pub description: String,
}

impl Column {
    /// A column from its parts.
    pub fn new(
        name: &'static str,
        title: impl Into<String>,
        datatype: &'static str,
        description: impl Into<String>,
    ) -> Column {
        Column { name, title: title.into(), datatype, description: description.into() }
    }
}

/// What a sidecar says about its table; empty texts are left out of the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableMeta<'a> {
    /// The CSV's file name (CSVW `url`, relative to the sidecar).
    pub url: &'a str,
    /// The table's title.
    pub title: &'a str,
    /// The indicator's definition.
    pub definition: &'a str,
    /// Producer, dataset and edition.
    pub source: &'a str,
    /// Licence of the figures.
    pub licence: &'a str,
    /// Producer of the figures, where known.
    pub publisher: &'a str,
    /// Reference period(s).
    pub period: &'a str,
    /// Geography: the boundaries' vintage, and how figures were converted.
    pub geography: &'a str,
    /// Unit of the values.
    pub unit: &'a str,
    /// Attribution lines the licence asks for.
    pub attribution: &'a [String],
    /// The data's vintage stamp.
    pub vintage: &'a str,
    /// Further notes (rounding, method, caveats), one sentence each.
    pub notes: Vec<String>,
    /// True for made-up test data.
    pub synthetic: bool,
    /// The columns, in the CSV's order.
    pub columns: &'a [Column],
}

/// The label of made-up data, in the sidecar's notes and (see the exports) a column of the CSV.
pub const SYNTHETIC: &str = "SYNTHETIC test data — not real figures";

/// A JSON string: quotes, backslashes and control characters escaped (and U+2028/U+2029, which
/// old JavaScript parsers take for line ends).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `items` (JSON texts) between `open` and `close`, one a line, indented to `depth`.
fn block(open: char, items: Vec<String>, close: char, depth: usize) -> String {
    let pad = "  ".repeat(depth + 1);
    let lines: Vec<String> = items.into_iter().map(|item| format!("{pad}{item}")).collect();
    format!("{open}\n{}\n{}{close}", lines.join(",\n"), "  ".repeat(depth))
}

/// An object of `(key, JSON text)` pairs at `depth`.
fn object(fields: Vec<(&str, String)>, depth: usize) -> String {
    block('{', fields.into_iter().map(|(k, v)| format!("{}: {v}", quote(k))).collect(), '}', depth)
}

/// An array of strings at `depth`.
fn strings<S: AsRef<str>>(items: &[S], depth: usize) -> String {
    block('[', items.iter().map(|s| quote(s.as_ref())).collect(), ']', depth)
}

/// The sidecar as indented JSON.
///
/// # Examples
/// ```
/// use work_health_atlas::format::csvw::{metadata_json, Column, TableMeta};
/// let columns = [Column::new("code", "Area code", "string", "ONS code")];
/// let json = metadata_json(&TableMeta { url: "a.csv", licence: "OGL", columns: &columns, ..TableMeta::default() });
/// assert!(json.contains("\"url\": \"a.csv\""));
/// assert!(json.contains("\"dc:license\": \"OGL\""));
/// ```
pub fn metadata_json(t: &TableMeta) -> String {
    let mut fields = vec![("@context", quote("http://www.w3.org/ns/csvw")), ("url", quote(t.url))];
    let texts = [
        ("dc:title", t.title),
        ("dc:description", t.definition),
        ("dc:source", t.source),
        ("dc:license", t.licence),
        ("dc:publisher", t.publisher),
        ("dc:temporal", t.period),
        ("dc:spatial", t.geography),
        ("schema:unitText", t.unit),
        ("schema:version", t.vintage),
    ];
    fields.extend(texts.into_iter().filter(|(_, text)| !text.is_empty()).map(|(key, text)| (key, quote(text))));
    if !t.attribution.is_empty() {
        fields.push(("schema:creditText", strings(t.attribution, 1)));
    }
    let mut notes: Vec<&str> = Vec::new();
    if t.synthetic {
        notes.push(SYNTHETIC);
    }
    notes.extend(t.notes.iter().map(String::as_str));
    if !notes.is_empty() {
        fields.push(("rdfs:comment", strings(&notes, 1)));
    }
    fields.push(("dialect", object(vec![("header", "true".into()), ("encoding", quote("utf-8"))], 1)));
    let columns: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let parts = vec![
                ("name", quote(c.name)),
                ("titles", quote(&c.title)),
                ("datatype", quote(c.datatype)),
                ("dc:description", quote(&c.description)),
            ];
            object(parts, 3)
        })
        .collect();
    fields.push(("tableSchema", object(vec![("columns", block('[', columns, ']', 2))], 1)));
    object(fields, 0) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn parsed(t: &TableMeta) -> Value {
        serde_json::from_str(&metadata_json(t)).expect("valid JSON")
    }

    #[test]
    fn empty_texts_are_left_out_and_columns_kept_in_order() {
        let columns = [Column::new("a", "A", "string", "first"), Column::new("b", "B", "integer", "second")];
        let v = parsed(&TableMeta { url: "x.csv", columns: &columns, ..TableMeta::default() });
        assert_eq!(v["@context"], "http://www.w3.org/ns/csvw");
        assert_eq!(v["url"], "x.csv");
        assert!(v.get("dc:title").is_none() && v.get("rdfs:comment").is_none());
        let names: Vec<&str> = v["tableSchema"]["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|c| c["name"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(v["tableSchema"]["columns"][1]["datatype"], "integer");
        assert_eq!(v["tableSchema"]["columns"][1]["dc:description"], "second");
    }

    #[test]
    fn every_character_survives_the_round_trip() {
        let text: String =
            (0u32..0x80).filter_map(char::from_u32).chain("\u{2028}é—’\u{1F600}\u{85}".chars()).collect();
        assert_eq!(parsed(&TableMeta { title: &text, ..TableMeta::default() })["dc:title"], text.as_str());
    }

    #[test]
    fn synthetic_data_is_said_first_and_hostile_text_stays_a_string() {
        let hostile = "\"},{\"x\":1\n=2";
        let attribution = vec![hostile.to_string()];
        let v = parsed(&TableMeta {
            title: hostile,
            attribution: &attribution,
            synthetic: true,
            notes: vec!["n".into()],
            ..TableMeta::default()
        });
        assert_eq!(v["dc:title"], hostile);
        assert_eq!(v["schema:creditText"][0], hostile);
        assert_eq!(v["rdfs:comment"][0], SYNTHETIC);
        assert_eq!(v["rdfs:comment"][1], "n");
    }
}
