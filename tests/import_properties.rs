#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the importer: whatever the text, `import_file` never panics (arbitrary bytes
//! read as UTF-8 lossily, CSV-ish strings from a small alphabet of the characters that matter —
//! quotes, commas, line ends, colons, suppression marks — behind each layout's header), every
//! indicator it returns passes the bundle's validation, and `check_overlay` never panics and
//! returns only indicators that validate.
//!
//! Each property runs `ATLAS_PROPTEST_CASES` cases (default 200). SYNTHETIC inputs only.

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;
use work_health_atlas::import::{check_overlay, import_file, overlay_json, Reference, SeriesMeta};
use work_health_atlas::model::bundle::{Bundle, Indicator, Polarity};
use work_health_atlas::model::validate::validate;

static BUNDLE: LazyLock<Bundle> =
    LazyLock::new(|| serde_json::from_str(include_str!("../data/atlas.json")).expect("the shipped bundle parses"));

/// Made-up residents for every LSOA, and a lookup with one merged and one split 2011 code.
static REFERENCE: LazyLock<Reference> = LazyLock::new(|| {
    let lsoa = BUNDLE.geographies.iter().find(|g| g.id == "lsoa").expect("lsoa layer");
    let codes: Vec<String> = lsoa.areas.iter().map(|a| a.code.clone()).collect();
    let json = serde_json::json!({
        "schema": "work-health-atlas/lookups", "version": 1,
        "residents_16_64": {"geography": "lsoa", "codes": codes,
            "values": (0..codes.len()).map(|i| 500 + (i * 13) % 700).collect::<Vec<_>>()},
        "lsoa11_to_lsoa21": [["E01099001", codes[0], "M"], ["E01099002", codes[0], "M"],
                             ["E01099003", codes[1], "S"], ["E01099003", codes[2], "S"]],
    });
    Reference::from_json(&json.to_string()).expect("the synthetic reference parses")
});

/// Inputs that made at least one indicator (printed, so a property that never reaches the
/// builder is noticed).
static MADE: AtomicUsize = AtomicUsize::new(0);

fn cases() -> u32 {
    std::env::var("ATLAS_PROPTEST_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(200)
}

fn run<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 1024,
        ..ProptestConfig::default()
    };
    let before = MADE.load(Ordering::Relaxed);
    if let Err(e) = TestRunner::new(config).run(&strategy, test) {
        panic!("{name}: {e}");
    }
    eprintln!("{name}: {} inputs made indicators", MADE.load(Ordering::Relaxed) - before);
}

fn meta() -> SeriesMeta {
    SeriesMeta {
        id: None,
        name: "SYNTHETIC figures".into(),
        unit: "%".into(),
        polarity: Polarity::Neither,
        source: "Property test".into(),
        licence: "none".into(),
        theme: None,
    }
}

/// Every indicator validates when pushed into the bundle, and round-trips through an overlay.
fn check_indicators(indicators: &[Indicator]) -> Result<(), TestCaseError> {
    if indicators.is_empty() {
        return Ok(());
    }
    MADE.fetch_add(1, Ordering::Relaxed);
    let mut bundle = BUNDLE.clone();
    bundle.indicators.extend(indicators.iter().cloned());
    let errors: Vec<String> = validate(&bundle)
        .into_iter()
        .filter(|i| i.severity == work_health_atlas::model::Severity::Error)
        .map(|i| i.to_string())
        .take(5)
        .collect();
    prop_assert!(errors.is_empty(), "{errors:?}");
    let checked = check_overlay(&BUNDLE, &overlay_json(indicators, true), "o.json");
    prop_assert_eq!(&checked.indicators, &indicators.to_vec());
    Ok(())
}

/// Imports `text` with and without meta; checks the results' invariants.
fn import_both(name: &str, text: &str) -> Result<(), TestCaseError> {
    for meta in [None, Some(meta())] {
        let out = import_file(&BUNDLE, &REFERENCE, name, text, meta.as_ref());
        prop_assert!(out.rows_kept <= out.rows_read, "kept {} of {}", out.rows_kept, out.rows_read);
        prop_assert!(!out.summary.is_empty());
        prop_assert!(out.problems.len() <= 20 * 201, "{} problems", out.problems.len());
        for p in &out.problems {
            prop_assert!(!p.message.is_empty() && !p.place.is_empty());
        }
        check_indicators(&out.indicators)?;
    }
    Ok(())
}

