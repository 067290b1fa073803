//! `lookups.json`: what the browser's data importer needs beyond the bundle, kept out of the
//! bundle so the default embed does not carry it. The importer (`work_health_atlas::import`)
//! fetches it only when someone adds data:
//! - Census 2021 residents aged 16–64 of every LSOA 2021, the denominator of the claimant rate
//!   and of people on Universal Credit (summed for wards and districts);
//! - the ONS LSOA 2011 → LSOA 2021 best-fit lookup with its change codes, to convert counts
//!   published on 2011 boundaries.

use crate::convert::{self, read_lookup};
use crate::diag::Diagnostics;
use crate::population;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Schema id of the file.
pub const SCHEMA: &str = "work-health-atlas/lookups";

/// The file's contents (field order is the written order).
#[derive(Debug, Clone, Serialize)]
pub struct Lookups {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// 1.
    pub version: u32,
    /// Attribution lines to show with anything made from the file.
    pub attribution: Vec<&'static str>,
    /// Residents aged 16–64 per LSOA 2021.
    pub residents_16_64: Residents,
    /// (LSOA 2011 code, LSOA 2021 code, change code U/S/M/X), sorted.
    pub lsoa11_to_lsoa21: Vec<(String, String, String)>,
}

/// One count per LSOA, aligned with `codes` (the bundle's LSOA order).
#[derive(Debug, Clone, Serialize)]
pub struct Residents {
    /// Layer id the codes belong to.
    pub geography: &'static str,
    /// Where the counts come from.
    pub source: &'static str,
    /// LSOA 2021 codes.
    pub codes: Vec<String>,
    /// Residents aged 16–64.
    pub values: Vec<f64>,
}

/// Reads the population and lookup files for the LSOAs in `lsoa_codes` (bundle order).
pub fn build(raw: &Path, lsoa_codes: &[String], diags: &mut Diagnostics) -> Lookups {
    let index: BTreeMap<String, usize> = lsoa_codes.iter().enumerate().map(|(i, c)| (c.clone(), i)).collect();
    let known: BTreeSet<String> = index.keys().cloned().collect();
    let pop = population::read(raw, &index, diags);
    let lookup = read_lookup(raw, convert::LSOA11_21, "lsoa11_code", "lsoa21_code", Some(&known), diags);
    let pairs = lookup
        .children
        .into_iter()
        .flat_map(|(old, kids)| kids.into_iter().map(move |(new, change)| (old.clone(), new, change)))
        .collect();
    Lookups {
        schema: SCHEMA,
        version: 1,
        attribution: vec![
            "Source: Office for National Statistics licensed under the Open Government Licence v.3.0 (Census 2021 usual residents by age; LSOA 2011 to LSOA 2021 lookup).",
        ],
        residents_16_64: Residents {
            geography: "lsoa",
            source: "ONS Census 2021, usual residents aged 16 to 64 (four age bands summed), LSOA 2021",
            codes: lsoa_codes.to_vec(),
            values: pop.working_age,
        },
        lsoa11_to_lsoa21: pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_in_the_documented_shape() {
        let l = Lookups {
            schema: SCHEMA,
            version: 1,
            attribution: vec!["a"],
            residents_16_64: Residents {
                geography: "lsoa",
                source: "s",
                codes: vec!["E01".into()],
                values: vec![12.0],
            },
            lsoa11_to_lsoa21: vec![("E01a".into(), "E01b".into(), "U".into())],
        };
        let text = String::from_utf8(crate::output::to_json(&l).expect("serialises")).expect("utf8");
        assert_eq!(
            text,
            "{\"schema\":\"work-health-atlas/lookups\",\"version\":1,\"attribution\":[\"a\"],\"residents_16_64\":{\"geography\":\"lsoa\",\"source\":\"s\",\"codes\":[\"E01\"],\"values\":[12]},\"lsoa11_to_lsoa21\":[[\"E01a\",\"E01b\",\"U\"]]}\n"
        );
    }
}
