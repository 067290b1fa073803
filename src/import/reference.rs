//! The reference data the importer reads (`data/lookups.json`, written by the data builder):
//! Census 2021 residents aged 16–64 of every LSOA 2021 — the denominator of the claimant and
//! Universal Credit rates — and the ONS LSOA 2011 → LSOA 2021 lookup used to convert counts
//! published on the old boundaries.
//!
//! Lookup rows are `(LSOA 2011 code, LSOA 2021 code, change)` with the ONS change codes: `U`
//! unchanged, `S` split (one 2011 → several 2021), `M` merged (several 2011 → one 2021), `X`
//! complex (a redrawn boundary).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of [`Reference::schema`].
pub const SCHEMA_ID: &str = "work-health-atlas/lookups";

/// Contents of `data/lookups.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Always [`SCHEMA_ID`].
    #[serde(default)]
    pub schema: String,
    /// Schema version (1).
    #[serde(default)]
    pub version: u32,
    /// Attribution lines for the reference figures.
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Residents aged 16–64 by LSOA 2021.
    #[serde(default)]
    pub residents_16_64: Residents,
    /// `(LSOA 2011, LSOA 2021, change code U/S/M/X)` rows.
    #[serde(default)]
    pub lsoa11_to_lsoa21: Vec<(String, String, String)>,
}

/// Population figures aligned with area codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Residents {
    /// Geography id of the codes (`lsoa`).
    #[serde(default)]
    pub geography: String,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Area codes.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Residents of each code; `null` where unknown.
    #[serde(default)]
    pub values: Vec<Option<f64>>,
}

impl Reference {
    /// Parses `data/lookups.json`.
    ///
    /// # Errors
    /// A readable message when the text is not JSON of this shape or names another schema.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::import::Reference;
    /// let r = Reference::from_json(r#"{"schema":"work-health-atlas/lookups","version":1,
    ///   "residents_16_64":{"geography":"lsoa","codes":["E01000001"],"values":[800]},
    ///   "lsoa11_to_lsoa21":[["E01000001","E01000001","U"]]}"#).unwrap();
    /// assert_eq!(r.residents("e01000001"), Some(800.0));
    /// ```
    pub fn from_json(text: &str) -> Result<Reference, String> {
        let reference: Reference =
            serde_json::from_str(text).map_err(|e| format!("the reference data could not be read: {e}"))?;
        if reference.schema != SCHEMA_ID {
            return Err(format!("the reference data's schema is \"{}\", not \"{SCHEMA_ID}\"", reference.schema));
        }
        Ok(reference)
    }

    /// Residents aged 16–64 of an LSOA 2021 (code in any case); `None` when unknown, negative or
    /// not finite.
    pub fn residents(&self, code: &str) -> Option<f64> {
        let r = &self.residents_16_64;
        let at = r.codes.iter().position(|c| c.eq_ignore_ascii_case(code.trim()))?;
        r.values.get(at).copied().flatten().filter(|v| v.is_finite() && *v >= 0.0)
    }

    /// Residents by upper-case code, for many lookups.
    pub fn residents_index(&self) -> BTreeMap<String, f64> {
        let r = &self.residents_16_64;
        r.codes
            .iter()
            .zip(&r.values)
            .filter_map(|(c, v)| v.filter(|v| v.is_finite() && *v >= 0.0).map(|v| (c.trim().to_ascii_uppercase(), v)))
            .collect()
    }

    /// The lookup by upper-case 2011 code: each 2011 LSOA's 2021 LSOAs and change code.
    pub fn lsoa11_index(&self) -> BTreeMap<String, Vec<(String, char)>> {
        let mut index: BTreeMap<String, Vec<(String, char)>> = BTreeMap::new();
        for (old, new, change) in &self.lsoa11_to_lsoa21 {
            let change = change.trim().chars().next().map_or('X', |c| c.to_ascii_uppercase());
            let targets = index.entry(old.trim().to_ascii_uppercase()).or_default();
            let new = new.trim().to_ascii_uppercase();
            if !targets.iter().any(|(t, _)| *t == new) {
                targets.push((new, change));
            }
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference {
            residents_16_64: Residents {
                geography: "lsoa".into(),
                source: "synthetic".into(),
                codes: vec!["E01000001".into(), "E01000002".into(), "E01000003".into()],
                values: vec![Some(800.0), None, Some(-1.0)],
            },
            lsoa11_to_lsoa21: vec![
                ("E01000001".into(), "E01000001".into(), "U".into()),
                ("e01000009".into(), "E01000002".into(), "s".into()),
                ("E01000009".into(), "E01000003".into(), "S".into()),
                ("E01000009".into(), "E01000003".into(), "S".into()),
            ],
            ..Reference::default()
        }
    }

    #[test]
    fn residents_by_code_skip_unknown_and_impossible_values() {
        let r = reference();
        assert_eq!(r.residents("E01000001"), Some(800.0));
        assert_eq!(r.residents("E01000002"), None);
        assert_eq!(r.residents("E01000003"), None);
        assert_eq!(r.residents("E01999999"), None);
        assert_eq!(r.residents_index().len(), 1);
    }

    #[test]
    fn lookup_index_groups_targets_once() {
        let index = reference().lsoa11_index();
        assert_eq!(index.get("E01000001"), Some(&vec![("E01000001".to_string(), 'U')]));
        assert_eq!(index.get("E01000009"), Some(&vec![("E01000002".to_string(), 'S'), ("E01000003".to_string(), 'S')]));
    }

    #[test]
    fn json_of_another_schema_is_refused() {
        assert!(Reference::from_json("{}").is_err());
        assert!(Reference::from_json("[1]").is_err());
        let ok = Reference::from_json(r#"{"schema":"work-health-atlas/lookups","version":1}"#);
        assert_eq!(ok.map(|r| r.lsoa11_to_lsoa21.len()), Ok(0));
    }
}
