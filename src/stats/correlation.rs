//! Correlation between two indicators across areas, with a 95% interval: Pearson's r and
//! Spearman's rank correlation ρ.
//!
//! Both intervals use Fisher's z-transform, `z = atanh(r)`, which is close to normal; the limits
//! are `tanh(z ∓ 1.96·SE)`. For Pearson `SE = 1/√(n − 3)` (Fisher 1921), as R's `cor.test` uses.
//! For Spearman the same SE is too small, because ranks are less efficient than raw values;
//! Fieller, Hartley & Pearson (1957), *Biometrika* 44:470–481, found `SE = √(1.06 / (n − 3))`
//! accurate for n up to 50 (the variance Bonett & Wright 2000, *Psychometrika* 65:23–28, compare
//! with theirs). Ties take average ranks, so Spearman's ρ is Pearson's r on those ranks.
//!
//! Only pairs with both values finite are used. Fewer than 4 such pairs (the SE needs `n > 3`),
//! or no spread in either variable, gives `None`. An interval says how precisely the areas'
//! association is measured; it is an association, not an effect.

use super::Z_95;
use crate::num::mean;

/// A correlation coefficient with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Correlation {
    /// The coefficient, in −1..=1.
    pub r: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
    /// Finite pairs used.
    pub n: usize,
}

/// Pearson's r with a Fisher-z interval (SE `1/√(n − 3)`).
///
/// # Examples
/// ```
/// use work_health_atlas::stats::correlation::pearson;
/// // R's ?cor.test example (Hollander & Wolfe 1973, p. 187): r = 0.5711816,
/// // 95% CI −0.1497426 to 0.8955795.
/// let x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
/// let y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
/// let pairs: Vec<(f64, f64)> = x.into_iter().zip(y).collect();
/// let c = pearson(&pairs).unwrap();
/// assert!((c.r - 0.5711816).abs() < 1e-7);
/// assert!((c.lower - -0.1497426).abs() < 1e-7 && (c.upper - 0.8955795).abs() < 1e-7);
/// ```
pub fn pearson(pairs: &[(f64, f64)]) -> Option<Correlation> {
    let (x, y) = finite(pairs);
    let r = coefficient(&x, &y)?;
    Some(with_interval(r, x.len(), 1.0))
}

/// Spearman's ρ (Pearson on average ranks) with a Fisher-z interval (SE `√(1.06/(n − 3))`).
///
/// # Examples
/// ```
/// use work_health_atlas::stats::correlation::spearman;
/// // Monotone but not linear: ρ is exactly 1.
/// let pairs: Vec<(f64, f64)> = (1..=6).map(|i| (i as f64, (i as f64).exp())).collect();
/// assert_eq!(spearman(&pairs).unwrap().r, 1.0);
/// ```
pub fn spearman(pairs: &[(f64, f64)]) -> Option<Correlation> {
    let (x, y) = finite(pairs);
    let r = coefficient(&ranks(&x), &ranks(&y))?;
    Some(with_interval(r, x.len(), 1.06))
}

/// The finite pairs, split into two columns.
fn finite(pairs: &[(f64, f64)]) -> (Vec<f64>, Vec<f64>) {
    pairs.iter().filter(|(a, b)| a.is_finite() && b.is_finite()).copied().unzip()
}

