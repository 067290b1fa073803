//! `databuild import` and `databuild build --overlay`, on SYNTHETIC fixtures (real areas of
//! `data/atlas.json`, made-up numbers) against the committed `data/atlas.json` and
//! `data/lookups.json`: the overlay written, its check with the importer's own `check_overlay`,
//! folding it with the build's code path, the sums on larger areas, byte-identical re-runs, the
//! community template with and without `--meta`, and located problems for broken files.
//! Everything is written under the test temp dir; `data/` is only read.

use databuild::build::{build_all_with, check_bundle};
use databuild::diag::{line, Diagnostics};
use databuild::import::{import_files, Options};
use databuild::overlays::{fold, OverlayText};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use work_health_atlas::import::{check_overlay, Reference, Severity};
use work_health_atlas::model::bundle::{Bundle, Indicator, Series};
use work_health_atlas::model::Dataset;

const NOMIS: &str = "claimant_count_nomis_api_SYNTHETIC.csv";
const TEMPLATE: &str = "community_template_SYNTHETIC.csv";
const TEMPLATE_META: &str = "community_template_SYNTHETIC.meta.json";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn data(name: &str) -> PathBuf {
    databuild::workspace_root().join("data").join(name)
}

fn committed_bundle() -> Bundle {
    serde_json::from_slice(&std::fs::read(data("atlas.json")).expect("atlas")).expect("the committed bundle parses")
}

fn committed_reference() -> Reference {
    Reference::from_json(&std::fs::read_to_string(data("lookups.json")).expect("lookups")).expect("lookups parse")
}

/// A fresh, empty directory for one test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import_cli").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// What a run of the binary gave.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `databuild` with `args` (the defaults read the committed `data/` files).
fn databuild(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_databuild")).args(args).output().expect("databuild runs");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `databuild import --input INPUT --out OUT [--meta META]`.
fn import(input: &Path, out: &Path, meta: Option<&Path>) -> Run {
    let (input, out) = (input.display().to_string(), out.display().to_string());
    let meta = meta.map(|m| m.display().to_string());
    let mut args = vec!["import", "--input", &input, "--out", &out];
    if let Some(m) = &meta {
        args.extend(["--meta", m.as_str()]);
    }
    databuild(&args)
}

fn options(input: &Path, meta: Option<&Path>) -> Options {
    Options {
        input: input.to_path_buf(),
        out: PathBuf::from("unused.json"),
        meta: meta.map(Path::to_path_buf),
        bundle: data("atlas.json"),
        lookups: data("lookups.json"),
    }
}

/// The overlay made from `input` by the library (nothing written).
fn overlay_of(input: &Path, meta: Option<&Path>) -> String {
    import_files(&options(input, meta)).expect("imports").overlay.expect("an overlay is made")
}

fn series<'a>(ind: &'a Indicator, geography: &str, period: &str) -> &'a Series {
    ind.series.iter().find(|s| s.geography == geography && s.period == period).expect("series present")
}

/// Checks `text` as the browser does; fails on any error; returns the indicators.
fn checked(text: &str) -> Vec<Indicator> {
    let checked = check_overlay(&committed_bundle(), text, "overlay.json");
    let errors: Vec<_> = checked.problems.iter().filter(|p| p.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    checked.indicators
}

/// (GEOGRAPHY_CODE, DATE) → OBS_VALUE, read straight from a Nomis API CSV with the csv crate.
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

#[test]
fn a_synthetic_nomis_api_file_becomes_an_overlay_that_passes_the_overlay_check() {
    let before = std::fs::read(data("atlas.json")).expect("atlas");
    let dir = temp_dir("nomis");
    let out = dir.join("claimants.json");
    let run = import(&fixture(NOMIS), &out, None);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.is_empty(), "no problems expected: {}", run.stderr);
    assert!(
        run.stdout
            .contains("Read 15 rows: 3 months (Jan 2023 – Mar 2023) for 5 LSOAs; added “SYNTHETIC Claimant rate”"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&format!("wrote {}: 1 indicator(s) (claimant-rate)", out.display())), "{}", run.stdout);
    assert!(!run.stdout.contains("left out"), "{}", run.stdout);
    assert_eq!(std::fs::read(data("atlas.json")).expect("atlas"), before, "the shipped bundle must not change");

    let text = std::fs::read_to_string(&out).expect("overlay written");
    assert!(!dir.join("claimants.json.tmp").exists(), "the temp file is renamed");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["schema"], "work-health-atlas/overlay");
    assert_eq!(json["version"], 1);
    assert_eq!(json["synthetic"], true, "the file name says SYNTHETIC");

    let indicators = checked(&text);
    assert_eq!(indicators.len(), 1);
    let ind = &indicators[0];
    assert_eq!(ind.id, "claimant-rate");
    assert!(ind.label.starts_with("SYNTHETIC "), "{}", ind.label);
    assert!(ind.source.edition.ends_with("SYNTHETIC test data, not real figures"), "{}", ind.source.edition);
    let periods: Vec<&str> = ind.periods.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(periods, ["2023-01", "2023-02", "2023-03"]);

    // LSOA counts are the CSV's, the denominators the committed residents aged 16–64.
    let bundle = committed_bundle();
    let reference = committed_reference();
    let expected = csv_counts(&fixture(NOMIS));
    assert_eq!(expected.len(), 15);
    for period in periods {
        let s = series(ind, "lsoa", period);
        let (numerators, denominators) =
            (s.numerators.as_ref().expect("counts"), s.denominators.as_ref().expect("dens"));
        assert_eq!(numerators.len(), bundle.geographies[0].areas.len());
        for (i, area) in bundle.geographies[0].areas.iter().enumerate() {
            let count = expected.get(&(area.code.clone(), period.to_string())).copied();
            assert_eq!(numerators[i], count, "{} {period}", area.code);
            if count.is_some() {
                assert_eq!(denominators[i], reference.residents(&area.code), "{} {period}", area.code);
            }
        }
    }
}

