//! Census household deprivation (2011 QS119EW, 2021 TS011): the `households-deprived-1plus` and
//! `households-deprived-2plus` indicators — households deprived in one or more, or two or more,
//! of the four census dimensions (employment, education, health and disability, housing).
//!
//! Both censuses publish household counts by number of dimensions (0–4) per LSOA, so rates are
//! counts over all households, and every higher layer and the city region are sums of counts.
//! 2011 is published on LSOA 2011: counts are copied (unchanged), summed (merged) or shared among
//! the successors of a split LSOA in proportion to their Census 2021 households. Shares are kept
//! at full precision until the rate is formed ([`share_out`]); only the shipped counts are
//! rounded (to 2 decimals, like every other apportioned count). Values that rest on a share of
//! a split LSOA are estimates, flagged per layer ([`partial_areas`]).

use crate::aggregate::{counts_series, region_value, round, sum_counts, Counts, RateSpec};
use crate::areas::Layers;
use crate::census::TOPICS_LAD;
use crate::comparators::ENGLAND;
use crate::convert::{apportion, Lookup};
use crate::deprivation::Inputs;
use crate::diag::Diagnostics;
use crate::meta::{self, Text, ONS};
use crate::sources::align;
use crate::table::Table;
use std::collections::{BTreeMap, BTreeSet};
use work_health_atlas::model::bundle::{ComparatorValue, Indicator, Period, Polarity, Theme};

/// TS011 by LSOA 2021.
pub const F2021: &str = "census/census2021_household_deprivation_lsoa21_lcr.csv";
/// QS119EW by LSOA 2011.
pub const F2011: &str = "census/census2011_household_deprivation_lsoa11_lcr.csv";

/// TS011 category names, by number of dimensions (index 0–4).
const CATEGORIES_2021: [&str; 5] = [
    "Household is not deprived in any dimension",
    "Household is deprived in one dimension",
    "Household is deprived in two dimensions",
    "Household is deprived in three dimensions",
    "Household is deprived in four dimensions",
];
/// TS011 category codes in the published-percentages file, by number of dimensions.
const CODES_2021: [&str; 5] =
    ["hh_deprivation-001", "hh_deprivation-002", "hh_deprivation-003", "hh_deprivation-004", "hh_deprivation-005"];

/// Households per area by number of dimensions deprived (0–4); `None` where not published.
pub type ByDimensions = Vec<Option<[f64; 5]>>;

/// Households deprived in at least `min` dimensions over all households.
pub fn counts(by: &ByDimensions, min: usize) -> Counts {
    Counts {
        num: by.iter().map(|b| b.map(|b| b[min..].iter().sum())).collect(),
        den: by.iter().map(|b| b.map(|b| b.iter().sum())).collect(),
    }
}

/// The two indicators.
pub fn indicators(inp: &Inputs, diags: &mut Diagnostics) -> Vec<Indicator> {
    let h2021 = read_2021(inp, diags);
    let codes11: BTreeMap<String, usize> =
        inp.l11_21.children.keys().enumerate().map(|(i, c)| (c.clone(), i)).collect();
    let h2011_old = read_2011(inp, &codes11, diags);
    let weights: Vec<f64> = h2021.iter().map(|b| b.map_or(0.0, |b| b.iter().sum())).collect();
    let by_old: BTreeMap<String, Option<[f64; 5]>> =
        codes11.iter().map(|(c, &i)| (c.clone(), h2011_old.get(i).copied().flatten())).collect();
    let h2011 = share_out(inp.l11_21, &by_old, &weights, inp.index);
    let england = england_2021(inp, diags);
    [1, 2]
        .iter()
        .map(|&min| {
            let mut ind = meta::shell(text(min), periods());
            add_period(&mut ind, inp, "2011", &counts(&h2011, min), &partial_areas(inp.layers, inp.l11_21, inp.index));
            add_period(&mut ind, inp, "2021", &counts(&h2021, min), &BTreeMap::new());
            if let Some(e) = &england {
                let pct = round(e[min..].iter().sum(), 2);
                ind.comparator_values.push(ComparatorValue {
                    code: ENGLAND.into(),
                    period: "2021".into(),
                    value: pct,
                    numerator: None,
                    denominator: None,
                    estimated: false,
                    method: format!("Census 2021 TS011: the published percentages for England of households deprived in {} dimensions added up (each rounded to 1 decimal by ONS). England's 2011 figure is not in our source files.", if min == 1 { "one, two, three and four" } else { "two, three and four" }),
                });
            }
            ind
        })
        .collect()
}

