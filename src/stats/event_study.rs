//! An event study: the gap between a patch of areas and its comparison group in *every* period,
//! relative to the last period before an intervention, with 95% intervals and a check of whether
//! the two groups moved together before the start.
//!
//! # Estimate
//! Periods `0..pre` are before the start; the last of them, `r`, is the reference. For each
//! period `t` the estimate is the difference-in-differences between `r` and `t` exactly as
//! [`super::did`] makes it: pooled rates (Σ numerators ÷ Σ denominators × multiplier) of the
//! areas with usable counts in both `r` and `t` (areas missing a period are skipped for that
//! period), and `(patch_t − patch_r) − (comparison_t − comparison_r)`. That is `gap_t − gap_r`,
//! so the reference is 0 by construction and the first period after the start is the headline
//! difference-in-differences. Showing every period against one reference is the usual
//! event-study plot (Freyaldenhoven, Hansen, Pérez Pérez & Shapiro 2021, "Visualization,
//! identification, and estimation in the linear panel event-study design", NBER WP 29170).
//!
//! # Intervals
//! One stratified bootstrap over areas serves every period: each resample draws, within each
//! group, as many areas (with replacement) as have counts in the reference period, and every
//! period is recomputed from that same draw, so the periods' estimates keep their correlation
//! (which the slope below needs). Each period's interval then gets `stats::did`'s two
//! small-sample corrections (the shared `corrected_interval`), with `n` the areas usable in that
//! period. With no missing counts the draws are the ones `difference_in_differences` makes for
//! the same seed, so the first period after the start has the headline interval exactly.
//!
//! # Pre-trend check
//! Over the pre-start periods with estimates (reference included; at least three are needed,
//! else [`PreTrend::TooFewPeriods`]), two signs that the groups did *not* move together:
//! 1. **a trend**: the least-squares slope of the gap on time (per year) has a 95% interval, from
//!    the same bootstrap with the same corrections, that excludes 0;
//! 2. **departures**: of the `m` pre periods other than the reference, at least
//!    `max(2, ⌈m / 4⌉)` have intervals excluding 0. One such interval in twenty is expected by
//!    chance, and they share the reference, so a single one is not a warning; a dip or jump just
//!    before the start shows here (Ashenfelter's dip: schemes often start after a bad spell;
//!    Ashenfelter 1978, *Review of Economics and Statistics* 60:47–57).
//!
//! Either sign gives [`PreTrend::Diverged`]; neither gives [`PreTrend::MovedTogether`]. Each sign
//! alone warns about 5% of the time when the groups' trends are parallel, so together about 10%:
//! a warning errs on the side of caution. Share of SYNTHETIC monthly panels that warn
//! (tests/impact_stats.rs, `pre_trend_table`: 1,000 draws per cell, 1,000 resamples; areas'
//! own slopes spread 0.6 points a year, monthly noise 0.6 points; SE of each figure ≤ 0.016):
//!
//! | areas (patch vs comparison), months before | 3 vs 6, 3 | 5 vs 10, 6 | 10 vs 20, 12 | 10 vs 20, 24 | 30 vs 60, 12 |
//! |---------------------------------------------|-----------|------------|--------------|--------------|--------------|
//! | parallel (false alarms)                     | 0.054     | 0.090      | 0.101        | 0.113        | 0.105        |
//! | patch 1 point a year faster                 | 0.053     | 0.111      | 0.469        | 0.903        | 0.922        |
//! | patch 2 points a year faster                | 0.054     | 0.191      | 0.952        | 1.000        | 1.000        |
//!
//! So the check sees little with a few areas or a few months, and passing it does not show that
//! the groups *would have* kept moving together; conditioning on passing can even add bias (Roth
//! 2022, "Pretest with caution: event-study estimates after testing for parallel trends", *AER:
//! Insights* 4:305–322). `MovedTogether` is therefore worded as support, never proof, and
//! `Diverged` as a warning that the difference after the start may continue an earlier trend.