#[test]
fn folding_the_overlay_with_the_build_code_gives_a_bundle_that_passes_validation() {
    let text = overlay_of(&fixture(NOMIS), None);
    let original = checked(&text).remove(0);
    let mut bundle = committed_bundle();
    let shipped = bundle.indicators.len();
    let mut diags = Diagnostics::default();
    let report = fold(&mut bundle, &[OverlayText { origin: "claimants.json".into(), text }], &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.errors().map(line).collect::<Vec<_>>());
    assert_eq!(report, ["claimants.json: added 1 indicator(s): claimant-rate"]);
    let warnings: Vec<String> = diags.warnings().map(line).collect();
    assert_eq!(
        warnings,
        ["warning: claimants.json indicators[claimant-rate]: holds SYNTHETIC test figures, not real ones (they are labelled so)"]
    );
    assert_eq!(bundle.indicators.len(), shipped + 1);
    assert_eq!(bundle.indicators[shipped].id, "claimant-rate");

    check_bundle(&bundle, &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.errors().map(line).collect::<Vec<_>>());
    let bytes = databuild::output::to_json(&bundle).expect("serialises");
    let dataset = Dataset::from_json(&bytes).expect("the widget loads the folded bundle");
    // The widget gives back every value the overlay had, whether stored or derived from the counts.
    for s in &original.series {
        let loaded = dataset.series("claimant-rate", &s.geography, &s.period).expect("series");
        assert_eq!(loaded.values, s.values, "{}/{}", s.geography, s.period);
        assert_eq!(loaded.numerators, s.numerators);
    }
}

#[test]
fn larger_areas_and_the_city_region_are_sums_of_lsoa_counts() {
    // Every LSOA for one month, so every MSOA, ward and district is complete.
    let bundle = committed_bundle();
    let dir = temp_dir("complete");
    let header = std::fs::read_to_string(fixture(NOMIS)).expect("fixture").lines().next().expect("header").to_string();
    let mut csv = header + "\n";
    for (i, area) in bundle.geographies[0].areas.iter().enumerate() {
        let count = i % 40 * 5;
        csv.push_str(&format!(
            "2024-06,June 2024,2024-06,date,0,0,1,{name},{code},2021 super output areas - lower layer,151,{i},0,Total,0,sex,0,0,0,All categories: Age 16+,0,age,0,0,1,Claimant count,1,measure,0,0,20100,Value,{count},A,Normal Value,F,Free,x,{i},{n}\n",
            name = area.name,
            code = area.code,
            n = bundle.geographies[0].areas.len()
        ));
    }
    let input = dir.join("every_lsoa_SYNTHETIC.csv");
    std::fs::write(&input, csv).expect("write csv");
    let ind = checked(&overlay_of(&input, None)).remove(0);
    let lsoa = &bundle.geographies[0];
    let counts = series(&ind, "lsoa", "2024-06").numerators.clone().expect("counts");
    let residents = series(&ind, "lsoa", "2024-06").denominators.clone().expect("residents");
    for layer in bundle.geographies.iter().skip(1) {
        let s = series(&ind, &layer.id, "2024-06");
        for (i, area) in layer.areas.iter().enumerate() {
            let members: Vec<usize> =
                (0..lsoa.areas.len()).filter(|&j| lsoa.areas[j].parents.get(&layer.id) == Some(&area.code)).collect();
            let sum = |v: &[Option<f64>]| -> Option<f64> {
                let m: Vec<Option<f64>> = members.iter().map(|&j| v[j]).collect();
                (!m.is_empty() && m.iter().all(Option::is_some)).then(|| m.iter().flatten().sum())
            };
            assert_eq!(s.numerators.as_ref().expect("counts")[i], sum(&counts), "{} {}", layer.id, area.code);
            assert_eq!(s.denominators.as_ref().expect("residents")[i], sum(&residents), "{} {}", layer.id, area.code);
        }
    }
    let total: f64 = counts.iter().flatten().sum();
    let region = ind.comparator_values.iter().find(|c| c.code == "E47000004").expect("city region value");
    assert_eq!(region.numerator, Some(total));
}

