//! Checks the built bundle against the raw files: (a) a sample of LSOAs from all six districts
//! equals values computed directly from the source rows, (b) higher layers equal the sums of
//! their LSOAs' counts, (c) a rebuild is byte-identical to the committed `data/` files, (d) the
//! stored bundle is in its compact form (dissolved layers without shapes, derivable values
//! omitted). Values and shapes are read through the widget's loader (`Dataset::from_json`),
//! since the stored bundle may omit both. Skips (with a message) when the raw folder is absent.

use databuild::build::build_all;
use databuild::diag::{line, Diagnostics};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;
use work_health_atlas::model::bundle::{Bundle, Series};
use work_health_atlas::model::Dataset;

fn raw_dir() -> Option<PathBuf> {
    let dir = std::env::var("ATLAS_RAW_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| databuild::workspace_root().join("../shared/data/raw"));
    dir.is_dir().then_some(dir)
}

/// (atlas bytes, postcodes bytes, bundle as the widget loads it: shapes dissolved, values derived,
/// lookups bytes).
type Built = (Vec<u8>, Vec<u8>, Bundle, Vec<u8>);

/// The build, done once for all tests.
fn built() -> Option<&'static Built> {
    static CELL: OnceLock<Option<Built>> = OnceLock::new();
    CELL.get_or_init(|| {
        let raw = raw_dir()?;
        let mut d = Diagnostics::default();
        let b = build_all(&raw, &mut d)
            .unwrap_or_else(|| panic!("build failed: {:?}", d.errors().map(line).collect::<Vec<_>>()));
        let bundle = Dataset::from_json(&b.atlas).expect("the widget loads the bundle").bundle;
        Some((b.atlas, b.postcodes, bundle, b.lookups))
    })
    .as_ref()
}

macro_rules! need_raw {
    () => {
        match built() {
            Some(b) => b,
            None => {
                println!("skipped: raw data folder not found");
                return;
            }
        }
    };
}

/// Reads a raw CSV into rows of header → value.
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

fn by_code(rows: &[BTreeMap<String, String>], key: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    rows.iter().map(|r| (r[key].clone(), r.clone())).collect()
}

fn series<'a>(b: &'a Bundle, ind: &str, geo: &str, period: &str) -> &'a Series {
    b.indicators
        .iter()
        .find(|i| i.id == ind)
        .and_then(|i| i.series.iter().find(|s| s.geography == geo && s.period == period))
        .unwrap_or_else(|| panic!("{ind} {geo} {period} missing"))
}

fn num(r: &BTreeMap<String, String>, k: &str) -> f64 {
    r[k].parse().unwrap_or_else(|_| panic!("{k}={}", r[k]))
}

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: bundle {a} vs raw {b}");
}

/// Every 19th LSOA: 53 areas spread over all six districts.
fn sample(b: &Bundle) -> Vec<usize> {
    let lsoa = &b.geographies[0];
    let picks: Vec<usize> = (0..lsoa.areas.len()).step_by(19).collect();
    let lads: BTreeSet<&str> = picks.iter().map(|&i| lsoa.areas[i].parents["lad"].as_str()).collect();
    assert_eq!(lads.len(), 6, "sample covers all districts");
    assert!(picks.len() >= 50);
    picks
}

#[test]
fn rebuild_is_byte_identical_to_committed_data() {
    let (atlas, postcodes, _, lookups) = need_raw!();
    let root = databuild::workspace_root();
    let committed = std::fs::read(root.join("data/atlas.json")).expect("data/atlas.json committed");
    assert!(committed == *atlas, "data/atlas.json differs from a fresh build: run `make data`");
    let committed = std::fs::read(root.join("data/postcodes.json")).expect("data/postcodes.json");
    assert!(committed == *postcodes, "data/postcodes.json differs from a fresh build");
    let committed = std::fs::read(root.join("data/lookups.json")).expect("data/lookups.json");
    assert!(committed == *lookups, "data/lookups.json differs from a fresh build");
}

