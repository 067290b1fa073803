//! English Indices of Deprivation: employment and income domain rates for the 2010, 2019 and
//! 2025 editions on LSOA 2021.
//!
//! - 2025 (LSOA 2021): the published score is the value; the numerator is published (rounded to
//!   5 by MHCLG); the denominator is not in our files, so it is implied as numerator ÷ score.
//!   District figures are MHCLG's own summaries (File 10), not sums of LSOAs.
//! - 2019 (LSOA 2011): numerator and denominator are published; counts are converted to LSOA 2021
//!   and rates recomputed.
//! - 2010 (LSOA 2001): only the score (2 decimals); rates are carried through both lookups.

use crate::aggregate::{round, Counts};
use crate::convert::{apportion, carry_rates, Carry, Lookup};
use crate::diag::Diagnostics;
use crate::population::Population;
use crate::sources::{align, check_counts, numbers};
use crate::table::Table;
use std::collections::BTreeMap;
use std::path::Path;

/// IoD2025 scores.
pub const F2025: &str = "imd/imd2025_lsoa21_lcr.csv";
/// IoD2025 underlying indicators.
pub const F2025_IND: &str = "imd/imd2025_indicators_lsoa21_lcr.csv";
/// IoD2025 local authority district summaries (MHCLG File 10).
pub const F2025_LAD: &str = "imd/imd2025_ltla24_england.csv";
/// IoD2019 (LSOA 2011) with denominators and numerators.
pub const F2019: &str = "imd/imd2019_lsoa11_lcr.csv";
/// ID2010 (LSOA 2001) scores.
pub const F2010: &str = "imd/imd2010_lsoa01_lcr.csv";

/// Which domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// Employment domain (working-age denominator).
    Employment,
    /// Income domain (total population denominator).
    Income,
}

impl Domain {
    fn score_col(self) -> &'static str {
        match self {
            Domain::Employment => "Employment_score",
            Domain::Income => "Income_score",
        }
    }
    fn district_cols(self) -> [&'static str; 3] {
        match self {
            Domain::Employment => ["ltla24_code", "employment_average_score", "employment_scale"],
            Domain::Income => ["ltla24_code", "income_average_score", "income_scale"],
        }
    }
    fn numerator_col(self) -> &'static str {
        match self {
            Domain::Employment => "employment_domain_numerator",
            Domain::Income => "income_domain_numerator",
        }
    }
    fn denominator_2019(self) -> &'static str {
        match self {
            Domain::Employment => "pop_working_age_emp_2015",
            Domain::Income => "pop_total_2015",
        }
    }
}

/// IoD2025 on LSOA 2021: published values (score × 100) and counts with implied denominators.
#[derive(Debug, Clone, Default)]
pub struct Edition2025 {
    /// Published score × 100 per LSOA.
    pub values: Vec<Option<f64>>,
    /// Published numerator and implied denominator (numerator ÷ score, rounded to a whole person).
    pub counts: Counts,
    /// LSOAs whose denominator could not be implied (score 0).
    pub no_denominator: Vec<usize>,
}

/// Reads IoD2025 for one domain.
pub fn read_2025(raw: &Path, index: &BTreeMap<String, usize>, domain: Domain, diags: &mut Diagnostics) -> Edition2025 {
    let mut out = Edition2025::default();
    let (Some(scores), Some(inds)) = (Table::read(raw, F2025, diags), Table::read(raw, F2025_IND, diags)) else {
        return out;
    };
    let (Some([s_code, s_score]), Some([i_code, i_num])) = (
        scores.cols(["lsoa21_code", domain.score_col()], diags),
        inds.cols(["lsoa21_code", domain.numerator_col()], diags),
    ) else {
        return out;
    };
    let s_rows = align(&scores, s_code, index, |_| true, diags);
    let i_rows = align(&inds, i_code, index, |_| true, diags);
    let score = numbers(&scores, &s_rows, s_code, s_score, diags);
    let num = numbers(&inds, &i_rows, i_code, i_num, diags);
    for (k, (s, row)) in score.iter().zip(&s_rows).enumerate() {
        if let (Some(s), Some(row)) = (s, row) {
            if !(0.0..=1.0).contains(s) {
                diags.error(
                    scores.loc(row, s_score, Some(scores.text(row, s_code))),
                    format!("score {s} is not a rate between 0 and 1"),
                );
            }
        }
        let den = match (num[k], *s) {
            (Some(n), Some(s)) if s > 0.0 => Some((n / s).round()),
            _ => {
                out.no_denominator.push(k);
                None
            }
        };
        out.values.push(s.map(|s| round(s * 100.0, 3)));
        out.counts.num.push(num[k]);
        out.counts.den.push(den);
    }
    out
}

