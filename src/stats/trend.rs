//! The Fingertips "recent trend": is the series significantly increasing or decreasing over its
//! five most recent points? Each point's standard error is taken from its 95% interval,
//! `SE = (upper − lower) / 3.92`; value is regressed on the time index (0, 1, …, 4) by least
//! squares weighted by `1 / SE²`; the statistic `slope² / var(slope)`, with
//! `var(slope) = 1 / Σ w (t − t̄_w)²`, is compared with 9.5495, the 99.8% point of chi-square on
//! one degree of freedom. Values and limits are in the indicator's unit; only their ratios matter.
//!
//! Source: OHID Fingertips' recent-trend method, as summarised in PRODUCT.md ("Published methods
//! to follow"); the weighted least-squares slope and its variance are the textbook ones (e.g.
//! Armitage, Berry & Matthews, *Statistical Methods in Medical Research*, on weighted regression).

use super::Direction;

/// Number of most recent points the test uses.
pub const POINTS: usize = 5;
/// The 99.8% point of chi-square with 1 degree of freedom, as Fingertips rounds it.
pub const CRITICAL: f64 = 9.5495;
/// Width of a 95% interval in standard errors (2 × 1.96).
const WIDTH_IN_SE: f64 = 3.92;

/// One period's value and 95% confidence limits, in the indicator's unit. A non-finite value
/// marks a missing period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    /// The value.
    pub value: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
}

/// Why a recent trend cannot be calculated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// Fewer than five points, or a missing value among the last five periods.
    FewerThanFivePoints,
    /// A point among the last five without a usable 95% interval (missing, reversed or zero width).
    NoConfidenceIntervals,
}

impl Unavailable {
    /// The reason in words: "fewer than 5 points" or "no confidence intervals".
    pub fn reason(self) -> &'static str {
        match self {
            Unavailable::FewerThanFivePoints => "fewer than 5 points",
            Unavailable::NoConfidenceIntervals => "no confidence intervals",
        }
    }
}

/// The result of the recent-trend test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecentTrend {
    /// Significantly increasing.
    Increasing,
    /// Significantly decreasing.
    Decreasing,
    /// No significant change.
    NoSignificantChange,
    /// The test cannot be applied.
    CannotBeCalculated(Unavailable),
}

impl RecentTrend {
    /// Plain-English description, with better / worse where the polarity says which way is good.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::Direction;
    /// use work_health_atlas::stats::trend::{RecentTrend, Unavailable};
    /// assert_eq!(RecentTrend::Increasing.describe(Direction::HigherIsWorse), "increasing — getting worse");
    /// assert_eq!(
    ///     RecentTrend::CannotBeCalculated(Unavailable::FewerThanFivePoints).describe(Direction::Neither),
    ///     "cannot be calculated (fewer than 5 points)"
    /// );
    /// ```
    pub fn describe(self, direction: Direction) -> &'static str {
        use Direction::*;
        match (self, direction) {
            (RecentTrend::Increasing, HigherIsWorse) => "increasing — getting worse",
            (RecentTrend::Increasing, HigherIsBetter) => "increasing — getting better",
            (RecentTrend::Increasing, Neither) => "increasing",
            (RecentTrend::Decreasing, HigherIsWorse) => "decreasing — getting better",
            (RecentTrend::Decreasing, HigherIsBetter) => "decreasing — getting worse",
            (RecentTrend::Decreasing, Neither) => "decreasing",
            (RecentTrend::NoSignificantChange, _) => "no significant change",
            (RecentTrend::CannotBeCalculated(Unavailable::FewerThanFivePoints), _) => {
                "cannot be calculated (fewer than 5 points)"
            }
            (RecentTrend::CannotBeCalculated(Unavailable::NoConfidenceIntervals), _) => {
                "cannot be calculated (no confidence intervals)"
            }
        }
    }
}

/// The weighted fit behind the test: slope per period and its chi-square statistic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendFit {
    /// Change in value per period.
    pub slope: f64,
    /// `slope² / var(slope)`, chi-square on 1 degree of freedom under no trend.
    pub chi_square: f64,
}

/// Fits the weighted line to the last [`POINTS`] points of a series given in time order.
///
/// # Errors
/// [`Unavailable::FewerThanFivePoints`] when there are fewer than five points or a value among the
/// last five is missing; [`Unavailable::NoConfidenceIntervals`] when one of them lacks a finite,
/// positive-width interval.
pub fn fit_recent(series: &[TrendPoint]) -> Result<TrendFit, Unavailable> {
    let start = series.len().checked_sub(POINTS).ok_or(Unavailable::FewerThanFivePoints)?;
    let last = &series[start..];
    if last.iter().any(|p| !p.value.is_finite()) {
        return Err(Unavailable::FewerThanFivePoints);
    }
    // Weighted means of t and y (t = 0..4; the slope does not depend on the origin).
    let (mut sw, mut swt, mut swy) = (0.0, 0.0, 0.0);
    for (t, p) in last.iter().enumerate() {
        let se = (p.upper - p.lower) / WIDTH_IN_SE;
        if !(se.is_finite() && se > 0.0) {
            return Err(Unavailable::NoConfidenceIntervals);
        }
        let w = 1.0 / (se * se);
        sw += w;
        swt += w * t as f64;
        swy += w * p.value;
    }
    let (t_bar, y_bar) = (swt / sw, swy / sw);
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (t, p) in last.iter().enumerate() {
        let se = (p.upper - p.lower) / WIDTH_IN_SE;
        let w = 1.0 / (se * se);
        let dt = t as f64 - t_bar;
        sxx += w * dt * dt;
        sxy += w * dt * (p.value - y_bar);
    }
    // Tiny or huge intervals can overflow the weights; treat that like a missing interval
    // rather than report a NaN statistic.
    if !(sxx.is_finite() && sxx > 0.0 && sxy.is_finite()) {
        return Err(Unavailable::NoConfidenceIntervals);
    }
    let slope = sxy / sxx;
    Ok(TrendFit { slope, chi_square: slope * slope * sxx })
}

