//! The exact-figures audit (issue 16), one test per finding, recomputed here from the raw files
//! and compared with the committed bundle as the widget loads it (values derived from counts)
//! and prints it (`format::value`). `bundle_values.rs` checks that the committed bundle is what
//! the builder makes. Skips (with a message) when the raw folder is absent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use work_health_atlas::format::value as printed;
use work_health_atlas::model::bundle::{Bundle, ComparatorValue, Series};
use work_health_atlas::model::Dataset;

fn raw_dir() -> Option<PathBuf> {
    let dir = std::env::var("ATLAS_RAW_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| databuild::workspace_root().join("../shared/data/raw"));
    dir.is_dir().then_some(dir)
}

macro_rules! need_raw {
    () => {
        match raw_dir() {
            Some(_) => shipped(),
            None => {
                println!("skipped: raw data folder not found");
                return;
            }
        }
    };
}

fn shipped() -> Bundle {
    let bytes = std::fs::read(databuild::workspace_root().join("data/atlas.json")).expect("data/atlas.json");
    Dataset::from_json(&bytes).expect("the widget loads the bundle").bundle
}

type Row = BTreeMap<String, String>;

fn csv_rows(rel: &str) -> Vec<Row> {
    let mut r = csv::Reader::from_path(raw_dir().expect("raw").join(rel)).expect("opens");
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

fn num(r: &Row, k: &str) -> f64 {
    r[k].parse().unwrap_or_else(|_| panic!("{k}={}", r[k]))
}

/// The source figure rounded once, half away from zero, as the widget prints it.
fn once(v: f64) -> String {
    let k = (v * 10.0).round();
    format!("{}{}.{}", if k < 0.0 { "-" } else { "" }, (k.abs() / 10.0).trunc(), k.abs() % 10.0)
}

fn series<'a>(b: &'a Bundle, ind: &str, geo: &str, period: &str) -> &'a Series {
    b.indicators
        .iter()
        .find(|i| i.id == ind)
        .and_then(|i| i.series.iter().find(|s| s.geography == geo && s.period == period))
        .unwrap_or_else(|| panic!("{ind} {geo} {period} missing"))
}

fn comparator<'a>(b: &'a Bundle, ind: &str, code: &str, period: &str) -> &'a ComparatorValue {
    b.indicators
        .iter()
        .find(|i| i.id == ind)
        .and_then(|i| i.comparator_values.iter().find(|c| c.code == code && c.period == period))
        .unwrap_or_else(|| panic!("{ind} {code} {period} missing"))
}

fn area(b: &Bundle, geo: &str, code: &str) -> usize {
    let g = b.geographies.iter().find(|g| g.id == geo).expect("layer");
    g.areas.iter().position(|a| a.code == code).unwrap_or_else(|| panic!("{geo} {code}"))
}

fn pct(v: Option<f64>) -> String {
    printed(v, 1, "%")
}

const LCR: &str = "E47000004";

#[test]
fn every_printed_figure_is_the_source_rounded_once() {
    let b = need_raw!();
    // No figure is stored with more decimals than the widget prints, so none can be rounded twice.
    for ind in &b.indicators {
        let f = 10f64.powi(i32::from(ind.decimals));
        let stored = ind
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .chain(ind.comparator_values.iter().map(|c| &c.value));
        for v in stored {
            assert_eq!((v * f).round() / f, *v, "{} stores {v} with more than {} decimals", ind.id, ind.decimals);
        }
    }
    // Health Index: every district, year and indicator, including Wirral 2018 and Halton 2021.
    let hi = csv_rows("health/ons_health_index_selected_indicators_ltla21_england_2015_2021.csv");
    let lads = &b.geographies[3].areas;
    for (ind, name) in [
        ("hi-unemployment", "Unemployment"),
        ("hi-disability", "Disability"),
        ("hi-life-expectancy", "Life expectancy"),
    ] {
        for r in hi.iter().filter(|r| r["indicator"] == name) {
            let Some(k) = lads.iter().position(|a| a.code == r["ltla21_code"]) else { continue };
            let s = series(&b, ind, "lad", &(num(r, "year") as u32).to_string());
            assert_eq!(printed(s.values[k], 1, ""), once(num(r, "value")), "{ind} {} {}", r["ltla21_code"], r["year"]);
        }
    }
    let s = series(&b, "hi-disability", "lad", "2018");
    assert_eq!(pct(s.values[area(&b, "lad", "E08000015")]), "23.8%", "Wirral 2018 (source 23.84696)");
    let s = series(&b, "hi-disability", "lad", "2021");
    assert_eq!(pct(s.values[area(&b, "lad", "E06000006")]), "28.6%", "Halton 2021 (source 28.645161)");
    // City-region economic inactivity: the six published district percentages weighted by their
    // Census 2021 residents aged 16+, rounded once (43.046713 → 43.0, not 43.05 → 43.1).
    let district: BTreeMap<String, String> = csv_rows("lookups/lcr_lsoa21_to_ward24_ltla24.csv")
        .into_iter()
        .map(|r| (r["lsoa21_code"].clone(), r["ltla24_code"].clone()))
        .collect();
    let mut adults: BTreeMap<String, f64> = BTreeMap::new();
    for r in csv_rows("population/census2021_usual_residents_by_age_lsoa21_lcr.csv") {
        if r["age_group"] != "Aged 15 years and under" {
            *adults.entry(district[&r["lsoa21_code"]].clone()).or_default() += num(&r, "usual_residents");
        }
    }
    let lad_pct = csv_rows("census/census2021_topics_pct_lad21_ew.csv");
    let (mut n, mut d) = (0.0, 0.0);
    for (code, w) in &adults {
        let p = lad_pct
            .iter()
            .find(|r| &r["area_code"] == code && r["category_code"] == "economic_activity_status_4a-003")
            .map(|r| num(r, "percent"))
            .expect("district row");
        n += p * w;
        d += w;
    }
    let lcr = comparator(&b, "economically-inactive", LCR, "2021");
    assert_eq!(pct(Some(lcr.value)), format!("{}%", once(n / d)));
    assert_eq!(pct(Some(lcr.value)), "43.0%");
}

