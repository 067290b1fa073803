//! The postcode → LSOA 2021 index (`data/postcodes.json`), fetched by the widget only when
//! someone searches a postcode.
//!
//! Layout: a sorted table of LSOA codes, and per outward code one string of entries, sorted by
//! inward code. Each entry is the 3-character inward code, then the LSOA's position in the table
//! in decimal — omitted when it is the same as the previous entry's — then `*` when the LSOA is
//! estimated (postcode newer than the NSPL release). E.g. `"L1": "0AA12 0AB 0AD7*"`.

use crate::diag::Diagnostics;
use crate::table::Table;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The raw file.
pub const FILE: &str = "postcodes/lcr_postcodes.csv";

/// The JSON document.
#[derive(Debug, Serialize)]
pub struct PostcodeIndex {
    /// Always `work-health-atlas/postcodes`.
    pub schema: &'static str,
    /// Format version.
    pub version: u32,
    /// Statements the licence requires.
    pub attribution: Vec<String>,
    /// What the file is and how estimated rows were made.
    pub notes: Vec<String>,
    /// LSOA 2021 codes, sorted.
    pub lsoa: Vec<String>,
    /// Outward code → entries (see module docs).
    pub outward: BTreeMap<String, String>,
}

/// Builds the index; every postcode's LSOA must be one of `lsoa`.
pub fn build(raw: &Path, lsoa: &BTreeSet<String>, diags: &mut Diagnostics) -> Option<PostcodeIndex> {
    let t = Table::read(raw, FILE, diags)?;
    let [c_pc, c_lsoa, c_src] = t.cols(["postcode", "lsoa21_code", "lsoa21_source"], diags)?;
    let table: Vec<String> = lsoa.iter().cloned().collect();
    let position: BTreeMap<&str, usize> = table.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let mut groups: BTreeMap<String, BTreeMap<String, (usize, bool)>> = BTreeMap::new();
    for row in &t.rows {
        let pc = t.text(row, c_pc);
        let code = t.text(row, c_lsoa);
        let compact: String = pc.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        let valid = compact.len() >= 5
            && compact.len() <= 7
            && compact.is_char_boundary(compact.len() - 3)
            && compact.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            diags.error(t.loc(row, c_pc, Some(pc)), "not a valid postcode");
            continue;
        }
        let Some(&i) = position.get(code) else {
            diags.error(t.loc(row, c_lsoa, Some(pc)), format!("unknown LSOA 2021 code \"{code}\""));
            continue;
        };
        let estimated = match t.text(row, c_src) {
            "NSPL21_AUG_2024" => false,
            "estimated_nearest_postcode" => true,
            other => {
                diags.error(t.loc(row, c_src, Some(pc)), format!("unknown lsoa21_source \"{other}\""));
                continue;
            }
        };
        let (out, inw) = compact.split_at(compact.len() - 3);
        if groups.entry(out.to_string()).or_default().insert(inw.to_string(), (i, estimated)).is_some() {
            diags.error(t.loc(row, c_pc, Some(pc)), "duplicate postcode");
        }
    }
    let outward = groups
        .into_iter()
        .map(|(out, entries)| {
            let mut s = String::new();
            let mut prev = usize::MAX;
            for (inw, (i, est)) in entries {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&inw);
                if i != prev {
                    s.push_str(&i.to_string());
                    prev = i;
                }
                if est {
                    s.push('*');
                }
            }
            (out, s)
        })
        .collect();
    Some(PostcodeIndex {
        schema: "work-health-atlas/postcodes",
        version: 1,
        attribution: vec![
            "Contains OS data © Crown copyright and database right 2025.".to_string(),
            "Contains Royal Mail data © Royal Mail copyright and database right 2025.".to_string(),
            "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.".to_string(),
            "Contains National Statistics data © Crown copyright and database right 2025.".to_string(),
        ],
        notes: vec![
            "Live Liverpool City Region postcodes (OS Code-Point Open 2025.4) with their LSOA 2021 from the ONS National Statistics Postcode Lookup (NSPL21, August 2024).".to_string(),
            "Entries marked * are postcodes newer than that NSPL release (or without NSPL codes): their LSOA is that of the nearest NSPL-coded live postcode in the same district — derived, not ONS; treat as approximate.".to_string(),
            "Format: per outward code, entries sorted by inward code: 3-character inward code, then the index into `lsoa` (omitted when equal to the previous entry's), then * when estimated.".to_string(),
        ],
        lsoa: table,
        outward,
    })
}
