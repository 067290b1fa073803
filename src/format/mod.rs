//! Text for people and for files, shared by every layer that writes words: the map's tooltips
//! and legends, chart axes, the importer's problem messages, validation messages and CSV exports.
//! A leaf module (std only, no crate imports), so the layers below `app` can format numbers
//! without depending on the widget's state machine.

/// CSV files and cells, neutralised against formula injection.
pub mod csv;
/// The CSV on the Web (CSVW) sidecar that describes an exported CSV.
pub mod csvw;
/// Numbers with fixed decimals, thousands separators and units, without the float formatter.
pub mod number;

pub use number::{count, fixed, plain, value};
