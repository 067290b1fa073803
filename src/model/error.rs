//! [`LoadError`]: what stops a bundle from loading — too large, not a bundle, invalid data (every
//! problem listed), or a layer asked for that the bundle does not have. The model's own error, so
//! the loader depends on nothing above it; the top-level `Error` (src/error.rs) wraps it and keeps
//! its messages and codes.

use super::validate::Issue;
use thiserror::Error;

/// Why a bundle could not be loaded or one of its layers built.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The bundle is larger than the loader accepts.
    #[error("the data bundle is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The accepted maximum.
        limit: usize,
    },
    /// The bundle is not valid JSON of the bundle's shape.
    #[error("the data bundle could not be read: {0}")]
    InvalidJson(String),
    /// The bundle parsed but failed validation; every error is listed.
    #[error("the data bundle has {} problem(s): {}", .0.len(), summarise(.0))]
    InvalidData(Vec<Issue>),
    /// A layer index past the bundle's last geography.
    #[error("unknown geography \"{0}\"")]
    UnknownGeography(String),
}

impl LoadError {
    /// A stable, kebab-case code for scripts and tests (the top-level error reports the same).
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::TooLarge { .. } => "too-large",
            LoadError::InvalidJson(_) => "invalid-json",
            LoadError::InvalidData(_) => "invalid-data",
            LoadError::UnknownGeography(_) => "unknown-geography",
        }
    }
}

/// The first few issues, so a message stays readable; the full list is kept in the error.
fn summarise(issues: &[Issue]) -> String {
    const SHOWN: usize = 3;
    let mut text: Vec<String> = issues.iter().take(SHOWN).map(ToString::to_string).collect();
    if issues.len() > SHOWN {
        text.push(format!("and {} more", issues.len() - SHOWN));
    }
    text.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    #[test]
    fn codes_are_stable() {
        assert_eq!(LoadError::InvalidJson("x".into()).code(), "invalid-json");
        assert_eq!(LoadError::TooLarge { size: 2, limit: 1 }.code(), "too-large");
        assert_eq!(LoadError::InvalidData(Vec::new()).code(), "invalid-data");
        assert_eq!(LoadError::UnknownGeography("9".into()).code(), "unknown-geography");
    }

    #[test]
    fn invalid_data_message_names_locations_and_counts_the_rest() {
        let issue = |n: usize| Issue { severity: Severity::Error, location: format!("a[{n}]"), message: "bad".into() };
        let message = LoadError::InvalidData((0..5).map(issue).collect()).to_string();
        assert!(message.starts_with("the data bundle has 5 problem(s): error at a[0]: bad"), "{message}");
        assert!(message.ends_with("and 2 more"), "{message}");
        let one = LoadError::InvalidData(vec![issue(0)]).to_string();
        assert_eq!(one, "the data bundle has 1 problem(s): error at a[0]: bad");
    }
}
