//! Class breaks computed from data: quantile, equal interval and natural breaks (Ckmeans). Each
//! returns the *inner* breaks of a threshold scale; non-finite values are ignored ("no data").
//!
//! Quantile breaks follow the R-7 / d3 `quantile` definition (linear interpolation between
//! order statistics, [`crate::num::quantile_sorted`]), so they can be checked against d3-array's
//! `quantileSorted`. Natural breaks
//! are the smallest value of each Ckmeans cluster after the first, as the ONS census maps draw them
//! from simple-statistics' `ckmeans`. [`classify`] then rounds breaks to the indicator's decimals
//! (as the ONS maps do) so legends show the numbers the map really uses.

use super::ckmeans::ckmeans;
use crate::num::quantile_sorted;

/// How classes are formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// About the same number of areas in each class.
    #[default]
    Quantile,
    /// Classes of equal width between the minimum and maximum.
    EqualInterval,
    /// Optimal 1-D k-means (Ckmeans), the ONS maps' "natural breaks".
    NaturalBreaks,
}

impl Method {
    /// Parses the stable id used by attributes and controls.
    pub fn from_id(id: &str) -> Option<Method> {
        match id {
            "quantile" => Some(Method::Quantile),
            "equal-interval" => Some(Method::EqualInterval),
            "natural-breaks" | "ckmeans" | "jenks" => Some(Method::NaturalBreaks),
            _ => None,
        }
    }

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Method::Quantile => "quantile",
            Method::EqualInterval => "equal-interval",
            Method::NaturalBreaks => "natural-breaks",
        }
    }
}

/// Smallest and largest number of classes offered.
pub const MIN_CLASSES: usize = 3;
/// Largest number of classes offered.
pub const MAX_CLASSES: usize = 7;

/// Inner breaks for `k` classes (clamped to 3–7) by `method`, rounded to `decimals` places,
/// strictly increasing and strictly inside the data range (so no class is empty by construction).
///
/// # Examples
/// ```
/// use work_health_atlas::scale::breaks::{classify, Method};
/// let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// assert_eq!(classify(Method::EqualInterval, &values, 5, 0), vec![2.0, 3.0, 4.0, 5.0]);
/// ```
pub fn classify(method: Method, values: &[f64], k: usize, decimals: u8) -> Vec<f64> {
    let k = k.clamp(MIN_CLASSES, MAX_CLASSES);
    let raw = match method {
        Method::Quantile => quantile(values, k),
        Method::EqualInterval => equal_interval(values, k),
        Method::NaturalBreaks => natural_breaks(values, k),
    };
    let (min, max) = finite_range(values);
    let factor = 10f64.powi(i32::from(decimals.min(6)));
    let mut rounded: Vec<f64> =
        raw.iter().map(|b| (b * factor).round() / factor).filter(|b| *b > min && *b <= max).collect();
    rounded.dedup();
    rounded
}

fn finite_range(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)))
}

/// `k - 1` breaks of equal width between the minimum and maximum; none when all values are equal.
pub fn equal_interval(values: &[f64], k: usize) -> Vec<f64> {
    let (min, max) = finite_range(values);
    if min >= max || !min.is_finite() || k < 2 {
        return Vec::new();
    }
    (1..k).map(|i| min + (max - min) * i as f64 / k as f64).collect()
}

/// Natural breaks: the first value of each Ckmeans cluster after the first.
pub fn natural_breaks(values: &[f64], k: usize) -> Vec<f64> {
    ckmeans(values, k).iter().skip(1).filter_map(|cluster| cluster.first().copied()).collect()
}

/// The `k - 1` inner breaks that split `values` into `k` classes of (about) equal counts.
/// Empty when there are no finite values or `k < 2`; repeated breaks are dropped, so all-equal
/// input gives no breaks (one class).
///
/// # Examples
/// ```
/// use work_health_atlas::scale::breaks::quantile;
/// assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 4), vec![2.0, 3.0, 4.0]);
/// assert!(quantile(&[7.0, 7.0, 7.0], 5).is_empty());
/// ```
pub fn quantile(values: &[f64], k: usize) -> Vec<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() || k < 2 {
        return Vec::new();
    }
    crate::num::sort_floats(&mut sorted);
    let mut breaks: Vec<f64> = (1..k).map(|i| quantile_sorted(&sorted, i as f64 / k as f64)).collect();
    breaks.dedup();
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    breaks.retain(|&b| b > min && b <= max);
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_one_value() {
        assert!(quantile(&[], 5).is_empty());
        assert!(quantile(&[3.0], 5).is_empty());
        assert!(quantile(&[f64::NAN, f64::INFINITY], 5).is_empty());
    }

    #[test]
    fn two_values_split_between_them() {
        assert_eq!(quantile(&[0.0, 10.0], 2), vec![5.0]);
    }

    #[test]
    fn method_ids_round_trip() {
        for m in [Method::Quantile, Method::EqualInterval, Method::NaturalBreaks] {
            assert_eq!(Method::from_id(m.id()), Some(m));
        }
        assert_eq!(Method::from_id("jenks"), Some(Method::NaturalBreaks));
        assert_eq!(Method::from_id("nope"), None);
    }

    #[test]
    fn equal_interval_of_equal_values_is_one_class() {
        assert!(equal_interval(&[2.0, 2.0], 5).is_empty());
        assert!(classify(Method::EqualInterval, &[2.0, 2.0], 5, 1).is_empty());
    }

    #[test]
    fn classify_rounds_and_keeps_breaks_inside_the_range() {
        let values = [0.04, 0.05, 0.33, 0.34, 0.96];
        let b = classify(Method::EqualInterval, &values, 3, 1);
        assert_eq!(b, vec![0.3, 0.7]);
        assert!(classify(Method::Quantile, &values, 99, 2).len() <= 6, "at most 7 classes");
    }

    #[test]
    fn natural_breaks_are_cluster_minima() {
        assert_eq!(natural_breaks(&[1.0, 1.5, 2.0, 10.0, 10.5, 30.0], 3), vec![10.0, 30.0]);
    }

    #[test]
    fn matches_d3_quantiles() {
        // d3.scaleQuantile().domain([3, 6, 7, 8, 8, 10, 13, 15, 16, 20]).range([0,1,2,3]).quantiles()
        // → [7.25, 9, 14.5] (R-7, as computed by d3-array's quantileSorted).
        let v = [3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0];
        assert_eq!(quantile(&v, 4), vec![7.25, 9.0, 14.5]);
    }
}
