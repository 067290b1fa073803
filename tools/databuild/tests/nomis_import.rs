//! The Nomis importer on the SYNTHETIC claimant-count fixture (real Nomis layout, made-up
//! numbers): the indicator it adds to `data/atlas.json`, the sums on every higher layer, loading
//! in the widget, byte-identical re-runs, and one located message per kind of broken input.
//! Everything is written under the test temp dir; `data/` is only read.

use databuild::nomis::{self, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use work_health_atlas::model::bundle::{Bundle, Indicator, Series};
use work_health_atlas::model::Dataset;

const ID: &str = "claimant-count-synthetic";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn csv_fixture() -> PathBuf {
    fixture("nomis_claimant_count_SYNTHETIC.csv")
}

fn meta_fixture() -> PathBuf {
    fixture("nomis_claimant_count_SYNTHETIC.meta.json")
}

fn atlas() -> PathBuf {
    databuild::workspace_root().join("data/atlas.json")
}

/// A fresh, empty directory for one test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nomis_import").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(input: &Path, out: &Path) -> Result<(), String> {
    let args: Vec<String> = ["--bundle", &atlas().display().to_string()]
        .into_iter()
        .map(String::from)
        .chain(["--input".into(), input.display().to_string()])
        .chain(["--meta".into(), meta_fixture().display().to_string()])
        .chain(["--out".into(), out.display().to_string()])
        .collect();
    nomis::run(&args)
}

fn load(path: &Path) -> Bundle {
    serde_json::from_slice(&std::fs::read(path).expect("read bundle")).expect("bundle parses")
}

fn indicator(bundle: &Bundle) -> &Indicator {
    bundle.indicators.iter().find(|i| i.id == ID).expect("indicator added")
}

fn series<'a>(ind: &'a Indicator, geography: &str, period: &str) -> &'a Series {
    ind.series.iter().find(|s| s.geography == geography && s.period == period).expect("series present")
}

/// (LSOA code, period id) → count, read straight from the CSV with the csv crate.
fn csv_counts(path: &Path) -> BTreeMap<(String, String), f64> {
    let mut reader = csv::Reader::from_path(path).expect("fixture opens");
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (code, date, value) = (col("GEOGRAPHY_CODE"), col("DATE"), col("OBS_VALUE"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            ((r[code].to_string(), r[date].to_string()), r[value].parse().expect("number"))
        })
        .collect()
}

/// Imports the fixture once into `dir/out.json` and returns the result.
fn imported(dir: &Path) -> Bundle {
    let out = dir.join("out.json");
    run(&csv_fixture(), &out).expect("fixture imports");
    load(&out)
}

/// Checks every area of every higher layer: the sum of its LSOAs when all have a count, else
/// null. Returns how many areas had a sum.
fn check_sums(bundle: &Bundle, ind: &Indicator, period: &str) -> usize {
    let lsoa = bundle.geographies.iter().find(|g| g.id == "lsoa").expect("lsoa layer");
    let counts = &series(ind, "lsoa", period).values;
    let mut summed = 0;
    for layer in bundle.geographies.iter().filter(|g| g.id != "lsoa") {
        let s = series(ind, &layer.id, period);
        assert_eq!(s.numerators.as_ref(), Some(&s.values), "{}: numerators are the counts", layer.id);
        assert_eq!(s.denominators, None, "{}: no denominator is invented", layer.id);
        for (i, area) in layer.areas.iter().enumerate() {
            let members: Vec<Option<f64>> = lsoa
                .areas
                .iter()
                .zip(counts)
                .filter(|(a, _)| a.parents.get(&layer.id) == Some(&area.code))
                .map(|(_, v)| *v)
                .collect();
            let expected = (!members.is_empty() && members.iter().all(Option::is_some))
                .then(|| members.iter().flatten().sum::<f64>());
            assert_eq!(s.values[i], expected, "{} {} {period}", layer.id, area.code);
            summed += usize::from(expected.is_some());
        }
    }
    summed
}

#[test]
fn fixture_is_labelled_synthetic() {
    let meta = std::fs::read_to_string(meta_fixture()).expect("meta");
    let meta: serde_json::Value = serde_json::from_str(&meta).expect("json");
    for field in ["label", "definition"] {
        assert!(meta[field].as_str().is_some_and(|s| s.contains("SYNTHETIC test data")), "{field}");
    }
}

