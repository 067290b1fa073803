//! Wilson score interval for a proportion (numerator out of denominator), the method OHID
//! Fingertips uses for proportions. Limits are proportions in 0–1; multiply by 100 for percentages.
//!
//! Source: Wilson EB (1927) "Probable inference, the law of succession, and statistical
//! inference", JASA 22:209–212; written in the form of PHEindicatormethods' `wilson_lower` /
//! `wilson_upper` (used by `phe_proportion`) and Newcombe & Altman in *Statistics with
//! Confidence* (2000), pp. 46–48:
//! `(2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))`.

use super::Interval;

/// The Wilson score interval for `numerator` out of `denominator` at normal quantile `z`
/// (use [`Z_95`](super::Z_95) or [`Z_99_8`](super::Z_99_8)).
///
/// Returns `None` when the denominator is not positive, an input is not finite, `z` is negative,
/// or the numerator lies outside `0..=denominator`. Non-integer numerators (e.g. weighted counts)
/// are accepted. A numerator of 0 gives a lower limit of exactly 0, and a numerator equal to the
/// denominator an upper limit of exactly 1.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::{wilson, Z_95};
/// // Newcombe (1998), Stat Med 17:857, illustrative example 81/263: 0.2553 to 0.3662.
/// let i = wilson(81.0, 263.0, Z_95).unwrap();
/// assert!((i.lower - 0.2553).abs() < 5e-5 && (i.upper - 0.3662).abs() < 5e-5);
/// assert_eq!(wilson(1.0, 0.0, Z_95), None);
/// ```
pub fn wilson(numerator: f64, denominator: f64, z: f64) -> Option<Interval> {
    let (x, n) = (numerator, denominator);
    if !(x.is_finite() && n.is_finite() && z.is_finite()) || n <= 0.0 || z < 0.0 || x < 0.0 || x > n {
        return None;
    }
    let z2 = z * z;
    let centre = 2.0 * x + z2;
    let half_width = z * (z2 + 4.0 * x * (1.0 - x / n)).sqrt();
    let scale = 2.0 * (n + z2);
    // Clamp only rounding noise at the ends: with x = 0 or x = n the formula gives 0 or 1 to
    // within an ulp, and the published limits are exactly 0 and 1.
    let lower = if x == 0.0 { 0.0 } else { ((centre - half_width) / scale).max(0.0) };
    let upper = if x == n { 1.0 } else { ((centre + half_width) / scale).min(1.0) };
    Some(Interval { lower, upper })
}

/// A proportion's Wilson interval from published counts, in display units: [`wilson`] of
/// `numerator` out of `denominator` at `z`, times `multiplier` (100 for percentages). `None` when
/// a count is missing or [`wilson`] gives none.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::wilson::proportion_interval;
/// use work_health_atlas::stats::Z_95;
/// let i = proportion_interval(Some(81.0), Some(263.0), Z_95, 100.0).unwrap();
/// assert!((i.lower - 25.53).abs() < 5e-3 && (i.upper - 36.62).abs() < 5e-3);
/// assert_eq!(proportion_interval(None, Some(263.0), Z_95, 100.0), None);
/// ```
pub fn proportion_interval(
    numerator: Option<f64>,
    denominator: Option<f64>,
    z: f64,
    multiplier: f64,
) -> Option<Interval> {
    Some(wilson(numerator?, denominator?, z)?.scaled(multiplier))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Z_95, Z_99_8};

    #[test]
    fn proportion_intervals_need_both_counts_and_scale_to_display_units() {
        assert_eq!(proportion_interval(Some(1.0), None, Z_95, 100.0), None);
        assert_eq!(proportion_interval(Some(11.0), Some(10.0), Z_95, 100.0), None);
        let i = proportion_interval(Some(0.0), Some(10.0), Z_95, 100.0).expect("an interval");
        let w = wilson(0.0, 10.0, Z_95).expect("an interval");
        assert_eq!((i.lower, i.upper), (0.0, w.upper * 100.0));
    }

    #[test]
    fn rejects_degenerate_inputs() {
        assert_eq!(wilson(0.0, 0.0, Z_95), None);
        assert_eq!(wilson(1.0, -5.0, Z_95), None);
        assert_eq!(wilson(f64::NAN, 10.0, Z_95), None);
        assert_eq!(wilson(1.0, f64::INFINITY, Z_95), None);
        assert_eq!(wilson(11.0, 10.0, Z_95), None);
        assert_eq!(wilson(-1.0, 10.0, Z_95), None);
        assert_eq!(wilson(1.0, 10.0, f64::NAN), None);
        assert_eq!(wilson(1.0, 10.0, -1.0), None);
    }

    #[test]
    fn zero_and_all_hit_the_ends_exactly() {
        let none = wilson(0.0, 20.0, Z_95).unwrap();
        assert_eq!(none.lower, 0.0);
        // Newcombe (1998) example 0/20: upper 0.1611.
        assert!((none.upper - 0.1611).abs() < 5e-5);
        let all = wilson(20.0, 20.0, Z_95).unwrap();
        assert_eq!(all.upper, 1.0);
        assert!((all.lower - (1.0 - 0.1611)).abs() < 5e-5, "symmetric to 0/20");
    }

    #[test]
    fn one_trial() {
        let i = wilson(1.0, 1.0, Z_95).unwrap();
        assert!(i.lower > 0.0 && i.lower < 1.0 && i.upper == 1.0);
    }

    #[test]
    fn wider_at_99_8_and_contains_the_proportion() {
        let a = wilson(15.0, 148.0, Z_95).unwrap();
        let b = wilson(15.0, 148.0, Z_99_8).unwrap();
        let p = 15.0 / 148.0;
        assert!(b.lower < a.lower && a.lower < p && p < a.upper && a.upper < b.upper);
    }

    #[test]
    fn zero_z_collapses_to_the_proportion() {
        let i = wilson(3.0, 12.0, 0.0).unwrap();
        assert!((i.lower - 0.25).abs() < 1e-15 && (i.upper - 0.25).abs() < 1e-15);
    }
}