#[test]
fn re_runs_are_byte_identical() {
    let dir = temp_dir("repeat");
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    assert!(import(&fixture(NOMIS), &a, None).ok);
    assert!(import(&fixture(NOMIS), &b, None).ok);
    let bytes = std::fs::read(&a).expect("a");
    assert!(bytes == std::fs::read(&b).expect("b"), "re-runs differ");
    assert!(bytes == overlay_of(&fixture(NOMIS), None).into_bytes(), "the binary writes what the library makes");
}

#[test]
fn a_template_needs_meta_and_says_so_then_imports_with_it() {
    let dir = temp_dir("template");
    let out = dir.join("helped.json");
    let run = import(&fixture(TEMPLATE), &out, None);
    assert!(!run.ok, "a template without --meta must fail");
    assert!(!out.exists(), "nothing may be written");
    assert!(run.stdout.contains("describe the figures (name, unit, source, licence) to add them"), "{}", run.stdout);
    for needle in [
        "nothing written:",
        "is not a dataset the atlas recognises, so its figures need a description (--meta META.json)",
        "--meta takes a SeriesMeta JSON file:",
        "\"polarity\": \"higher-is-better\",   (or \"higher-is-worse\", \"neither\")",
        "A start for this file",
        "\"name\": \"Community template SYNTHETIC\"",
    ] {
        assert!(run.stderr.contains(needle), "missing {needle:?} in\n{}", run.stderr);
    }

    let run = import(&fixture(TEMPLATE), &out, Some(&fixture(TEMPLATE_META)));
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("warning: community_template_SYNTHETIC.csv: 1 figure withheld by the publisher (line 7)"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&out).expect("overlay");
    let ind = checked(&text).remove(0);
    assert_eq!(ind.id, "people-helped-into-work");
    assert_eq!(ind.label, "SYNTHETIC People helped into work", "the meta's source says SYNTHETIC");
    let ward = &committed_bundle().geographies[2];
    let at = ward.areas.iter().position(|a| a.name == "Ainsdale").expect("Ainsdale");
    assert_eq!(series(&ind, "ward", "2024-Q1").values[at], Some(15.0));
}

