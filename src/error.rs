//! The crate's top-level error, with a stable machine-readable `code()` that the custom element
//! puts in the `atlas-error` event's `detail.code`.

use crate::model::LoadError;
use thiserror::Error;

/// Everything that can stop the widget from showing a view.
#[derive(Debug, Error)]
pub enum Error {
    /// The bundle could not be loaded: too large, not a bundle, invalid data (every problem
    /// listed) or a layer it does not have. Message and code are the [`LoadError`]'s own.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The bundle is JSON but not of the bundle's shape (a missing field, a wrong type).
    #[error("the data bundle does not have the expected structure: {0}")]
    InvalidStructure(String),
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
            Error::Load(e) => e.code(),
            Error::InvalidStructure(_) => "invalid-structure",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Error::from(LoadError::InvalidJson("x".into())).code(), "invalid-json");
        assert_eq!(Error::from(LoadError::TooLarge { size: 2, limit: 1 }).code(), "too-large");
        assert_eq!(Error::UnknownArea("E0".into()).code(), "unknown-area");
        assert_eq!(Error::InvalidStructure("x".into()).code(), "invalid-structure");
    }

    #[test]
    fn load_errors_keep_their_messages() {
        let e = LoadError::TooLarge { size: 2, limit: 1 };
        let message = e.to_string();
        assert_eq!(Error::from(e).to_string(), message);
        assert_eq!(message, "the data bundle is 2 bytes; the limit is 1 bytes");
    }
}