use super::did::corrected_interval;
use super::random::SplitMix64;
use crate::num::mean;

/// One area's counts in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counts {
    /// Numerator (e.g. claimants).
    pub numerator: f64,
    /// Denominator (e.g. residents aged 16–64).
    pub denominator: f64,
}

impl Counts {
    /// Usable when both are finite, the denominator positive and the numerator within
    /// `0..=denominator`.
    pub fn is_usable(&self) -> bool {
        let (n, d) = (self.numerator, self.denominator);
        n.is_finite() && d.is_finite() && d > 0.0 && n >= 0.0 && n <= d
    }
}

/// One period's estimate, in the unit given by the multiplier (percentage points for 100).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventPoint {
    /// Index of the period in the input.
    pub period: usize,
    /// `gap_t − gap_reference` (0 at the reference).
    pub estimate: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
    /// Patch areas with counts in this period and the reference.
    pub patch_areas: usize,
    /// Comparison areas with counts in this period and the reference.
    pub comparison_areas: usize,
}

/// A least-squares slope of the pre-period gaps, per unit of time, with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slope {
    /// The slope.
    pub estimate: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
}

/// The verdict of the pre-trend check (see the module docs for the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreTrend {
    /// Fewer than three pre-start periods have estimates: nothing to check.
    TooFewPeriods,
    /// Neither sign of divergence: consistent with, but no proof of, parallel trends.
    MovedTogether,
    /// The gap was already moving before the start.
    Diverged {
        /// The slope's interval excludes 0.
        trend: bool,
        /// Too many pre periods' intervals exclude 0.
        departures: bool,
    },
}

/// The pre-trend check's figures and verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreTrendCheck {
    /// The verdict.
    pub verdict: PreTrend,
    /// Pre-start periods with estimates, the reference included.
    pub periods: usize,
    /// Of those other than the reference, how many have intervals excluding 0.
    pub excluding_zero: usize,
    /// The slope of the gap over the pre-start periods; `None` with fewer than three.
    pub slope: Option<Slope>,
}

/// An event study's estimates and pre-trend check.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStudyEstimate {
    /// One point per period with estimates, in period order; the reference is among them.
    pub points: Vec<EventPoint>,
    /// Index of the reference period (the last before the start).
    pub reference: usize,
    /// The pre-trend check.
    pub pre_trend: PreTrendCheck,
    /// Bootstrap resamples behind the intervals.
    pub resamples: u32,
}

/// How many departures (pre intervals excluding 0) of `m` make a warning: `max(2, ⌈m / 4⌉)`.
pub fn departures_needed(m: usize) -> usize {
    m.div_ceil(4).max(2)
}

