//! The codes of the areas containing an area, keyed by geography id (`{"lad": "E08000012"}`).
//!
//! A `BTreeMap<String, String>` per area was most of the decoded bundle's memory: each map of two
//! or three entries allocates a whole B-tree node (eleven key and value slots), about 0.3 MB of
//! wasm memory for the 1,368 areas of the shipped bundle. A vector holds the same entries in what
//! they need, and a linear search of two or three ids costs less code than a sort (this type is
//! in the map module). It reads and writes as a JSON object with its keys in order, the same
//! text as the map it replaces.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Parent codes by geography id, one entry per id, in the order they were read (a bundle's
/// JSON and packed forms both list them by id).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "BTreeMap<String, String>", into = "BTreeMap<String, String>")]
pub struct Parents {
    entries: Vec<(String, String)>,
}

impl Parents {
    /// No parents.
    pub fn new() -> Parents {
        Parents::default()
    }

    /// Where `geography`'s entry is. A linear search: an area has at most a few parents.
    fn position(&self, geography: &str) -> Option<usize> {
        self.entries.iter().position(|(id, _)| id == geography)
    }

    /// The parent code in `geography`.
    pub fn get(&self, geography: &str) -> Option<&String> {
        self.position(geography).map(|i| &self.entries[i].1)
    }

    /// Sets the parent in `geography`, replacing an earlier one (as a map does).
    pub fn insert(&mut self, geography: String, code: String) {
        match self.position(&geography) {
            Some(i) => self.entries[i].1 = code,
            None => self.entries.push((geography, code)),
        }
    }

    /// How many geographies name a parent.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no geography names a parent.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes the parent in `geography`, returning its code.
    pub fn remove(&mut self, geography: &str) -> Option<String> {
        self.position(geography).map(|i| self.entries.remove(i).1)
    }

    /// Removes every parent.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// `(geography id, parent code)` pairs, in the order they were read.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.into_iter()
    }
}

/// Equal when they name the same parents, in whatever order they were added (as maps are).
impl PartialEq for Parents {
    fn eq(&self, other: &Parents) -> bool {
        self.len() == other.len() && self.iter().all(|(id, code)| other.get(id) == Some(code))
    }
}

impl Eq for Parents {}

impl<'a> IntoIterator for &'a Parents {
    type Item = (&'a String, &'a String);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, String)>, fn(&'a (String, String)) -> (&'a String, &'a String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(id, code)| (id, code))
    }
}

/// Later entries replace earlier ones with the same id, as when collecting into a map.
impl FromIterator<(String, String)> for Parents {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(entries: I) -> Parents {
        let mut parents = Parents::new();
        for (geography, code) in entries {
            parents.insert(geography, code);
        }
        parents
    }
}

impl<const N: usize> From<[(String, String); N]> for Parents {
    fn from(entries: [(String, String); N]) -> Parents {
        entries.into_iter().collect()
    }
}

impl From<BTreeMap<String, String>> for Parents {
    fn from(map: BTreeMap<String, String>) -> Parents {
        // Already in key order and unique.
        Parents { entries: map.into_iter().collect() }
    }
}

impl From<Parents> for BTreeMap<String, String> {
    fn from(parents: Parents) -> BTreeMap<String, String> {
        parents.entries.into_iter().collect()
    }
}

impl std::ops::Index<&str> for Parents {
    type Output = String;

    /// The parent in `geography`; panics if there is none (as a map's index does; tests only).
    fn index(&self, geography: &str) -> &String {
        self.get(geography).unwrap_or_else(|| panic!("no parent in {geography}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_one_entry_per_geography_and_the_last_wins() {
        let parents: Parents = [("ward", "W2"), ("lad", "D"), ("ward", "W3"), ("msoa", "M")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let pairs: Vec<(&str, &str)> = parents.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("ward", "W3"), ("lad", "D"), ("msoa", "M")]);
        assert_eq!(parents.get("msoa").map(String::as_str), Some("M"));
        assert_eq!(parents.get("region"), None);
        assert_eq!(parents.len(), 3);
        let reordered: Parents = [("msoa", "M"), ("lad", "D"), ("ward", "W3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(parents, reordered);
    }

    #[test]
    fn reads_and_writes_the_same_json_object_as_a_map() {
        let text = r#"{"lad":"E08000012","msoa":"E02001347","ward":"E05015299"}"#;
        let parents: Parents = serde_json::from_str(text).expect("an object of strings");
        assert_eq!(parents["ward"], "E05015299");
        assert_eq!(serde_json::to_string(&parents).expect("serialises"), text);
        // Written in id order whatever the order they were added in.
        let added: Parents = [("ward".to_string(), "W".to_string()), ("lad".to_string(), "D".to_string())].into();
        assert_eq!(serde_json::to_string(&added).expect("serialises"), r#"{"lad":"D","ward":"W"}"#);
        assert!(serde_json::from_str::<Parents>(r#"{"lad": 1}"#).is_err());
    }
}