#[test]
fn split_lsoas_keep_their_predecessors_rate_and_every_person() {
    let b = need_raw!();
    let lookup = csv_rows("lookups/lcr_lsoa11_to_lsoa21.csv");
    let r19: BTreeMap<String, Row> =
        csv_rows("imd/imd2019_lsoa11_lcr.csv").into_iter().map(|r| (r["lsoa11_code"].clone(), r)).collect();
    let mut kids: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &lookup {
        kids.entry(r["lsoa11_code"].as_str()).or_default().push(r["lsoa21_code"].as_str());
    }
    let mut checked = 0;
    for (ind, numc, denc) in [
        ("employment-deprivation", "employment_domain_numerator", "pop_working_age_emp_2015"),
        ("income-deprivation", "income_domain_numerator", "pop_total_2015"),
    ] {
        let s = series(&b, ind, "lsoa", "2019");
        for (old, new) in kids.iter().filter(|(_, k)| k.len() > 1) {
            let r = &r19[*old];
            let rate = num(r, numc) / num(r, denc) * 100.0;
            let mut total = 0.0;
            for code in new {
                let k = area(&b, "lsoa", code);
                assert_eq!(pct(s.values[k]), format!("{}%", once(rate)), "{ind} {code}, split from {old}");
                total += s.numerators.as_ref().expect("counts")[k].expect("count");
                checked += 1;
            }
            assert!((total - num(r, numc)).abs() < 0.02, "{ind} {old}: shares add up to {total}");
        }
        assert!(s.estimated, "{ind}: the LSOA series holds apportioned shares");
        assert!(series(&b, ind, "ward", "2019").estimated, "{ind}: six wards hold part of a split");
        assert!(!series(&b, ind, "lad", "2019").estimated, "{ind}: every split lies within one district");
    }
    assert_eq!(checked, 2 * 33);
    // The 3-way split of E01033764 (555 people) no longer adds one.
    let s = series(&b, "employment-deprivation", "msoa", "2019");
    assert_eq!(s.numerators.as_ref().expect("counts")[area(&b, "msoa", "E02001368")], Some(1185.0));
    let s = series(&b, "employment-deprivation", "lad", "2019");
    assert_eq!(s.numerators.as_ref().expect("counts")[area(&b, "lad", "E08000012")], Some(54225.0));
    assert_eq!(comparator(&b, "employment-deprivation", LCR, "2019").numerator, Some(149565.0));
}

