//! Converting counts on LSOA 2011 codes to LSOA 2021 with the ONS lookup, as the data builder
//! does for the shipped indicators: an unchanged LSOA (`U`) keeps its count; LSOAs merged into one
//! (`M`) are summed; an LSOA split into several (`S`, or redrawn, `X`) is shared among its 2021
//! LSOAs in proportion to their Census 2021 residents aged 16–64 (equal shares when those are
//! unknown).
//!
//! A 2021 LSOA gets a figure only when every 2011 LSOA that contributes to it has one: a partial
//! sum would look like a real, too small count. Withheld contributions withhold the result.
//! Shared counts are not whole numbers; they are kept to six decimals and flagged as estimates.

use super::areas::Areas;
use super::grid::{Cell, LayerFigures};
use super::problem::{Kind, Problems};
use super::reading::Slot;
use super::reference::Reference;
use std::collections::{BTreeMap, BTreeSet};

const CONVERTED: Kind = Kind::warning(
    "converted-2011",
    "figures on converted LSOAs are estimates; download LSOA 2021 figures when the publisher offers them",
);
const CONFLICT: Kind =
    Kind::error("converted-and-given", "give each LSOA once, either as a 2011 code or as a 2021 code");
const OUTSIDE: Kind = Kind::error("converts-outside", "the 2011 LSOA's 2021 successors are not areas of the atlas");

/// Places kept in sums, removing float noise while leaving whole counts exact.
const PLACES: i32 = 6;

/// Rounds to [`PLACES`] decimals.
pub fn round6(x: f64) -> f64 {
    let f = 10f64.powi(PLACES);
    (x * f).round() / f
}

/// Figures on LSOA 2011 codes by (category, period, code).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Old {
    cells: BTreeMap<(usize, usize, String), Cell>,
}

impl Old {
    /// Adds a figure.
    pub fn insert(&mut self, category: usize, period: usize, code: String, cell: Cell) {
        self.cells.insert((category, period, code), cell);
    }

    /// True when there is nothing to convert.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    fn get(&self, category: usize, period: usize, code: &str) -> Option<Cell> {
        self.cells.get(&(category, period, code.to_string())).copied()
    }
}

/// Each 2021 target (area position) of a 2011 code with its share.
fn shares(areas: &Areas, residents: &BTreeMap<String, f64>, layer: usize, code: &str) -> Vec<(usize, f64)> {
    let targets: Vec<(usize, Option<f64>)> = areas
        .lsoa11_targets(code)
        .iter()
        .filter_map(|(t, _)| match areas.by_code(t) {
            Some((l, a)) if l == layer => Some((a, residents.get(t).copied())),
            _ => None,
        })
        .collect();
    let total: f64 = targets.iter().filter_map(|(_, r)| *r).sum();
    let known = targets.iter().all(|(_, r)| r.is_some()) && total > 0.0;
    let equal = 1.0 / targets.len().max(1) as f64;
    targets.into_iter().map(|(a, r)| (a, if known { r.unwrap_or(0.0) / total } else { equal })).collect()
}

/// The sum of `share × figure` over contributions; withheld when any is withheld.
fn combine(parts: &[(Cell, f64)]) -> Option<Slot> {
    let mut slot = Slot::Count(0.0);
    for (cell, share) in parts {
        slot = match (slot, cell.slot) {
            (Slot::Withheld, _) | (_, Slot::Withheld) => Slot::Withheld,
            (Slot::Count(sum), Slot::Count(n)) => Slot::Count(sum + share * n),
            (Slot::Count(0.0), Slot::Ratio(n, d)) => Slot::Ratio(share * n, share * d),
            (Slot::Ratio(sn, sd), Slot::Ratio(n, d)) => Slot::Ratio(sn + share * n, sd + share * d),
            _ => return None,
        };
    }
    Some(match slot {
        Slot::Count(n) => Slot::Count(round6(n)),
        Slot::Ratio(n, d) => Slot::Ratio(round6(n), round6(d)),
        other => other,
    })
}