#[test]
fn a_bad_meta_file_is_refused_with_the_format() {
    let dir = temp_dir("bad_meta");
    let meta = dir.join("meta.json");
    std::fs::write(&meta, r#"{"name":"x","unit":"%","polarity":"up"}"#).expect("write");
    let out = dir.join("o.json");
    let run = import(&fixture(TEMPLATE), &out, Some(&meta));
    assert!(!run.ok && !out.exists());
    assert!(run.stderr.contains("error: meta ") && run.stderr.contains("unknown variant `up`"), "{}", run.stderr);
    assert!(run.stderr.contains("--meta takes a SeriesMeta JSON file"), "{}", run.stderr);
}

/// Writes `lines` (joined with newlines) as `dir/name`.
fn write_lines(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    path
}

/// Asserts that `stderr` has a line starting `error: PLACE`.
fn assert_error(stderr: &str, start: &str) {
    let needle = format!("error: {start}");
    assert!(stderr.lines().any(|l| l.starts_with(&needle)), "missing\n  {needle}\nin\n{stderr}");
}

#[test]
fn a_broken_template_lists_located_problems_and_keeps_the_good_rows() {
    let dir = temp_dir("broken_template");
    let rows = [
        "area,period,numerator,denominator",
        "Ainsdale,2024-Q1,12,80",
        "E01099999,2024-Q1,4,40",
        "Ainsdale,2024-Q1,12,80",
        "Birkdale,2024-Q1,twelve,80",
        "Birkdale,2024-Q2,-3,80",
        "E05000934,2024-Q1,90,80",
        "E05000934,2024-03,5,50",
        "Birkdale,2024-Q3,7,55",
    ];
    let input = write_lines(&dir, "broken_SYNTHETIC.csv", &rows.map(String::from));
    let out = dir.join("o.json");
    let run = import(&input, &out, Some(&fixture(TEMPLATE_META)));
    assert!(run.ok, "good rows are kept: {}\n{}", run.stdout, run.stderr);
    let errors = [
        "broken_SYNTHETIC.csv:3 area \"E01099999\": unknown area code — ",
        "broken_SYNTHETIC.csv:4 area \"Ainsdale\": same area and period as line 2 — ",
        "broken_SYNTHETIC.csv:5 numerator \"twelve\": not a number — ",
        "broken_SYNTHETIC.csv:6 numerator \"-3\": negative count — ",
        "broken_SYNTHETIC.csv:7 numerator \"90\": numerator is larger than the denominator — ",
        "broken_SYNTHETIC.csv:8 period \"2024-03\": mixed period kinds",
    ];
    for e in errors {
        assert_error(&run.stderr, e);
    }
    assert!(run.stdout.contains("6 rows left out because of errors"), "{}", run.stdout);
    let ind = checked(&std::fs::read_to_string(&out).expect("overlay")).remove(0);
    let periods: Vec<&str> = ind.periods.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(periods, ["2024-Q1", "2024-Q3"], "only the good rows' periods");
}

#[test]
fn a_broken_nomis_file_lists_every_problem_with_its_place() {
    let dir = temp_dir("broken_nomis");
    let text = std::fs::read_to_string(fixture(NOMIS)).expect("fixture");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let second = lines[1].clone();
    lines[2] = lines[2].replace("E01006413", "E01999999");
    lines[3] = lines[3].replace("2023-01", "2023-13");
    lines[4] = lines[4].replace(",Value,90,", ",Value,-10,");
    lines[5] = lines[5].replace(",Value,40,", ",Value,abc,");
    lines.push(second);
    let input = write_lines(&dir, "broken_SYNTHETIC.csv", &lines);
    let run = import(&input, &dir.join("o.json"), None);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_error(&run.stderr, "broken_SYNTHETIC.csv:3 GEOGRAPHY_CODE \"E01999999\": ");
    assert_error(&run.stderr, "broken_SYNTHETIC.csv:4 DATE_CODE \"2023-13\": not a period — ");
    assert_error(&run.stderr, "broken_SYNTHETIC.csv:5 OBS_VALUE \"-10\": ");
    assert_error(&run.stderr, "broken_SYNTHETIC.csv:6 OBS_VALUE \"abc\": ");
    assert_error(&run.stderr, "broken_SYNTHETIC.csv:17 GEOGRAPHY_CODE \"E01006412\": ");
    assert!(run.stdout.contains("5 rows left out because of errors"), "{}", run.stdout);
}

#[test]
fn a_file_with_nothing_usable_writes_nothing() {
    let dir = temp_dir("nothing");
    // Only percentages, no counts: every row is a breakdown the importer skips.
    let text = std::fs::read_to_string(fixture(NOMIS)).expect("fixture");
    let lines: Vec<String> = text.lines().map(|l| l.replace(",20100,Value,", ",20301,Percent,")).collect();
    let input = write_lines(&dir, "percent_SYNTHETIC.csv", &lines);
    let out = dir.join("o.json");
    let run = import(&input, &out, None);
    assert!(!run.ok);
    assert_error(&run.stderr, "percent_SYNTHETIC.csv: all 15 rows are breakdowns or rates — choose the measure");
    assert!(run.stderr.contains("nothing written: no indicator could be made from"), "{}", run.stderr);

    let binary = dir.join("sheet.xlsx");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00\x00binary").expect("write");
    let run = import(&binary, &out, None);
    assert!(!run.ok);
    assert_error(&run.stderr, "sheet.xlsx \"binary content\": not a CSV file — save the sheet as CSV");
    assert!(!out.exists() && !dir.join("o.json.tmp").exists(), "nothing may be written");
}

#[test]
fn flags_are_checked_and_the_old_nomis_command_is_gone() {
    let run = databuild(&["import", "--input", "x.csv"]);
    assert!(!run.ok && run.stderr.contains("missing --out") && run.stderr.contains("usage: databuild import"));
    let run = databuild(&["import", "--bogus", "1"]);
    assert!(!run.ok && run.stderr.contains("unknown argument \"--bogus\""), "{}", run.stderr);
    let run = databuild(&["import", "--input", "/nonexistent/x.csv", "--out", "o.json"]);
    assert!(!run.ok && run.stderr.contains("error: input /nonexistent/x.csv"), "{}", run.stderr);
    let run = databuild(&["nomis", "--input", "x.csv"]);
    assert!(!run.ok && run.stderr.starts_with("usage:") && !run.stderr.contains("nomis"), "{}", run.stderr);
    let run = databuild(&["build", "--overlay"]);
    assert!(!run.ok && run.stderr.contains("--overlay needs a value"), "{}", run.stderr);
}

#[test]
fn overlays_that_clash_or_are_broken_are_build_errors_naming_the_file() {
    let text = overlay_of(&fixture(NOMIS), None);
    let overlay = |origin: &str, text: &str| OverlayText { origin: origin.into(), text: text.into() };
    let errors = |overlays: &[OverlayText]| -> (Bundle, Vec<String>) {
        let mut bundle = committed_bundle();
        let mut diags = Diagnostics::default();
        fold(&mut bundle, overlays, &mut diags);
        (bundle, diags.errors().map(line).collect())
    };

    // No overlay: the bundle is untouched.
    let (bundle, errs) = errors(&[]);
    assert!(errs.is_empty());
    assert_eq!(serde_json::to_value(&bundle).ok(), serde_json::to_value(committed_bundle()).ok());

    // An id the build already has.
    let shipped = text.replace("\"id\":\"claimant-rate\"", "\"id\":\"employment-deprivation\"");
    let (bundle, errs) = errors(&[overlay("a.json", &shipped)]);
    assert_eq!(bundle.indicators.len(), committed_bundle().indicators.len());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("error: a.json indicators[0] \"employment-deprivation\": would replace the atlas's own"),
        "{errs:?}"
    );

    // The same id in two overlays.
    let (bundle, errs) = errors(&[overlay("a.json", &text), overlay("b.json", &text)]);
    assert_eq!(bundle.indicators.len(), committed_bundle().indicators.len() + 1);
    assert_eq!(
        errs,
        ["error: b.json indicators[claimant-rate]: a.json also adds an indicator with this id; give one of them another id"]
    );

    // Not an overlay at all, and an invalid indicator.
    let (_, errs) = errors(&[overlay("c.json", "{")]);
    assert!(errs.len() == 1 && errs[0].starts_with("error: c.json: not an overlay file: "), "{errs:?}");
    let ragged = text.replacen("\"values\":[", "\"values\":[1,", 1);
    let (bundle, errs) = errors(&[overlay("d.json", &ragged)]);
    assert_eq!(bundle.indicators.len(), committed_bundle().indicators.len());
    assert!(errs.iter().any(|e| e.starts_with("error: d.json indicators[claimant-rate].series[")), "{errs:?}");

    // An empty overlay adds nothing and says so.
    let mut diags = Diagnostics::default();
    let mut bundle = committed_bundle();
    let empty = r#"{"schema":"work-health-atlas/overlay","version":1,"synthetic":false,"indicators":[]}"#;
    fold(&mut bundle, &[overlay("e.json", empty)], &mut diags);
    let warnings: Vec<String> = diags.warnings().map(line).collect();
    assert_eq!(warnings, ["warning: e.json: the overlay holds no indicators; nothing was added"]);
}