/// Pearson's r of two equal-length finite columns; `None` below 4 values or without spread.
fn coefficient(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n < 4 || y.len() != n {
        return None;
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // Centred sums of squares, so "no spread" is an exact 0 for constant columns. Huge values can
    // still overflow to infinity; the finiteness check turns that into None rather than NaN.
    if !(sxx > 0.0 && syy > 0.0) {
        return None;
    }
    let r = sxy / (sxx.sqrt() * syy.sqrt());
    // Rounding can step a hair outside ±1, where atanh is NaN.
    r.is_finite().then(|| r.clamp(-1.0, 1.0))
}

/// `r` with a Fisher-z interval whose SE is `√(variance_factor / (n − 3))`, `n ≥ 4`.
fn with_interval(r: f64, n: usize, variance_factor: f64) -> Correlation {
    let z = r.atanh();
    let half = Z_95 * (variance_factor / (n as f64 - 3.0)).sqrt();
    // |r| = 1 makes z infinite and the interval the single point ±1, which tanh gives directly.
    Correlation { r, lower: (z - half).tanh(), upper: (z + half).tanh(), n }
}

/// Average ranks (1-based; tied values share the mean of their positions).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start+1 ..= end share their average.
        let average = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = average;
        }
        start = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip(x: &[f64], y: &[f64]) -> Vec<(f64, f64)> {
        x.iter().copied().zip(y.iter().copied()).collect()
    }

    /// Anscombe's quartet, set I (Anscombe 1973, *The American Statistician* 27:17–21).
    const ANSCOMBE_X: [f64; 11] = [10.0, 8.0, 13.0, 9.0, 11.0, 14.0, 6.0, 4.0, 12.0, 7.0, 5.0];
    const ANSCOMBE_Y: [f64; 11] = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

    #[test]
    fn pearson_on_anscombe() {
        // r = 0.8164205 (Anscombe's published 0.816); limits by Fisher z computed with SciPy
        // (numpy.arctanh, scipy.stats.norm.ppf): 0.4243912 to 0.9506933.
        let c = pearson(&zip(&ANSCOMBE_X, &ANSCOMBE_Y)).unwrap();
        assert!((c.r - 0.816_420_516_3).abs() < 1e-9);
        assert!((c.lower - 0.424_391_213_4).abs() < 1e-9);
        assert!((c.upper - 0.950_693_253_8).abs() < 1e-9);
        assert_eq!(c.n, 11);
    }

    #[test]
    fn spearman_against_scipy() {
        // scipy.stats.spearmanr: ρ = 9/11 = 0.8181818; Fieller limits 0.4118648 to 0.9531140.
        let c = spearman(&zip(&ANSCOMBE_X, &ANSCOMBE_Y)).unwrap();
        assert!((c.r - 9.0 / 11.0).abs() < 1e-12);
        assert!((c.lower - 0.411_864_785_5).abs() < 1e-9);
        assert!((c.upper - 0.953_113_965_0).abs() < 1e-9);
        // R's ?cor.test data (Hollander & Wolfe): rho = 0.6, as cor.test(method = "spearman").
        let x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
        let y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
        let c = spearman(&zip(&x, &y)).unwrap();
        assert!((c.r - 0.6).abs() < 1e-12);
        assert!((c.lower - -0.129_921_173_0).abs() < 1e-9 && (c.upper - 0.908_165_369_9).abs() < 1e-9);
    }

    #[test]
    fn spearman_with_ties_uses_average_ranks() {
        let x = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 4.0, 5.0];
        let y = [3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 6.0, 6.0];
        assert_eq!(ranks(&x), vec![1.0, 2.5, 2.5, 4.0, 6.0, 6.0, 6.0, 8.0]);
        // scipy.stats.spearmanr(x, y) = 0.7889568540593018.
        assert!((spearman(&zip(&x, &y)).unwrap().r - 0.788_956_854_059_301_8).abs() < 1e-12);
    }

    #[test]
    fn hand_computed_spearman() {
        // d = (1, −1, 1, −1, 0): ρ = 1 − 6·4 / (5·24) = 0.8.
        let c = spearman(&zip(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 4.0, 3.0, 5.0])).unwrap();
        assert!((c.r - 0.8).abs() < 1e-12);
        assert!(c.lower < c.r && c.r < c.upper && c.upper < 1.0);
    }

    #[test]
    fn non_finite_pairs_are_dropped() {
        let mut pairs = zip(&ANSCOMBE_X, &ANSCOMBE_Y);
        let clean = pearson(&pairs).unwrap();
        pairs.push((f64::NAN, 1.0));
        pairs.push((1.0, f64::INFINITY));
        assert_eq!(pearson(&pairs), Some(clean));
    }

    #[test]
    fn perfect_correlation_is_a_point_interval() {
        let pairs: Vec<(f64, f64)> = (0..6).map(|i| (f64::from(i), -3.0 * f64::from(i) + 1.0)).collect();
        let c = pearson(&pairs).unwrap();
        assert_eq!((c.r, c.lower, c.upper), (-1.0, -1.0, -1.0));
    }

    #[test]
    fn degenerate_input_gives_none() {
        assert_eq!(pearson(&[]), None);
        assert_eq!(spearman(&[]), None);
        let three = [(1.0, 2.0), (2.0, 3.0), (3.0, 5.0)];
        assert_eq!(pearson(&three), None);
        let flat = [(1.0, 2.0), (2.0, 2.0), (3.0, 2.0), (4.0, 2.0)];
        assert_eq!(pearson(&flat), None);
        assert_eq!(spearman(&flat), None);
        let nan = [(f64::NAN, 1.0); 10];
        assert_eq!(pearson(&nan), None);
        let huge = [(1e300, 1.0), (-1e300, 2.0), (1e300, 3.0), (-1e300, 5.0)];
        assert!(pearson(&huge).is_none_or(|c| c.r.is_finite()));
    }
}
