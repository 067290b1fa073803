//! Sorted-vector sets and maps for the loader's lookups. `BTreeMap`/`BTreeSet` are compiled anew
//! for every key and value type and came to ~50 KB of the wasm; one sorted `Vec` with binary
//! search does the same work here in a few hundred bytes.

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
        keys.sort_unstable();
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
        order.sort_unstable();
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
pub fn sort_floats(values: &mut [f64]) {
    values.sort_unstable_by(f64::total_cmp);
}

/// Sorts and deduplicates indices; one instantiation for the crate.
pub fn sort_unique(indices: &mut Vec<usize>) {
    indices.sort_unstable();
    indices.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut v = [3.0, f64::NAN, -1.0];
        sort_floats(&mut v);
        assert_eq!(&v[..2], &[-1.0, 3.0]);
        assert!(v[2].is_nan());
        let mut i = vec![3, 1, 3, 2];
        sort_unique(&mut i);
        assert_eq!(i, vec![1, 2, 3]);
    }
}
