//! [`TableRow`]: one row of the data table and of its CSV. The map's areas (`app`) and a patch
//! (`impact`) both take this shape, so the table, the CSV and their tests treat them alike.

use serde::{Deserialize, Serialize};

/// One row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// Area code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// District name (empty for districts).
    pub district: String,
    /// Value in display units (for sorting), null for no data.
    pub value: Option<f64>,
    /// Value with unit, or "no data".
    pub value_text: String,
    /// "18.2% to 21.0%" or empty.
    pub interval_text: String,
    /// Count, where published or derived.
    pub numerator: Option<f64>,
    /// Count, where published or derived.
    pub denominator: Option<f64>,
    /// Lower 95% limit in display units.
    pub lower: Option<f64>,
    /// Upper 95% limit in display units.
    pub upper: Option<f64>,
    /// Comparison with the city region at 95% ("worse", "similar", …, "not compared").
    pub comparison: String,
    /// Its glyph.
    pub glyph: String,
    /// Rank, highest value first (1 = highest); null for no data.
    pub rank: Option<usize>,
}
