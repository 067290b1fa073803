//! The household-deprivation indicators against the raw Census files: LSOAs worked out by hand,
//! every LSOA 2021 recomputed from TS011, 2011 converted through the lookup (unchanged, merged and
//! split LSOAs), wards and the city region as sums of counts, and the districts beside ONS's own
//! published percentages. Values are read through the widget's loader, which derives the values
//! the stored bundle omits. Skips (with a message) when the raw folder is absent.

use databuild::build::build_bundle;
use databuild::diag::{line, Diagnostics};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use work_health_atlas::model::bundle::{Bundle, Indicator, Series};
use work_health_atlas::model::Dataset;

const ONE: &str = "households-deprived-1plus";
const TWO: &str = "households-deprived-2plus";

fn raw_dir() -> Option<PathBuf> {
    let dir = std::env::var("ATLAS_RAW_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| databuild::workspace_root().join("../shared/data/raw"));
    dir.is_dir().then_some(dir)
}

/// The bundle as the widget loads it, built once.
fn bundle() -> Option<&'static Bundle> {
    static CELL: OnceLock<Option<Bundle>> = OnceLock::new();
    CELL.get_or_init(|| {
        let raw = raw_dir()?;
        let mut d = Diagnostics::default();
        let b = build_bundle(&raw, &mut d)
            .unwrap_or_else(|| panic!("build failed: {:?}", d.errors().map(line).collect::<Vec<_>>()));
        assert!(!d.has_errors(), "{:?}", d.errors().map(line).collect::<Vec<_>>());
        Some(Dataset::from_bundle(b).expect("the widget loads the bundle").bundle)
    })
    .as_ref()
}

macro_rules! need_raw {
    () => {
        match bundle() {
            Some(b) => b,
            None => {
                println!("skipped: raw data folder not found");
                return;
            }
        }
    };
}

fn csv_rows(rel: &str) -> Vec<BTreeMap<String, String>> {
    let path = raw_dir().expect("raw").join(rel);
    let mut r = csv::Reader::from_path(&path).expect("opens");
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

fn indicator<'a>(b: &'a Bundle, id: &str) -> &'a Indicator {
    b.indicators.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("{id} missing"))
}

fn series<'a>(b: &'a Bundle, id: &str, geo: &str, period: &str) -> &'a Series {
    indicator(b, id)
        .series
        .iter()
        .find(|s| s.geography == geo && s.period == period)
        .unwrap_or_else(|| panic!("{id} {geo} {period} missing"))
}

fn position(b: &Bundle, geo: &str, code: &str) -> usize {
    let layer = b.geographies.iter().find(|g| g.id == geo).expect("layer");
    layer.areas.iter().position(|a| a.code == code).unwrap_or_else(|| panic!("{code} not in {geo}"))
}

/// (value, numerator, denominator) of one area.
fn at(b: &Bundle, id: &str, geo: &str, period: &str, code: &str) -> (f64, f64, f64) {
    let s = series(b, id, geo, period);
    let k = position(b, geo, code);
    let get = |v: &Option<Vec<Option<f64>>>| v.as_ref().and_then(|v| v[k]).expect("count");
    (s.values[k].expect("value"), get(&s.numerators), get(&s.denominators))
}

/// Households per LSOA 2021 by dimensions (0–4) from TS011.
fn ts011() -> BTreeMap<String, [f64; 5]> {
    let names = ["not deprived in any", "in one", "in two", "in three", "in four"];
    let mut out: BTreeMap<String, [f64; 5]> = BTreeMap::new();
    for r in csv_rows("census/census2021_household_deprivation_lsoa21_lcr.csv") {
        let k = names.iter().position(|n| r["deprivation_dimensions"].contains(n)).expect("category");
        out.entry(r["lsoa21_code"].clone()).or_default()[k] = r["n"].parse().expect("n");
    }
    out
}