#[test]
fn import_adds_monthly_periods_and_lsoa_values_equal_the_csv() {
    let before = std::fs::read(atlas()).expect("atlas");
    let dir = temp_dir("adds");
    let bundle = imported(&dir);
    assert_eq!(std::fs::read(atlas()).expect("atlas"), before, "the shipped bundle must not change");
    let original: Bundle = serde_json::from_slice(&before).expect("atlas parses");
    assert_eq!(bundle.indicators.len(), original.indicators.len() + 1);
    let ind = indicator(&bundle);
    let periods: Vec<(&str, &str)> = ind.periods.iter().map(|p| (p.id.as_str(), p.label.as_str())).collect();
    assert_eq!(periods, [("2024-01", "Jan 2024"), ("2024-02", "Feb 2024"), ("2024-03", "Mar 2024")]);
    assert_eq!(ind.periods[2].reference, "SYNTHETIC count for March 2024");

    let lsoa = &bundle.geographies[0];
    let expected = csv_counts(&csv_fixture());
    assert_eq!(expected.len(), 18);
    for period in ["2024-01", "2024-02", "2024-03"] {
        let s = series(ind, "lsoa", period);
        assert_eq!(s.values.len(), lsoa.areas.len());
        assert_eq!(s.numerators.as_ref(), Some(&s.values));
        assert_eq!(s.denominators, None);
        for (area, value) in lsoa.areas.iter().zip(&s.values) {
            assert_eq!(*value, expected.get(&(area.code.clone(), period.to_string())).copied(), "{}", area.code);
        }
    }
}

#[test]
fn higher_layers_are_sums_of_lsoa_counts() {
    let dir = temp_dir("sums");
    let bundle = imported(&dir);
    let ind = indicator(&bundle);
    for period in ["2024-01", "2024-02", "2024-03"] {
        // The six LSOAs are the whole of MSOA St. Helens 001 and of Rainford ward; no district
        // is complete, so every district is null and there is no city-region value.
        assert_eq!(check_sums(&bundle, ind, period), 2, "{period}");
    }
    let msoa = bundle.geographies.iter().find(|g| g.id == "msoa").expect("msoa");
    let i = msoa.areas.iter().position(|a| a.code == "E02001406").expect("St. Helens 001");
    assert_eq!(series(ind, "msoa", "2024-01").values[i], Some(150.0));
    assert!(ind.comparator_values.is_empty());
}

#[test]
fn a_complete_file_gives_district_and_city_region_sums() {
    // Every LSOA, web-download header style (lower case, `date name`, `value`) — also checks
    // the header variants.
    let dir = temp_dir("complete");
    let atlas = load(&atlas());
    let mut csv = String::from("date name,geography,geography code,measures name,value\n");
    for (i, area) in atlas.geographies[0].areas.iter().enumerate() {
        csv.push_str(&format!("June 2024,{},{},Value,{}\n", area.name, area.code, i % 40 * 5));
        csv.push_str(&format!("June 2024,{},{},Percent,1.5\n", area.name, area.code));
    }
    let input = dir.join("complete_SYNTHETIC.csv");
    std::fs::write(&input, csv).expect("write csv");
    let out = dir.join("out.json");
    run(&input, &out).expect("imports");
    let bundle = load(&out);
    let ind = indicator(&bundle);
    assert_eq!(ind.periods[0].id, "2024-06");
    let lads = bundle.geographies.iter().find(|g| g.id == "lad").expect("lad").areas.len();
    let summed = check_sums(&bundle, ind, "2024-06");
    assert!(summed >= lads, "districts are summed ({summed})");
    let total: f64 = series(ind, "lsoa", "2024-06").values.iter().flatten().sum();
    let lcr = ind.comparator_values.iter().find(|c| c.code == "E47000004").expect("city region value");
    assert_eq!((lcr.value, lcr.numerator, lcr.denominator), (total, Some(total), None));
}

#[test]
fn result_loads_in_the_widget() {
    let dir = temp_dir("loads");
    let bundle = imported(&dir);
    let dataset = Dataset::from_bundle(bundle).expect("the widget loads the result");
    assert!(dataset.series(ID, "lsoa", "2024-03").is_some());
    let bytes = std::fs::read(dir.join("out.json")).expect("out");
    Dataset::from_json(&bytes).expect("and from its bytes");
}

#[test]
fn a_second_import_is_byte_identical_and_replaces() {
    let dir = temp_dir("repeat");
    let (a, b, c) = (dir.join("a.json"), dir.join("b.json"), dir.join("c.json"));
    run(&csv_fixture(), &a).expect("first");
    run(&csv_fixture(), &b).expect("second");
    assert!(std::fs::read(&a).expect("a") == std::fs::read(&b).expect("b"), "re-runs differ");
    // Importing again into the result replaces the indicator instead of adding a second one.
    let opts = Options { bundle: a.clone(), input: csv_fixture(), meta: meta_fixture(), out: c.clone() };
    let again = nomis::import_files(&opts).expect("re-import");
    assert!(again.bytes == std::fs::read(&a).expect("a"), "replacing is not idempotent");
    assert!(!c.exists(), "import_files writes nothing");
}

