//! Problems found while importing a file, each with its place (`file.csv:12`), column, value and
//! a hint, for people fixing the file. Errors drop a row (or the file); warnings keep the figures.
//!
//! A totally wrong 36,000-row file must not produce 36,000 messages: problems are grouped by
//! [`Kind`], at most [`MAX_PER_KIND`] of a kind are listed, then one "…and N more like this".
//! File-level problems come first, then row problems in line order.

use serde::Serialize;
use std::collections::BTreeSet;

/// Most problems of one kind listed one by one.
pub const MAX_PER_KIND: usize = 200;

/// Longest value copied into a problem, in characters; longer ones are cut with "…".
const MAX_VALUE_CHARS: usize = 80;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row (or the file) was left out.
    Error,
    /// The figures were kept; something about them needs saying (estimated, withheld, …).
    Warning,
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Error (left out) or warning (kept).
    pub severity: Severity,
    /// `file.csv:12`, or `file.csv` for the file as a whole.
    pub place: String,
    /// Line of the file (1-based), when the problem is on one line.
    pub line: Option<u32>,
    /// Column name, when the problem is in one cell.
    pub column: Option<String>,
    /// The cell's text as written (cut at 80 characters); shown as text, never interpreted.
    pub value: Option<String>,
    /// What is wrong, in a few words.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// A kind of problem: its severity and its hint, shared by every problem of the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// Stable name, used to group and cap problems.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What to do about it.
    pub hint: &'static str,
}

impl Kind {
    /// An error kind.
    pub const fn error(id: &'static str, hint: &'static str) -> Kind {
        Kind { id, severity: Severity::Error, hint }
    }
    /// A warning kind.
    pub const fn warning(id: &'static str, hint: &'static str) -> Kind {
        Kind { id, severity: Severity::Warning, hint }
    }
}

/// A cell's text cut to a readable length.
fn short(value: &str) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((at, _)) => format!("{}…", value.get(..at).unwrap_or("")),
        None => value.to_string(),
    }
}

/// Collects problems for one file (or overlay), capping each kind.
#[derive(Debug, Clone)]
pub struct Problems {
    place: String,
    general: Vec<Problem>,
    rows: Vec<Problem>,
    /// Per kind seen: the kind and how many of it were found.
    counts: Vec<(Kind, usize)>,
    /// Lines with an error, listed or not.
    error_lines: BTreeSet<u32>,
}

impl Problems {
    /// An empty list for the file called `place`.
    pub fn new(place: &str) -> Problems {
        Problems {
            place: short(place),
            general: Vec::new(),
            rows: Vec::new(),
            counts: Vec::new(),
            error_lines: BTreeSet::new(),
        }
    }

    /// Counts one more of `kind`; true while it is still listed.
    fn admit(&mut self, kind: Kind) -> bool {
        match self.counts.iter_mut().find(|(k, _)| k.id == kind.id) {
            Some((_, n)) => {
                *n += 1;
                *n <= MAX_PER_KIND
            }
            None => {
                self.counts.push((kind, 1));
                true
            }
        }
    }

    /// A problem in one cell (or one line when `column` is empty).
    pub fn at(&mut self, kind: Kind, line: u32, column: &str, value: &str, message: impl Into<String>) {
        if kind.severity == Severity::Error {
            self.error_lines.insert(line);
        }
        if !self.admit(kind) {
            return;
        }
        self.rows.push(Problem {
            severity: kind.severity,
            place: format!("{}:{line}", self.place),
            line: Some(line),
            column: (!column.is_empty()).then(|| short(column)),
            value: Some(short(value)),
            message: message.into(),
            hint: Some(kind.hint.to_string()),
        });
    }

    /// A problem with the file as a whole (or a summary of many rows).
    pub fn file(&mut self, kind: Kind, column: Option<&str>, value: Option<&str>, message: impl Into<String>) {
        if !self.admit(kind) {
            return;
        }
        self.general.push(Problem {
            severity: kind.severity,
            place: self.place.clone(),
            line: None,
            column: column.map(short),
            value: value.map(short),
            message: message.into(),
            hint: Some(kind.hint.to_string()),
        });
    }

