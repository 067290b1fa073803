//! [`LegendEntry`]: one row of the map's key — a class of the choropleth, the no-data swatch, or
//! what the impact tools outline and pin on the map (`impact`) — in the shape the key and the map
//! picture draw.

use serde::Serialize;

/// One legend row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    /// CSS colour, or empty for the hatched no-data swatch.
    pub colour: String,
    /// Range text, e.g. "12.0% to under 18.4%".
    pub label: String,
    /// True for the no-data row.
    pub no_data: bool,
}
