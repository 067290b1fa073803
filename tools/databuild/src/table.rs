//! CSV tables read whole, with every field addressable by line and column so that problems can be
//! reported as `file:line column name (code)`.

use crate::diag::{at, Diagnostics};
use std::path::Path;

/// One data row and the line it came from (1-based, the header is line 1).
#[derive(Debug, Clone)]
pub struct Row {
    /// Line in the file.
    pub line: u64,
    /// Raw fields.
    pub fields: Vec<String>,
}

/// A CSV file read into memory.
#[derive(Debug, Clone)]
pub struct Table {
    /// Path relative to the raw folder, used in messages.
    pub name: String,
    /// Header names.
    pub headers: Vec<String>,
    /// Data rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// Reads `raw/rel`. A missing or unreadable file, and rows with the wrong number of fields,
    /// are recorded as errors; `None` only when nothing could be read.
    pub fn read(raw: &Path, rel: &str, diags: &mut Diagnostics) -> Option<Table> {
        let path = raw.join(rel);
        let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(&path) {
            Ok(r) => r,
            Err(e) => {
                diags.error(rel.to_string(), format!("cannot open file: {e}"));
                return None;
            }
        };
        Self::from_reader(&mut reader, rel, diags)
    }

    /// Parses CSV text (used by tests).
    pub fn parse(text: &str, name: &str, diags: &mut Diagnostics) -> Option<Table> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        Self::from_reader(&mut reader, name, diags)
    }

    fn from_reader<R: std::io::Read>(
        reader: &mut csv::Reader<R>,
        name: &str,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
            Err(e) => {
                diags.error(format!("{name}:1"), format!("cannot read header: {e}"));
                return None;
            }
        };
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map_or(0, |p| p.line());
                    if r.len() != headers.len() {
                        diags.error(
                            format!("{name}:{line}"),
                            format!("ragged row: {} fields for {} columns", r.len(), headers.len()),
                        );
                        continue;
                    }
                    rows.push(Row { line, fields: r.iter().map(str::to_string).collect() });
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    diags.error(format!("{name}:{line}"), format!("unreadable row: {e}"));
                }
            }
        }
        Some(Table { name: name.to_string(), headers, rows })
    }

    /// Index of a named column; a missing column is an error located at the header line.
    pub fn col(&self, column: &str, diags: &mut Diagnostics) -> Option<usize> {
        let found = self.headers.iter().position(|h| h == column);
        if found.is_none() {
            diags.error(format!("{}:1", self.name), format!("missing column \"{column}\""));
        }
        found
    }

    /// Indices of several columns; `None` (with errors recorded) if any is missing.
    pub fn cols<const N: usize>(&self, columns: [&str; N], diags: &mut Diagnostics) -> Option<[usize; N]> {
        let mut out = [0usize; N];
        let mut ok = true;
        for (slot, c) in out.iter_mut().zip(columns) {
            match self.col(c, diags) {
                Some(i) => *slot = i,
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Location of a field for messages.
    pub fn loc(&self, row: &Row, col: usize, code: Option<&str>) -> String {
        at(&self.name, row.line, self.headers.get(col).map(String::as_str), code)
    }

    /// A text field, trimmed.
    pub fn text<'a>(&self, row: &'a Row, col: usize) -> &'a str {
        row.fields.get(col).map_or("", |s| s.trim())
    }

    /// A finite number; empty, unparsable or non-finite values are located errors.
    pub fn num(&self, row: &Row, col: usize, code: &str, diags: &mut Diagnostics) -> Option<f64> {
        let raw = self.text(row, col);
        match raw.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            Ok(_) => {
                diags.error(self.loc(row, col, Some(code)), format!("non-finite value \"{raw}\""));
                None
            }
            Err(_) => {
                diags.error(self.loc(row, col, Some(code)), format!("not a number: \"{raw}\""));
                None
            }
        }
    }
}