/// Writes the fixture with line `line` (1-based) edited by `edit`, runs the import and returns
/// the error text; checks that nothing was written.
fn broken(test: &str, edit: impl Fn(usize, &str) -> Option<String>) -> (PathBuf, String) {
    let dir = temp_dir(test);
    let text = std::fs::read_to_string(csv_fixture()).expect("fixture");
    let mut lines: Vec<String> = Vec::new();
    for (i, l) in text.lines().enumerate() {
        lines.extend(edit(i + 1, l));
    }
    let input = dir.join("broken.csv");
    std::fs::write(&input, lines.join("\n") + "\n").expect("write");
    let out = dir.join("out.json");
    let err = run(&input, &out).expect_err("broken input must fail");
    assert!(!out.exists(), "nothing may be written on error");
    assert!(err.contains("nothing written"), "{err}");
    (input, err)
}

fn assert_has(err: &str, input: &Path, located: &str) {
    let needle = format!("error: {}:{located}", input.display());
    assert!(err.contains(&needle), "missing\n  {needle}\nin\n{err}");
}

#[test]
fn unknown_area_code_is_located() {
    let (input, err) =
        broken("unknown", |n, l| Some(if n == 3 { l.replace("E01006883", "E01999999") } else { l.into() }));
    assert_has(&err, &input, "3 column GEOGRAPHY_CODE (E01999999): unknown area code \"E01999999\"");
}

#[test]
fn duplicate_row_is_located_with_the_first() {
    let text = std::fs::read_to_string(csv_fixture()).expect("fixture");
    let second = text.lines().nth(1).expect("row").to_string();
    let (input, err) = broken("duplicate", |n, l| Some(if n == 19 { format!("{l}\n{second}") } else { l.into() }));
    assert_has(
        &err,
        &input,
        "20 column GEOGRAPHY_CODE (E01006882): duplicate row for E01006882 2024-01 (first at line 2)",
    );
}

#[test]
fn bad_date_is_located() {
    let (input, err) = broken("date", |n, l| Some(if n == 4 { l.replace("2024-01", "2024-13") } else { l.into() }));
    assert_has(&err, &input, "4 column DATE_CODE (E01006884): unparseable date \"2024-13\"");
}

#[test]
fn negative_non_numeric_and_non_finite_values_are_located() {
    // Line 5 is E01006885 in January 2024, count 10.
    let (input, err) =
        broken("values", |n, l| Some(if n == 5 { l.replacen("\"Value\",10,", "\"Value\",-5,", 1) } else { l.into() }));
    assert_has(&err, &input, "5 column OBS_VALUE (E01006885): negative value \"-5\"");

    let (input, err) = broken("values2", |n, l| {
        Some(match n {
            6 => l.replacen("\"Value\",45,", "\"Value\",abc,", 1),
            7 => l.replacen("\"Value\",25,", "\"Value\",NaN,", 1),
            _ => l.into(),
        })
    });
    assert_has(&err, &input, "6 column OBS_VALUE (E01006886): not a number: \"abc\"");
    assert_has(&err, &input, "7 column OBS_VALUE (E01006887): non-finite value \"NaN\"");
}

#[test]
fn missing_column_is_located_at_the_header() {
    // Drop OBS_VALUE from every line (it is the 33rd field; no field before it holds a comma).
    let (input, err) = broken("column", |_, l| {
        let mut fields: Vec<&str> = l.split(',').collect();
        fields.remove(32);
        Some(fields.join(","))
    });
    assert_has(&err, &input, "1: missing column \"value\"");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let (input, err) = broken("many", |n, l| {
        Some(match n {
            3 => l.replace("E01006883", "E01999999"),
            4 => l.replace("2024-01", "2024-13"),
            5 => l.replacen("\"Value\",10,", "\"Value\",-10,", 1),
            _ => l.into(),
        })
    });
    assert_has(&err, &input, "3 column GEOGRAPHY_CODE (E01999999)");
    assert_has(&err, &input, "4 column DATE_CODE (E01006884)");
    assert_has(&err, &input, "5 column OBS_VALUE (E01006885)");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn missing_flags_are_refused_with_usage() {
    let err = nomis::run(&["--input".to_string(), "x.csv".to_string()]).expect_err("needs --meta and --out");
    assert!(err.contains("missing --meta") && err.contains("usage"), "{err}");
    let err = nomis::run(&["--bogus".to_string()]).expect_err("unknown flag");
    assert!(err.contains("unknown argument"), "{err}");
}
