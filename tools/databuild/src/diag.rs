//! Collect-all diagnostics for the raw inputs: every problem is recorded with its location
//! (`file:line`, column, area code) so a person can fix the source, and the build stops only
//! after everything has been reported.

use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Listed, but the build continues.
    Warning,
    /// Listed, and the build fails.
    Error,
}

/// One located problem in the raw inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// Where, e.g. `imd/imd2025_lsoa21_lcr.csv:15 column Employment_score (E01006412)`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{kind}: {}: {}", self.location, self.message)
    }
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

    fn push(&mut self, level: Level, location: String, message: String) {
        self.items.push(Diagnostic { level, location, message });
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.level == Level::Error)
    }

    /// Everything recorded, in the order found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.level == Level::Error)
    }

    /// Warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.level == Level::Warning)
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
