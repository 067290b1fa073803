#![cfg(not(target_arch = "wasm32"))]
//! Golden test: the statistics module against independently computed values recorded in
//! tests/golden/stats.json by tools/golden/stats.py (SciPy / statsmodels; see the file's
//! `references`), to 1e-9 relative; and against published worked examples.

use serde::Deserialize;
use work_health_atlas::stats::gamma::chi_square_quantile;
use work_health_atlas::stats::trend::{fit_recent, recent_trend, RecentTrend, TrendPoint};
use work_health_atlas::stats::{count_interval, rate_interval, wilson, Interval, Z_95, Z_99_8};

#[derive(Deserialize)]
struct Golden {
    references: serde_json::Map<String, serde_json::Value>,
    wilson: Vec<WilsonCase>,
    chi_square: Vec<ChiSquareCase>,
    counts: Vec<CountCase>,
    rates: Vec<RateCase>,
    trends: Vec<TrendCase>,
}

#[derive(Deserialize)]
struct WilsonCase {
    numerator: f64,
    denominator: f64,
    level: String,
    lower: f64,
    upper: f64,
}

#[derive(Deserialize)]
struct ChiSquareCase {
    p: f64,
    df: f64,
    quantile: f64,
}

#[derive(Deserialize)]
struct CountCase {
    observed: f64,
    level: String,
    method: String,
    lower: f64,
    upper: f64,
}

#[derive(Deserialize)]
struct RateCase {
    count: f64,
    denominator: f64,
    multiplier: f64,
    level: String,
    lower: f64,
    upper: f64,
}

#[derive(Deserialize)]
struct TrendCase {
    name: String,
    points: Vec<[f64; 3]>,
    slope: f64,
    chi_square: f64,
    trend: String,
}

fn golden() -> Golden {
    serde_json::from_str(include_str!("golden/stats.json")).expect("golden file parses")
}

fn z(level: &str) -> f64 {
    match level {
        "95" => Z_95,
        "99.8" => Z_99_8,
        other => panic!("unknown level {other}"),
    }
}

/// Equal to 1e-9 relative (with a floor for values that are exactly zero).
fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-15
}

fn assert_interval(actual: Option<Interval>, lower: f64, upper: f64, label: &str) {
    let i = actual.unwrap_or_else(|| panic!("{label}: no interval"));
    assert!(close(i.lower, lower), "{label}: lower {} vs {lower}", i.lower);
    assert!(close(i.upper, upper), "{label}: upper {} vs {upper}", i.upper);
}

#[test]
fn references_are_recorded() {
    let g = golden();
    for key in ["wilson", "chi_square", "count_exact", "count_byar", "rate", "trend"] {
        assert!(g.references.contains_key(key), "missing reference for {key}");
    }
}

#[test]
fn wilson_matches_statsmodels() {
    let g = golden();
    assert_eq!(g.wilson.len(), 24);
    for c in &g.wilson {
        let label = format!("{}/{} at {}%", c.numerator, c.denominator, c.level);
        assert_interval(wilson(c.numerator, c.denominator, z(&c.level)), c.lower, c.upper, &label);
    }
}

#[test]
fn chi_square_quantiles_match_scipy() {
    let g = golden();
    assert_eq!(g.chi_square.len(), 55);
    for c in &g.chi_square {
        let q = chi_square_quantile(c.p, c.df).expect("quantile");
        assert!(close(q, c.quantile), "df {} p {}: {q} vs {}", c.df, c.p, c.quantile);
    }
}

#[test]
fn count_intervals_match_scipy_and_byar() {
    let g = golden();
    assert_eq!(g.counts.len(), 32);
    let byar = g.counts.iter().filter(|c| c.method == "byar").count();
    assert!(byar > 0 && byar < g.counts.len(), "both methods covered");
    for c in &g.counts {
        let label = format!("O = {} at {}% ({})", c.observed, c.level, c.method);
        assert_interval(count_interval(c.observed, z(&c.level)), c.lower, c.upper, &label);
    }
}

#[test]
fn rate_intervals_match() {
    let g = golden();
    assert_eq!(g.rates.len(), 22);
    for c in &g.rates {
        let label = format!("{} / {} at {}%", c.count, c.denominator, c.level);
        assert_interval(rate_interval(c.count, c.denominator, c.multiplier, z(&c.level)), c.lower, c.upper, &label);
    }
}

#[test]
fn recent_trend_matches_statsmodels_wls() {
    let g = golden();
    assert_eq!(g.trends.len(), 5);
    for c in &g.trends {
        let points: Vec<TrendPoint> =
            c.points.iter().map(|&[value, lower, upper]| TrendPoint { value, lower, upper }).collect();
        let fit = fit_recent(&points).unwrap_or_else(|e| panic!("{}: {e:?}", c.name));
        assert!(close(fit.slope, c.slope), "{}: slope {} vs {}", c.name, fit.slope, c.slope);
        assert!(close(fit.chi_square, c.chi_square), "{}: chi {} vs {}", c.name, fit.chi_square, c.chi_square);
        let expected = match c.trend.as_str() {
            "increasing" => RecentTrend::Increasing,
            "decreasing" => RecentTrend::Decreasing,
            _ => RecentTrend::NoSignificantChange,
        };
        assert_eq!(recent_trend(&points), expected, "{}", c.name);
    }
}

/// Published worked examples: Newcombe RG (1998), "Two-sided confidence intervals for the single
/// proportion: comparison of seven methods", Statistics in Medicine 17:857–872 — the score
/// (Wilson) method without continuity correction for the paper's illustrative proportions,
/// published to 4 decimal places.
#[test]
fn wilson_matches_newcombe_1998() {
    let published = [
        (81.0, 263.0, 0.2553, 0.3662),
        (15.0, 148.0, 0.0624, 0.1605),
        (0.0, 20.0, 0.0, 0.1611),
        (1.0, 29.0, 0.0061, 0.1718),
    ];
    for (x, n, lower, upper) in published {
        let i = wilson(x, n, Z_95).expect("interval");
        assert!((i.lower - lower).abs() < 5e-5 && (i.upper - upper).abs() < 5e-5, "{x}/{n}: {i:?}");
    }
}

/// Fingertips' trend threshold 9.5495 is the 99.8% point of chi-square on 1 df, rounded.
#[test]
fn trend_threshold_is_the_99_8_point_of_chi_square_1() {
    let q = chi_square_quantile(0.998, 1.0).expect("quantile");
    assert!((q - 9.5495).abs() < 5e-5, "{q}");
}