    /// True when an error of any kind was found.
    pub fn has_errors(&self) -> bool {
        self.counts.iter().any(|(k, _)| k.severity == Severity::Error)
    }

    /// How many problems of the kind were found (listed or not).
    pub fn count(&self, kind: Kind) -> usize {
        self.counts.iter().find(|(k, _)| k.id == kind.id).map_or(0, |(_, n)| *n)
    }

    /// Number of lines with at least one error (rows left out), listed or not.
    pub fn lines_with_errors(&self) -> usize {
        self.error_lines.len()
    }

    /// Errors and warnings found, listed or not.
    pub fn totals(&self) -> (usize, usize) {
        let of = |severity: Severity| self.counts.iter().filter(|(k, _)| k.severity == severity).map(|(_, n)| n).sum();
        (of(Severity::Error), of(Severity::Warning))
    }

    /// The list: file-level problems, row problems in line order, then one "…and N more like
    /// this" per capped kind.
    pub fn finish(self) -> Vec<Problem> {
        let mut rows = self.rows;
        rows.sort_by_key(|p| p.line);
        let mut out = self.general;
        out.extend(rows);
        for (kind, n) in self.counts {
            if n > MAX_PER_KIND {
                out.push(Problem {
                    severity: kind.severity,
                    place: self.place.clone(),
                    line: None,
                    column: None,
                    value: None,
                    message: format!("…and {} more like this", crate::format::count((n - MAX_PER_KIND) as f64)),
                    hint: Some(kind.hint.to_string()),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAD: Kind = Kind::error("bad", "fix it");
    const ODD: Kind = Kind::warning("odd", "look at it");

    #[test]
    fn no_problems() {
        let p = Problems::new("f.csv");
        assert!(!p.has_errors());
        assert!(p.finish().is_empty());
    }

    #[test]
    fn one_problem_is_located() {
        let mut p = Problems::new("f.csv");
        p.at(BAD, 12, "OBS_VALUE", "abc", "not a number");
        assert!(p.has_errors());
        let list = p.finish();
        assert_eq!(
            list,
            vec![Problem {
                severity: Severity::Error,
                place: "f.csv:12".into(),
                line: Some(12),
                column: Some("OBS_VALUE".into()),
                value: Some("abc".into()),
                message: "not a number".into(),
                hint: Some("fix it".into()),
            }]
        );
    }

    #[test]
    fn file_problems_first_then_rows_in_line_order() {
        let mut p = Problems::new("f.csv");
        p.at(BAD, 9, "", "x", "later");
        p.at(ODD, 3, "c", "y", "earlier");
        p.file(ODD, None, None, "summary");
        let lines: Vec<Option<u32>> = p.finish().iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![None, Some(3), Some(9)]);
    }

    #[test]
    fn each_kind_is_capped_with_a_final_count() {
        let mut p = Problems::new("f.csv");
        for line in 0..(MAX_PER_KIND as u32 + 1234) {
            p.at(BAD, line + 2, "value", "x", "not a number");
        }
        p.at(ODD, 1, "", "", "other kind still listed");
        assert_eq!(p.count(BAD), MAX_PER_KIND + 1234);
        assert_eq!(p.lines_with_errors(), MAX_PER_KIND + 1234);
        let list = p.finish();
        assert_eq!(list.len(), MAX_PER_KIND + 2);
        assert_eq!(list.last().map(|x| x.message.as_str()), Some("…and 1,234 more like this"));
    }

    #[test]
    fn long_values_are_cut() {
        let mut p = Problems::new("f.csv");
        p.at(BAD, 2, "area", &"é".repeat(500), "unknown");
        let value = p.finish().remove(0).value.unwrap_or_default();
        assert_eq!(value.chars().count(), MAX_VALUE_CHARS + 1);
        assert!(value.ends_with('…'));
    }
}
