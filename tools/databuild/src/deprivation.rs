//! The `employment-deprivation` and `income-deprivation` indicators (IoD 2010, 2019, 2025).

use crate::aggregate::{counts_series, higher_series, region_value, round, round_count, Counts, RateSpec};
use crate::areas::Layers;
use crate::convert::{Carry, Lookup};
use crate::diag::Diagnostics;
use crate::imd::{self, Domain};
use crate::meta::{self, Text, MHCLG};
use crate::population::Population;
use std::collections::BTreeMap;
use std::path::Path;
use work_health_atlas::model::bundle::{ComparatorValue, Indicator, Polarity, Series, Theme};

/// Inputs shared by the IoD indicators.
pub struct Inputs<'a> {
    /// Raw folder.
    pub raw: &'a Path,
    /// Layers.
    pub layers: &'a Layers,
    /// LSOA code → position.
    pub index: &'a BTreeMap<String, usize>,
    /// Census 2021 populations.
    pub pop: &'a Population,
    /// 2001 → 2011 lookup.
    pub l01_11: &'a Lookup,
    /// 2011 → 2021 lookup.
    pub l11_21: &'a Lookup,
}

fn text(domain: Domain) -> Text<'static> {
    match domain {
        Domain::Employment => Text {
            id: "employment-deprivation",
            label: "Employment deprivation",
            title: "Share of working-age residents out of work on benefits",
            definition: "The percentage of working-age residents who are involuntarily out of work — claiming benefits because of unemployment, sickness, disability or caring — as measured by the employment domain of the English Indices of Deprivation.",
            unit: meta::percent("% of working-age residents"),
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            source: (MHCLG, "English Indices of Deprivation, employment domain", "ID2010, IoD2019 and IoD2025"),
            vintage: "Published on LSOA 2001 (2010), LSOA 2011 (2019) and LSOA 2021 (2025); all shown on LSOA 2021 boundaries via the ONS lookups.",
        },
        Domain::Income => Text {
            id: "income-deprivation",
            label: "Income deprivation",
            title: "Share of residents living on a low income",
            definition: "The percentage of residents living in households on low incomes — out of work or in low-paid work and claiming means-tested benefits or tax credits — as measured by the income domain of the English Indices of Deprivation.",
            unit: meta::percent("% of residents"),
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Deprivation,
            source: (MHCLG, "English Indices of Deprivation, income domain", "ID2010, IoD2019 and IoD2025"),
            vintage: "Published on LSOA 2001 (2010), LSOA 2011 (2019) and LSOA 2021 (2025); all shown on LSOA 2021 boundaries via the ONS lookups.",
        },
    }
}

fn population_word(domain: Domain) -> &'static str {
    match domain {
        Domain::Employment => "working-age (16–64)",
        Domain::Income => "total",
    }
}

/// Builds one IoD indicator with all editions.
pub fn indicator(inp: &Inputs, domain: Domain, diags: &mut Diagnostics) -> Indicator {
    let t = text(domain);
    let mut ind = meta::shell(t, meta::iod_periods());
    let d2019 = imd::read_2019(inp.raw, inp.index, inp.l11_21, inp.pop, domain, diags);
    add_2010(&mut ind, inp, domain, &d2019.0, diags);
    add_2019(&mut ind, inp, domain, d2019);
    add_2025(&mut ind, inp, domain, diags);
    ind
}

fn add_2025(ind: &mut Indicator, inp: &Inputs, domain: Domain, diags: &mut Diagnostics) {
    let e = imd::read_2025(inp.raw, inp.index, domain, diags);
    let spec = RateSpec {
        period: "2025",
        multiplier: 100.0,
        decimals: ind.decimals,
        estimated: true,
        method: "Sum of the LSOAs' published numerators over the sum of their implied denominators (each LSOA's numerator ÷ its published 3-decimal score, rounded to a whole person). The implied denominators carry the rounding of the score (±0.0005) and of the numerator (published rounded to 5), so this is an estimate.",
    };
    ind.series.push(Series {
        geography: "lsoa".to_string(),
        period: "2025".to_string(),
        values: e.values.clone(),
        numerators: Some(e.counts.num.clone()),
        denominators: None,
        estimated: false,
        method: "Values are the published IoD2025 scores × 100. Numerators are published (rounded to 5 by MHCLG). Denominators are not published in the source files and are not shipped for LSOAs; the aggregates use implied denominators, round(numerator × 100 ÷ value), i.e. numerator ÷ the published 3-decimal score rounded to a whole person, which anyone can recompute from this series.".to_string(),
    });
    ind.series.extend(higher_series(inp.layers, &e.counts, &spec).into_iter().filter(|s| s.geography != "lad"));
    let districts = imd::read_2025_districts(inp.raw, &district_index(inp.layers), domain, diags);
    ind.series.push(published_districts(&districts, domain));
    if let Some(v) = region_from_districts(&districts, ind.decimals) {
        ind.comparator_values.push(v);
    }
}

fn district_index(layers: &Layers) -> BTreeMap<String, usize> {
    layers.get("lad").map(|l| l.codes.iter().enumerate().map(|(i, c)| (c.clone(), i)).collect()).unwrap_or_default()
}

