//! The patch's trend chart: the patch as the primary line (its 95% interval as a band), the
//! matched comparison group and the city region and England as comparators, a labelled marker at
//! each intervention's start and a pin at each note's period.

use super::figures::patch_trend;
use super::notes::Note;
use super::patch::Intervention;
use super::tables::BundleTables;
use crate::layout::trend::{LineStyle, TrendLine, TrendMarker, TrendPoint, TrendSpec};
use crate::layout::trend_spec::{indicator_trend_spec, ENGLAND_COLOUR, REGION_COLOUR};
use crate::model::bundle::{Indicator, Period};
use crate::model::codes::{ENGLAND_CODE, REGION_CODE};
use crate::model::period_id::{months, reference_years};
use crate::scale::Rgb;
use crate::stats::Z_95;

/// The patch's colour on charts and its outline on the map (defined beside the comparators').
pub use crate::layout::trend_spec::PATCH_COLOUR;
/// The comparison group's colour.
pub const COMPARISON_COLOUR: Rgb = Rgb(0x50, 0x5a, 0x5f);

/// The months a period's figures describe, as (first, last) month numbers (`12 * year + month0`,
/// months counted from 0): a year's from its reference text ("data mostly about 2021–23" → Jan
/// 2021 to Dec 2023), as the before/after comparison reads it (comparison.rs); else its id's own
/// span.
fn described(period: &Period) -> Option<(i32, i32)> {
    let own = months(&period.id);
    match own {
        Some((_, _, 1)) => reference_years(&period.reference).map(|(first, last)| (first * 12, last * 12 + 11)),
        _ => None,
    }
    .or(own.map(|(first, last, _)| (first, last)))
}

/// Where a date (`2023`, `2023-04`) falls on the chart's period axis, by the time each period's
/// figures describe: at a period whose time holds it; between two in proportion to the months
/// between them; before the first or past the last. An intervention from March 2024 is after
/// IoD2025 (data about 2021–23), not before it. Ids that are not dates fall back to their order
/// as text: at an equal id, else halfway between.
pub fn axis_position(indicator: &Indicator, id: &str) -> f64 {
    let periods = &indicator.periods;
    let spans: Option<Vec<(i32, i32)>> = periods.iter().map(described).collect();
    if let (Some(spans), Some((t, _, _))) = (spans, months(id)) {
        return match spans.iter().position(|&(_, last)| last >= t) {
            None => periods.len() as f64 - 0.5,
            Some(i) if spans[i].0 <= t => i as f64,
            Some(0) => -0.5,
            Some(i) => {
                let (gap_from, gap_to) = (spans[i - 1].1, spans[i].0);
                (i - 1) as f64 + f64::from(t - gap_from) / f64::from((gap_to - gap_from).max(1))
            }
        };
    }
    match periods.iter().position(|p| p.id.as_str() >= id) {
        Some(i) if periods[i].id == id => i as f64,
        Some(0) => -0.5,
        Some(i) => i as f64 - 0.5,
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
        assert_eq!(axis_position(&years, "2019-07"), 1.0, "inside 2019");
        // From the end of 2019 (month 2019*12+11) to the start of 2025: 61 months.
        assert!((axis_position(&years, "2023") - (1.0 + 37.0 / 61.0)).abs() < 1e-9);
        assert!((axis_position(&years, "2024-07") - (1.0 + 55.0 / 61.0)).abs() < 1e-9);
        assert_eq!(axis_position(&years, "2005"), -0.5);
        assert_eq!(axis_position(&years, "2030"), 2.5);
        let months = indicator(&["2024-01", "2024-07"]);
        assert!((axis_position(&months, "2024-04") - 0.5).abs() < 1e-9);
        let labels = indicator(&["a", "c"]);
        assert_eq!(axis_position(&labels, "b"), 0.5);
    }

    #[test]
    fn markers_go_by_the_time_the_figures_describe() {
        let mut iod = indicator(&["2010", "2019", "2025"]);
        for (period, reference) in iod.periods.iter_mut().zip([
            "data mostly about 2008",
            "data mostly about 2015–16",
            "data mostly about 2021–23",
        ]) {
            period.reference = reference.into();
        }
        // March 2024 is after everything IoD2025 describes: past the last point, not before it.
        assert_eq!(axis_position(&iod, "2024-03"), 2.5);
        // 2022 is inside IoD2025's time; 2020 between IoD2019's (to Dec 2016) and IoD2025's.
        assert_eq!(axis_position(&iod, "2022"), 2.0);
        let at = axis_position(&iod, "2020");
        assert!(at > 1.0 && at < 2.0, "{at}");
        assert!((at - (1.0 + 37.0 / 49.0)).abs() < 1e-9, "{at}");
    }
}