/// The event study of `patch` against `comparison` (see the module docs). Each area is a list of
/// counts, one per period (`None` or unusable counts: skipped in that period); `times` gives
/// each period's time in years (strictly increasing; it sets the slope's unit); periods
/// `0..pre_periods` are before the start and the last of them is the reference.
///
/// Returns `None` when `resamples` is 0, the multiplier is not a positive finite number, `times`
/// is empty, not finite or not increasing, `pre_periods` is 0 or more than the periods, or either
/// group has fewer than 2 areas with usable counts in the reference period. Periods where either
/// group has fewer than 2 such areas are left out of `points`.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::event_study::{event_study, Counts, PreTrend};
/// // Four periods (2020–2023), the start between 2022 and 2023: every area's rate falls by a point
/// // a year; the patch's falls three more points after the start.
/// let area = |base: f64, effect: f64| -> Vec<Option<Counts>> {
///     (0..4)
///         .map(|t| {
///             let rate = base - t as f64 + if t == 3 { effect } else { 0.0 };
///             Some(Counts { numerator: rate * 10.0, denominator: 1000.0 })
///         })
///         .collect()
/// };
/// let patch = [area(20.0, -3.0), area(22.0, -3.0), area(18.0, -3.0)];
/// let comparison = [area(21.0, 0.0), area(19.0, 0.0), area(20.0, 0.0)];
/// let times = [2020.0, 2021.0, 2022.0, 2023.0];
/// let study = event_study(&patch, &comparison, &times, 3, 100.0, 500, 1).unwrap();
/// assert_eq!(study.reference, 2);
/// assert!((study.points[3].estimate - -3.0).abs() < 1e-9);
/// assert_eq!(study.points[2].estimate, 0.0);
/// assert_eq!(study.pre_trend.verdict, PreTrend::MovedTogether);
/// ```
pub fn event_study(
    patch: &[Vec<Option<Counts>>],
    comparison: &[Vec<Option<Counts>>],
    times: &[f64],
    pre_periods: usize,
    multiplier: f64,
    resamples: u32,
    seed: u64,
) -> Option<EventStudyEstimate> {
    let periods = times.len();
    let increasing = times.iter().all(|t| t.is_finite()) && times.windows(2).all(|w| w[0] < w[1]);
    if resamples == 0 || !multiplier.is_finite() || multiplier <= 0.0 || !increasing {
        return None;
    }
    if pre_periods == 0 || pre_periods > periods {
        return None;
    }
    let reference = pre_periods - 1;
    let patch = Group::new(patch, reference, periods);
    let comparison = Group::new(comparison, reference, periods);
    if patch.pool.len() < 2 || comparison.pool.len() < 2 {
        return None;
    }

    // One draw of areas per group and resample, every period recomputed from it. The order
    // (patch then comparison, each `pool.len()` draws) is `difference_in_differences`'s.
    let mut rng = SplitMix64::new(seed);
    let resamples_usize = resamples as usize;
    let mut patch_draws = vec![Vec::with_capacity(resamples_usize); periods];
    let mut comparison_draws = vec![Vec::with_capacity(resamples_usize); periods];
    let mut picks = Vec::new();
    for _ in 0..resamples {
        for (group, draws) in [(&patch, &mut patch_draws), (&comparison, &mut comparison_draws)] {
            picks.clear();
            picks.extend((0..group.pool.len()).map(|_| group.pool[rng.below(group.pool.len())]));
            for (t, column) in draws.iter_mut().enumerate() {
                column.push(group.change(t, picks.iter().copied(), multiplier));
            }
        }
    }

    let mut points = Vec::new();
    for t in 0..periods {
        let (np, nc) = (patch.usable_with_reference(t), comparison.usable_with_reference(t));
        if np < 2 || nc < 2 {
            continue;
        }
        let (p, c) = (
            patch.change(t, 0..patch.areas.len(), multiplier),
            comparison.change(t, 0..comparison.areas.len(), multiplier),
        );
        let estimate = p - c;
        let Some((lower, upper)) = (if t == reference {
            Some((0.0, 0.0))
        } else {
            interval((&patch_draws[t], p, np), (&comparison_draws[t], c, nc))
        }) else {
            continue;
        };
        points.push(EventPoint { period: t, estimate, lower, upper, patch_areas: np, comparison_areas: nc });
    }

    let pre: Vec<&EventPoint> = points.iter().filter(|p| p.period <= reference).collect();
    let excluding_zero = pre.iter().filter(|p| p.period != reference && (p.lower > 0.0 || p.upper < 0.0)).count();
    let slope = if pre.len() < 3 {
        None
    } else {
        // Least-squares weights: slope = Σ wₜ yₜ with wₜ = (xₜ − x̄) / Σ (x − x̄)².
        let pre_times: Vec<f64> = pre.iter().map(|p| times[p.period]).collect();
        let mean = mean(&pre_times);
        let sxx: f64 = pre.iter().map(|p| (times[p.period] - mean).powi(2)).sum();
        let weights: Vec<(usize, f64)> = pre.iter().map(|p| (p.period, (times[p.period] - mean) / sxx)).collect();
        let slope_of = |draws: &[Vec<f64>], b: usize| weights.iter().map(|&(t, w)| w * draws[t][b]).sum::<f64>();
        let p: f64 = weights.iter().map(|&(t, w)| w * patch.change(t, 0..patch.areas.len(), multiplier)).sum();
        let c: f64 =
            weights.iter().map(|&(t, w)| w * comparison.change(t, 0..comparison.areas.len(), multiplier)).sum();
        let ps: Vec<f64> = (0..resamples_usize).map(|b| slope_of(&patch_draws, b)).collect();
        let cs: Vec<f64> = (0..resamples_usize).map(|b| slope_of(&comparison_draws, b)).collect();
        interval((&ps, p, patch.pool.len()), (&cs, c, comparison.pool.len())).map(|(lower, upper)| Slope {
            estimate: p - c,
            lower,
            upper,
        })
    };
    let verdict = match slope {
        None => PreTrend::TooFewPeriods,
        Some(s) => {
            let trend = s.lower > 0.0 || s.upper < 0.0;
            let departures = excluding_zero >= departures_needed(pre.len() - 1);
            if trend || departures {
                PreTrend::Diverged { trend, departures }
            } else {
                PreTrend::MovedTogether
            }
        }
    };
    Some(EventStudyEstimate {
        pre_trend: PreTrendCheck { verdict, periods: pre.len(), excluding_zero, slope },
        points,
        reference,
        resamples,
    })
}

