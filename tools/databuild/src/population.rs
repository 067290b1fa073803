//! Census 2021 usual residents by age for each LSOA 2021: the weights used to share out split
//! LSOAs (working-age for working-age counts, all residents otherwise) and to weight district
//! percentages into a city-region estimate.

use crate::diag::Diagnostics;
use crate::sources::align;
use crate::table::Table;
use std::collections::BTreeMap;
use std::path::Path;

/// The raw file.
pub const FILE: &str = "population/census2021_usual_residents_by_age_lsoa21_lcr.csv";

/// Age bands that make up the working-age (16–64) population.
const WORKING_AGE: [&str; 4] =
    ["Aged 16 to 24 years", "Aged 25 to 34 years", "Aged 35 to 49 years", "Aged 50 to 64 years"];
/// All six bands in the file.
const BANDS: [&str; 6] = [
    "Aged 15 years and under",
    "Aged 16 to 24 years",
    "Aged 25 to 34 years",
    "Aged 35 to 49 years",
    "Aged 50 to 64 years",
    "Aged 65 years and over",
];

/// Populations per LSOA (LSOA order).
#[derive(Debug, Clone, Default)]
pub struct Population {
    /// All usual residents.
    pub total: Vec<f64>,
    /// Residents aged 16–64.
    pub working_age: Vec<f64>,
    /// Residents aged 16 and over.
    pub adults: Vec<f64>,
}

/// Reads the file; every LSOA must have all six bands.
pub fn read(raw: &Path, index: &BTreeMap<String, usize>, diags: &mut Diagnostics) -> Population {
    let n = index.len();
    let mut pop = Population { total: vec![0.0; n], working_age: vec![0.0; n], adults: vec![0.0; n] };
    let Some(t) = Table::read(raw, FILE, diags) else {
        return pop;
    };
    let Some([c_code, c_band, c_n]) = t.cols(["lsoa21_code", "age_group", "usual_residents"], diags) else {
        return pop;
    };
    for band in BANDS {
        let rows = align(&t, c_code, index, |r| t.text(r, c_band) == band, diags);
        for (i, row) in rows.iter().enumerate() {
            let Some(row) = row else { continue };
            let code = t.text(row, c_code).to_string();
            let Some(v) = t.num(row, c_n, &code, diags) else {
                continue;
            };
            if v < 0.0 {
                diags.error(t.loc(row, c_n, Some(&code)), "negative count");
            }
            pop.total[i] += v;
            if band != BANDS[0] {
                pop.adults[i] += v;
            }
            if WORKING_AGE.contains(&band) {
                pop.working_age[i] += v;
            }
        }
    }
    for row in &t.rows {
        let band = t.text(row, c_band);
        if !BANDS.contains(&band) {
            diags.error(t.loc(row, c_band, Some(t.text(row, c_code))), format!("unknown age band \"{band}\""));
        }
    }
    pop
}
