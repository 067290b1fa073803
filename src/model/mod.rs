//! The data model: the bundle's wire schema, loading with collect-all validation, and the
//! decoded dataset the rest of the widget works from.

/// The bundle's wire schema (shared with the data builder).
pub mod bundle;
/// Codes of the comparator areas the widget names (city region, England).
pub mod codes;
/// The loaded, decoded, indexed dataset.
pub mod dataset;
/// Dissolving areas along shared arcs (layers stored without shapes).
pub mod dissolve;
/// What stops a bundle from loading.
pub mod error;
/// Sorted-vector sets and maps (small in wasm).
pub mod keys;
/// The bundle in packed binary form (`data/atlas.bin`).
pub mod packed;
/// An area's parent codes by geography.
pub mod parents;
/// Period ids (`YYYY`, `YYYY-MM`, `YYYY-Qn`) read as spans of months.
pub mod period_id;
/// The postcode → LSOA 2021 index (`data/postcodes.json`), fetched on demand.
pub mod postcodes;
/// Control characters in the bundle's text fields, with their locations.
pub mod text;
/// Decoding of shared-arc geometry into rings.
pub mod topology;
/// Collect-all validation of a bundle.
pub mod validate;

pub use bundle::Bundle;
pub use dataset::Dataset;
pub use error::LoadError;
pub use validate::{Issue, Severity};
