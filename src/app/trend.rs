//! The selected area's trend: the chart's specification (area line with its 95% band, district,
//! city region and England lines) and the readout for one period. Intervals come from counts:
//! Wilson score intervals for proportions; none where the source publishes no counts.

use super::atlas::{Atlas, DISTRICT_GEOGRAPHY};
use crate::layout::trend::{LineStyle, TrendLine, TrendPoint, TrendSpec};
pub use crate::layout::trend_spec::LegendLine;
use crate::layout::trend_spec::{indicator_trend_spec, ENGLAND_COLOUR, REGION_COLOUR};
use crate::model::codes::{ENGLAND_CODE, REGION_CODE};
use crate::scale::Rgb;
use crate::stats::interval::Z_95;
use serde::Serialize;

/// Colour of the selected area's line: the map's selection accent, linking chart and map.
pub const AREA_COLOUR: Rgb = Rgb(0xd5, 0x3e, 0x0f);
/// Colour of the district's line on the trend chart.
pub const DISTRICT_COLOUR: Rgb = Rgb(0x6f, 0x3c, 0x97);

/// One line's figure at one period, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadoutLine {
    /// Line label.
    pub label: String,
    /// Value with unit, or "no data".
    pub value_text: String,
    /// "95% CI 18.2% to 21.0%" or empty.
    pub interval_text: String,
}

/// What the chart says at one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendReadout {
    /// Period label.
    pub period: String,
    /// Period id.
    pub period_id: String,
    /// How the definition or boundaries changed at this period, if they did.
    pub change_note: Option<String>,
    /// One entry per line, area first.
    pub lines: Vec<ReadoutLine>,
}

impl Atlas {
    /// Value and interval of area `area` of geography `geography` at `period`, at `z`.
    pub(super) fn figure(&self, geography: &str, area: usize, period: &str, z: f64) -> TrendPoint {
        let empty = TrendPoint { value: None, lower: None, upper: None };
        let Some(indicator) = self.current_indicator() else { return empty };
        let Some(series) = self.data.series(&indicator.id, geography, period) else { return empty };
        let value = series.values.get(area).copied().flatten();
        let count = |v: &Option<Vec<Option<f64>>>| v.as_ref().and_then(|v| v.get(area).copied().flatten());
        let interval = indicator.proportion_interval(count(&series.numerators), count(&series.denominators), z);
        TrendPoint { value, lower: interval.map(|i| i.lower), upper: interval.map(|i| i.upper) }
    }

    fn comparator_point(&self, code: &str, period: &str) -> TrendPoint {
        let found = self
            .current_indicator()
            .and_then(|i| i.comparator_values.iter().find(|c| c.code == code && c.period == period));
        let interval = match (found, self.current_indicator()) {
            (Some(c), Some(i)) => i.proportion_interval(c.numerator, c.denominator, Z_95),
            _ => None,
        };
        TrendPoint { value: found.map(|c| c.value), lower: interval.map(|i| i.lower), upper: interval.map(|i| i.upper) }
    }

    /// The selected area's district: (geography id, area index, name), when smaller than a district.
    fn selected_district(&self) -> Option<(usize, String)> {
        let area = self.data.bundle.geographies.get(self.geography)?.areas.get(self.selected?)?;
        let code = area.parents.get(DISTRICT_GEOGRAPHY)?;
        let lad = self.data.geography_index(DISTRICT_GEOGRAPHY)?;
        let index = self.data.area_index(lad, code)?;
        Some((index, self.data.bundle.geographies[lad].areas[index].name.clone()))
    }

    /// The lines of the selected area's trend chart, comparators first, the area last (on top).
    fn trend_lines(&self) -> Option<Vec<TrendLine>> {
        let indicator = self.current_indicator()?;
        let selected = self.selected?;
        let geography = self.geography_id().to_string();
        let name = self.data.bundle.geographies.get(self.geography)?.areas.get(selected)?.name.clone();
        let periods: Vec<&str> = indicator.periods.iter().map(|p| p.id.as_str()).collect();
        let mut lines = Vec::new();
        let comparator = |code: &str| {
            let points: Vec<TrendPoint> = periods.iter().map(|p| self.comparator_point(code, p)).collect();
            points.iter().any(|p| p.value.is_some()).then_some(points)
        };
        let comparator_name =
            |code: &str| self.data.bundle.comparators.iter().find(|c| c.code == code).map(|c| c.name.clone());
        if let (Some(points), Some(label)) = (comparator(ENGLAND_CODE), comparator_name(ENGLAND_CODE)) {
            lines.push(TrendLine { label, colour: ENGLAND_COLOUR, style: LineStyle::Comparator(3), points });
        }
        if let (Some(points), Some(label)) = (comparator(REGION_CODE), comparator_name(REGION_CODE)) {
            lines.push(TrendLine { label, colour: REGION_COLOUR, style: LineStyle::Comparator(8), points });
        }
        if let Some((district, label)) = self.selected_district() {
            let points: Vec<TrendPoint> =
                periods.iter().map(|p| self.figure(DISTRICT_GEOGRAPHY, district, p, Z_95)).collect();
            if points.iter().any(|p| p.value.is_some()) {
                lines.push(TrendLine { label, colour: DISTRICT_COLOUR, style: LineStyle::Comparator(0), points });
            }
        }
        let points = periods.iter().map(|p| self.figure(&geography, selected, p, Z_95)).collect();
        lines.push(TrendLine { label: name, colour: AREA_COLOUR, style: LineStyle::Primary, points });
        Some(lines)
    }

    /// The trend chart for the selected area and current indicator; `None` with no selection.
    pub fn trend_spec(&self) -> Option<TrendSpec> {
        let indicator = self.current_indicator()?;
        Some(indicator_trend_spec(indicator, self.trend_lines()?, Vec::new()))
    }

    /// The chart's legend, area first.
    pub fn trend_legend(&self) -> Vec<LegendLine> {
        let mut lines: Vec<LegendLine> = self
            .trend_lines()
            .unwrap_or_default()
            .into_iter()
            .map(|l| LegendLine {
                label: l.label,
                colour: l.colour.to_string(),
                dash: match l.style {
                    LineStyle::Primary => 0,
                    LineStyle::Comparator(d) => d,
                },
                primary: l.style == LineStyle::Primary,
            })
            .collect();
        lines.reverse();
        lines
    }

    /// The chart's figures at period index `period`, area first.
    pub fn trend_readout(&self, period: usize) -> Option<TrendReadout> {
        let indicator = self.current_indicator()?;
        let p = indicator.periods.get(period)?;
        let fmt = |v: Option<f64>| crate::format::value(v, indicator.decimals, &indicator.unit.symbol);
        let mut lines: Vec<ReadoutLine> = self
            .trend_lines()?
            .into_iter()
            .map(|line| {
                let point =
                    line.points.get(period).copied().unwrap_or(TrendPoint { value: None, lower: None, upper: None });
                let interval_text = match (point.lower, point.upper) {
                    (Some(lo), Some(hi)) => format!("95% CI {} to {}", fmt(Some(lo)), fmt(Some(hi))),
                    _ => String::new(),
                };
                ReadoutLine { label: line.label, value_text: fmt(point.value), interval_text }
            })
            .collect();
        lines.reverse();
        Some(TrendReadout {
            period: p.label.clone(),
            period_id: p.id.clone(),
            change_note: p.change_note.clone(),
            lines,
        })
    }
}
