//! An indicator's trend chart before its lines are chosen: its periods on the axis, its unit, a
//! zero baseline for percentages and a rule where the definition or boundaries changed; and the
//! colours of the city region's and England's lines. Shared by the selected area's chart (`app`)
//! and the patch's chart (`impact`), so the two draw comparators alike.

use super::trend::{TrendLine, TrendMarker, TrendSpec};
use crate::model::bundle::{Indicator, Period};
use crate::model::period_id::{months, reference_years};
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

/// A period on the chart's axis by the time its figures describe: a yearly edition by the years
/// its reference text names (IoD2025, "data mostly about 2021–23" → "2021–23"; IoD2019 →
/// "2015–16"), so that points sit where their data belongs; anything else by its short id
/// ("2021", "2024-03"). Edition names are in the readout.
fn axis_label(period: &Period) -> String {
    match (months(&period.id), reference_years(&period.reference)) {
        (Some((_, _, 1)), Some((first, last))) if last > first => format!("{first}–{:02}", last % 100),
        (Some((_, _, 1)), Some((first, _))) => first.to_string(),
        _ => period.id.clone(),
    }
}

/// A trend chart of `indicator` with `lines` (drawn in order) and `markers`: its periods on the
/// axis by the time they describe ([`axis_label`]), its unit, a zero baseline for percentages and
/// a rule where the definition or boundaries changed.
pub fn indicator_trend_spec(indicator: &Indicator, lines: Vec<TrendLine>, markers: Vec<TrendMarker>) -> TrendSpec {
    TrendSpec {
        periods: indicator.periods.iter().map(axis_label).collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn period(id: &str, reference: &str) -> Period {
        Period { id: id.into(), label: id.into(), reference: reference.into(), change_note: None }
    }

    #[test]
    fn editions_sit_on_the_axis_by_the_years_they_describe() {
        assert_eq!(axis_label(&period("2025", "data mostly about 2021–23")), "2021–23");
        assert_eq!(axis_label(&period("2019", "data mostly about 2015/16 (denominators mid-2015)")), "2015–16");
        assert_eq!(axis_label(&period("2010", "data mostly about 2008")), "2008");
        assert_eq!(axis_label(&period("2021", "Census day, 21 March 2021")), "2021");
        assert_eq!(axis_label(&period("2024-03", "March 2024")), "2024-03");
        assert_eq!(axis_label(&period("2019", "")), "2019");
    }
}
