//! The postcode → LSOA 2021 index (`data/postcodes.json`, written by `tools/databuild`): parse it
//! and look up a postcode typed in any spacing or case.
//!
//! File layout: `lsoa` is a table of LSOA codes; `outward` maps each outward code (`L1`, `CH41`)
//! to one string of space-separated entries sorted by inward code. An entry is the 3-character
//! inward code, then the LSOA's index in `lsoa` in decimal (omitted when the same as the previous
//! entry's), then `*` when the LSOA is estimated (a postcode newer than the NSPL release).

use crate::num::sort_with;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// One postcode's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostcodeMatch {
    /// The postcode in standard form, e.g. `L1 0AA`.
    pub postcode: String,
    /// LSOA 2021 code.
    pub lsoa: String,
    /// True when the LSOA is estimated from the nearest coded postcode, not from ONS.
    pub estimated: bool,
}

/// The file as stored (parsed by `serde_json` natively, or from the browser's `JSON.parse`).
#[derive(Debug, Clone, Deserialize)]
pub struct PostcodeFile {
    schema: String,
    version: u32,
    #[serde(default)]
    attribution: Vec<String>,
    lsoa: Vec<String>,
    /// `(outward code, entries)` pairs; a JSON object in the file.
    #[serde(deserialize_with = "object_entries")]
    outward: Vec<(String, String)>,
}

/// A JSON object's entries (serde_json only: the map module reads the browser's parsed object).
fn object_entries<'de, D: Deserializer<'de>>(from: D) -> Result<Vec<(String, String)>, D::Error> {
    Ok(BTreeMap::<String, String>::deserialize(from)?.into_iter().collect())
}

/// One postcode of an outward code: inward code, LSOA index, whether estimated.
type Entry = ([u8; 3], u32, bool);

/// A parsed index.
#[derive(Debug, Clone, Default)]
pub struct PostcodeIndex {
    /// Attribution lines to show with any answer.
    pub attribution: Vec<String>,
    lsoa: Vec<String>,
    /// Outward code → sorted (inward, LSOA index, estimated), sorted by outward code: sorted
    /// vectors, not B-trees, whose code would be the map module's only B-tree.
    outward: Vec<(String, Vec<Entry>)>,
}

impl PostcodeFile {
    /// The file's fields as read by a caller without serde (the wasm shell reads the browser's
    /// parsed object field by field).
    pub fn new(
        schema: String,
        version: u32,
        attribution: Vec<String>,
        lsoa: Vec<String>,
        outward: Vec<(String, String)>,
    ) -> PostcodeFile {
        PostcodeFile { schema, version, attribution, lsoa, outward }
    }
}

impl PostcodeIndex {
    /// Parses the JSON file; errors say what is wrong and where.
    pub fn from_json(text: &str) -> Result<PostcodeIndex, String> {
        let file: PostcodeFile = serde_json::from_str(text).map_err(|e| format!("postcode index: {e}"))?;
        PostcodeIndex::from_file(file)
    }