/// Converts `old` into `figures` (the LSOA 2021 layer); returns how many 2011 codes were
/// converted. Reports one warning summarising the conversion, and errors for codes whose 2021
/// LSOAs the file also gives directly.
pub fn into_lsoa21(
    areas: &Areas,
    reference: &Reference,
    old: &Old,
    figures: &mut LayerFigures,
    problems: &mut Problems,
) -> usize {
    let layer = figures.layer;
    let residents = reference.residents_index();
    let present: BTreeSet<&str> = old.cells.keys().map(|(_, _, c)| c.as_str()).collect();
    let mut first_line: BTreeMap<&str, u32> = BTreeMap::new();
    for ((_, _, code), cell) in &old.cells {
        let line = first_line.entry(code.as_str()).or_insert(cell.line);
        *line = (*line).min(cell.line);
    }
    // Every 2011 contributor of each 2021 LSOA the file touches, with its share.
    let mut contributors: BTreeMap<usize, Vec<(String, f64)>> = BTreeMap::new();
    let touched: BTreeSet<usize> =
        present.iter().flat_map(|c| shares(areas, &residents, layer, c)).map(|(a, _)| a).collect();
    for (code, _) in areas.lsoa11_lookup() {
        for (a, share) in shares(areas, &residents, layer, code) {
            if touched.contains(&a) {
                contributors.entry(a).or_default().push((code.to_string(), share));
            }
        }
    }
    let mut kinds: BTreeMap<char, usize> = BTreeMap::new();
    for code in &present {
        if shares(areas, &residents, layer, code).is_empty() {
            let line = first_line.get(code).copied().unwrap_or(0);
            problems.at(OUTSIDE, line, "", code, "converts to no LSOA 2021 of the atlas");
            continue;
        }
        let change = areas.lsoa11_targets(code).first().map_or('X', |(_, c)| *c);
        *kinds.entry(change).or_default() += 1;
    }
    let mut conflicts: BTreeSet<usize> = BTreeSet::new();
    for category in 0..figures.categories {
        for period in 0..figures.periods {
            for (&area, parts) in &contributors {
                let cells: Option<Vec<(Cell, f64)>> =
                    parts.iter().map(|(c, s)| old.get(category, period, c).map(|cell| (cell, *s))).collect();
                let Some(cells) = cells.filter(|c| !c.is_empty()) else { continue };
                let Some(slot) = combine(&cells) else { continue };
                let line = cells.iter().map(|(c, _)| c.line).min().unwrap_or(0);
                if !figures.set(category, period, area, Cell { slot, line }) && conflicts.insert(area) {
                    let code = areas
                        .bundle
                        .geographies
                        .get(layer)
                        .and_then(|g| g.areas.get(area))
                        .map_or("", |a| a.code.as_str());
                    let message = format!("converts to {code}, which the file also gives as an LSOA 2021 code");
                    problems.at(CONFLICT, line, "", code, message);
                }
            }
        }
    }
    let converted: usize = kinds.values().sum();
    if converted > 0 {
        let part = |c: char, what: &str| kinds.get(&c).map(|n| format!("{n} {what}"));
        let parts: Vec<String> =
            [part('U', "unchanged"), part('M', "merged"), part('S', "split"), part('X', "redrawn")]
                .into_iter()
                .flatten()
                .collect();
        let codes = if converted == 1 { "code" } else { "codes" };
        let message = format!(
            "converted {converted} LSOA 2011 {codes} to LSOA 2021 ({}); split ones are shared by residents aged 16–64",
            parts.join(", ")
        );
        problems.file(CONVERTED, None, None, message);
    }
    converted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_bundle::{bundle, reference};

    fn cell(slot: Slot, line: u32) -> Cell {
        Cell { slot, line }
    }

    fn convert(old: &Old) -> (LayerFigures, Vec<crate::import::problem::Problem>, usize) {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        let mut figures = LayerFigures::new(0, 4, 1, 1);
        let mut problems = Problems::new("f.csv");
        let n = into_lsoa21(&areas, &r, old, &mut figures, &mut problems);
        (figures, problems.finish(), n)
    }

    fn count(f: &LayerFigures, area: usize) -> Option<Slot> {
        f.get(0, 0, area).map(|c| c.slot)
    }

    #[test]
    fn unchanged_merged_and_split() {
        let mut old = Old::default();
        old.insert(0, 0, "E01000001".into(), cell(Slot::Count(7.0), 2));
        old.insert(0, 0, "E01000095".into(), cell(Slot::Count(3.0), 3));
        old.insert(0, 0, "E01000096".into(), cell(Slot::Count(4.0), 4));
        old.insert(0, 0, "E01000099".into(), cell(Slot::Count(90.0), 5));
        let (f, p, n) = convert(&old);
        assert_eq!(n, 4);
        assert_eq!(count(&f, 0), Some(Slot::Count(7.0)), "U is copied");
        assert_eq!(count(&f, 1), Some(Slot::Count(7.0)), "M is summed");
        // S: shared 1200 : 600 by residents aged 16–64.
        assert_eq!(count(&f, 2), Some(Slot::Count(60.0)));
        assert_eq!(count(&f, 3), Some(Slot::Count(30.0)));
        assert_eq!(f.get(0, 0, 1).map(|c| c.line), Some(3), "the first contributing line");
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].message,
            "converted 4 LSOA 2011 codes to LSOA 2021 (1 unchanged, 2 merged, 1 split); split ones are shared by residents aged 16–64"
        );
    }

    #[test]
    fn no_partial_merges_and_withheld_parts_withhold() {
        let mut old = Old::default();
        old.insert(0, 0, "E01000095".into(), cell(Slot::Count(3.0), 3));
        old.insert(0, 0, "E01000099".into(), cell(Slot::Withheld, 5));
        let (f, _, _) = convert(&old);
        assert_eq!(count(&f, 1), None, "one of two merged LSOAs is missing");
        assert_eq!(count(&f, 2), Some(Slot::Withheld));
        assert_eq!(count(&f, 3), Some(Slot::Withheld));
    }

    #[test]
    fn ratios_share_both_counts() {
        let mut old = Old::default();
        old.insert(0, 0, "E01000099".into(), cell(Slot::Ratio(30.0, 300.0), 2));
        let (f, _, _) = convert(&old);
        assert_eq!(count(&f, 2), Some(Slot::Ratio(20.0, 200.0)));
    }

    #[test]
    fn a_2021_lsoa_given_directly_wins_with_an_error() {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        let mut figures = LayerFigures::new(0, 4, 1, 1);
        figures.set(0, 0, 2, cell(Slot::Count(1.0), 9));
        let mut old = Old::default();
        old.insert(0, 0, "E01000099".into(), cell(Slot::Count(90.0), 5));
        let mut problems = Problems::new("f.csv");
        into_lsoa21(&areas, &r, &old, &mut figures, &mut problems);
        assert_eq!(count(&figures, 2), Some(Slot::Count(1.0)));
        assert_eq!(count(&figures, 3), Some(Slot::Count(30.0)));
        let p = problems.finish();
        assert!(p.iter().any(|x| x.line == Some(5) && x.message.contains("E01000003")), "{p:?}");
    }

    #[test]
    fn equal_shares_without_residents() {
        let (b, mut r) = (bundle(), reference());
        r.residents_16_64.values = vec![None; 4];
        let areas = Areas::new(&b, &r);
        let mut figures = LayerFigures::new(0, 4, 1, 1);
        let mut old = Old::default();
        old.insert(0, 0, "E01000099".into(), cell(Slot::Count(9.0), 5));
        into_lsoa21(&areas, &r, &old, &mut figures, &mut Problems::new("f"));
        assert_eq!(count(&figures, 2), Some(Slot::Count(4.5)));
    }
}
