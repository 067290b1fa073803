//! Which figures hold apportioned counts: the successors of an LSOA 2011 that was split in 2021
//! receive population shares of its counts ([`crate::convert::apportion`]), which are estimates.
//! An LSOA successor is always estimated; a higher area is estimated only when it holds some, but
//! not all, successors of a split — when it holds them all, its sum is the published count.

use crate::areas::{Layer, Layers};
use crate::convert::Lookup;
use std::collections::{BTreeMap, BTreeSet};
use work_health_atlas::model::bundle::Series;

/// The LSOA 2021 positions of each split LSOA 2011's successors (one entry per split).
pub fn split_successors(lookup: &Lookup, index: &BTreeMap<String, usize>) -> Vec<Vec<usize>> {
    lookup
        .children
        .values()
        .filter(|kids| kids.len() > 1)
        .map(|kids| kids.iter().filter_map(|(code, _)| index.get(code).copied()).collect())
        .collect()
}

/// Areas of `layer` whose counts include a share, but not every share, of a split LSOA.
pub fn estimated_areas(layer: &Layer, splits: &[Vec<usize>]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for successors in splits {
        let areas: BTreeSet<usize> = successors.iter().filter_map(|&l| layer.of_lsoa.get(l).copied()).collect();
        if areas.len() > 1 {
            out.extend(areas);
        }
    }
    out
}

/// Flags a count series built from apportioned LSOA counts: `estimated` set and the areas named
/// in the method when any area holds a partial split (the LSOA layer: the successors' count).
pub fn flag(series: &mut Series, layers: &Layers, splits: &[Vec<usize>]) {
    let Some(layer) = layers.get(&series.geography) else { return };
    let areas = estimated_areas(layer, splits);
    if areas.is_empty() {
        return;
    }
    series.estimated = true;
    if layer.id == "lsoa" {
        series.method.push_str(&format!(
            " Estimated: the {} successors of {} LSOAs 2011 split in 2021 hold population shares of their counts (full precision, stored to 2 decimals).",
            areas.len(),
            splits.len()
        ));
    } else {
        let codes: Vec<&str> = areas.iter().filter_map(|&a| layer.codes.get(a).map(String::as_str)).collect();
        series.method.push_str(&format!(
            " Estimated for {}: part of an LSOA 2011 split in 2021, so population shares (full precision, stored to 2 decimals).",
            codes.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(of_lsoa: Vec<usize>) -> Layer {
        Layer {
            id: "ward",
            codes: vec!["W1".into(), "W2".into()],
            names: vec!["one".into(), "two".into()],
            lad: vec!["L".into(), "L".into()],
            of_lsoa,
        }
    }

    #[test]
    fn an_area_holding_every_share_of_a_split_is_exact_and_one_holding_part_is_estimated() {
        // LSOAs 0 and 1 are the successors of one split; LSOA 2 is unchanged.
        let splits = vec![vec![0, 1]];
        assert!(estimated_areas(&layer(vec![0, 0, 1]), &splits).is_empty());
        assert_eq!(estimated_areas(&layer(vec![0, 1, 1]), &splits), BTreeSet::from([0, 1]));
    }
}
