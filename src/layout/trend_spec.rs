//! An indicator's trend chart before its lines are chosen: its periods on the axis, its unit, a
//! zero baseline for percentages and a rule where the definition or boundaries changed; and the
//! colours of the city region's and England's lines. Shared by the selected area's chart (`app`)
//! and the patch's chart (`impact`), so the two draw comparators alike.

use super::trend::{TrendLine, TrendMarker, TrendSpec};
use crate::model::bundle::Indicator;
use crate::scale::Rgb;
use serde::Serialize;

/// A chart legend entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendLine {
    /// Label.
    pub label: String,
    /// CSS colour.
    pub colour: String,
    /// Dash length in pixels (0 = solid).
    pub dash: u32,
    /// Whether this is the selected area's line.
    pub primary: bool,
}

/// The city region's line.
pub const REGION_COLOUR: Rgb = Rgb(0x50, 0x5a, 0x5f);
/// England's line.
pub const ENGLAND_COLOUR: Rgb = Rgb(0x0b, 0x0c, 0x0c);
/// The patch: its line on every chart, its outline and note pins on the map, and `--atlas-patch`
/// in the page's CSS. A teal (4.6:1 on white, so it also serves as text and under white text), in
/// a hue family of its own: the area's line is orange-red, the district's purple, the
/// comparators grey and black, the comparison group's map outline dark green. It stays at least
/// ΔE 19 (CIELAB) from each of them in normal vision and under simulated protanopia,
/// deuteranopia and tritanopia (tests/chart_contrast.rs); the purple it replaces was ΔE 7 from
/// the district's line under protanopia.
pub const PATCH_COLOUR: Rgb = Rgb(0x00, 0x80, 0x98);

/// A trend chart of `indicator` with `lines` (drawn in order) and `markers`: its periods on the
/// axis by their short ids ("2019", "2024-03"; labels are in the readout), its unit, a zero
/// baseline for percentages and a rule where the definition or boundaries changed.
pub fn indicator_trend_spec(indicator: &Indicator, lines: Vec<TrendLine>, markers: Vec<TrendMarker>) -> TrendSpec {
    TrendSpec {
        periods: indicator.periods.iter().map(|p| p.id.clone()).collect(),
        y_label: indicator.unit.label.clone(),
        from_zero: indicator.unit.is_percentage(),
        changes: indicator
            .periods
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, p)| p.change_note.is_some())
            .map(|(i, _)| i)
            .collect(),
        lines,
        decimals: indicator.decimals,
        markers,
    }
}
