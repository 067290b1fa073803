//! Confidence intervals for counts of events (Poisson) and for crude rates built on them
//! (`count / denominator × multiplier`, e.g. per 100,000), as Fingertips and PHEindicatormethods'
//! `phe_rate` compute them:
//! - counts below 10: the exact method via the chi-square distribution (Armitage & Berry 2002),
//!   `lower = χ²(α/2; 2O) / 2`, `upper = χ²(1 − α/2; 2O + 2) / 2`;
//! - counts of 10 and more: Byar's approximation (Breslow & Day 1987, vol. II),
//!   `lower = O (1 − 1/(9O) − z/(3√O))³`, `upper = (O+1) (1 − 1/(9(O+1)) + z/(3√(O+1)))³`.
//!
//! The chi-square quantiles come from the small hand-written [`gamma`](super::gamma) module
//! rather than `statrs`, to keep the wasm small. Source of the switch at 10 and of both formulas:
//! Fingertips Public Health Technical Guidance, "Rates"
//! (<https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/Basic_statistics/Rates.html>).

use super::gamma::{gamma_quantile, normal_upper_tail};
use super::Interval;

/// Counts below this use the exact limits; from here up, Byar's approximation.
pub const BYAR_FROM: f64 = 10.0;

/// The confidence interval for an observed count `observed` of events at normal quantile `z`
/// ([`Z_95`](super::Z_95) or [`Z_99_8`](super::Z_99_8)), in events.
///
/// Returns `None` for a negative or non-finite count, or a `z` that is not positive and finite.
/// A count of 0 has lower limit 0 and upper limit `−ln(α/2)`.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::{poisson::count_interval, Z_95};
/// let i = count_interval(0.0, Z_95).unwrap();
/// assert_eq!(i.lower, 0.0);
/// assert!((i.upper - 3.688879454113936).abs() < 1e-12); // −ln 0.025
/// let big = count_interval(100.0, Z_95).unwrap(); // Byar
/// assert!(big.lower < 100.0 && big.upper > 100.0);
/// ```
pub fn count_interval(observed: f64, z: f64) -> Option<Interval> {
    if !(observed.is_finite() && observed >= 0.0 && z.is_finite() && z > 0.0) {
        return None;
    }
    if observed >= BYAR_FROM {
        return Some(byar(observed, z));
    }
    // α/2 from z keeps one argument (z) across all interval functions; Φ(−z) is exact to ~1e-16.
    let tail = normal_upper_tail(z);
    // χ²(p; 2k) / 2 is the gamma(k) quantile; the upper limit is solved in its own (upper) tail.
    let lower = if observed == 0.0 { 0.0 } else { gamma_quantile(observed, tail, false)? };
    let upper = gamma_quantile(observed + 1.0, tail, true)?;
    Some(Interval { lower, upper })
}

/// Byar's approximation to the exact Poisson limits (Breslow & Day 1987), for `observed ≥ 10`.
/// It is the Wilson–Hilferty cube-root approximation to the same gamma quantiles.
fn byar(observed: f64, z: f64) -> Interval {
    let o = observed;
    let o1 = observed + 1.0;
    let lower = o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3);
    let upper = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3);
    Interval { lower, upper }
}

/// The confidence interval for the crude rate `count / denominator × multiplier` (e.g. a
/// multiplier of 100,000 gives a rate per 100,000), from the count's interval.
///
/// Returns `None` for a non-positive or non-finite denominator or multiplier, or when
/// [`count_interval`] does.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::{poisson::rate_interval, Z_95};
/// let i = rate_interval(82.0, 10_000.0, 100_000.0, Z_95).unwrap();
/// assert!(i.lower < 820.0 && 820.0 < i.upper);
/// assert_eq!(rate_interval(5.0, 0.0, 100_000.0, Z_95), None);
/// ```
pub fn rate_interval(count: f64, denominator: f64, multiplier: f64, z: f64) -> Option<Interval> {
    if !(denominator.is_finite() && denominator > 0.0 && multiplier.is_finite() && multiplier > 0.0) {
        return None;
    }
    count_interval(count, z).map(|i| i.scaled(multiplier / denominator))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Z_95, Z_99_8};

    #[test]
    fn rejects_degenerate_inputs() {
        assert_eq!(count_interval(-1.0, Z_95), None);
        assert_eq!(count_interval(f64::NAN, Z_95), None);
        assert_eq!(count_interval(f64::INFINITY, Z_95), None);
        assert_eq!(count_interval(3.0, 0.0), None);
        assert_eq!(count_interval(3.0, f64::NAN), None);
        assert_eq!(rate_interval(3.0, 0.0, 1.0, Z_95), None);
        assert_eq!(rate_interval(3.0, f64::NAN, 1.0, Z_95), None);
        assert_eq!(rate_interval(3.0, 10.0, 0.0, Z_95), None);
        assert_eq!(rate_interval(-3.0, 10.0, 1.0, Z_95), None);
    }

    #[test]
    fn zero_and_one_events() {
        let zero = count_interval(0.0, Z_99_8).unwrap();
        assert_eq!(zero.lower, 0.0);
        assert!((zero.upper - (-(0.001f64).ln())).abs() < 1e-12);
        // One event: lower = −ln(1 − α/2) (shape-1 gamma), known in closed form.
        let one = count_interval(1.0, Z_95).unwrap();
        assert!((one.lower - (-(0.975f64).ln())).abs() < 1e-13);
        assert!(one.upper > 1.0);
    }

    #[test]
    fn byar_is_close_to_exact_at_the_switch() {
        // The Technical Guide says Byar's limits are within 0.2% of the exact ones from 10 up
        // at 95%; compare Byar at 10 with the exact method computed at 10 via the gamma inverse.
        let byar10 = byar(10.0, Z_95);
        let tail = normal_upper_tail(Z_95);
        let exact_lo = gamma_quantile(10.0, tail, false).unwrap();
        let exact_hi = gamma_quantile(11.0, tail, true).unwrap();
        assert!((byar10.lower / exact_lo - 1.0).abs() < 2e-3);
        assert!((byar10.upper / exact_hi - 1.0).abs() < 2e-3);
    }

    #[test]
    fn intervals_widen_with_confidence_and_contain_the_count() {
        for o in [1.0, 9.0, 10.0, 250.0] {
            let a = count_interval(o, Z_95).unwrap();
            let b = count_interval(o, Z_99_8).unwrap();
            assert!(b.lower < a.lower && a.lower < o && o < a.upper && a.upper < b.upper, "O = {o}");
        }
    }

    #[test]
    fn rate_scales_the_count_interval() {
        let c = count_interval(48.0, Z_95).unwrap();
        let r = rate_interval(48.0, 10_000.0, 100_000.0, Z_95).unwrap();
        assert!((r.lower - c.lower * 10.0).abs() < 1e-9 && (r.upper - c.upper * 10.0).abs() < 1e-9);
    }
}
