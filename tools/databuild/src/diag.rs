//! Collect-all diagnostics for the raw inputs: every problem is recorded with its location
//! (`file:line`, column, area code) so a person can fix the source, and the build stops only
//! after everything has been reported.

// A raw-input problem has the same parts as a bundle problem found by the widget's validation
// (severity, location, message), so the tool records the crate's own `Issue`; only the line it
// prints differs, in the compiler style that editors turn into links to `file:line`.
pub use work_health_atlas::model::{Issue as Diagnostic, Severity as Level};

/// One printed line: `error: imd/file.csv:15 column Employment_score (E01006412): message`.
pub fn line(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    format!("{kind}: {}: {}", d.location, d.message)
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