fn raw_dir() -> Option<PathBuf> {
    let dir = std::env::var("ATLAS_RAW_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| databuild::workspace_root().join("../shared/data/raw"));
    dir.is_dir().then_some(dir)
}

#[test]
fn a_build_with_an_overlay_adds_only_its_indicators() {
    let Some(raw) = raw_dir() else {
        println!("skipped: raw data folder not found");
        return;
    };
    let text = overlay_of(&fixture(NOMIS), None);
    let mut diags = Diagnostics::default();
    let built = build_all_with(&raw, &[OverlayText { origin: "claimants.json".into(), text }], &mut diags)
        .unwrap_or_else(|| panic!("build failed: {:?}", diags.errors().map(line).collect::<Vec<_>>()));
    assert_eq!(built.folded, ["claimants.json: added 1 indicator(s): claimant-rate"]);
    let mut bundle: Bundle = serde_json::from_slice(&built.atlas).expect("parses");
    let added = bundle.indicators.pop().expect("an indicator");
    assert_eq!(added.id, "claimant-rate");
    assert_eq!(
        serde_json::to_value(&bundle).ok(),
        serde_json::to_value(committed_bundle()).ok(),
        "everything else is the bundle built without the overlay"
    );
    assert_eq!(built.lookups, std::fs::read(data("lookups.json")).expect("lookups"));
    Dataset::from_json(&built.atlas).expect("the widget loads it");
}