#[test]
fn lsoas_worked_out_by_hand() {
    let b = need_raw!();
    // E01012392 (Halton 001A), unchanged since 2011. 2011: 577 / 236 / 85 / 12 / 0 households by
    // dimensions; 2021: 748 / 317 / 81 / 15 / 1 (total 1,162).
    assert_eq!(at(b, ONE, "lsoa", "2011", "E01012392"), (36.6, 333.0, 910.0)); // 333 / 910 = 36.59%
    assert_eq!(at(b, TWO, "lsoa", "2011", "E01012392"), (10.7, 97.0, 910.0)); // 10.66%
    assert_eq!(at(b, ONE, "lsoa", "2021", "E01012392"), (35.6, 414.0, 1162.0)); // 35.63%
    assert_eq!(at(b, TWO, "lsoa", "2021", "E01012392"), (8.3, 97.0, 1162.0)); // 8.35%
                                                                              // E01034401 (Liverpool 035G) = E01006720 + E01006752 merged: counts add up.
    let old = csv_rows("census/census2011_household_deprivation_lsoa11_lcr.csv");
    let (mut n, mut d) = (0.0, 0.0);
    for r in old.iter().filter(|r| ["E01006720", "E01006752"].contains(&r["lsoa11_code"].as_str())) {
        let c: f64 = r["count"].parse().expect("count");
        d += c;
        if r["households_number_deprivation_dimensions"] != "0.0" {
            n += c;
        }
    }
    let (v, bn, bd) = at(b, ONE, "lsoa", "2011", "E01034401");
    assert_eq!((bn, bd), (n, d));
    assert_eq!(v, (n / d * 100.0 * 10.0).round() / 10.0);
}

#[test]
fn a_split_lsoa_is_shared_by_2021_households_at_full_precision() {
    let b = need_raw!();
    // E01012428 (Halton 012C, 2011: 1,024 households, 600 deprived in 1+, 260 in 2+) split into
    // E01035382 (638 households in 2021) and E01035383 (627).
    let (v1, n1, d1) = at(b, ONE, "lsoa", "2011", "E01035382");
    let (v2, n2, d2) = at(b, ONE, "lsoa", "2011", "E01035383");
    let share = 638.0 / 1265.0;
    assert!((n1 - 600.0 * share).abs() < 0.005 && (d1 - 1024.0 * share).abs() < 0.005, "{n1} {d1}");
    assert_eq!((n1, d1), (302.61, 516.45), "shares are shipped to 2 decimals, not whole households");
    assert!((n1 + n2 - 600.0).abs() < 0.011 && (d1 + d2 - 1024.0).abs() < 0.011);
    // Each successor keeps its predecessor's rate exactly: 600 / 1,024 = 58.59375%.
    assert_eq!((v1, v2), (58.6, 58.6));
    assert_eq!(at(b, TWO, "lsoa", "2011", "E01035382").0, 25.4); // 260 / 1,024 = 25.39%
    let s = series(b, ONE, "lsoa", "2011");
    assert!(s.estimated && s.method.contains("E01035382") && s.method.contains("E01035383"), "{}", s.method);
    // Both halves lie in Mersey & Weston: the ward has the whole LSOA, as published.
    let ward = series(b, ONE, "ward", "2011");
    assert!(!ward.method.contains("E05013184"), "{}", ward.method);
    assert!(!series(b, ONE, "lsoa", "2021").estimated);
}

#[test]
fn every_lsoa_2021_is_recomputed_from_ts011() {
    let b = need_raw!();
    let raw = ts011();
    let lsoas = &b.geographies[0].areas;
    assert_eq!(raw.len(), lsoas.len());
    for (id, min) in [(ONE, 1), (TWO, 2)] {
        let s = series(b, id, "lsoa", "2021");
        for (k, area) in lsoas.iter().enumerate() {
            let c = raw[&area.code];
            let (n, d): (f64, f64) = (c[min..].iter().sum(), c.iter().sum());
            assert_eq!(s.numerators.as_ref().expect("num")[k], Some(n), "{id} {}", area.code);
            assert_eq!(s.denominators.as_ref().expect("den")[k], Some(d), "{id} {}", area.code);
            assert_eq!(s.values[k], Some((n / d * 100.0 * 10.0).round() / 10.0), "{id} {}", area.code);
        }
    }
}

