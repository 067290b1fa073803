//! A patch's figures, recomputed from counts: the value is Σnumerators ÷ Σdenominators over the
//! member areas (× the unit's multiplier), with a 95% Wilson interval for percentages and a
//! Byar interval otherwise.
//!
//! **Withheld figures stay withheld.** When any member's count is not published (suppressed, or
//! missing), the patch figure is not shown at all, rather than summed over the others: otherwise
//! the patch with that area minus the patch without it would give the withheld count away. A
//! figure is therefore either the sum over *every* member or nothing.

use super::tables::BundleTables;
use crate::format::{count, value};
use crate::model::bundle::{derived_value, Indicator, Series};
use crate::stats::{rate_interval, Z_95};
use serde::Serialize;

/// Why a patch has no figure for a period (or `Shown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The figure is shown.
    Shown,
    /// The patch has no areas.
    Empty,
    /// No series for the smallest areas in this period (published for larger areas only).
    NotForSmallAreas,
    /// The series has values but no counts, so a total cannot be made.
    NoCounts,
    /// At least one member's count is not published: withheld so it cannot be recovered.
    Withheld,
}

/// A patch's figure for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchFigure {
    /// Period id.
    pub period: String,
    /// Period label.
    pub period_label: String,
    /// Value in display units.
    pub value: Option<f64>,
    /// Value with its unit, or "no data".
    pub value_text: String,
    /// "95% CI 25.5% to 27.4%", or empty.
    pub interval_text: String,
    /// Lower 95% limit.
    pub lower: Option<f64>,
    /// Upper 95% limit.
    pub upper: Option<f64>,
    /// Σ numerators.
    pub numerator: Option<f64>,
    /// Σ denominators.
    pub denominator: Option<f64>,
    /// The counts in words, "1,234 of 5,678" ("(est.)" after estimates), or empty.
    pub counts_text: String,
    /// Member areas.
    pub areas: usize,
    /// Members without a published count.
    pub withheld: usize,
    /// Whether the counts are estimates (the builder's, or denominators implied by rates).
    pub estimated: bool,
    /// Machine-readable status.
    pub status: Status,
    /// Why there is no figure, in words (empty when shown).
    pub reason: String,
}

/// One area's counts in a series: the published numerator and denominator, or — where only the
/// numerator and the rate are published (IoD2025 for LSOAs) — the denominator implied by them,
/// `numerator ÷ (value ÷ multiplier)`, as the data builder does for larger areas. The flag says
/// the denominator is implied (an estimate: the rate is rounded). `None` when not usable.
pub fn area_counts(series: &Series, area: usize, multiplier: f64) -> Option<(f64, f64, bool)> {
    let n = series.numerators.as_ref()?.get(area).copied().flatten().filter(|n| n.is_finite() && *n >= 0.0)?;
    let published = series.denominators.as_ref().map(|d| d.get(area).copied().flatten());
    let (d, implied) = match published {
        Some(d) => (d?, false),
        None => {
            let rate = series.values.get(area).copied().flatten()? / multiplier;
            (n / rate, true)
        }
    };
    (d.is_finite() && d > 0.0 && n <= d).then_some((n, d, implied))
}

/// Σ counts over `members` of a base-layer series, or why not (see the module doc).
pub fn summed_counts(
    tables: &BundleTables,
    indicator: &Indicator,
    members: &[usize],
    period: &str,
) -> Result<(f64, f64, bool), (Status, usize)> {
    if members.is_empty() {
        return Err((Status::Empty, 0));
    }
    let series = tables.series(indicator, &tables.base().id, period).ok_or((Status::NotForSmallAreas, 0))?;
    if series.numerators.is_none() {
        return Err((Status::NoCounts, 0));
    }
    let (mut n, mut d, mut withheld, mut implied) = (0.0, 0.0, 0, false);
    for &m in members {
        match area_counts(series, m, indicator.unit.multiplier) {
            Some((a, b, guess)) => {
                n += a;
                d += b;
                implied |= guess;
            }
            None => withheld += 1,
        }
    }
    if withheld > 0 {
        return Err((Status::Withheld, withheld));
    }
    Ok((n, d, series.estimated || implied))
}

/// The patch's figure for one period of an indicator.
pub fn patch_figure(tables: &BundleTables, indicator: &Indicator, members: &[usize], period: &str) -> PatchFigure {
    let label = indicator.periods.iter().find(|p| p.id == period).map_or(period, |p| p.label.as_str());
    let mut figure = PatchFigure {
        period: period.to_string(),
        period_label: label.to_string(),
        value: None,
        value_text: String::new(),
        interval_text: String::new(),
        lower: None,
        upper: None,
        numerator: None,
        denominator: None,
        counts_text: String::new(),
        areas: members.len(),
        withheld: 0,
        estimated: false,
        status: Status::Shown,
        reason: String::new(),
    };
    match summed_counts(tables, indicator, members, period) {
        Ok((n, d, estimated)) => {
            let multiplier = indicator.unit.multiplier;
            let interval =
                indicator.proportion_interval(Some(n), Some(d), Z_95).or_else(|| rate_interval(n, d, multiplier, Z_95));
            figure.value = derived_value(Some(n), Some(d), multiplier, indicator.decimals);
            figure.lower = interval.map(|i| i.lower);
            figure.upper = interval.map(|i| i.upper);
            figure.numerator = Some(n);
            figure.denominator = Some(d);
            figure.estimated = estimated;
            figure.counts_text = format!("{} of {}{}", count(n), count(d), if estimated { " (est.)" } else { "" });
            let fmt = |v: f64| value(Some(v), indicator.decimals, &indicator.unit.symbol);
            if let Some(i) = interval {
                figure.interval_text = format!("95% CI {} to {}", fmt(i.lower), fmt(i.upper));
            }
        }
        Err((status, withheld)) => {
            figure.status = status;
            figure.withheld = withheld;
            let small = &tables.base().noun_plural;
            figure.reason = match status {
                Status::Shown => String::new(),
                Status::Empty => "the patch has no areas".to_string(),
                Status::NotForSmallAreas => format!("{label} is not published for {small}"),
                Status::NoCounts => format!("{label} is published as rates only, without the counts a total needs"),
                Status::Withheld => format!(
                    "{withheld} of the {} areas have no published count for {label}, so the patch total is withheld (it would let their figures be worked out by difference)",
                    members.len()
                ),
            };
        }
    }
    figure.value_text = value(figure.value, indicator.decimals, &indicator.unit.symbol);
    figure
}

/// The patch's figure for every period of an indicator, in time order.
pub fn patch_trend(tables: &BundleTables, indicator: &Indicator, members: &[usize]) -> Vec<PatchFigure> {
    indicator.periods.iter().map(|p| patch_figure(tables, indicator, members, &p.id)).collect()
}
