//! Finding areas by name or code across every layer: "Anfield", "liverpool 031a", "E01006512",
//! "St Helens". Matching ignores case, spacing and punctuation; results are ranked exact code,
//! exact name, name prefix, word prefix, then anywhere in the name, and within a rank larger
//! areas (districts, wards) before smaller ones. When nothing matches, names one or two letters
//! away are offered as close matches ("Evertn" → Everton East, Everton North, Everton West).

use crate::model::Dataset;
use serde::Serialize;

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// Area code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// Geography id of the area's layer.
    pub geography: String,
    /// The layer's label, e.g. "Wards (2024, approximate)".
    pub geography_label: String,
    /// Where it is: "in Linacre ward, Sefton" for a neighbourhood, the district for a ward;
    /// empty for a district.
    pub context: String,
    /// True when the name only resembles the query (a close match, offered when nothing matches).
    pub close: bool,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    words: Vec<String>,
    code: String,
    geography: usize,
    area: usize,
}

/// Names and codes of every area, normalised once.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Lower-case letters and digits only, words separated by one space ("St. Helens 025" →
/// "st helens 025"). ASCII case folding only: area names and codes here are ASCII, and Unicode
/// case tables would add ~10 KB to the wasm; other characters are kept as they are.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let separator = |c: char| c.is_ascii_punctuation() || c.is_ascii_whitespace();
    for word in text.split(separator).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

impl SearchIndex {
    /// Indexes every area of every layer.
    pub fn new(data: &Dataset) -> SearchIndex {
        let mut entries = Vec::new();
        for (geography, layer) in data.bundle.geographies.iter().enumerate() {
            for (area, record) in layer.areas.iter().enumerate() {
                let name = normalise(&record.name);
                let words = name.split(' ').map(str::to_string).collect();
                entries.push(Entry { name, words, code: record.code.to_ascii_lowercase(), geography, area });
            }
        }
        SearchIndex { entries }
    }

    /// Up to `limit` matches, best first, as (geography index, area index).
    ///
    /// # Examples
    /// ```no_run
    /// # use work_health_atlas::{app::search::SearchIndex, model::Dataset};
    /// # fn f(data: &Dataset) {
    /// let index = SearchIndex::new(data);
    /// let hits = index.find("anfield", 8);
    /// # }
    /// ```
    pub fn find(&self, query: &str, limit: usize) -> Vec<(usize, usize)> {
        self.matches(query, limit).0
    }

    /// Matches as in [`SearchIndex::find`], or when there are none, close matches: names (or
    /// words of names) within one edit of a query of 4–5 letters, two of a longer one. The flag
    /// says which.
    fn matches(&self, query: &str, limit: usize) -> (Vec<(usize, usize)>, bool) {
        let found = self.ranked(query, limit);
        if !found.is_empty() {
            return (found, false);
        }
        let query = normalise(query);
        // Bytes, not characters: names are ASCII once normalised, and counting characters
        // would pull Unicode code into the first view.
        let allowed = match query.len() {
            0..=3 => return (Vec::new(), false),
            4..=5 => 1,
            _ => 2,
        };
        let mut close: Vec<(usize, std::cmp::Reverse<usize>, &str, usize, usize)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let d = std::iter::once(e.name.as_str())
                    .chain(e.words.iter().map(String::as_str))
                    .map(|w| edits(&query, w))
                    .min()?;
                (d <= allowed).then_some((d, std::cmp::Reverse(e.geography), e.name.as_str(), e.geography, e.area))
            })
            .collect();
        crate::num::sort_with(&mut close, |a, b| a < b);
        (close.into_iter().take(limit).map(|(_, _, _, g, a)| (g, a)).collect(), true)
    }

    /// Exact, prefix and substring matches, best first.
    fn ranked(&self, query: &str, limit: usize) -> Vec<(usize, usize)> {
        let query = normalise(query);
        if query.is_empty() {
            return Vec::new();
        }
        let compact: String = query.chars().filter(|c| *c != ' ').collect();
        let mut scored: Vec<(u8, std::cmp::Reverse<usize>, &str, usize, usize)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let score = if e.code == compact {
                    0
                } else if e.name == query {
                    1
                } else if e.name.starts_with(&query) {
                    2
                } else if e.words.iter().any(|w| w.starts_with(&query)) {
                    3
                } else if e.name.contains(&query) || (compact.len() >= 4 && e.code.starts_with(&compact)) {
                    4
                } else {
                    return None;
                };
                Some((score, std::cmp::Reverse(e.geography), e.name.as_str(), e.geography, e.area))
            })
            .collect();
        crate::num::sort_with(&mut scored, |a, b| a < b);
        scored.into_iter().take(limit).map(|(_, _, _, g, a)| (g, a)).collect()
    }

    /// Matches as [`SearchHit`]s.
    pub fn search(&self, data: &Dataset, query: &str, limit: usize) -> Vec<SearchHit> {
        let (found, close) = self.matches(query, limit);
        found
            .into_iter()
            .filter_map(|(g, a)| {
                let layer = data.bundle.geographies.get(g)?;
                let area = layer.areas.get(a)?;
                Some(SearchHit {
                    code: area.code.clone(),
                    name: area.name.clone(),
                    geography: layer.id.clone(),
                    geography_label: layer.label.clone(),
                    context: super::place::context(data, g, a).filter(|c| *c != area.name).unwrap_or_default(),
                    close,
                })
            })
            .collect()
    }
}

/// The number of single-letter insertions, deletions and substitutions that turn `a` into `b`
/// (Levenshtein), on bytes (normalised names are ASCII).
fn edits(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_letters_changed() {
        assert_eq!(edits("evertn", "everton"), 1);
        assert_eq!(edits("linacer", "linacre"), 2);
        assert_eq!(edits("", "abc"), 3);
        assert_eq!(edits("same", "same"), 0);
    }

    #[test]
    fn normalises_case_spacing_and_punctuation() {
        assert_eq!(normalise("  St. Helens   025 "), "st helens 025");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("Norton South & Preston Brook"), "norton south preston brook");
    }
}