/// The four dimensions in plain words (Census 2011 and 2021 definitions, which match in wording).
macro_rules! dimensions {
    () => {
        "employment (someone who is not a full-time student is unemployed or out of work because of long-term sickness or disability), education (no one has at least level 2 qualifications, such as five GCSEs, and no one aged 16 to 18 is a full-time student), health and disability (someone's general health is bad or very bad, or they are disabled or have a long-term health problem) and housing (the home is overcrowded, in a shared dwelling or has no central heating). The census counts households by how many dimensions apply; it is not a measure of income, and ONS advises care in reading it as a direct measure of deprivation."
    };
}

fn text(min: usize) -> Text<'static> {
    let (id, label, title, definition) = if min == 1 {
        (
            "households-deprived-1plus",
            "Deprived households (1+)",
            "Share of households deprived in at least one dimension",
            concat!(
                "The percentage of households deprived in at least one of the census's four dimensions: ",
                dimensions!()
            ),
        )
    } else {
        (
            "households-deprived-2plus",
            "Deprived households (2+)",
            "Share of households deprived in two or more dimensions",
            concat!(
                "The percentage of households deprived in two or more of the census's four dimensions: ",
                dimensions!()
            ),
        )
    };
    Text {
        id,
        label,
        title,
        definition,
        unit: meta::percent("% of households"),
        decimals: 1,
        polarity: Polarity::HigherIsWorse,
        theme: Theme::Deprivation,
        source: (ONS, "Census 2011 QS119EW and Census 2021 TS011, Households by deprivation dimensions", "Census 2011 and Census 2021"),
        vintage: "Census 2021 published on LSOA 2021; Census 2011 published on LSOA 2011 and converted to LSOA 2021 through the ONS lookup (unchanged copied, merged summed, split shared by Census 2021 households). Higher layers summed from LSOAs.",
    }
}

fn periods() -> Vec<Period> {
    vec![
        meta::period(
            "2011",
            "Census 2011",
            "Census day, 27 March 2011",
            Some("Published on LSOA 2011: household counts converted to LSOA 2021 through the ONS lookup; a split LSOA's households are shared among its successors by their Census 2021 households (flagged as estimates)."),
        ),
        meta::period(
            "2021",
            "Census 2021",
            "Census day, 21 March 2021",
            Some("ONS rates the 2021 household deprivation variable as not comparable with 2011: the four dimensions and the categories are the same, but the qualifications questions were revised (fewer people with an unknown qualification, which counts as deprived in education) and part of the housing dimension now comes from administrative data. Compare the two censuses with care."),
        ),
    ]
}

/// Series for every layer of one census, and the city-region total. `partial` gives, per layer
/// id, the areas whose counts include part of a split LSOA (estimates).
fn add_period(
    ind: &mut Indicator,
    inp: &Inputs,
    period: &str,
    counts: &Counts,
    partial: &BTreeMap<&'static str, Vec<String>>,
) {
    let (published, converted) = if period == "2011" {
        ("Census 2011 QS119EW", " on LSOA 2011, converted to LSOA 2021 as the period note says")
    } else {
        ("Census 2021 TS011", "")
    };
    for layer in &inp.layers.layers {
        let sums = if layer.id == "lsoa" { counts.clone() } else { sum_counts(layer, counts).0 };
        let estimated = partial.get(layer.id).filter(|codes| !codes.is_empty());
        let mut method = if layer.id == "lsoa" {
            format!("Households deprived in the dimensions counted ÷ all households, from the counts published in {published}{converted}.")
        } else {
            format!("Sum of the LSOAs' households deprived ÷ sum of their households ({published}).")
        };
        if let Some(codes) = estimated {
            method.push_str(&format!(
                " Estimates (part of a split LSOA 2011's households, shared by Census 2021 households, kept at full precision until the rate is formed; counts shipped to 2 decimals): {}.",
                codes.join(", ")
            ));
        }
        let spec =
            RateSpec { period, multiplier: 100.0, decimals: ind.decimals, estimated: estimated.is_some(), method: "" };
        ind.series.push(counts_series(layer.id, &sums, &spec, &method));
    }
    let spec = RateSpec {
        period,
        multiplier: 100.0,
        decimals: ind.decimals,
        estimated: false,
        method: "Sum of the LSOAs' households deprived ÷ sum of their households.",
    };
    if let Some(v) = region_value(counts, &spec, spec.method) {
        ind.comparator_values.push(v);
    }
}