const API_HEADER: &str = "DATE_CODE,GEOGRAPHY_CODE,GEOGRAPHY_TYPE,GENDER_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS\n";

/// Headers that steer the text into each layout's reader.
fn prefix() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "area,period,numerator,denominator\n",
        "area,period,value\n",
        API_HEADER,
        "\"Claimant count\"\n\"\"\n\"area\",\"January 2024\",\"Feb 2024\",\"2024-03\"\n",
        "\"Dataset: People on Universal Credit\"\n\"\"\n\"area\",\"Regime\",\"January 2024\",\"February 2024\"\n",
    ])
}

/// CSV-ish text from the characters that matter.
fn csvish() -> impl Strategy<Value = String> {
    "[,\"\n\r:*\\-.0-9a-zE ]{0,300}"
}

/// Cells that are likely to mean something: real codes and names, periods, figures and marks.
fn cell() -> impl Strategy<Value = String> {
    let lsoa = &BUNDLE.geographies[0];
    let ward = BUNDLE.geographies.iter().find(|g| g.id == "ward").expect("wards");
    let mut pool: Vec<String> = lsoa.areas.iter().take(6).map(|a| a.code.clone()).collect();
    pool.extend(lsoa.areas.iter().take(3).map(|a| format!("{} : {}", a.code, a.name)));
    pool.extend(ward.areas.iter().take(4).map(|a| a.name.clone()));
    pool.extend(
        [
            "E01099001",
            "E01099003",
            "E01099999",
            "S01000001",
            "Church",
            "Total",
            "Anfield",
            "E08000012",
            "2024-01",
            "2024-02",
            "Mar-24",
            "2024-Q1",
            "Q2 2024",
            "2024",
            "March 2024 (p)",
            "0",
            "3",
            "12",
            "1,234",
            "999999",
            "-4",
            "2.5",
            "*",
            "..",
            "x",
            "[c]",
            "",
            "A",
            "Q",
            "abc",
            "=1+1",
            "<b>",
        ]
        .map(String::from),
    );
    prop::sample::select(pool)
}

fn table() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(cell(), 1..8), 0..30).prop_map(|rows| {
        rows.iter()
            .map(|r| r.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

#[test]
fn arbitrary_bytes_never_panic() {
    run("bytes", prop::collection::vec(any::<u8>(), 0..400), |bytes| {
        let text = String::from_utf8_lossy(&bytes);
        import_both("bytes.csv", &text)
    });
}

#[test]
fn csvish_text_behind_every_layout_never_panics() {
    run("csvish", (prefix(), csvish(), any::<bool>()), |(prefix, body, synthetic)| {
        let name = if synthetic { "NM_162_1_SYNTHETIC.data.csv" } else { "file.csv" };
        import_both(name, &format!("{prefix}{body}"))
    });
}

#[test]
fn plausible_tables_make_valid_indicators() {
    run("tables", (prefix(), table()), |(prefix, body)| import_both("NM_162_1.data.csv", &format!("{prefix}{body}")));
}

#[test]
fn check_overlay_never_panics() {
    let overlay = {
        let text = "area,period,numerator,denominator\nAnfield,2024-Q1,10,400\n";
        let out = import_file(&BUNDLE, &REFERENCE, "t.csv", text, Some(&meta()));
        overlay_json(&out.indicators, true)
    };
    run("overlay strings", ".{0,300}", |text| {
        let checked = check_overlay(&BUNDLE, &text, "o.json");
        prop_assert!(checked.indicators.is_empty() || !text.is_empty());
        Ok(())
    });
    // Small edits, often inside a number, so that many edited overlays still parse.
    let edit = prop_oneof!["[0-9]{0,3}", "[\\[\\]{}\",:0-9a-z\\-]{0,8}"];
    run("overlay edits", (0..overlay.len(), 0..4usize, edit), |(from, len, insert)| {
        let to = (from + len).min(overlay.len());
        let mut text = overlay.clone();
        if text.is_char_boundary(from) && text.is_char_boundary(to) {
            text.replace_range(from..to, &insert);
        }
        let checked = check_overlay(&BUNDLE, &text, "o.json");
        check_indicators(&checked.indicators)
    });
}
