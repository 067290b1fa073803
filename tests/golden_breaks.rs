//! Golden test: class breaks of real series from the shipped bundle equal those computed by
//! independent reference implementations — d3-array's `quantileSorted` and simple-statistics'
//! `equalIntervalBreaks` and `ckmeans` — recorded in tests/golden/breaks.json by
//! tools/golden/breaks.mjs (see the file's `references`).
#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use work_health_atlas::model::Dataset;
use work_health_atlas::scale::breaks::{equal_interval, natural_breaks, quantile};

#[derive(Deserialize)]
struct Golden {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    indicator: String,
    geography: String,
    period: String,
    k: usize,
    quantile: Vec<f64>,
    equal_interval: Vec<f64>,
    natural_breaks: Vec<f64>,
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(1.0))
}

#[test]
fn breaks_match_d3_and_simple_statistics() {
    let golden: Golden = serde_json::from_str(include_str!("golden/breaks.json")).expect("golden file parses");
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("bundle");
    let data = Dataset::from_json(&bytes).expect("valid bundle");
    assert_eq!(golden.cases.len(), 20);
    for case in &golden.cases {
        let label = format!("{} {}/{} k={}", case.indicator, case.geography, case.period, case.k);
        let series = data.series(&case.indicator, &case.geography, &case.period).expect(&label);
        let values: Vec<f64> = series.values.iter().flatten().copied().collect();
        assert!(close(&quantile(&values, case.k), &case.quantile), "quantile {label}");
        assert!(close(&equal_interval(&values, case.k), &case.equal_interval), "equal interval {label}");
        assert!(close(&natural_breaks(&values, case.k), &case.natural_breaks), "natural breaks {label}");
    }
}