#[test]
fn district_2025_figures_are_mhclgs_published_ones() {
    let b = need_raw!();
    let file10: BTreeMap<String, Row> =
        csv_rows("imd/imd2025_ltla24_england.csv").into_iter().map(|r| (r["ltla24_code"].clone(), r)).collect();
    for (ind, domain) in [("employment-deprivation", "employment"), ("income-deprivation", "income")] {
        let s = series(&b, ind, "lad", "2025");
        let (mut scale, mut people) = (0.0, 0.0);
        for (k, a) in b.geographies[3].areas.iter().enumerate() {
            let r = &file10[&a.code];
            let (score, n) = (num(r, &format!("{domain}_average_score")), num(r, &format!("{domain}_scale")));
            assert_eq!(pct(s.values[k]), format!("{}%", once(score * 100.0)), "{ind} {}", a.name);
            assert_eq!(s.numerators.as_ref().expect("scale")[k], Some(n), "{ind} {}", a.name);
            scale += n;
            people += n / score;
        }
        assert!(s.method.contains("File 10"), "{}", s.method);
        // No city-region figure is published: the districts' figures combined, and said so.
        let lcr = comparator(&b, ind, LCR, "2025");
        assert_eq!(pct(Some(lcr.value)), format!("{}%", once(scale / people * 100.0)), "{ind} city region");
        assert!(lcr.estimated && lcr.method.contains("publish no city-region figure"), "{}", lcr.method);
    }
    let s = series(&b, "employment-deprivation", "lad", "2025");
    assert_eq!(pct(s.values[area(&b, "lad", "E06000006")]), "19.9%", "Halton: File 10 prints 19.9, not 20.1");
}

#[test]
fn every_msoa_code_names_its_official_area() {
    let b = need_raw!();
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(raw_dir().expect("raw").join("boundaries/lcr_msoa21_bsc.geojson")).expect("file"),
    )
    .expect("json");
    let official: BTreeMap<String, String> = doc["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| {
            (
                f["properties"]["MSOA21CD"].as_str().expect("code").into(),
                f["properties"]["MSOA21NM"].as_str().expect("name").into(),
            )
        })
        .collect();
    let lsoas = &b.geographies[0].areas;
    let msoas = &b.geographies[1].areas;
    assert_eq!(msoas.len(), official.len() + 1, "the 200 MSOAs of the file and St. Helens 025, built from its LSOAs");
    for m in msoas {
        let members: BTreeSet<&str> =
            lsoas.iter().filter(|l| l.parents["msoa"] == m.code).map(|l| &l.name[..l.name.len() - 1]).collect();
        assert_eq!(members, BTreeSet::from([m.name.as_str()]), "{}: only LSOAs named after it", m.code);
        match official.get(&m.code) {
            Some(name) => assert_eq!(name, &m.name, "{}", m.code),
            None => assert!(m.code.starts_with("NOCODE-") && m.name == "St. Helens 025", "{} is not ONS's", m.code),
        }
    }
    // E02006935 is ONS's St. Helens 024 again: its figures are ONS's.
    let k = area(&b, "msoa", "E02006935");
    assert_eq!(pct(series(&b, "disability", "msoa", "2021").values[k]), "27.0%");
    let topics = csv_rows("census/census2021_topics_pct_msoa21_lcr.csv");
    for (ind, cat) in
        [("economically-inactive", "economic_activity_status_4a-003"), ("bad-health", "health_in_general_4a-003")]
    {
        let s = series(&b, ind, "msoa", "2021");
        for (k, m) in msoas.iter().enumerate() {
            let published = topics.iter().find(|r| r["msoa21_code"] == m.code && r["category_code"] == cat);
            assert_eq!(pct(s.values[k]), pct(published.map(|r| num(r, "percent"))), "{ind} {}", m.code);
        }
    }
}

#[test]
fn attribution_names_only_the_sources_used() {
    let b = need_raw!();
    let all = b.meta.attribution.join(" ");
    assert!(!all.contains("population estimates"), "{all}");
    // Census 2011 is cited because, and only while, an indicator has a Census 2011 period (the
    // household-deprivation indicators).
    let census_2011 = b.indicators.iter().any(|i| i.periods.iter().any(|p| p.label == "Census 2011"));
    assert_eq!(all.contains("Census 2011"), census_2011, "{all}");
    for used in ["2021", "Health Index", "English Indices of Deprivation 2010, 2019 & 2025", "Open Government Licence"]
    {
        assert!(all.contains(used), "{used}: {all}");
    }
}

#[test]
fn districts_carry_their_official_names() {
    let b = need_raw!();
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(raw_dir().expect("raw").join("boundaries/lcr_lad24.geojson")).expect("file"),
    )
    .expect("json");
    let official: BTreeMap<&str, &str> = doc["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| {
            (f["properties"]["LAD24CD"].as_str().expect("code"), f["properties"]["LAD24NM"].as_str().expect("name"))
        })
        .collect();
    for a in &b.geographies[3].areas {
        assert_eq!(official.get(a.code.as_str()), Some(&a.name.as_str()), "{}", a.code);
    }
    assert_eq!(b.geographies[3].areas[area(&b, "lad", "E08000013")].name, "St. Helens");
}
