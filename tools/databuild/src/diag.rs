//! Collect-all diagnostics for the raw inputs: every problem is recorded with its location
//! (`file:line`, column, area code) so a person can fix the source, and the build stops only
//! after everything has been reported. Problems of the shared importer
//! (`work_health_atlas::import::Problem`: imported CSVs, overlay files) are printed the same way,
//! as `place column "value": message — hint`.

// A raw-input problem has the same parts as a bundle problem found by the widget's validation
// (severity, location, message), so the tool records the crate's own `Issue`; only the line it
// prints differs, in the compiler style that editors turn into links to `file:line`.
use work_health_atlas::import::{Problem, Severity as ProblemSeverity};
pub use work_health_atlas::model::{Issue as Diagnostic, Severity as Level};

/// One printed line: `error: imd/file.csv:15 column Employment_score (E01006412): message`.
pub fn line(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    format!("{kind}: {}: {}", d.location, d.message)
}

/// Text from a file, safe to print: control characters (which could move the cursor or recolour
/// a terminal) are written as `\u{..}` escapes.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// An importer problem as a diagnostic: location `place column "value"`, message
/// `message — hint`.
pub fn from_problem(p: &Problem) -> Diagnostic {
    let severity = match p.severity {
        ProblemSeverity::Error => Level::Error,
        ProblemSeverity::Warning => Level::Warning,
    };
    let mut location = printable(&p.place);
    if let Some(column) = p.column.as_deref().filter(|c| !c.is_empty()) {
        location.push(' ');
        location.push_str(&printable(column));
    }
    if let Some(value) = p.value.as_deref() {
        // Debug quoting shows an empty or blank cell, and escapes quotes and control characters.
        location.push_str(&format!(" {value:?}"));
    }
    let mut message = printable(&p.message);
    if let Some(hint) = p.hint.as_deref().filter(|h| !h.is_empty()) {
        message.push_str(" — ");
        message.push_str(&printable(hint));
    }
    Diagnostic { severity, location, message }
}

/// One printed line of an importer problem:
/// `error: file.csv:12 OBS_VALUE "abc": not a number — hint`.
pub fn problem_line(p: &Problem) -> String {
    line(&from_problem(p))
}

/// The running list of problems found while reading inputs.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records an error.
    pub fn error(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.push(Level::Error, location.into(), message.into());
    }

    /// Records a warning.
    pub fn warn(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.push(Level::Warning, location.into(), message.into());
    }

    /// Records a problem of either severity.
    pub fn push(&mut self, severity: Level, location: String, message: String) {
        self.items.push(Diagnostic { severity, location, message });
    }

    /// Records an importer problem (see [`from_problem`]).
    pub fn problem(&mut self, p: &Problem) {
        self.items.push(from_problem(p));
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Level::Error)
    }

    /// Everything recorded, in the order found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Level::Error)
    }

    /// Warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Level::Warning)
    }
}

/// Formats a location: file, line, optional column and optional area code.
pub fn at(file: &str, line: u64, column: Option<&str>, code: Option<&str>) -> String {
    let mut s = format!("{file}:{line}");
    if let Some(c) = column {
        s.push_str(&format!(" column {c}"));
    }
    if let Some(c) = code {
        if !c.is_empty() {
            s.push_str(&format!(" ({c})"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(column: Option<&str>, value: Option<&str>, hint: Option<&str>) -> Problem {
        Problem {
            severity: ProblemSeverity::Error,
            place: "f.csv:12".into(),
            line: Some(12),
            column: column.map(String::from),
            value: value.map(String::from),
            message: "not a number".into(),
            hint: hint.map(String::from),
        }
    }

    #[test]
    fn problems_print_place_column_value_message_and_hint() {
        let p = problem(Some("OBS_VALUE"), Some("abc"), Some("write plain numbers"));
        assert_eq!(problem_line(&p), "error: f.csv:12 OBS_VALUE \"abc\": not a number — write plain numbers");
        let mut bare = problem(None, None, None);
        bare.severity = ProblemSeverity::Warning;
        assert_eq!(problem_line(&bare), "warning: f.csv:12: not a number");
        assert_eq!(problem_line(&problem(None, Some(""), None)), "error: f.csv:12 \"\": not a number");
    }

    #[test]
    fn control_characters_are_escaped() {
        let p = problem(Some("a\u{1b}[31m"), Some("x\u{7}\ny"), None);
        assert_eq!(problem_line(&p), "error: f.csv:12 a\\u{1b}[31m \"x\\u{7}\\ny\": not a number");
        assert_eq!(printable("tab\there"), "tab\\u{9}here");
    }
}
