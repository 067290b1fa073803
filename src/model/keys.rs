//! Sorted-vector sets and maps for the loader's lookups. `BTreeMap` and `BTreeSet` are compiled
//! anew for every element type (they came to ~50 KB of the wasm); a sorted `Vec` with binary
//! search, ordered by the crate's one sort ([`crate::num::sort_with`]), does the same work here in
//! a few hundred bytes.

use crate::num::sort_with;

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
}
