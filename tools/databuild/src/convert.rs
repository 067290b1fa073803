//! Moving figures between LSOA vintages with the official best-fit lookups (ONS change codes:
//! U unchanged, S split, M merged, X complex).
//!
//! Counts: an old LSOA's count goes whole to its only successor (U, M — merged pieces add up) or
//! is shared among its successors in proportion to their Census 2021 population (S), the
//! proportionate split the issue asks for, at full precision (so a share is fractional). Rates without counts cannot be summed: a successor
//! inherits its single predecessor's rate (U, S); where predecessors merged or the change was
//! complex the value is an estimate (see [`carry_rates`]).

use crate::diag::Diagnostics;
use crate::table::Table;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The 2001 → 2011 lookup.
pub const LSOA01_11: &str = "lookups/lcr_lsoa01_to_lsoa11.csv";
/// The 2011 → 2021 lookup.
pub const LSOA11_21: &str = "lookups/lcr_lsoa11_to_lsoa21.csv";

/// A lookup between two vintages: each old code's successors with the change code.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// Old code → [(new code, change code)].
    pub children: BTreeMap<String, Vec<(String, String)>>,
}

impl Lookup {
    /// Old codes leading to each new code.
    pub fn parents(&self) -> BTreeMap<String, Vec<(String, String)>> {
        let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for (old, kids) in &self.children {
            for (new, change) in kids {
                out.entry(new.clone()).or_default().push((old.clone(), change.clone()));
            }
        }
        out
    }
}

/// Reads a lookup; `new_known` (when given) is the set of valid new codes.
pub fn read_lookup(
    raw: &Path,
    rel: &str,
    old_col: &str,
    new_col: &str,
    new_known: Option<&BTreeSet<String>>,
    diags: &mut Diagnostics,
) -> Lookup {
    let mut lookup = Lookup::default();
    let Some(t) = Table::read(raw, rel, diags) else {
        return lookup;
    };
    let Some([c_old, c_new, c_change]) = t.cols([old_col, new_col, "change_code"], diags) else {
        return lookup;
    };
    let mut seen = BTreeSet::new();
    for row in &t.rows {
        let old = t.text(row, c_old).to_string();
        let new = t.text(row, c_new).to_string();
        let change = t.text(row, c_change).to_string();
        if !["U", "S", "M", "X"].contains(&change.as_str()) {
            diags.error(t.loc(row, c_change, Some(&old)), format!("unknown change code \"{change}\""));
        }
        if let Some(known) = new_known {
            if !known.contains(&new) {
                diags.error(t.loc(row, c_new, Some(&new)), "unknown area code");
                continue;
            }
        }
        if !seen.insert((old.clone(), new.clone())) {
            diags.error(t.loc(row, c_old, Some(&old)), "duplicate lookup row");
            continue;
        }
        lookup.children.entry(old).or_default().push((new, change));
    }
    if let Some(known) = new_known {
        let reached: BTreeSet<&String> = lookup.children.values().flatten().map(|(n, _)| n).collect();
        for code in known {
            if !reached.contains(code) {
                diags.error(format!("{rel} ({code})"), "area missing from the lookup");
            }
        }
    }
    lookup
}

/// Converts counts on old codes to the new area order `index` (new code → position). `weights`
/// (new area order) share out split areas. A new area receiving any missing old count is `None`.
pub fn apportion(
    lookup: &Lookup,
    counts: &BTreeMap<String, Option<f64>>,
    weights: &[f64],
    index: &BTreeMap<String, usize>,
) -> Vec<Option<f64>> {
    let mut out: Vec<Option<f64>> = vec![Some(0.0); index.len()];
    let mut reached = vec![false; index.len()];
    for (old, kids) in &lookup.children {
        let positions: Vec<usize> = kids.iter().filter_map(|(n, _)| index.get(n).copied()).collect();
        let total: f64 = positions.iter().map(|&p| weights.get(p).copied().unwrap_or(0.0)).sum();
        let count = counts.get(old).copied().flatten();
        for &p in &positions {
            reached[p] = true;
            let share = if positions.len() == 1 {
                1.0
            } else if total > 0.0 {
                weights.get(p).copied().unwrap_or(0.0) / total
            } else {
                1.0 / positions.len() as f64
            };
            out[p] = match (out[p], count) {
                (Some(acc), Some(c)) => Some(acc + c * share),
                _ => None,
            };
        }
    }
    for (p, r) in reached.iter().enumerate() {
        if !r {
            out[p] = None;
        }
    }
    // Shares keep full precision: rates are formed from them, and sums over every successor of
    // a split give back the published count (rounding each share on its own could add a person).
    out
}

/// How a carried-over rate was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// One predecessor, unchanged or split: its published rate.
    Inherited,
    /// Predecessors merged or the change was complex: an estimate.
    Estimated,
}

