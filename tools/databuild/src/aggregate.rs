//! Counts per LSOA → series for every layer. Higher layers and the city-region comparator are
//! always sums of LSOA numerators over sums of LSOA denominators, never averages of rates. An
//! LSOA without counts is left out of its parents' sums and named in the series method.

use crate::areas::{Layer, Layers};
use work_health_atlas::model::bundle::{ComparatorValue, Series};

/// Counts per LSOA (in LSOA order).
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Numerators.
    pub num: Vec<Option<f64>>,
    /// Denominators.
    pub den: Vec<Option<f64>>,
}

/// Rounds to `places` decimals (ties away from zero), keeping integers exact.
pub fn round(x: f64, places: u32) -> f64 {
    let f = 10f64.powi(places as i32);
    (x * f).round() / f
}

/// Rounds a count: integers stay integers, apportioned counts keep two decimals.
pub fn round_count(x: f64) -> f64 {
    round(x, 2)
}

/// Rate in display units, or `None` for a missing or zero denominator.
pub fn rate(num: Option<f64>, den: Option<f64>, multiplier: f64) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d * multiplier),
        _ => None,
    }
}

/// Sums of LSOA counts per area of `layer`, and the codes of LSOAs left out for lack of counts.
pub fn sum_counts(layer: &Layer, counts: &Counts) -> (Counts, Vec<usize>) {
    let n = layer.codes.len();
    let mut num = vec![None; n];
    let mut den = vec![None; n];
    let mut left_out = Vec::new();
    for (lsoa, &area) in layer.of_lsoa.iter().enumerate() {
        let (Some(Some(a)), Some(Some(b))) = (counts.num.get(lsoa), counts.den.get(lsoa)) else {
            left_out.push(lsoa);
            continue;
        };
        if let (Some(x), Some(y)) = (num.get_mut(area), den.get_mut(area)) {
            *x = Some(x.unwrap_or(0.0) + a);
            *y = Some(y.unwrap_or(0.0) + b);
        }
    }
    (Counts { num, den }, left_out)
}

/// Grand totals over all LSOAs with counts.
pub fn total(counts: &Counts) -> (f64, f64) {
    counts
        .num
        .iter()
        .zip(&counts.den)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .fold((0.0, 0.0), |(x, y), (a, b)| (x + a, y + b))
}

/// How a rate series is to be written.
#[derive(Debug, Clone)]
pub struct RateSpec<'a> {
    /// Period id.
    pub period: &'a str,
    /// Display multiplier (100 for percentages).
    pub multiplier: f64,
    /// Indicator decimals: every value is rounded once, from full precision, to these.
    pub decimals: u8,
    /// Series flag for estimates.
    pub estimated: bool,
    /// Method text for the higher layers (the LSOA method is given per call).
    pub method: &'a str,
}

/// Series for `msoa`, `ward` and `lad` aggregated from LSOA counts.
pub fn higher_series(layers: &Layers, counts: &Counts, spec: &RateSpec) -> Vec<Series> {
    layers
        .layers
        .iter()
        .skip(1)
        .map(|layer| {
            let (sums, left_out) = sum_counts(layer, counts);
            let mut method = spec.method.to_string();
            if !left_out.is_empty() {
                let codes: Vec<&str> =
                    left_out.iter().filter_map(|&i| layers.lsoa().codes.get(i).map(String::as_str)).collect();
                method.push_str(&format!(" LSOAs without counts, left out of the sums: {}.", codes.join(", ")));
            }
            counts_series(layer.id, &sums, spec, &method)
        })
        .collect()
}

/// A series whose values are computed from the given counts. Values are rounded to the
/// indicator's decimals (not one more, as for count-less series): the exact rate is always
/// recoverable from the counts shipped alongside, and this keeps the bundle within budget.
pub fn counts_series(geography: &str, counts: &Counts, spec: &RateSpec, method: &str) -> Series {
    let places = u32::from(spec.decimals);
    Series {
        geography: geography.to_string(),
        period: spec.period.to_string(),
        values: counts
            .num
            .iter()
            .zip(&counts.den)
            .map(|(n, d)| rate(*n, *d, spec.multiplier).map(|v| round(v, places)))
            .collect(),
        numerators: Some(counts.num.iter().map(|v| v.map(round_count)).collect()),
        denominators: Some(counts.den.iter().map(|v| v.map(round_count)).collect()),
        estimated: spec.estimated,
        method: method.to_string(),
    }
}

/// The city-region comparator from LSOA counts.
pub fn region_value(counts: &Counts, spec: &RateSpec, method: &str) -> Option<ComparatorValue> {
    let (n, d) = total(counts);
    let value = rate(Some(n), Some(d), spec.multiplier)?;
    Some(ComparatorValue {
        code: crate::comparators::LCR.to_string(),
        period: spec.period.to_string(),
        value: round(value, u32::from(spec.decimals)),
        numerator: Some(round_count(n)),
        denominator: Some(round_count(d)),
        estimated: spec.estimated,
        method: method.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer() -> Layer {
        Layer {
            id: "msoa",
            codes: vec!["A".into(), "B".into()],
            names: vec!["a".into(), "b".into()],
            lad: vec!["L".into(), "L".into()],
            of_lsoa: vec![0, 0, 1],
        }
    }

    #[test]
    fn sums_counts_not_rates() {
        let counts =
            Counts { num: vec![Some(1.0), Some(9.0), Some(5.0)], den: vec![Some(10.0), Some(90.0), Some(50.0)] };
        let (sums, left) = sum_counts(&layer(), &counts);
        assert_eq!(sums.num, vec![Some(10.0), Some(5.0)]);
        assert_eq!(sums.den, vec![Some(100.0), Some(50.0)]);
        assert!(left.is_empty());
    }

    #[test]
    fn missing_lsoa_is_left_out_and_reported() {
        let counts = Counts { num: vec![None, Some(9.0), Some(5.0)], den: vec![Some(10.0), Some(90.0), Some(50.0)] };
        let (sums, left) = sum_counts(&layer(), &counts);
        assert_eq!(sums.num[0], Some(9.0));
        assert_eq!(left, vec![0]);
    }

    #[test]
    fn rounding_keeps_one_extra_decimal() {
        assert_eq!(round(40.4567, 2), 40.46);
        assert_eq!(rate(Some(1.0), Some(0.0), 100.0), None);
    }
}