#[test]
fn sampled_lsoas_match_the_raw_files() {
    let (_, _, b, _) = need_raw!();
    let areas = &b.geographies[0].areas;
    let s25 = by_code(&csv_rows("imd/imd2025_lsoa21_lcr.csv"), "lsoa21_code");
    let i25 = by_code(&csv_rows("imd/imd2025_indicators_lsoa21_lcr.csv"), "lsoa21_code");
    let r19 = by_code(&csv_rows("imd/imd2019_lsoa11_lcr.csv"), "lsoa11_code");
    let r10 = by_code(&csv_rows("imd/imd2010_lsoa01_lcr.csv"), "lsoa01_code");
    let dis: BTreeMap<String, BTreeMap<String, String>> = csv_rows("census/census2021_disability_lsoa21_lcr.csv")
        .into_iter()
        .filter(|r| r["disability"] == "Disabled under the Equality Act")
        .map(|r| (r["lsoa21_code"].clone(), r))
        .collect();
    // LSOA 2021 → its 2011 predecessors, and 2011 → 2001, with change codes.
    let mut pred11: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut kids11: BTreeMap<String, usize> = BTreeMap::new();
    for r in csv_rows("lookups/lcr_lsoa11_to_lsoa21.csv") {
        pred11.entry(r["lsoa21_code"].clone()).or_default().push((r["lsoa11_code"].clone(), r["change_code"].clone()));
        *kids11.entry(r["lsoa11_code"].clone()).or_default() += 1;
    }
    let mut pred01: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in csv_rows("lookups/lcr_lsoa01_to_lsoa11.csv") {
        pred01.entry(r["lsoa11_code"].clone()).or_default().push((r["lsoa01_code"].clone(), r["change_code"].clone()));
    }
    let mut checked_2019 = 0;
    for i in sample(b) {
        let code = &areas[i].code;
        for (ind, score, numc, den19) in [
            ("employment-deprivation", "Employment_score", "employment_domain_numerator", "pop_working_age_emp_2015"),
            ("income-deprivation", "Income_score", "income_domain_numerator", "pop_total_2015"),
        ] {
            // 2025: published score × 100 and published numerator.
            let s = series(b, ind, "lsoa", "2025");
            close(
                s.values[i].expect("2025 value"),
                num(&s25[code], score) * 100.0,
                1e-9,
                &format!("{ind} 2025 {code}"),
            );
            close(
                s.numerators.as_ref().expect("num")[i].expect("num"),
                num(&i25[code], numc),
                0.0,
                &format!("{ind} 2025 num {code}"),
            );
            // 2019: for areas with a single, whole predecessor, the published counts.
            let p = &pred11[code];
            if p.len() == 1 && kids11[&p[0].0] == 1 {
                let r = &r19[&p[0].0];
                if r[numc].is_empty() {
                    continue;
                }
                let s = series(b, ind, "lsoa", "2019");
                let (n, d) = (num(r, numc), num(r, den19));
                close(s.numerators.as_ref().expect("num")[i].expect("num"), n, 0.0, &format!("{ind} 2019 num {code}"));
                close(
                    s.denominators.as_ref().expect("den")[i].expect("den"),
                    d,
                    0.0,
                    &format!("{ind} 2019 den {code}"),
                );
                close(s.values[i].expect("value"), n / d * 100.0, 0.05 + 1e-9, &format!("{ind} 2019 {code}"));
                checked_2019 += 1;
            }
            // 2010: areas whose whole chain is unchanged/split inherit the published score.
            let p01 = pred01.get(&p[0].0).cloned().unwrap_or_default();
            if p.len() == 1
                && ["U", "S"].contains(&p[0].1.as_str())
                && p01.len() == 1
                && ["U", "S"].contains(&p01[0].1.as_str())
            {
                let s = series(b, ind, "lsoa", "2010");
                close(
                    s.values[i].expect("2010"),
                    num(&r10[&p01[0].0], score) * 100.0,
                    1e-9,
                    &format!("{ind} 2010 {code}"),
                );
            }
        }
        let s = series(b, "disability", "lsoa", "2021");
        let r = &dis[code];
        close(
            s.values[i].expect("value"),
            num(r, "n") / num(r, "total_residents") * 100.0,
            0.05 + 1e-9,
            &format!("disability {code}"),
        );
        close(s.numerators.as_ref().expect("num")[i].expect("num"), num(r, "n"), 0.0, "disability num");
    }
    assert!(checked_2019 > 90, "most sampled LSOAs have a single 2011 predecessor");
}