#[test]
fn wards_districts_and_the_region_are_sums_of_counts() {
    let b = need_raw!();
    let raw = ts011();
    // Wards from the raw best-fit lookup, not from the bundle's parents.
    let mut wards: BTreeMap<String, [f64; 2]> = BTreeMap::new();
    for r in csv_rows("lookups/lcr_lsoa21_to_ward24_ltla24.csv") {
        let c = raw[&r["lsoa21_code"]];
        let w = wards.entry(r["ward24_code"].clone()).or_default();
        w[0] += c[2..].iter().sum::<f64>();
        w[1] += c.iter().sum::<f64>();
    }
    // Farnworth (Halton) by hand from its LSOAs, and every ward.
    let (_, n, d) = at(b, TWO, "ward", "2021", "E05013177");
    assert_eq!([n, d], wards["E05013177"]);
    for (code, [n, d]) in &wards {
        let (v, bn, bd) = at(b, TWO, "ward", "2021", code);
        assert_eq!((bn, bd), (*n, *d), "{code}");
        assert_eq!(v, (n / d * 100.0 * 10.0).round() / 10.0, "{code}");
    }
    // The city region: all LSOAs' counts, never a mean of rates.
    for (id, min) in [(ONE, 1), (TWO, 2)] {
        let n: f64 = raw.values().map(|c| c[min..].iter().sum::<f64>()).sum();
        let d: f64 = raw.values().map(|c| c.iter().sum::<f64>()).sum();
        let lcr = indicator(b, id).comparator_values.iter().find(|c| c.code == "E47000004" && c.period == "2021");
        let lcr = lcr.expect("LCR 2021");
        assert_eq!((lcr.numerator, lcr.denominator), (Some(n), Some(d)));
        let mean_of_rates: f64 = series(b, id, "lad", "2021").values.iter().flatten().sum::<f64>() / 6.0;
        // Rounded once, from the counts, to the one decimal shown (data/README.md "Rounding").
        assert_eq!(lcr.value, (n / d * 1000.0).round() / 10.0);
        assert!((n / d * 100.0 - mean_of_rates).abs() > 0.01, "a sum of counts, not a mean of rates");
    }
    // 2011 districts hold every household of the 2011 file (splits never cross a district).
    let old: f64 = csv_rows("census/census2011_household_deprivation_lsoa11_lcr.csv")
        .iter()
        .map(|r| r["count"].parse::<f64>().expect("count"))
        .sum();
    let lad = series(b, ONE, "lad", "2011");
    let total: f64 = lad.denominators.as_ref().expect("den").iter().flatten().sum();
    assert!((total - old).abs() < 1e-6, "{total} vs {old}");
    assert!(!lad.estimated);
}

#[test]
fn districts_agree_with_the_percentages_ons_published() {
    let b = need_raw!();
    let mut published: BTreeMap<String, [f64; 5]> = BTreeMap::new();
    for r in csv_rows("census/census2021_topics_pct_lad21_ew.csv").iter().filter(|r| r["table"] == "hh_deprivation") {
        let k: usize = r["category_code"].trim_start_matches("hh_deprivation-").parse().expect("code");
        published.entry(r["area_code"].clone()).or_default()[k - 1] = r["percent"].parse().expect("percent");
    }
    for (k, area) in b.geographies.iter().find(|g| g.id == "lad").expect("lad").areas.iter().enumerate() {
        let p = published[&area.code];
        for (id, min) in [(ONE, 1), (TWO, 2)] {
            let ours = series(b, id, "lad", "2021").values[k].expect("value");
            let theirs: f64 = p[min..].iter().sum();
            // ONS rounds each category to 1 decimal (up to 4 × 0.05 apart when added).
            assert!((ours - theirs).abs() <= 0.2 + 1e-9, "{id} {}: {ours} vs published {theirs}", area.code);
        }
        // 1+ is also 100 minus the one published "not deprived" figure: a single rounding.
        let s = series(b, ONE, "lad", "2021");
        let count = |v: &Option<Vec<Option<f64>>>| v.as_ref().and_then(|v| v[k]).expect("count");
        let ours = count(&s.numerators) / count(&s.denominators) * 100.0;
        assert!((ours - (100.0 - p[0])).abs() <= 0.05 + 1e-9, "{}: {ours} vs 100 − {}", area.code, p[0]);
    }
    let england = |id: &str| {
        indicator(b, id).comparator_values.iter().find(|c| c.code == "E92000001").map(|c| (c.period.clone(), c.value))
    };
    assert_eq!(england(ONE), Some(("2021".to_string(), 51.6)));
    assert_eq!(england(TWO), Some(("2021".to_string(), 18.1)));
}

#[test]
fn metadata_states_source_periods_and_the_comparability_caution() {
    let b = need_raw!();
    for id in [ONE, TWO] {
        let ind = indicator(b, id);
        let periods: Vec<(&str, &str)> = ind.periods.iter().map(|p| (p.id.as_str(), p.reference.as_str())).collect();
        assert_eq!(periods, [("2011", "Census day, 27 March 2011"), ("2021", "Census day, 21 March 2021")]);
        for word in ["employment", "education", "health and disability", "housing"] {
            assert!(ind.definition.contains(word), "{id}: {word}");
        }
        let note = ind.periods[1].change_note.as_deref().unwrap_or_default();
        assert!(note.contains("not comparable"), "{note}");
        assert!(ind.source.dataset.contains("QS119EW") && ind.source.dataset.contains("TS011"));
        let layers: Vec<&str> =
            ind.series.iter().filter(|s| s.period == "2011").map(|s| s.geography.as_str()).collect();
        assert_eq!(layers, ["lsoa", "msoa", "ward", "lad"]);
        assert!(ind.series.iter().all(|s| s.numerators.is_some() && s.denominators.is_some()));
    }
}
