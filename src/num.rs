//! Numbers as d3-array treats them: the crate's one sort, the R-7 quantile of sorted values, and
//! the mean and sample variance. A leaf module (std only, no crate imports) shared by the scales,
//! the statistics, the geometry and the loader, so each computes these the same way.
//!
//! The sort is a single non-generic merge sort over indices: the standard sorts are compiled anew
//! for every element type (they came to ~35 KB of the wasm), this one is compiled once. Its
//! comparison is a call through a `&dyn Fn`, slow in V8's baseline tier where a cold page runs,
//! so the two sorts of whole layers have their own linear paths: floats (the classification) by
//! a radix sort, dense indices (a layer's arcs) by a presence map.

/// The order that sorts `n` items by `less` (stable bottom-up merge sort over indices). Not
/// generic, so it is compiled once however many element types are sorted.
fn sorted_order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    // Items often come in order already (codes as the data builder wrote them): one pass says so.
    if (1..n).all(|i| !less(i, i - 1)) {
        return order;
    }
    let mut buffer = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, middle, start);
            while i < middle && j < end {
                // Take from the right only when strictly less: keeps equal items in order.
                if less(order[j], order[i]) {
                    buffer[k] = order[j];
                    j += 1;
                } else {
                    buffer[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            buffer[k..k + middle - i].copy_from_slice(&order[i..middle]);
            k += middle - i;
            buffer[k..k + end - j].copy_from_slice(&order[j..end]);
            start = end;
        }
        std::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
}

/// Sorts `items` stably by `less`.
///
/// # Examples
/// ```
/// use work_health_atlas::num::sort_with;
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c')];
/// sort_with(&mut v, |x, y| x.0 < y.0);
/// assert_eq!(v, vec![(1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_with<T>(items: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    let order = sorted_order(items.len(), &|a, b| less(&items[a], &items[b]));
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| taken.get_mut(i).and_then(Option::take)));
}

/// Sorts floats ascending by IEEE total order (NaNs last); one instantiation for the crate.
///
/// # Examples
/// ```
/// use work_health_atlas::num::sort_floats;
/// let mut v = vec![2.0, f64::NAN, -1.0];
/// sort_floats(&mut v);
/// assert_eq!(&v[..2], &[-1.0, 2.0]);
/// assert!(v[2].is_nan());
/// ```
pub fn sort_floats(values: &mut Vec<f64>) {
    // A least-significant-digit radix sort of keys that order as `total_cmp` does: linear, and no
    // call through the merge sort's comparison per pair (a quantile classification of 35,000
    // values sorts them on every indicator switch).
    let mut keys: Vec<u64> = values.iter().map(|v| total_order_key(*v)).collect();
    let mut buffer = vec![0u64; keys.len()];
    for shift in (0..64).step_by(8) {
        let mut starts = [0usize; 257];
        for k in &keys {
            starts[((k >> shift) & 0xff) as usize + 1] += 1;
        }
        // A byte every key shares moves nothing: skip the pass.
        if starts.contains(&keys.len()) {
            continue;
        }
        for b in 1..257 {
            starts[b] += starts[b - 1];
        }
        for k in &keys {
            let slot = &mut starts[((k >> shift) & 0xff) as usize];
            buffer[*slot] = *k;
            *slot += 1;
        }
        std::mem::swap(&mut keys, &mut buffer);
    }
    values.clear();
    values.extend(keys.into_iter().map(from_total_order_key));
}

/// A key whose unsigned order is `f64::total_cmp`'s: negative numbers have every bit flipped,
/// the rest only the sign bit.
fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

fn from_total_order_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Sorts and deduplicates indices; one instantiation for the crate.
pub fn sort_unique(indices: &mut Vec<usize>) {
    // Short lists (an area's neighbours) are sorted in place: the merge sort's three buffers cost
    // more than the sort.
    if indices.len() <= SHORT {
        for i in 1..indices.len() {
            let mut j = i;
            while j > 0 && indices[j - 1] > indices[j] {
                indices.swap(j - 1, j);
                j -= 1;
            }
        }
    } else if let Some(present) = presence(indices) {
        // Dense indices (the arcs of a layer): marking each is linear, where sorting is not.
        indices.clear();
        indices.extend(present.iter().enumerate().filter_map(|(i, &p)| p.then_some(i)));
        return;
    } else {
        sort_with(indices, |a, b| a < b);
    }
    indices.dedup();
}

/// Which of `0..=max` occur in `indices`, when `max` is within a few times the list's length
/// (so the map costs about as much memory as the list itself); None otherwise.
fn presence(indices: &[usize]) -> Option<Vec<bool>> {
    let max = indices.iter().copied().max()?;
    if max > indices.len().saturating_mul(DENSE) {
        return None;
    }
    let mut present = vec![false; max + 1];
    for &i in indices {
        present[i] = true;
    }
    Some(present)
}

/// How sparse a list [`sort_unique`] still marks instead of sorting: largest index ÷ length.
const DENSE: usize = 8;

/// Longest list [`sort_unique`] sorts by insertion.
const SHORT: usize = 32;

/// The `p`-quantile (0 ≤ p ≤ 1) of sorted, non-empty values by the R-7 definition (linear
/// interpolation between order statistics), as d3-array's `quantileSorted` computes it.
///
/// # Panics
/// On an empty slice: callers check for values first.
///
/// # Examples
/// ```
/// use work_health_atlas::num::quantile_sorted;
/// let sorted = [3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0];
/// assert_eq!(quantile_sorted(&sorted, 0.25), 7.25);
/// assert_eq!(quantile_sorted(&sorted, 0.5), 9.0);
/// ```
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo as f64)
}