/// MHCLG's published IoD2025 district figures (File 10) for the districts in `index` (code →
/// position): (average score, scale) each — the population-weighted mean of the district's LSOA
/// scores, and the number of people deprived. Other districts' rows are skipped.
pub fn read_2025_districts(
    raw: &Path,
    index: &BTreeMap<String, usize>,
    domain: Domain,
    diags: &mut Diagnostics,
) -> Vec<Option<(f64, f64)>> {
    let Some(t) = Table::read(raw, F2025_LAD, diags) else {
        return vec![None; index.len()];
    };
    let Some([c_code, c_score, c_scale]) = t.cols(domain.district_cols(), diags) else {
        return vec![None; index.len()];
    };
    let rows = align(&t, c_code, index, |r| index.contains_key(t.text(r, c_code)), diags);
    let score = numbers(&t, &rows, c_code, c_score, diags);
    let scale = numbers(&t, &rows, c_code, c_scale, diags);
    score
        .iter()
        .zip(&scale)
        .zip(&rows)
        .map(|((s, n), row)| {
            let (s, n) = ((*s)?, (*n)?);
            if !(0.0..=1.0).contains(&s) || n < 0.0 {
                if let Some(row) = row {
                    diags.error(
                        t.loc(row, c_score, Some(t.text(row, c_code))),
                        "score not between 0 and 1, or negative scale",
                    );
                }
                return None;
            }
            Some((s, n))
        })
        .collect()
}

/// IoD2019 converted to LSOA 2021: counts apportioned, plus the LSOA 2011 codes whose numerator
/// is not published.
pub fn read_2019(
    raw: &Path,
    index: &BTreeMap<String, usize>,
    lookup: &Lookup,
    pop: &Population,
    domain: Domain,
    diags: &mut Diagnostics,
) -> (Counts, Vec<String>) {
    let Some(t) = Table::read(raw, F2019, diags) else {
        return (Counts::default(), Vec::new());
    };
    let Some([c_code, c_num, c_den]) =
        t.cols(["lsoa11_code", domain.numerator_col(), domain.denominator_2019()], diags)
    else {
        return (Counts::default(), Vec::new());
    };
    let index11: BTreeMap<String, usize> = lookup.children.keys().enumerate().map(|(i, c)| (c.clone(), i)).collect();
    let rows = align(&t, c_code, &index11, |_| true, diags);
    let mut missing = Vec::new();
    let mut num11 = BTreeMap::new();
    let mut den11 = BTreeMap::new();
    let mut nums = Vec::new();
    let mut dens = Vec::new();
    for (code, &i) in &index11 {
        let Some(row) = rows[i] else { continue };
        // A blank numerator is how the source marks an unpublished value: a warning, not an error.
        let num = if t.text(row, c_num).is_empty() {
            diags.warn(
                t.loc(row, c_num, Some(code)),
                "numerator not published (blank); this LSOA's successor has no 2019 value",
            );
            missing.push(code.clone());
            None
        } else {
            t.num(row, c_num, code, diags)
        };
        let den = t.num(row, c_den, code, diags);
        num11.insert(code.clone(), num);
        den11.insert(code.clone(), den);
        nums.push(num);
        dens.push(den);
    }
    let present: Vec<Option<&crate::table::Row>> = index11.values().map(|&i| rows[i]).collect();
    check_counts(&t, &present, c_code, c_num, &nums, &dens, diags);
    let weights = match domain {
        Domain::Employment => &pop.working_age,
        Domain::Income => &pop.total,
    };
    let counts =
        Counts { num: apportion(lookup, &num11, weights, index), den: apportion(lookup, &den11, weights, index) };
    (counts, missing)
}

/// ID2010 rates (× 100) carried to LSOA 2021 through both lookups.
pub fn read_2010(
    raw: &Path,
    index: &BTreeMap<String, usize>,
    chain: [&Lookup; 2],
    domain: Domain,
    diags: &mut Diagnostics,
) -> Vec<Option<(f64, Carry)>> {
    let Some(t) = Table::read(raw, F2010, diags) else {
        return vec![None; index.len()];
    };
    let Some([c_code, c_score]) = t.cols(["lsoa01_code", domain.score_col()], diags) else {
        return vec![None; index.len()];
    };
    let index01: BTreeMap<String, usize> = chain[0].children.keys().enumerate().map(|(i, c)| (c.clone(), i)).collect();
    let rows = align(&t, c_code, &index01, |_| true, diags);
    let mut rates = BTreeMap::new();
    for (code, &i) in &index01 {
        let v = rows[i].and_then(|row| t.num(row, c_score, code, diags));
        rates.insert(code.clone(), v.map(|v| v * 100.0));
    }
    carry_rates(&chain, &rates, index)
}
