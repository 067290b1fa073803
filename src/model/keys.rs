//! Sorted-vector sets and maps for the loader's lookups, and the crate's one sort. `BTreeMap`,
//! `BTreeSet` and the standard sorts are compiled anew for every element type (they came to
//! ~50 KB and ~35 KB of the wasm); a sorted `Vec` with binary search and a single non-generic
//! merge sort over indices do the same work here in a few hundred bytes.

/// The order that sorts `n` items by `less` (stable bottom-up merge sort over indices). Not
/// generic, so it is compiled once however many element types are sorted.
fn sorted_order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
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
/// use work_health_atlas::model::keys::sort_with;
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c')];
/// sort_with(&mut v, |x, y| x.0 < y.0);
/// assert_eq!(v, vec![(1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_with<T>(items: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    let order = sorted_order(items.len(), &|a, b| less(&items[a], &items[b]));
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| taken.get_mut(i).and_then(Option::take)));
}

/// A set of string keys: sorted, deduplicated, membership by binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySet<'a> {
    keys: Vec<&'a str>,
}

impl<'a> KeySet<'a> {
    /// Builds the set and returns the keys that occurred more than once (each once, sorted).
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::model::keys::KeySet;
    /// let (set, duplicates) = KeySet::with_duplicates(["b", "a", "b"]);
    /// assert!(set.contains("a") && !set.contains("c"));
    /// assert_eq!(duplicates, vec!["b"]);
    /// ```
    pub fn with_duplicates(keys: impl IntoIterator<Item = &'a str>) -> (KeySet<'a>, Vec<&'a str>) {
        let mut keys: Vec<&'a str> = keys.into_iter().collect();
        sort_with(&mut keys, |a, b| a < b);
        let mut duplicates: Vec<&'a str> = keys.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
        duplicates.dedup();
        keys.dedup();
        (KeySet { keys }, duplicates)
    }

    /// Builds the set, ignoring duplicates.
    pub fn new(keys: impl IntoIterator<Item = &'a str>) -> KeySet<'a> {
        KeySet::with_duplicates(keys).0
    }

    /// Whether `key` is in the set.
    pub fn contains(&self, key: &str) -> bool {
        self.keys.binary_search(&key).is_ok()
    }
}

/// Positions of items sorted by a string key, for lookups by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyIndex {
    order: Vec<(String, usize)>,
}

impl KeyIndex {
    /// Indexes `keys` by position; on duplicates the first position wins.
    pub fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> KeyIndex {
        let mut order: Vec<(String, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k.to_string(), i)).collect();
        sort_with(&mut order, |a, b| a.0 < b.0);
        order.dedup_by(|later, earlier| later.0 == earlier.0);
        KeyIndex { order }
    }

    /// The position of `key`.
    pub fn get(&self, key: &str) -> Option<usize> {
        let at = self.order.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        Some(self.order[at].1)
    }
}

/// Sorts floats ascending by IEEE total order (NaNs last); one instantiation for the crate.
pub fn sort_floats(values: &mut Vec<f64>) {
    sort_with(values, |a, b| a.total_cmp(b).is_lt());
}

/// Sorts and deduplicates indices; one instantiation for the crate.
pub fn sort_unique(indices: &mut Vec<usize>) {
    sort_with(indices, |a, b| a < b);
    indices.dedup();
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
    fn empty_sets_and_indexes() {
        let (set, duplicates) = KeySet::with_duplicates(std::iter::empty());
        assert!(!set.contains(""));
        assert!(duplicates.is_empty());
        assert_eq!(KeyIndex::new(std::iter::empty()).get("a"), None);
    }

    #[test]
    fn index_finds_positions_and_keeps_the_first_duplicate() {
        let index = KeyIndex::new(["E2", "E1", "E2"]);
        assert_eq!(index.get("E1"), Some(1));
        assert_eq!(index.get("E2"), Some(0));
        assert_eq!(index.get("E3"), None);
    }

    #[test]
    fn floats_sort_with_nan_last() {
        let mut v = vec![3.0, f64::NAN, -1.0];
        sort_floats(&mut v);
        assert_eq!(&v[..2], &[-1.0, 3.0]);
        assert!(v[2].is_nan());
        let mut i = vec![3, 1, 3, 2];
        sort_unique(&mut i);
        assert_eq!(i, vec![1, 2, 3]);
    }
}
