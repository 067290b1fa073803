//! The regularised incomplete gamma function and its inverse — the special functions behind the
//! exact Poisson limits (a chi-square quantile with `2O` degrees of freedom halved is a gamma
//! quantile with shape `O`) and the normal tail (`Φ(−z) = Q(½, z²/2) / 2`).
//!
//! Hand-written rather than taken from `statrs` to keep the wasm small: the widget needs only
//! these few functions. Methods follow Press et al., *Numerical Recipes* (3rd ed., 2007), §6.1–6.2
//! and §6.2.1: a power series for `P(a, x)` below `x = a + 1`, a Lentz continued fraction for
//! `Q(a, x)` above it, and a safeguarded Newton iteration (bisection inside a bracket) for the
//! inverse. `ln Γ` uses Stirling's series after shifting the argument to ≥ 10, accurate to about
//! 1e-14. Checked against SciPy's `chi2.ppf` to 1e-9 relative for 2–22 degrees of freedom
//! (tests/golden_stats.rs).

/// Relative tolerance at which the series, the continued fraction and Newton stop.
const EPS: f64 = 1e-16;
/// Iteration cap: generous for the shapes used here (≤ 11), and a guarantee of termination.
const MAX_ITER: usize = 500;
/// ½ ln(2π).
const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;

/// `ln Γ(x)` for `x > 0` (NaN otherwise).
fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    // Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)): shift up until Stirling's series is accurate.
    let (mut x, mut shift) = (x, 0.0);
    while x < 10.0 {
        shift += x.ln();
        x += 1.0;
    }
    let r = 1.0 / (x * x);
    // Bernoulli-number terms 1/12x − 1/360x³ + 1/1260x⁵ − 1/1680x⁷ + 1/1188x⁹ − 691/360360x¹¹.
    let series = (1.0 / 12.0
        - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r * (1.0 / 1680.0 - r * (1.0 / 1188.0 - r * 691.0 / 360_360.0)))))
        / x;
    (x - 0.5) * x.ln() - x + HALF_LN_2PI + series - shift
}

/// The regularised incomplete gamma functions `(P(a, x), Q(a, x))`, `P + Q = 1`, for `a > 0`.
/// Both are returned so that a caller in either tail keeps full relative precision.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::gamma::incomplete_gamma;
/// let (p, q) = incomplete_gamma(1.0, 2.0); // shape 1 is the exponential: Q = e^-x
/// assert!((q - (-2.0f64).exp()).abs() < 1e-15 && (p + q - 1.0).abs() < 1e-15);
/// ```
pub fn incomplete_gamma(a: f64, x: f64) -> (f64, f64) {
    if a.is_nan() || a <= 0.0 || x.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if x == f64::INFINITY {
        return (1.0, 0.0);
    }
    let prefactor = (a * x.ln() - x - ln_gamma(a)).exp();
    if x < a + 1.0 {
        // Series: P = e^-x x^a / Γ(a) · Σ xⁿ / (a (a+1) … (a+n)).
        let (mut ap, mut term) = (a, 1.0 / a);
        let mut sum = term;
        for _ in 0..MAX_ITER {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * EPS {
                break;
            }
        }
        let p = sum * prefactor;
        (p, 1.0 - p)
    } else {
        // Continued fraction for Q by the modified Lentz method (Numerical Recipes §6.2).
        let tiny = f64::MIN_POSITIVE / EPS;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..MAX_ITER {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < EPS {
                break;
            }
        }
        let q = prefactor * h;
        (1.0 - q, q)
    }
}

/// The `x` at which the gamma distribution with shape `a` (scale 1) has lower-tail probability
/// `prob` — or upper-tail probability `prob` when `upper_tail` is set, which keeps precision for
/// quantiles near 1. `None` unless `a > 0` and `0 < prob < 1`.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::gamma::gamma_quantile;
/// // Shape 1: Q(1, x) = e^-x, so the upper 2.5% point is −ln 0.025.
/// let x = gamma_quantile(1.0, 0.025, true).unwrap();
/// assert!((x - (-(0.025f64).ln())).abs() < 1e-13);
/// ```
pub fn gamma_quantile(a: f64, prob: f64, upper_tail: bool) -> Option<f64> {
    if !(a > 0.0 && a.is_finite() && prob > 0.0 && prob < 1.0) {
        return None;
    }
    // f(x) is increasing in x whichever tail is targeted (the upper tail is negated).
    let f = |x: f64| {
        let (p, q) = incomplete_gamma(a, x);
        if upper_tail {
            prob - q
        } else {
            p - prob
        }
    };
    let ln_norm = ln_gamma(a);
    let density = |x: f64| ((a - 1.0) * x.ln() - x - ln_norm).exp();
    // Bracket [lo, hi] with f(lo) < 0 ≤ f(hi); the mean a is a central starting point.
    let (mut lo, mut hi) = (0.0, a.max(1.0));
    for _ in 0..MAX_ITER {
        if f(hi) >= 0.0 {
            break;
        }
        lo = hi;
        hi *= 2.0;
    }
    let mut x = a.clamp(lo, hi);
    for _ in 0..MAX_ITER {
        let fx = f(x);
        if fx == 0.0 {
            return Some(x);
        }
        if fx < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - fx / density(x);
        // Newton converges quadratically near the root; fall back to bisection when it would
        // leave the bracket (far tails, or a density that underflows).
        let next = if newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        if (next - x).abs() <= 4.0 * EPS * next.abs() || hi - lo <= 4.0 * EPS * hi {
            return Some(next);
        }
        x = next;
    }
    Some(x)
}

