//! Ckmeans: optimal one-dimensional k-means clustering by dynamic programming (Wang & Song,
//! "Ckmeans.1d.dp: Optimal k-means Clustering in One Dimension by Dynamic Programming", The R
//! Journal 3/2, 2011). It is the "natural breaks" method of the ONS census maps, via
//! simple-statistics' `ckmeans`; golden tests compare with that implementation.
//!
//! Hand-written because the `ckmeans` crate depends on `wasm-bindgen`, `js-sys` and `libc` and
//! exports its own wasm functions, which would land in this widget's module. This is the plain
//! O(k·n²) recurrence; at the largest layer here (1,003 areas, 7 classes) that is ~7 million
//! steps, a few milliseconds.

/// Sorted finite values split into at most `k` optimal clusters; returns each cluster's values.
///
/// Fewer clusters come back when there are fewer distinct values than `k`.
///
/// # Examples
/// ```
/// use work_health_atlas::scale::ckmeans::ckmeans;
/// let clusters = ckmeans(&[1.0, 1.0, 2.0, 10.0, 11.0, 30.0], 3);
/// assert_eq!(clusters, vec![vec![1.0, 1.0, 2.0], vec![10.0, 11.0], vec![30.0]]);
/// ```
pub fn ckmeans(values: &[f64], k: usize) -> Vec<Vec<f64>> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    crate::num::sort_floats(&mut sorted);
    let n = sorted.len();
    if n == 0 || k == 0 {
        return Vec::new();
    }
    let mut distinct = sorted.clone();
    distinct.dedup();
    let k = k.min(distinct.len());
    if k == 1 {
        return vec![sorted];
    }
    // Prefix sums of the values (shifted by the median for numerical stability) and squares.
    let shift = sorted[n / 2];
    let mut sum = vec![0.0; n + 1];
    let mut sum_sq = vec![0.0; n + 1];
    for (i, v) in sorted.iter().enumerate() {
        let x = v - shift;
        sum[i + 1] = sum[i] + x;
        sum_sq[i + 1] = sum_sq[i] + x * x;
    }
    // Within-cluster sum of squares of sorted[i..=j].
    let ssq = |i: usize, j: usize| -> f64 {
        let count = (j - i + 1) as f64;
        let s = sum[j + 1] - sum[i];
        let cost = (sum_sq[j + 1] - sum_sq[i]) - s * s / count;
        cost.max(0.0)
    };
    // cost[c][j]: best cost of splitting sorted[0..=j] into c + 1 clusters; start[c][j]: where the
    // last cluster starts.
    let mut cost = vec![vec![0.0; n]; k];
    let mut start = vec![vec![0usize; n]; k];
    for (j, c) in cost[0].iter_mut().enumerate() {
        *c = ssq(0, j);
    }
    for c in 1..k {
        for j in c..n {
            let mut best = f64::INFINITY;
            let mut best_start = c;
            for m in c..=j {
                let candidate = cost[c - 1][m - 1] + ssq(m, j);
                if candidate < best {
                    best = candidate;
                    best_start = m;
                }
            }
            cost[c][j] = best;
            start[c][j] = best_start;
        }
    }
    // Walk back from the last value.
    let mut clusters = Vec::with_capacity(k);
    let mut end = n - 1;
    for c in (0..k).rev() {
        let first = if c == 0 { 0 } else { start[c][end] };
        clusters.push(sorted[first..=end].to_vec());
        if first == 0 {
            break;
        }
        end = first - 1;
    }
    clusters.reverse();
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_single_values() {
        assert!(ckmeans(&[], 3).is_empty());
        assert_eq!(ckmeans(&[4.0], 3), vec![vec![4.0]]);
        assert_eq!(ckmeans(&[f64::NAN, 2.0], 3), vec![vec![2.0]]);
    }

    #[test]
    fn two_values_two_clusters() {
        assert_eq!(ckmeans(&[5.0, 1.0], 2), vec![vec![1.0], vec![5.0]]);
    }

    #[test]
    fn all_equal_is_one_cluster() {
        assert_eq!(ckmeans(&[3.0, 3.0, 3.0], 5), vec![vec![3.0, 3.0, 3.0]]);
    }

    #[test]
    fn matches_the_simple_statistics_documentation_example() {
        // simple-statistics docs: ckmeans([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 3)
        // → [[-1, -1, -1, -1], [2, 2, 2], [4, 5, 6]]
        let clusters = ckmeans(&[-1.0, 2.0, -1.0, 2.0, 4.0, 5.0, 6.0, -1.0, 2.0, -1.0], 3);
        assert_eq!(clusters, vec![vec![-1.0; 4], vec![2.0; 3], vec![4.0, 5.0, 6.0]]);
    }
}