/// The arithmetic mean; NaN for no values (0 / 0).
///
/// # Examples
/// ```
/// use work_health_atlas::num::mean;
/// assert_eq!(mean(&[1.0, 2.0, 6.0]), 3.0);
/// assert!(mean(&[]).is_nan());
/// ```
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The sample variance (sum of squared deviations from the mean ÷ (n − 1)); 0 for fewer than two
/// values.
///
/// # Examples
/// ```
/// use work_health_atlas::num::variance;
/// assert_eq!(variance(&[1.0, 2.0, 3.0, 4.0]), 5.0 / 3.0);
/// assert_eq!(variance(&[7.0]), 0.0);
/// ```
pub fn variance(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let mean = mean(values);
    values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (values.len() - 1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sort_sorts_any_length_stably() {
        for n in [0usize, 1, 2, 3, 7, 8, 9, 100] {
            let mut v: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7919) % 5, i)).collect();
            sort_with(&mut v, |a, b| a.0 < b.0);
            assert!(v.windows(2).all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)), "{v:?}");
            assert_eq!(v.len(), n);
        }
    }

    #[test]
    fn floats_sort_with_nan_last() {
        let mut empty: Vec<f64> = Vec::new();
        sort_floats(&mut empty);
        assert!(empty.is_empty());
        let mut v = vec![3.0, f64::NAN, -1.0];
        sort_floats(&mut v);
        assert_eq!(&v[..2], &[-1.0, 3.0]);
        assert!(v[2].is_nan());
    }

    #[test]
    fn floats_sort_as_total_cmp_does_for_every_kind_of_value() {
        let specials = [
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            5e-324,
            -5e-324,
            f64::MAX,
            f64::MIN,
        ];
        // Every special, then 300 pseudo-random values with repeats (xorshift: repeatable).
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut v: Vec<f64> = specials.to_vec();
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            v.push(((state % 2001) as f64 - 1000.0) / 8.0);
        }
        let mut expected = v.clone();
        expected.sort_by(f64::total_cmp);
        sort_floats(&mut v);
        assert_eq!(
            v.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            expected.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        // Keys that share every byte but one, and a list of one.
        let mut close = vec![1.0 + f64::EPSILON, 1.0, 1.0 + 2.0 * f64::EPSILON];
        sort_floats(&mut close);
        assert_eq!(close, vec![1.0, 1.0 + f64::EPSILON, 1.0 + 2.0 * f64::EPSILON]);
        let mut one = vec![-0.0];
        sort_floats(&mut one);
        assert_eq!(one[0].to_bits(), (-0.0f64).to_bits());
    }

    #[test]
    fn long_lists_of_indices_sort_and_deduplicate_dense_or_sparse() {
        // Dense (an arc list: each index about twice) and sparse (indices far beyond the length).
        let dense: Vec<usize> = (0..500).map(|i| (i * 7919) % 250).collect();
        let sparse: Vec<usize> = (0..500).map(|i| (i * 7919) % 250 * 1_000_003).collect();
        for list in [dense, sparse] {
            let mut expected = list.clone();
            expected.sort_unstable();
            expected.dedup();
            let mut got = list;
            sort_unique(&mut got);
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn a_list_already_in_order_keeps_its_order() {
        let mut v: Vec<(u8, usize)> = (0..100).map(|i| (1, i)).collect();
        sort_with(&mut v, |a, b| a.0 < b.0);
        assert!(v.iter().enumerate().all(|(i, x)| x.1 == i));
    }

    #[test]
    fn indices_sort_and_deduplicate() {
        let mut i = vec![3, 1, 3, 2];
        sort_unique(&mut i);
        assert_eq!(i, vec![1, 2, 3]);
        let mut empty: Vec<usize> = Vec::new();
        sort_unique(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn quantiles_of_one_two_and_many_values() {
        assert_eq!(quantile_sorted(&[4.0], 0.3), 4.0);
        assert_eq!(quantile_sorted(&[0.0, 10.0], 0.5), 5.0);
        assert_eq!(quantile_sorted(&[0.0, 10.0], 0.0), 0.0);
        assert_eq!(quantile_sorted(&[0.0, 10.0], 1.0), 10.0);
        // d3.quantileSorted([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.75) → 14.5.
        let v = [3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0];
        assert_eq!(quantile_sorted(&v, 0.75), 14.5);
    }

    #[test]
    fn mean_of_none_one_and_two_values() {
        assert!(mean(&[]).is_nan());
        assert_eq!(mean(&[2.5]), 2.5);
        assert_eq!(mean(&[1.0, 4.0]), 2.5);
    }

    #[test]
    fn sample_variance_divides_by_n_minus_one() {
        assert_eq!(variance(&[]), 0.0);
        assert_eq!(variance(&[3.0]), 0.0);
        assert_eq!(variance(&[1.0, 3.0]), 2.0);
        assert_eq!(variance(&[5.0, 5.0, 5.0]), 0.0);
        // R: var(c(2, 4, 4, 4, 5, 5, 7, 9)) = 4.571429 (32 / 7).
        assert_eq!(variance(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]), 32.0 / 7.0);
    }
}