/// The chi-square quantile: the `x` with lower-tail probability `p` for `df` degrees of freedom
/// (`2 ×` the gamma quantile of shape `df / 2`). `None` unless `df > 0` and `0 < p < 1`.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::gamma::chi_square_quantile;
/// // 99.8% point for 1 df, rounded by Fingertips to 9.5495 for the trend test.
/// let x = chi_square_quantile(0.998, 1.0).unwrap();
/// assert!((x - 9.5495).abs() < 1e-4);
/// ```
pub fn chi_square_quantile(p: f64, df: f64) -> Option<f64> {
    // Solve in the smaller tail so that 1 − p does not lose digits.
    let (prob, upper) = if p > 0.5 { (1.0 - p, true) } else { (p, false) };
    gamma_quantile(0.5 * df, prob, upper).map(|x| 2.0 * x)
}

/// The standard normal upper tail `1 − Φ(z) = Q(½, z²/2) / 2` for `z ≥ 0` (NaN for negative or
/// NaN `z`). Used to turn a normal quantile into the tail probability of the exact Poisson limits.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::{gamma::normal_upper_tail, Z_95};
/// assert!((normal_upper_tail(Z_95) - 0.025).abs() < 1e-15);
/// ```
pub fn normal_upper_tail(z: f64) -> f64 {
    if z.is_nan() || z < 0.0 {
        return f64::NAN;
    }
    0.5 * incomplete_gamma(0.5, 0.5 * z * z).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_of_integers_is_ln_factorial() {
        let mut fact: f64 = 1.0;
        for n in 1..=20 {
            // Γ(n) = (n−1)!
            assert!((ln_gamma(n as f64) - fact.ln()).abs() < 1e-13, "n = {n}");
            fact *= n as f64;
        }
        assert!((ln_gamma(0.5) - 0.5 * std::f64::consts::PI.ln()).abs() < 1e-14);
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-1.0).is_nan() && ln_gamma(f64::NAN).is_nan());
    }

    #[test]
    fn incomplete_gamma_edges() {
        assert_eq!(incomplete_gamma(2.0, 0.0), (0.0, 1.0));
        assert_eq!(incomplete_gamma(2.0, -1.0), (0.0, 1.0));
        assert_eq!(incomplete_gamma(2.0, f64::INFINITY), (1.0, 0.0));
        assert!(incomplete_gamma(0.0, 1.0).0.is_nan());
        assert!(incomplete_gamma(2.0, f64::NAN).1.is_nan());
        // Shape 2: Q(2, x) = e^-x (1 + x), on both sides of the series/fraction switch at x = 3.
        for x in [0.5f64, 2.9, 3.1, 10.0] {
            let q = (-x).exp() * (1.0 + x);
            assert!((incomplete_gamma(2.0, x).1 - q).abs() < 1e-14 * q.max(1e-300) + 1e-16, "x = {x}");
        }
    }

    #[test]
    fn quantile_inverts_the_distribution() {
        for a in [0.5, 1.0, 2.0, 7.5, 11.0] {
            for prob in [1e-6, 0.001, 0.025, 0.5, 0.975] {
                let x = gamma_quantile(a, prob, false).unwrap();
                assert!((incomplete_gamma(a, x).0 - prob).abs() < 1e-12 * prob.max(1e-3), "a {a} p {prob}");
                let y = gamma_quantile(a, prob, true).unwrap();
                assert!((incomplete_gamma(a, y).1 - prob).abs() < 1e-12 * prob.max(1e-3), "a {a} q {prob}");
            }
        }
    }

    #[test]
    fn quantile_rejects_bad_arguments() {
        for (a, p) in [(0.0, 0.5), (-1.0, 0.5), (1.0, 0.0), (1.0, 1.0), (f64::NAN, 0.5), (1.0, f64::NAN)] {
            assert_eq!(gamma_quantile(a, p, false), None);
        }
        assert_eq!(chi_square_quantile(0.5, 0.0), None);
        assert!(normal_upper_tail(-1.0).is_nan() && normal_upper_tail(f64::NAN).is_nan());
        assert_eq!(normal_upper_tail(0.0), 0.5);
    }
}