#[test]
fn msoa_and_district_percentages_match_the_raw_files() {
    let (_, _, b, _) = need_raw!();
    let msoa_rows = csv_rows("census/census2021_topics_pct_msoa21_lcr.csv");
    let lad_rows = csv_rows("census/census2021_topics_pct_lad21_ew.csv");
    let pct = |rows: &[BTreeMap<String, String>], key: &str, code: &str, cat: &str| -> f64 {
        rows.iter().find(|r| r[key] == code && r["category_code"] == cat).map(|r| num(r, "percent")).expect("row")
    };
    for (ind, cat, complement) in [
        ("economically-inactive", "economic_activity_status_4a-003", false),
        ("unemployed", "economic_activity_status_4a-002", false),
        ("bad-health", "health_in_general_4a-003", false),
        ("unpaid-care", "is_carer_5a-001", true),
    ] {
        let f = |p: f64| if complement { 100.0 - p } else { p };
        let s = series(b, ind, "msoa", "2021");
        for (i, a) in b.geographies[1].areas.iter().enumerate().step_by(4) {
            if let Some(v) = s.values[i] {
                close(v, f(pct(&msoa_rows, "msoa21_code", &a.code, cat)), 1e-9, &format!("{ind} {}", a.code));
            }
        }
        let s = series(b, ind, "lad", "2021");
        for (i, a) in b.geographies[3].areas.iter().enumerate() {
            close(
                s.values[i].expect("lad"),
                f(pct(&lad_rows, "area_code", &a.code, cat)),
                1e-9,
                &format!("{ind} {}", a.code),
            );
        }
    }
    let hi = csv_rows("health/ons_health_index_selected_indicators_ltla21_england_2015_2021.csv");
    for (ind, name) in [
        ("hi-unemployment", "Unemployment"),
        ("hi-disability", "Disability"),
        ("hi-life-expectancy", "Life expectancy"),
    ] {
        for y in 2015..=2021 {
            let s = series(b, ind, "lad", &y.to_string());
            for (i, a) in b.geographies[3].areas.iter().enumerate() {
                let raw = hi
                    .iter()
                    .find(|r| r["ltla21_code"] == a.code && r["indicator"] == name && num(r, "year") == f64::from(y))
                    .map(|r| num(r, "value"))
                    .expect("row");
                close(s.values[i].expect("value"), raw, 0.05 + 1e-9, &format!("{ind} {y} {}", a.code));
            }
        }
    }
}

#[test]
fn higher_layers_are_sums_of_their_lsoas() {
    let (_, _, b, _) = need_raw!();
    let lsoas = &b.geographies[0].areas;
    for ind in &b.indicators {
        // Series with both counts; the 2025 districts are MHCLG's published figures instead
        // (exact_figures.rs).
        for s in ind.series.iter().filter(|s| s.geography != "lsoa" && s.denominators.is_some()) {
            let base = series(b, &ind.id, "lsoa", &s.period);
            let geo = b.geographies.iter().find(|g| g.id == s.geography).expect("layer");
            let lnum = base.numerators.as_ref().expect("lsoa numerators");
            // 2025 LSOA denominators are implied from numerator and value.
            let lden: Vec<Option<f64>> = match &base.denominators {
                Some(d) => d.clone(),
                None => lnum.iter().zip(&base.values).map(|(n, v)| Some(((*n)? * 100.0 / (*v)?).round())).collect(),
            };
            for (k, area) in geo.areas.iter().enumerate() {
                let members: Vec<usize> =
                    (0..lsoas.len()).filter(|&i| lsoas[i].parents.get(&s.geography) == Some(&area.code)).collect();
                let (mut n, mut d) = (0.0, 0.0);
                for &i in &members {
                    if let (Some(a), Some(c)) = (lnum[i], lden[i]) {
                        n += a;
                        d += c;
                    }
                }
                let what = format!("{} {} {} {}", ind.id, s.geography, s.period, area.code);
                // Apportioned shares are stored to 2 decimals and summed at full precision, so the
                // sum of the stored shares may differ from the stored sum by a hundredth or two.
                close(s.numerators.as_ref().expect("num")[k].expect("num"), n, 0.02, &what);
                close(s.denominators.as_ref().expect("den")[k].expect("den"), d, 0.02, &what);
                close(s.values[k].expect("value"), n / d * 100.0, 0.05 + 1e-9, &what);
            }
        }
    }
}

#[test]
fn stored_bundle_is_compact_and_loads_complete() {
    let (atlas, _, loaded, _) = need_raw!();
    let stored: Bundle = serde_json::from_slice(atlas).expect("bundle parses");
    for (g, full) in stored.geographies.iter().zip(&loaded.geographies) {
        let dissolved = g.id != "lsoa";
        assert_eq!(g.dissolved_from.as_deref(), dissolved.then_some("lsoa"), "{}", g.id);
        assert_eq!(g.areas.iter().all(|a| a.polygons.is_empty()), dissolved, "{}", g.id);
        assert!(full.areas.iter().all(|a| !a.polygons.is_empty()), "{}: every area has a shape once loaded", g.id);
    }
    let mut omitted = 0;
    for (ind, full) in stored.indicators.iter().zip(&loaded.indicators) {
        for (s, f) in ind.series.iter().zip(&full.series) {
            if s.values.is_empty() {
                assert!(s.numerators.is_some() && s.denominators.is_some(), "{} {}: counts", ind.id, s.geography);
                omitted += 1;
            } else {
                assert_eq!(s.values, f.values, "{} {}: stored values are used as they are", ind.id, s.geography);
            }
            assert_eq!(f.values.len(), full_len(loaded, &f.geography), "{} {}", ind.id, f.geography);
        }
    }
    assert!(omitted > 0, "series whose values follow from their counts omit them");
}

fn full_len(b: &Bundle, geography: &str) -> usize {
    b.geographies.iter().find(|g| g.id == geography).map_or(0, |g| g.areas.len())
}