/// Reads TS011: households by number of dimensions per LSOA 2021. Each LSOA's published total
/// must equal the sum of its five categories.
pub fn read_2021(inp: &Inputs, diags: &mut Diagnostics) -> ByDimensions {
    let mut out: ByDimensions = vec![Some([0.0; 5]); inp.index.len()];
    let Some(t) = Table::read(inp.raw, F2021, diags) else {
        return vec![None; inp.index.len()];
    };
    let Some([c_code, c_total, c_cat, c_n]) =
        t.cols(["lsoa21_code", "total_households", "deprivation_dimensions", "n"], diags)
    else {
        return vec![None; inp.index.len()];
    };
    let mut totals: Vec<Option<f64>> = vec![None; inp.index.len()];
    for (dims, category) in CATEGORIES_2021.iter().enumerate() {
        let rows = align(&t, c_code, inp.index, |r| t.text(r, c_cat) == *category, diags);
        for (i, row) in rows.iter().enumerate() {
            let n = row.and_then(|row| count(&t, row, c_code, c_n, diags));
            match (out[i].as_mut(), n) {
                (Some(b), Some(n)) => b[dims] = n,
                _ => out[i] = None,
            }
            if let Some(row) = row {
                totals[i] = count(&t, row, c_code, c_total, diags);
            }
        }
    }
    for row in &t.rows {
        let category = t.text(row, c_cat);
        if !CATEGORIES_2021.contains(&category) {
            diags.error(t.loc(row, c_cat, Some(t.text(row, c_code))), format!("unknown category \"{category}\""));
        }
    }
    for (code, &i) in inp.index {
        if let (Some(b), Some(total)) = (out[i], totals[i]) {
            let sum: f64 = b.iter().sum();
            if sum != total {
                diags.error(
                    format!("{F2021} ({code})"),
                    format!("categories add up to {sum} households, the published total is {total}"),
                );
            }
        }
    }
    out
}

/// Reads QS119EW: households by number of dimensions (`0.0`–`4.0`) per LSOA 2011, aligned with
/// `codes11` (the LSOAs of the 2011 → 2021 lookup).
pub fn read_2011(inp: &Inputs, codes11: &BTreeMap<String, usize>, diags: &mut Diagnostics) -> ByDimensions {
    let mut out: ByDimensions = vec![Some([0.0; 5]); codes11.len()];
    let Some(t) = Table::read(inp.raw, F2011, diags) else {
        return vec![None; codes11.len()];
    };
    let Some([c_code, c_dims, c_n]) =
        t.cols(["lsoa11_code", "households_number_deprivation_dimensions", "count"], diags)
    else {
        return vec![None; codes11.len()];
    };
    let dims_of = |text: &str| text.parse::<f64>().ok().filter(|d| d.fract() == 0.0 && (0.0..=4.0).contains(d));
    for dims in 0..5 {
        let rows = align(&t, c_code, codes11, |r| dims_of(t.text(r, c_dims)) == Some(dims as f64), diags);
        for (i, row) in rows.iter().enumerate() {
            let n = row.and_then(|row| count(&t, row, c_code, c_n, diags));
            match (out[i].as_mut(), n) {
                (Some(b), Some(n)) => b[dims] = n,
                _ => out[i] = None,
            }
        }
    }
    for row in &t.rows {
        let dims = t.text(row, c_dims);
        if dims_of(dims).is_none() {
            diags.error(
                t.loc(row, c_dims, Some(t.text(row, c_code))),
                format!("not a number of dimensions 0–4: \"{dims}\""),
            );
        }
    }
    out
}

/// A published count: a whole number of households, at least 0.
fn count(t: &Table, row: &crate::table::Row, c_code: usize, col: usize, diags: &mut Diagnostics) -> Option<f64> {
    let code = t.text(row, c_code).to_string();
    let v = t.num(row, col, &code, diags)?;
    if v < 0.0 || v.fract() != 0.0 {
        diags.error(t.loc(row, col, Some(&code)), format!("not a count of households: {v}"));
        return None;
    }
    Some(v)
}

/// Moves household counts on old codes to the new area order `index`, each of the five counts by
/// [`crate::convert::apportion`] (copied, summed, or shared among a split LSOA's successors in
/// proportion to `weights`, at full precision). A new area missing any count is `None`.
pub fn share_out(
    lookup: &Lookup,
    by_old: &BTreeMap<String, Option<[f64; 5]>>,
    weights: &[f64],
    index: &BTreeMap<String, usize>,
) -> ByDimensions {
    let dimensions: Vec<Vec<Option<f64>>> = (0..5)
        .map(|d| {
            let counts = by_old.iter().map(|(code, c)| (code.clone(), c.map(|c| c[d]))).collect();
            apportion(lookup, &counts, weights, index)
        })
        .collect();
    (0..index.len())
        .map(|p| {
            let mut row = [0.0; 5];
            for (cell, dimension) in row.iter_mut().zip(&dimensions) {
                *cell = dimension.get(p).copied().flatten()?;
            }
            Some(row)
        })
        .collect()
}