/// The recent trend of a series given in time order (missing periods as non-finite values).
///
/// # Examples
/// ```
/// use work_health_atlas::stats::trend::{recent_trend, RecentTrend, TrendPoint};
/// let rising: Vec<TrendPoint> =
///     (0..5).map(|i| TrendPoint { value: 10.0 + i as f64, lower: 9.5 + i as f64, upper: 10.5 + i as f64 }).collect();
/// assert_eq!(recent_trend(&rising), RecentTrend::Increasing);
/// assert!(matches!(recent_trend(&rising[..4]), RecentTrend::CannotBeCalculated(_)));
/// ```
pub fn recent_trend(series: &[TrendPoint]) -> RecentTrend {
    match fit_recent(series) {
        Err(why) => RecentTrend::CannotBeCalculated(why),
        Ok(fit) if fit.chi_square > CRITICAL => {
            if fit.slope > 0.0 {
                RecentTrend::Increasing
            } else {
                RecentTrend::Decreasing
            }
        }
        Ok(_) => RecentTrend::NoSignificantChange,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(value: f64, half_width: f64) -> TrendPoint {
        TrendPoint { value, lower: value - half_width, upper: value + half_width }
    }

    #[test]
    fn empty_one_two_and_four_points_cannot_be_calculated() {
        let series = [pt(1.0, 0.1); 4];
        for n in 0..=4 {
            assert_eq!(recent_trend(&series[..n]), RecentTrend::CannotBeCalculated(Unavailable::FewerThanFivePoints));
        }
    }

    #[test]
    fn flat_series_has_no_significant_change() {
        let fit = fit_recent(&[pt(3.0, 0.5); 5]).unwrap();
        assert_eq!((fit.slope, fit.chi_square), (0.0, 0.0));
        assert_eq!(recent_trend(&[pt(3.0, 0.5); 5]), RecentTrend::NoSignificantChange);
    }

    #[test]
    fn uses_only_the_last_five_points() {
        // An old missing value and an old wild swing do not matter.
        let mut s = vec![pt(f64::NAN, 1.0), pt(100.0, 0.1)];
        s.extend((0..5).map(|i| pt(10.0 - i as f64, 0.2)));
        assert_eq!(recent_trend(&s), RecentTrend::Decreasing);
    }

    #[test]
    fn noisy_series_is_not_significant() {
        let s: Vec<TrendPoint> = (0..5).map(|i| pt(10.0 + 0.1 * i as f64, 5.0)).collect();
        assert_eq!(recent_trend(&s), RecentTrend::NoSignificantChange);
    }

    #[test]
    fn unweighted_equal_errors_match_the_textbook_slope() {
        // Equal SE: slope = Σ(t−2)(y−ȳ)/10 and chi-square = slope² · 10 / SE².
        let s = [pt(1.0, 1.96), pt(3.0, 1.96), pt(2.0, 1.96), pt(5.0, 1.96), pt(4.0, 1.96)];
        let fit = fit_recent(&s).unwrap();
        assert!((fit.slope - 0.8).abs() < 1e-12);
        assert!((fit.chi_square - 0.64 * 10.0).abs() < 1e-9);
    }

    #[test]
    fn missing_or_degenerate_intervals() {
        let no_ci = Unavailable::NoConfidenceIntervals;
        let mut s = [pt(1.0, 0.1); 5];
        s[2].lower = f64::NAN;
        assert_eq!(recent_trend(&s), RecentTrend::CannotBeCalculated(no_ci));
        s[2] = pt(1.0, 0.0); // zero width: infinite weight
        assert_eq!(recent_trend(&s), RecentTrend::CannotBeCalculated(no_ci));
        s[2] = TrendPoint { value: 1.0, lower: 2.0, upper: 0.0 }; // reversed
        assert_eq!(recent_trend(&s), RecentTrend::CannotBeCalculated(no_ci));
        s[2] = pt(1.0, 1e-200); // weight overflows
        assert_eq!(recent_trend(&s), RecentTrend::CannotBeCalculated(no_ci));
        s[2] = pt(f64::NAN, 0.1);
        assert_eq!(recent_trend(&s), RecentTrend::CannotBeCalculated(Unavailable::FewerThanFivePoints));
    }

    #[test]
    fn descriptions() {
        use Direction::*;
        assert_eq!(RecentTrend::Decreasing.describe(HigherIsWorse), "decreasing — getting better");
        assert_eq!(RecentTrend::Decreasing.describe(HigherIsBetter), "decreasing — getting worse");
        assert_eq!(RecentTrend::Increasing.describe(Neither), "increasing");
        assert_eq!(RecentTrend::NoSignificantChange.describe(HigherIsBetter), "no significant change");
        let why = RecentTrend::CannotBeCalculated(Unavailable::NoConfidenceIntervals);
        assert_eq!(why.describe(Neither), "cannot be calculated (no confidence intervals)");
        assert_eq!(Unavailable::FewerThanFivePoints.reason(), "fewer than 5 points");
    }
}
