//! Class breaks computed from data. Non-finite values are ignored (they are "no data").
//!
//! Quantile breaks follow the R-7 / d3 `quantile` definition (linear interpolation between
//! order statistics), so they can be checked against d3-scale's `scaleQuantile().quantiles()`.

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
    sorted.sort_by(f64::total_cmp);
    let mut breaks: Vec<f64> = (1..k).map(|i| quantile_sorted(&sorted, i as f64 / k as f64)).collect();
    breaks.dedup();
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    breaks.retain(|&b| b > min && b <= max);
    breaks
}

/// The p-quantile of sorted finite values (R-7).
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo as f64)
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
    fn matches_d3_quantiles() {
        // d3.scaleQuantile().domain([3, 6, 7, 8, 8, 10, 13, 15, 16, 20]).range([0,1,2,3]).quantiles()
        // → [7.25, 9, 14.5] (R-7, as computed by d3-array's quantileSorted).
        let v = [3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0];
        assert_eq!(quantile(&v, 4), vec![7.25, 9.0, 14.5]);
    }
}