/// Per layer id, the codes of the areas whose converted counts include only part of a split LSOA
/// (its successors lie in more than one area of that layer): these values are estimates. An area
/// holding every successor of a split has the whole LSOA's households, as published.
pub fn partial_areas(
    layers: &Layers,
    lookup: &Lookup,
    index: &BTreeMap<String, usize>,
) -> BTreeMap<&'static str, Vec<String>> {
    let mut out = BTreeMap::new();
    for layer in &layers.layers {
        let mut partial: BTreeSet<usize> = BTreeSet::new();
        for kids in lookup.children.values().filter(|k| k.len() > 1) {
            let areas: BTreeSet<usize> = kids
                .iter()
                .filter_map(|(n, _)| index.get(n))
                .filter_map(|&lsoa| layer.of_lsoa.get(lsoa).copied())
                .collect();
            if areas.len() > 1 {
                partial.extend(areas);
            }
        }
        out.insert(layer.id, partial.iter().filter_map(|&a| layer.codes.get(a).cloned()).collect());
    }
    out
}

/// England's published TS011 percentages by number of dimensions (0–4), from the district file.
fn england_2021(inp: &Inputs, diags: &mut Diagnostics) -> Option<[f64; 5]> {
    let t = Table::read(inp.raw, TOPICS_LAD, diags)?;
    let [c_code, c_cat, c_pct] = t.cols(["area_code", "category_code", "percent"], diags)?;
    let mut out = [None; 5];
    for row in t.rows.iter().filter(|r| t.text(r, c_code) == ENGLAND) {
        if let Some(k) = CODES_2021.iter().position(|c| *c == t.text(row, c_cat)) {
            out[k] = t.num(row, c_pct, ENGLAND, diags);
        }
    }
    let all: Option<Vec<f64>> = out.iter().copied().collect();
    match all {
        Some(v) => Some([v[0], v[1], v[2], v[3], v[4]]),
        None => {
            diags.error(format!("{TOPICS_LAD} ({ENGLAND})"), "England's hh_deprivation percentages missing");
            None
        }
    }
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

    #[test]
    fn shares_keep_full_precision_and_merges_add_up() {
        let l = lookup(&[("a", "A", "U"), ("b", "B", "M"), ("c", "B", "M"), ("d", "D1", "S"), ("d", "D2", "S")]);
        let by_old: BTreeMap<String, Option<[f64; 5]>> = [
            ("a", [5.0, 1.0, 0.0, 0.0, 0.0]),
            ("b", [2.0, 2.0, 1.0, 0.0, 0.0]),
            ("c", [3.0, 0.0, 0.0, 1.0, 0.0]),
            ("d", [10.0, 0.0, 1.0, 0.0, 0.0]),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), Some(*v)))
        .collect();
        let index: BTreeMap<String, usize> =
            ["A", "B", "D1", "D2"].iter().enumerate().map(|(i, c)| (c.to_string(), i)).collect();
        let out = share_out(&l, &by_old, &[1.0, 1.0, 2.0, 1.0], &index);
        assert_eq!(out[0], Some([5.0, 1.0, 0.0, 0.0, 0.0]));
        assert_eq!(out[1], Some([5.0, 2.0, 1.0, 1.0, 0.0]));
        // 11 households shared 2 : 1 — not rounded to whole households.
        let d1 = out[2].expect("D1");
        assert_eq!(d1[2], 2.0 / 3.0);
        let c = counts(&out, 1);
        let rate = c.num[2].expect("n") / c.den[2].expect("d");
        assert_eq!(rate, (2.0 / 3.0) / (22.0 / 3.0));
    }

    #[test]
    fn counts_take_the_households_at_or_above_the_threshold() {
        let by = vec![Some([10.0, 5.0, 3.0, 2.0, 1.0]), None];
        let one = counts(&by, 1);
        let two = counts(&by, 2);
        assert_eq!((one.num[0], one.den[0]), (Some(11.0), Some(21.0)));
        assert_eq!((two.num[0], two.den[0]), (Some(6.0), Some(21.0)));
        assert_eq!((one.num[1], one.den[1]), (None, None));
    }
}