    /// Checks and indexes a parsed file; errors say what is wrong and where.
    pub fn from_file(wire: PostcodeFile) -> Result<PostcodeIndex, String> {
        if wire.schema != "work-health-atlas/postcodes" || wire.version != 1 {
            return Err(format!("postcode index: unsupported format {} v{}", wire.schema, wire.version));
        }
        let mut outward = Vec::with_capacity(wire.outward.len());
        for (out, entries) in &wire.outward {
            let mut parsed = Vec::new();
            let mut prev: Option<u32> = None;
            for entry in entries.split(' ').filter(|e| !e.is_empty()) {
                let bytes = entry.as_bytes();
                let bad = || format!("postcode index: bad entry \"{entry}\" under {out}");
                if bytes.len() < 3 {
                    return Err(bad());
                }
                let inward = [bytes[0], bytes[1], bytes[2]];
                let rest = &entry[3..];
                let (digits, estimated) = match rest.strip_suffix('*') {
                    Some(d) => (d, true),
                    None => (rest, false),
                };
                let index =
                    if digits.is_empty() { prev.ok_or_else(bad)? } else { digits.parse::<u32>().map_err(|_| bad())? };
                if index as usize >= wire.lsoa.len() {
                    return Err(bad());
                }
                prev = Some(index);
                parsed.push((inward, index, estimated));
            }
            sort_with(&mut parsed, |a, b| a.0 < b.0);
            outward.push((out.clone(), parsed));
        }
        sort_with(&mut outward, |a, b| a.0 < b.0);
        if outward.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err("postcode index: an outward code is listed twice".to_string());
        }
        Ok(PostcodeIndex { attribution: wire.attribution, lsoa: wire.lsoa, outward })
    }

    /// Number of postcodes in the index.
    pub fn len(&self) -> usize {
        self.outward.iter().map(|(_, entries)| entries.len()).sum()
    }

    /// True when the index holds no postcodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Looks up a postcode given in any case and spacing (`l10aa`, ` L1  0AA `).
    pub fn lookup(&self, query: &str) -> Option<PostcodeMatch> {
        let compact: String = query.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
        if !(5..=7).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let (out, inward) = compact.split_at(compact.len() - 3);
        let key: [u8; 3] = inward.as_bytes().try_into().ok()?;
        let at = self.outward.binary_search_by(|(code, _)| code.as_str().cmp(out)).ok()?;
        let entries = &self.outward[at].1;
        let i = entries.binary_search_by_key(&key, |e| e.0).ok()?;
        let (_, index, estimated) = entries[i];
        Some(PostcodeMatch {
            postcode: format!("{out} {inward}"),
            lsoa: self.lsoa.get(index as usize)?.clone(),
            estimated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"schema":"work-health-atlas/postcodes","version":1,
        "attribution":["Contains OS data"],"notes":[],
        "lsoa":["E01000001","E01000002"],
        "outward":{"L1":"0AA1 0AB 0AD0*","CH41":"1AA0"}}"#;

    #[test]
    fn finds_postcodes_in_any_spacing_and_case() {
        let idx = PostcodeIndex::from_json(SAMPLE).expect("parses");
        assert_eq!(idx.len(), 4);
        let m = idx.lookup(" l1  0ab").expect("found");
        assert_eq!(m.lsoa, "E01000002", "index inherited from the previous entry");
        assert_eq!(m.postcode, "L1 0AB");
        assert!(!m.estimated);
        assert_eq!(idx.lookup("CH411AA").map(|m| m.lsoa), Some("E01000001".into()));
    }

    #[test]
    fn estimated_rows_stay_marked() {
        let idx = PostcodeIndex::from_json(SAMPLE).expect("parses");
        assert!(idx.lookup("L1 0AD").expect("found").estimated);
    }

    #[test]
    fn unknown_or_malformed_postcodes_are_none() {
        let idx = PostcodeIndex::from_json(SAMPLE).expect("parses");
        assert_eq!(idx.lookup("L1 9ZZ"), None);
        assert_eq!(idx.lookup("M1 1AA"), None);
        assert_eq!(idx.lookup("L1"), None);
        assert_eq!(idx.lookup("L1-0AA"), None);
    }

    #[test]
    fn bad_files_are_rejected_with_a_reason() {
        let bad = SAMPLE.replace("0AA1 ", "0AA9 ");
        assert!(PostcodeIndex::from_json(&bad).is_err());
        let first_without_index = SAMPLE.replace("\"1AA0\"", "\"1AA\"");
        assert!(PostcodeIndex::from_json(&first_without_index).is_err());
    }

    /// A caller of `PostcodeFile::new` (the browser's reader) hands the outward codes over in its
    /// own order, which need not be sorted and, from anything but a JSON object, could repeat one.
    #[test]
    fn outward_codes_in_any_order_are_found_and_a_repeated_one_is_refused() {
        let file = |outward: &[(&str, &str)]| {
            let outward = outward.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            PostcodeFile::new("work-health-atlas/postcodes".into(), 1, vec![], vec!["E01000001".into()], outward)
        };
        let index =
            PostcodeIndex::from_file(file(&[("WA1", "1AA0"), ("CH41", "1AB0"), ("L1", "0AA0")])).expect("valid");
        for postcode in ["WA1 1AA", "CH41 1AB", "L1 0AA"] {
            assert!(index.lookup(postcode).is_some(), "{postcode}");
        }
        let repeated = PostcodeIndex::from_file(file(&[("L1", "0AA0"), ("L1", "0AB0")]));
        assert_eq!(repeated.err().as_deref(), Some("postcode index: an outward code is listed twice"));
    }
}