/// One group's areas (usable counts only) and the pool of areas usable in the reference period.
struct Group {
    /// Per area, per period: usable counts.
    areas: Vec<Vec<Option<Counts>>>,
    /// Areas with usable counts in the reference period: what the bootstrap draws from.
    pool: Vec<usize>,
    reference: usize,
}

impl Group {
    fn new(areas: &[Vec<Option<Counts>>], reference: usize, periods: usize) -> Group {
        let areas: Vec<Vec<Option<Counts>>> = areas
            .iter()
            .map(|a| (0..periods).map(|t| a.get(t).copied().flatten().filter(Counts::is_usable)).collect())
            .collect();
        let pool = (0..areas.len()).filter(|&a| areas[a][reference].is_some()).collect();
        Group { areas, pool, reference }
    }

    fn usable_with_reference(&self, t: usize) -> usize {
        self.pool.iter().filter(|&&a| self.areas[a][t].is_some()).count()
    }

    /// Pooled rate in `t` minus pooled rate in the reference over `members` usable in both; NaN
    /// when none is.
    fn change(&self, t: usize, members: impl Iterator<Item = usize>, multiplier: f64) -> f64 {
        let (mut n, mut d, mut nr, mut dr) = (0.0, 0.0, 0.0, 0.0);
        for a in members {
            if let (Some(now), Some(then)) = (self.areas[a][t], self.areas[a][self.reference]) {
                n += now.numerator;
                d += now.denominator;
                nr += then.numerator;
                dr += then.denominator;
            }
        }
        if d > 0.0 && dr > 0.0 {
            // Multiplied before subtracting, as `did` does, so the figures agree to the last bit.
            n / d * multiplier - nr / dr * multiplier
        } else {
            f64::NAN
        }
    }
}

