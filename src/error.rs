//! The crate's top-level error, with a stable machine-readable `code()` that the custom element
//! puts in the `atlas-error` event's `detail.code`.

use crate::model::Issue;
use thiserror::Error;

/// Everything that can stop the widget from showing a view.
#[derive(Debug, Error)]
pub enum Error {
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
    /// The bundle is JSON but not of the bundle's shape (a missing field, a wrong type).
    #[error("the data bundle does not have the expected structure: {0}")]
    InvalidStructure(String),
    /// The bundle parsed but failed validation; every error is listed.
    #[error("the data bundle has {} problem(s): {}", .0.len(), summarise(.0))]
    InvalidData(Vec<Issue>),
    /// An indicator id that the bundle does not have.
    #[error("unknown indicator \"{0}\"")]
    UnknownIndicator(String),
    /// A geography id that the bundle does not have.
    #[error("unknown geography \"{0}\"")]
    UnknownGeography(String),
    /// A period id the indicator does not have.
    #[error("unknown period \"{0}\"")]
    UnknownPeriod(String),
    /// An area code the current layer does not have.
    #[error("unknown area \"{0}\"")]
    UnknownArea(String),
    /// A classification method id that does not exist.
    #[error("unknown classification method \"{0}\" (use quantile, equal-interval or natural-breaks)")]
    UnknownMethod(String),
    /// A number of classes outside 3–7.
    #[error("{0} classes is not possible; choose 3 to 7")]
    InvalidClasses(usize),
    /// A change between two periods that do not share a definition or boundaries.
    #[error("change from {from} to {to} cannot be shown: {reason}")]
    ChangeNotComparable {
        /// Earlier period id.
        from: String,
        /// Later period id.
        to: String,
        /// Why not, in words for people.
        reason: String,
    },
    /// A postcode that is not in the index (or not a postcode at all).
    #[error("{0}")]
    UnknownPostcode(String),
}

impl Error {
    /// A stable, kebab-case code for scripts and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::TooLarge { .. } => "too-large",
            Error::InvalidJson(_) => "invalid-json",
            Error::InvalidStructure(_) => "invalid-structure",
            Error::InvalidData(_) => "invalid-data",
            Error::UnknownIndicator(_) => "unknown-indicator",
            Error::UnknownGeography(_) => "unknown-geography",
            Error::UnknownPeriod(_) => "unknown-period",
            Error::UnknownArea(_) => "unknown-area",
            Error::UnknownMethod(_) => "unknown-method",
            Error::InvalidClasses(_) => "invalid-classes",
            Error::ChangeNotComparable { .. } => "change-not-comparable",
            Error::UnknownPostcode(_) => "unknown-postcode",
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
        assert_eq!(Error::InvalidJson("x".into()).code(), "invalid-json");
        assert_eq!(Error::TooLarge { size: 2, limit: 1 }.code(), "too-large");
        assert_eq!(Error::UnknownArea("E0".into()).code(), "unknown-area");
    }

    #[test]
    fn invalid_data_message_names_locations_and_counts_the_rest() {
        let issue = |n: usize| Issue { severity: Severity::Error, location: format!("a[{n}]"), message: "bad".into() };
        let message = Error::InvalidData((0..5).map(issue).collect()).to_string();
        assert!(message.starts_with("the data bundle has 5 problem(s): error at a[0]: bad"), "{message}");
        assert!(message.ends_with("and 2 more"), "{message}");
    }
}