/// The district layer for 2025 is MHCLG's own figure (File 10): the average score × 100 — the
/// population-weighted mean of the district's LSOA scores — with the scale (people deprived) as
/// numerator. Summing LSOA numerators over implied denominators, as for MSOAs and wards, would
/// print 0.1–0.2 points more than MHCLG publish for the same district.
fn published_districts(districts: &[Option<(f64, f64)>], domain: Domain) -> Series {
    let word = match domain {
        Domain::Employment => "employment",
        Domain::Income => "income",
    };
    Series {
        geography: "lad".to_string(),
        period: "2025".to_string(),
        values: districts.iter().map(|d| d.map(|(s, _)| round(s * 100.0, 3))).collect(),
        numerators: Some(districts.iter().map(|d| d.map(|(_, n)| round_count(n))).collect()),
        denominators: None,
        estimated: false,
        method: format!("As published by MHCLG (IoD2025 File 10): the {word} average score × 100 (the population-weighted mean of the district's LSOA scores) and, as numerator, the {word} scale (people deprived). Summing LSOA numerators over implied denominators, as for MSOAs and wards, gives 0.06–0.2 points more."),
    }
}

/// MHCLG publish no city-region figure: the six published district figures combined, Σ scale ÷
/// Σ (scale ÷ average score) — their average scores weighted by the populations they imply.
fn region_from_districts(districts: &[Option<(f64, f64)>], decimals: u8) -> Option<ComparatorValue> {
    let pairs: Option<Vec<(f64, f64)>> = districts.iter().copied().collect();
    let pairs = pairs.filter(|p| !p.is_empty() && p.iter().all(|(s, _)| *s > 0.0))?;
    let num: f64 = pairs.iter().map(|(_, n)| n).sum();
    let den: f64 = pairs.iter().map(|(s, n)| n / s).sum();
    Some(ComparatorValue {
        code: crate::comparators::LCR.to_string(),
        period: "2025".to_string(),
        value: round(num / den * 100.0, u32::from(decimals)),
        numerator: Some(round_count(num)),
        denominator: Some(round_count(den)),
        estimated: true,
        method: "Estimate: MHCLG publish no city-region figure. The six districts' File 10 figures combined: Σ scale ÷ Σ (scale ÷ average score).".to_string(),
    })
}

fn add_2019(ind: &mut Indicator, inp: &Inputs, domain: Domain, d: (Counts, Vec<String>)) {
    let (counts, missing) = d;
    let word = population_word(domain);
    let mut method = format!(
        "Rate = numerator ÷ denominator (IoD2019 File 6 {word} population, mid-2015), as MHCLG compute the score. Published on LSOA 2011: counts are copied (unchanged LSOAs), summed (merged) or shared among the successors of a split LSOA in proportion to their Census 2021 {word} population (so split LSOAs inherit their predecessor's rate); the rate is then recomputed."
    );
    if !missing.is_empty() {
        method.push_str(&format!(
            " No published numerator for LSOA 2011 {}, so its LSOA 2021 successor has no value.",
            missing.join(", ")
        ));
    }
    let spec = RateSpec {
        period: "2019",
        multiplier: 100.0,
        decimals: ind.decimals,
        estimated: false,
        method: "Sum of LSOA numerators over the sum of LSOA denominators (after conversion to LSOA 2021).",
    };
    let splits = crate::splits::split_successors(inp.l11_21, inp.index);
    let mut series = vec![counts_series("lsoa", &counts, &spec, &method)];
    series.extend(higher_series(inp.layers, &counts, &spec));
    for s in &mut series {
        crate::splits::flag(s, inp.layers, &splits);
    }
    ind.series.extend(series);
    if let Some(v) = region_value(&counts, &spec, spec.method) {
        ind.comparator_values.push(v);
    }
}

/// 2010 has rates only. LSOA values are inherited (or estimated for merges/complex changes);
/// higher layers and the city region are left out because 2010 counts were never published.
fn add_2010(ind: &mut Indicator, inp: &Inputs, domain: Domain, c2019: &Counts, diags: &mut Diagnostics) {
    let carried = imd::read_2010(inp.raw, inp.index, [inp.l01_11, inp.l11_21], domain, diags);
    let places = u32::from(ind.decimals);
    let lsoa_codes = &inp.layers.lsoa().codes;
    let estimated: Vec<&str> = carried
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, Some((_, Carry::Estimated))))
        .filter_map(|(i, _)| lsoa_codes.get(i).map(String::as_str))
        .collect();
    let values: Vec<Option<f64>> = carried.iter().map(|c| c.map(|(v, _)| round(v, places))).collect();
    ind.series.push(Series {
        geography: "lsoa".to_string(),
        period: "2010".to_string(),
        values: values.clone(),
        numerators: None,
        denominators: None,
        estimated: !estimated.is_empty(),
        method: format!(
            "ID2010 published the score only (2 decimals) on LSOA 2001. An LSOA 2021 with one predecessor through unchanged or split steps (2001→2011→2021) takes that predecessor's published rate. For the {} LSOAs formed by merges or complex changes ({}) the value is an estimate: the unweighted mean of the predecessors' rates (a complex change with one predecessor carries its rate over). No numerators or denominators were published.",
            estimated.len(),
            estimated.join(", ")
        ),
    });
    // Higher layers are left out for 2010: with no published counts, any aggregate would have to
    // weight rates by another year's population, which the brief allows but the budget does not
    // need; the LSOA map and the per-LSOA trend carry the 2010 edition.
    let _ = c2019;
}