/// The corrected 95% interval from paired draws, keeping only pairs where both are finite (a
/// draw with no area usable in a period has no rate). `None` when no pair is.
fn interval((patch, p, np): (&[f64], f64, usize), (comparison, c, nc): (&[f64], f64, usize)) -> Option<(f64, f64)> {
    let (mut a, mut b): (Vec<f64>, Vec<f64>) =
        patch.iter().zip(comparison).filter(|(x, y)| x.is_finite() && y.is_finite()).map(|(x, y)| (*x, *y)).unzip();
    (!a.is_empty()).then(|| corrected_interval(&mut a, (p, np), &mut b, (c, nc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::did::{difference_in_differences, AreaPanel};

    const TIMES: [f64; 6] = [2019.0, 2020.0, 2021.0, 2022.0, 2023.0, 2024.0];

    /// A SYNTHETIC area of 1,000 people: rate `base + step × t` in period t, plus `wobble(t)`.
    fn area(base: f64, step: f64, wobble: impl Fn(usize) -> f64) -> Vec<Option<Counts>> {
        (0..TIMES.len())
            .map(|t| Some(Counts { numerator: (base + step * t as f64 + wobble(t)) * 10.0, denominator: 1000.0 }))
            .collect()
    }

    /// Six areas falling by `step` points a period, each with its own small wobble.
    fn group(step: f64) -> Vec<Vec<Option<Counts>>> {
        (0..6).map(|k| area(20.0 + k as f64, step, move |t| 0.3 * (((t * 7 + k * 3) % 5) as f64 - 2.0))).collect()
    }

    #[test]
    fn parallel_groups_moved_together() {
        let s = event_study(&group(-1.0), &group(-1.0), &TIMES, 4, 100.0, 400, 1).unwrap();
        assert_eq!(s.reference, 3);
        assert_eq!(s.points.len(), 6);
        assert!(s.points.iter().all(|p| p.estimate.abs() < 1e-9), "{s:?}");
        assert_eq!(s.pre_trend.verdict, PreTrend::MovedTogether);
        assert_eq!((s.pre_trend.periods, s.pre_trend.excluding_zero), (4, 0));
        let slope = s.pre_trend.slope.unwrap();
        assert!(slope.lower <= 0.0 && 0.0 <= slope.upper);
    }

    #[test]
    fn a_patch_already_falling_faster_diverged() {
        let s = event_study(&group(-2.0), &group(-0.5), &TIMES, 4, 100.0, 400, 1).unwrap();
        let slope = s.pre_trend.slope.unwrap();
        assert!((slope.estimate - -1.5).abs() < 1e-9, "{slope:?}");
        assert!(slope.upper < 0.0);
        assert!(matches!(s.pre_trend.verdict, PreTrend::Diverged { trend: true, .. }), "{:?}", s.pre_trend);
    }

    #[test]
    fn points_are_the_did_between_the_reference_and_each_period() {
        let (patch, comparison) = (group(-2.0), group(-1.0));
        let s = event_study(&patch, &comparison, &TIMES, 4, 100.0, 300, 9).unwrap();
        let panel = |a: &Vec<Option<Counts>>, t: usize| {
            let (r, x) = (a[3].unwrap(), a[t].unwrap());
            AreaPanel {
                pre_numerator: r.numerator,
                pre_denominator: r.denominator,
                post_numerator: x.numerator,
                post_denominator: x.denominator,
            }
        };
        let did = |t: usize| {
            let p: Vec<AreaPanel> = patch.iter().map(|a| panel(a, t)).collect();
            let c: Vec<AreaPanel> = comparison.iter().map(|a| panel(a, t)).collect();
            difference_in_differences(&p, &c, 100.0, 300, 9).unwrap()
        };
        for t in [0, 4, 5] {
            assert!((s.points[t].estimate - did(t).difference).abs() < 1e-9);
        }
        // Same seed, same areas: the first period after the start has the headline interval.
        let d = did(4);
        assert_eq!((s.points[4].lower, s.points[4].upper), (d.lower, d.upper));
        assert_eq!((s.points[3].estimate, s.points[3].lower, s.points[3].upper), (0.0, 0.0, 0.0));
    }

    #[test]
    fn fewer_than_three_pre_periods_are_too_few() {
        let s = event_study(&group(-2.0), &group(-0.5), &TIMES, 2, 100.0, 200, 1).unwrap();
        assert_eq!(s.pre_trend.verdict, PreTrend::TooFewPeriods);
        assert_eq!(s.pre_trend.slope, None);
        let s = event_study(&group(-2.0), &group(-0.5), &TIMES, 1, 100.0, 200, 1).unwrap();
        assert_eq!((s.pre_trend.verdict, s.pre_trend.periods), (PreTrend::TooFewPeriods, 1));
    }

    #[test]
    fn missing_counts_are_skipped_per_period() {
        let mut patch = group(-1.0);
        patch[0][1] = None;
        patch[1][1] = Some(Counts { numerator: 5.0, denominator: 0.0 });
        let s = event_study(&patch, &group(-1.0), &TIMES, 4, 100.0, 200, 1).unwrap();
        let p1 = s.points.iter().find(|p| p.period == 1).unwrap();
        assert_eq!((p1.patch_areas, p1.comparison_areas), (4, 6));
        // A period where only one patch area has counts has no estimate.
        for a in &mut patch[..5] {
            a[0] = None;
        }
        let s = event_study(&patch, &group(-1.0), &TIMES, 4, 100.0, 200, 1).unwrap();
        assert!(s.points.iter().all(|p| p.period != 0));
        assert_eq!(s.pre_trend.periods, 3);
        // The reference missing for all but one area: nothing to estimate.
        for a in &mut patch[..5] {
            a[3] = None;
        }
        assert_eq!(event_study(&patch, &group(-1.0), &TIMES, 4, 100.0, 200, 1), None);
    }

    #[test]
    fn empty_one_and_two_areas() {
        let g = group(-1.0);
        assert_eq!(event_study(&[], &g, &TIMES, 4, 100.0, 100, 1), None);
        assert_eq!(event_study(&g[..1], &g, &TIMES, 4, 100.0, 100, 1), None);
        assert_eq!(event_study(&g, &g[..1], &TIMES, 4, 100.0, 100, 1), None);
        let two = event_study(&group(-2.0)[..2], &g[..2], &TIMES, 4, 100.0, 300, 1).unwrap();
        assert!(two.points.iter().all(|p| p.lower.is_finite() && p.upper.is_finite() && p.lower <= p.upper));
    }

    #[test]
    fn bad_settings_give_none() {
        let g = group(-1.0);
        assert_eq!(event_study(&g, &g, &TIMES, 4, 100.0, 0, 1), None);
        assert_eq!(event_study(&g, &g, &TIMES, 4, f64::NAN, 100, 1), None);
        assert_eq!(event_study(&g, &g, &TIMES, 0, 100.0, 100, 1), None);
        assert_eq!(event_study(&g, &g, &TIMES, 7, 100.0, 100, 1), None);
        assert_eq!(event_study(&g, &g, &[], 0, 100.0, 100, 1), None);
        assert_eq!(event_study(&g, &g, &[2019.0, 2019.0, 2020.0, 2021.0, 2022.0, 2023.0], 4, 100.0, 100, 1), None);
        // Short area lists count as missing periods, not as errors.
        let short: Vec<Vec<Option<Counts>>> = g.iter().map(|a| a[..4].to_vec()).collect();
        let s = event_study(&short, &g, &TIMES, 4, 100.0, 100, 1).unwrap();
        assert_eq!(s.points.len(), 4);
    }

    #[test]
    fn deterministic_for_a_seed() {
        let (p, c) = (group(-1.2), group(-1.0));
        let a = event_study(&p, &c, &TIMES, 4, 100.0, 300, 5);
        assert_eq!(a, event_study(&p, &c, &TIMES, 4, 100.0, 300, 5));
        assert_ne!(a, event_study(&p, &c, &TIMES, 4, 100.0, 300, 6));
    }

    #[test]
    fn the_departure_rule() {
        assert_eq!([1, 2, 3, 8, 9, 11, 23].map(departures_needed), [2, 2, 2, 2, 3, 3, 6]);
    }
}
