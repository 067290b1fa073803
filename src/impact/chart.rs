//! The patch's trend chart: the patch as the primary line (its 95% interval as a band), the
//! matched comparison group and the city region and England as comparators, a labelled marker at
//! each intervention's start and a pin at each note's period.

use super::figures::patch_trend;
use super::notes::Note;
use super::patch::Intervention;
use super::tables::BundleTables;
use crate::layout::trend::{LineStyle, TrendLine, TrendMarker, TrendPoint, TrendSpec};
use crate::layout::trend_spec::{indicator_trend_spec, ENGLAND_COLOUR, REGION_COLOUR};
use crate::model::bundle::Indicator;
use crate::model::codes::{ENGLAND_CODE, REGION_CODE};
use crate::scale::Rgb;
use crate::stats::Z_95;

/// The patch's colour on charts and its outline on the map (defined beside the comparators').
pub use crate::layout::trend_spec::PATCH_COLOUR;
/// The comparison group's colour.
pub const COMPARISON_COLOUR: Rgb = Rgb(0x50, 0x5a, 0x5f);

/// A period-like id (`2023`, `2023-04`) as a fractional year, for placing it between periods.
/// Integers are parsed, not floats: a float parser would add ~15 kB to the analysis module.
fn year_of(id: &str) -> Option<f64> {
    let year: u16 = id.get(..4)?.parse().ok()?;
    match id.get(4..) {
        Some("") => Some(f64::from(year)),
        Some(rest) => {
            let month: u8 = rest.strip_prefix('-')?.parse().ok()?;
            (1..=12).contains(&month).then_some(f64::from(year) + f64::from(month - 1) / 12.0)
        }
        None => None,
    }
}

/// Where a period-like id falls on the chart's period axis: at a period with that id; between two
/// periods in proportion to time when both are years or months (2023 sits two thirds of the way
/// from 2019 to 2025), else halfway; past the end after the last one.
pub fn axis_position(indicator: &Indicator, id: &str) -> f64 {
    let periods = &indicator.periods;
    match periods.iter().position(|p| p.id.as_str() >= id) {
        Some(i) if periods[i].id == id => i as f64,
        Some(0) => -0.5,
        Some(i) => match (year_of(&periods[i - 1].id), year_of(&periods[i].id), year_of(id)) {
            (Some(a), Some(b), Some(t)) if b > a => (i - 1) as f64 + ((t - a) / (b - a)).clamp(0.0, 1.0),
            _ => i as f64 - 0.5,
        },
        None => periods.len() as f64 - 0.5,
    }
}

fn points(figures: &[super::figures::PatchFigure]) -> Vec<TrendPoint> {
    figures.iter().map(|f| TrendPoint { value: f.value, lower: f.lower, upper: f.upper }).collect()
}

/// The chart for a patch; `comparison` adds the matched group's line. `None` for an unknown
/// indicator.
pub fn patch_trend_spec(
    tables: &BundleTables,
    indicator_id: &str,
    patch_name: &str,
    members: &[usize],
    interventions: &[Intervention],
    comparison: &[usize],
    notes: &[Note],
) -> Option<TrendSpec> {
    let indicator = tables.indicator(indicator_id)?;
    let mut lines = Vec::new();
    // The comparator look-up repeats `Atlas::trend_lines`'s on purpose: sharing one function
    // changes the map module's inlining and costs the default download ~50 bytes gzip, which its
    // 250 kB budget does not have.
    for (code, colour, dash) in [(ENGLAND_CODE, ENGLAND_COLOUR, 3), (REGION_CODE, REGION_COLOUR, 8)] {
        let Some(name) = tables.comparators.iter().find(|c| c.code == code).map(|c| c.name.clone()) else { continue };
        let pts: Vec<TrendPoint> = indicator
            .periods
            .iter()
            .map(|p| {
                let found = indicator.comparator_values.iter().find(|c| c.code == code && c.period == p.id);
                let interval = found.and_then(|c| indicator.proportion_interval(c.numerator, c.denominator, Z_95));
                TrendPoint {
                    value: found.map(|c| c.value),
                    lower: interval.map(|i| i.lower),
                    upper: interval.map(|i| i.upper),
                }
            })
            .collect();
        if pts.iter().any(|p| p.value.is_some()) {
            lines.push(TrendLine { label: name, colour, style: LineStyle::Comparator(dash), points: pts });
        }
    }
    if !comparison.is_empty() {
        let pts: Vec<TrendPoint> = points(&patch_trend(tables, indicator, comparison))
            .into_iter()
            .map(|p| TrendPoint { lower: None, upper: None, ..p })
            .collect();
        if pts.iter().any(|p| p.value.is_some()) {
            lines.push(TrendLine {
                label: format!("{} matched comparison areas", comparison.len()),
                colour: COMPARISON_COLOUR,
                style: LineStyle::Comparator(0),
                points: pts,
            });
        }
    }
    lines.push(TrendLine {
        label: patch_name.to_string(),
        colour: PATCH_COLOUR,
        style: LineStyle::Primary,
        points: points(&patch_trend(tables, indicator, members)),
    });
    let mut markers: Vec<TrendMarker> = interventions
        .iter()
        .map(|x| TrendMarker { x: axis_position(indicator, &x.start), label: x.name.clone(), note: false })
        .collect();
    markers.extend(notes.iter().map(|n| TrendMarker {
        x: axis_position(indicator, &n.period),
        label: n.author.clone(),
        note: true,
    }));
    Some(indicator_trend_spec(indicator, lines, markers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bundle::{Period, Polarity, Source, Theme, Unit};

    fn indicator(ids: &[&str]) -> Indicator {
        Indicator {
            id: "x".into(),
            label: "x".into(),
            title: "x".into(),
            definition: "x".into(),
            unit: Unit { symbol: "%".into(), label: "%".into(), multiplier: 100.0 },
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            source: Source { producer: "x".into(), dataset: "x".into(), edition: "x".into() },
            licence: "x".into(),
            geography_vintage: "x".into(),
            periods: ids
                .iter()
                .map(|id| Period { id: (*id).into(), label: (*id).into(), reference: String::new(), change_note: None })
                .collect(),
            series: vec![],
            comparator_values: vec![],
        }
    }

    #[test]
    fn markers_fall_between_periods_in_proportion_to_time() {
        let years = indicator(&["2010", "2019", "2025"]);
        assert_eq!(axis_position(&years, "2019"), 1.0);
        assert!((axis_position(&years, "2023") - (1.0 + 4.0 / 6.0)).abs() < 1e-9);
        assert!((axis_position(&years, "2024-07") - (1.0 + 5.5 / 6.0)).abs() < 1e-9);
        assert_eq!(axis_position(&years, "2005"), -0.5);
        assert_eq!(axis_position(&years, "2030"), 2.5);
        let months = indicator(&["2024-01", "2024-07"]);
        assert!((axis_position(&months, "2024-04") - 0.5).abs() < 1e-9);
        let labels = indicator(&["a", "c"]);
        assert_eq!(axis_position(&labels, "b"), 0.5);
    }
}