/// Carries rates through a chain of lookups (oldest first) to the new area order. A new area
/// with exactly one ultimate predecessor reached only through U/S steps inherits its rate; any
/// merge (M) or complex change (X) on the way makes the value the unweighted mean of the
/// predecessors' rates — LSOAs are built to similar sizes (about 1,500 residents), and no
/// denominators exist to weight them — flagged as an estimate.
pub fn carry_rates(
    chain: &[&Lookup],
    rates: &BTreeMap<String, Option<f64>>,
    index: &BTreeMap<String, usize>,
) -> Vec<Option<(f64, Carry)>> {
    // new code → [(oldest code, exact path?)]
    let mut sources: BTreeMap<String, Vec<(String, bool)>> =
        rates.keys().map(|k| (k.clone(), vec![(k.clone(), true)])).collect();
    for lookup in chain {
        let mut next: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
        for (old, kids) in &lookup.children {
            let Some(srcs) = sources.get(old) else {
                continue;
            };
            for (new, change) in kids {
                let exact = change == "U" || change == "S";
                next.entry(new.clone()).or_default().extend(srcs.iter().map(|(s, e)| (s.clone(), *e && exact)));
            }
        }
        sources = next;
    }
    let mut out = vec![None; index.len()];
    for (code, srcs) in sources {
        let Some(&p) = index.get(&code) else {
            continue;
        };
        let mut distinct: BTreeMap<&str, bool> = BTreeMap::new();
        for (s, e) in &srcs {
            let entry = distinct.entry(s.as_str()).or_insert(true);
            *entry = *entry && *e;
        }
        let values: Option<Vec<f64>> = distinct.keys().map(|s| rates.get(*s).copied().flatten()).collect();
        let Some(values) = values.filter(|v| !v.is_empty()) else {
            continue;
        };
        let exact = distinct.len() == 1 && distinct.values().all(|e| *e);
        let mean = work_health_atlas::num::mean(&values);
        out[p] = Some((mean, if exact { Carry::Inherited } else { Carry::Estimated }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(rows: &[(&str, &str, &str)]) -> Lookup {
        let mut l = Lookup::default();
        for (o, n, c) in rows {
            l.children.entry(o.to_string()).or_default().push((n.to_string(), c.to_string()));
        }
        l
    }

    fn index(codes: &[&str]) -> BTreeMap<String, usize> {
        codes.iter().enumerate().map(|(i, c)| (c.to_string(), i)).collect()
    }

    #[test]
    fn counts_copy_sum_and_split_by_population() {
        let l = lookup(&[("a", "A", "U"), ("b", "B", "M"), ("c", "B", "M"), ("d", "D1", "S"), ("d", "D2", "S")]);
        let counts: BTreeMap<String, Option<f64>> =
            [("a", 5.0), ("b", 2.0), ("c", 3.0), ("d", 12.0)].iter().map(|(k, v)| (k.to_string(), Some(*v))).collect();
        let out = apportion(&l, &counts, &[1.0, 1.0, 300.0, 100.0], &index(&["A", "B", "D1", "D2"]));
        assert_eq!(out, vec![Some(5.0), Some(5.0), Some(9.0), Some(3.0)]);
    }

    #[test]
    fn split_shares_keep_full_precision_and_add_up_to_the_published_count() {
        // E01033764 (Liverpool 022E): 555 employment-deprived people shared by Census 2021 16–64
        // residents 732, 685, 749 — rounded shares would be 188 + 176 + 192 = 556.
        let l = lookup(&[("a", "A1", "S"), ("a", "A2", "S"), ("a", "A3", "S")]);
        let counts: BTreeMap<String, Option<f64>> = [("a".to_string(), Some(555.0))].into_iter().collect();
        let out = apportion(&l, &counts, &[732.0, 685.0, 749.0], &index(&["A1", "A2", "A3"]));
        let shares: Vec<f64> = out.iter().map(|v| v.expect("share")).collect();
        assert!((shares[0] - 555.0 * 732.0 / 2166.0).abs() < 1e-9, "{shares:?}");
        assert!(shares.iter().any(|s| s.fract() != 0.0), "shares are not rounded: {shares:?}");
        assert!((shares.iter().sum::<f64>() - 555.0).abs() < 1e-9, "{shares:?}");
    }

    #[test]
    fn rates_inherit_through_splits_and_estimate_merges() {
        let a = lookup(&[("x", "X1", "S"), ("x", "X2", "S"), ("y", "Y", "M"), ("z", "Y", "M")]);
        let rates: BTreeMap<String, Option<f64>> =
            [("x", 0.2), ("y", 0.1), ("z", 0.3)].iter().map(|(k, v)| (k.to_string(), Some(*v))).collect();
        let out = carry_rates(&[&a], &rates, &index(&["X1", "X2", "Y"]));
        assert_eq!(out[0], Some((0.2, Carry::Inherited)));
        assert_eq!(out[1], Some((0.2, Carry::Inherited)));
        let (v, c) = out[2].expect("estimate");
        assert!((v - 0.2).abs() < 1e-12);
        assert_eq!(c, Carry::Estimated);
    }
}
