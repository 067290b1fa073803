//! The impact analyses on the shipped bundle and on SYNTHETIC panels: a patch's figures are sums
//! of its areas' counts, a withheld count can never be recovered by differencing two patches,
//! patches and notes from outside are checked with located problems, the matched comparison and
//! the work × health scatter behave on real data, and exports neutralise formulas.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use plotters::prelude::{IntoDrawingArea, SVGBackend};
use support::synthetic::grid_bundle;
use work_health_atlas::impact::comparison::{compare, ComparisonRequest};
use work_health_atlas::impact::export::patch_csv;
use work_health_atlas::impact::figures::{patch_figure, Status};
use work_health_atlas::impact::notes::load_notes;
use work_health_atlas::impact::patch::{load_patch, members, resolve, split_entries};
use work_health_atlas::impact::scatter::{scatter, ScatterRequest};
use work_health_atlas::impact::BundleTables;
use work_health_atlas::layout::event_study::{draw_event_study, EventStudy, EventStudyPeriod};
use work_health_atlas::model::bundle::Period;
use work_health_atlas::model::Dataset;
use work_health_atlas::stats::random::SplitMix64;

fn shipped() -> BundleTables {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("data/atlas.json exists");
    let data = Dataset::from_json(&bytes).expect("the shipped bundle loads");
    BundleTables::from_bundle(&data.bundle).expect("the tables")
}

/// A SYNTHETIC 6×5 grid with counts for 2019 and 2025, where area `withheld` has no published
/// 2019 numerator.
fn synthetic_tables(withheld: usize) -> BundleTables {
    let mut bundle = grid_bundle(6, 5, &[]);
    for indicator in &mut bundle.indicators {
        for series in indicator.series.iter_mut().filter(|s| s.geography == "lsoa") {
            let n = series.values.len();
            let denominators: Vec<Option<f64>> = (0..n).map(|a| Some(500.0 + 37.0 * a as f64)).collect();
            let numerators: Vec<Option<f64>> = (0..n)
                .map(|a| if a == withheld && series.period == "2019" { None } else { Some(40.0 + 11.0 * a as f64) })
                .collect();
            series.values = vec![];
            series.numerators = Some(numerators);
            series.denominators = Some(denominators);
        }
    }
    BundleTables::from_bundle(&bundle).expect("the tables")
}

#[test]
fn a_patch_value_is_the_sum_of_its_areas_counts() {
    let tables = shipped();
    let indicator = tables.indicator("employment-deprivation").expect("indicator");
    let found = resolve(&tables, ["Anfield"]);
    assert!(found.members.len() >= 4, "Anfield ward has several LSOAs: {found:?}");
    assert!(found.expanded[0].contains("Anfield"), "{:?}", found.expanded);
    let series = tables.series(indicator, "lsoa", "2019").expect("2019 LSOA series");
    let (numerators, denominators) = (series.numerators.as_ref().expect("n"), series.denominators.as_ref().expect("d"));
    let n: f64 = found.members.iter().map(|&m| numerators[m].expect("count")).sum();
    let d: f64 = found.members.iter().map(|&m| denominators[m].expect("count")).sum();
    let figure = patch_figure(&tables, indicator, &found.members, "2019");
    assert_eq!(figure.status, Status::Shown);
    // IoD2019 LSOA counts include split LSOAs' population shares, so the series (and any sum of
    // its areas) is flagged as estimated; the flag travels with the series, not with each area.
    assert!(series.estimated && figure.estimated);
    assert_eq!(figure.numerator, Some(n));
    assert_eq!(figure.denominator, Some(d));
    let value = figure.value.expect("value");
    assert!((value - (n / d * 100.0 * 10.0).round() / 10.0).abs() < 1e-9, "{value}");
    let (lo, hi) = (figure.lower.expect("lower"), figure.upper.expect("upper"));
    assert!(lo < value && value < hi, "{lo} < {value} < {hi}");
    // A patch of one area is that area's published figure.
    let one = patch_figure(&tables, indicator, &found.members[..1], "2019");
    assert_eq!(one.value, series.values[found.members[0]]);
    // IoD2025 publishes LSOA numerators and rates but no denominators: the patch sums the
    // published numerators over denominators implied by the rates, flagged as an estimate.
    let s2025 = tables.series(indicator, "lsoa", "2025").expect("2025 LSOA series");
    assert!(s2025.denominators.is_none());
    let n2025: f64 = found.members.iter().map(|&m| s2025.numerators.as_ref().expect("n")[m].expect("count")).sum();
    let f2025 = patch_figure(&tables, indicator, &found.members, "2025");
    assert_eq!((f2025.status, f2025.numerator, f2025.estimated), (Status::Shown, Some(n2025), true));
    let lowest = found.members.iter().filter_map(|&m| s2025.values[m]).fold(f64::INFINITY, f64::min);
    let highest = found.members.iter().filter_map(|&m| s2025.values[m]).fold(f64::NEG_INFINITY, f64::max);
    let v2025 = f2025.value.expect("value");
    assert!(lowest <= v2025 && v2025 <= highest, "a pooled rate lies among its areas' rates");
    // 2010 is published as rates only: no total can be made from it.
    assert_eq!(patch_figure(&tables, indicator, &found.members, "2010").status, Status::NoCounts);
    // Census economic inactivity is published for MSOAs, not LSOAs.
    let inactive = tables.indicator("economically-inactive").expect("indicator");
    assert_eq!(patch_figure(&tables, inactive, &found.members, "2021").status, Status::NotForSmallAreas);
}

#[test]
fn the_shipped_withheld_count_stays_withheld_in_every_patch() {
    let tables = shipped();
    let indicator = tables.indicator("employment-deprivation").expect("indicator");
    let series = tables.series(indicator, "lsoa", "2019").expect("2019");
    let withheld = series.numerators.as_ref().expect("n").iter().position(Option::is_none).expect("one withheld area");
    let neighbours = [withheld.saturating_sub(1), withheld + 1, withheld + 2];
    let with: Vec<usize> = [&neighbours[..], &[withheld]].concat();
    let figure = patch_figure(&tables, indicator, &with, "2019");
    assert_eq!(figure.status, Status::Withheld);
    assert_eq!((figure.value, figure.numerator, figure.withheld), (None, None, 1));
    assert!(figure.reason.contains("withheld"), "{}", figure.reason);
    assert_eq!(patch_figure(&tables, indicator, &neighbours, "2019").status, Status::Shown);
}

#[test]
fn no_two_patches_difference_to_a_withheld_count() {
    // SYNTHETIC: area 7 has no published 2019 count. For many random patches P (with and without
    // area 7), whenever both P ∪ {7} and P \ {7} have figures their difference would reveal it:
    // that must never happen. The other areas' figures stay available.
    let withheld = 7;
    let tables = synthetic_tables(withheld);
    let indicator = tables.indicator("employment-deprivation").expect("indicator");
    let n = tables.base().areas.len();
    let mut rng = SplitMix64::new(42);
    let mut shown_without = 0;
    for _ in 0..2_000 {
        let mut patch: Vec<usize> = (0..n).filter(|_| rng.next_f64() < 0.3).filter(|&a| a != withheld).collect();
        let without = patch_figure(&tables, indicator, &patch, "2019");
        patch.push(withheld);
        patch.sort_unstable();
        let with = patch_figure(&tables, indicator, &patch, "2019");
        assert!(with.numerator.is_none() && with.value.is_none() && with.lower.is_none(), "{with:?}");
        assert_eq!(with.status, Status::Withheld);
        if without.value.is_some() {
            shown_without += 1;
        }
        // 2025 is published for every area, so the same patch has a figure then.
        assert_eq!(patch_figure(&tables, indicator, &patch, "2025").status, Status::Shown);
    }
    assert!(shown_without > 1_900, "patches without the withheld area keep their figures ({shown_without})");
}

#[test]
fn pasted_codes_and_names_resolve_and_unknowns_are_listed() {
    let tables = shipped();
    let first = tables.base().areas[0].code.clone();
    let text = format!("{first}, Liverpool 031A\nnot a place; Anfield");
    let found = resolve(&tables, split_entries(&text));
    assert_eq!(found.unknown, vec!["not a place".to_string()]);
    assert!(found.members.contains(&0));
    assert!(found.members.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
}

#[test]
fn a_host_patch_is_checked_and_every_problem_located() {
    let tables = shipped();
    let bad =
        r#"{"name": "", "areas": ["E01006512", "nowhere"], "interventions": [{"name": "Hub", "start": "spring"}]}"#;
    let problems = load_patch(&tables, bad).expect_err("invalid");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|t| t.contains("name") && t.contains("empty")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("areas[1]") && t.contains("nowhere")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("interventions[0].start")), "{text:?}");
    let unknown_field = load_patch(&tables, r#"{"name": "x", "areas": ["Anfield"], "onload": "alert(1)"}"#);
    assert!(unknown_field.is_err(), "unknown fields are refused");
    let good = load_patch(&tables, r#"{"name": "North Liverpool", "areas": ["Anfield", "E01006512"], "interventions": [{"name": "Hub", "start": "2023-04"}]}"#)
        .expect("valid");
    assert!(good.areas.iter().all(|c| c.starts_with("E01")), "wards expanded to LSOAs: {:?}", good.areas);
    assert_eq!(members(&tables, &good).len(), good.areas.len());
}

#[test]
fn matched_comparison_on_the_shipped_data() {
    let tables = shipped();
    let patch = resolve(&tables, ["Anfield", "Everton"]).members;
    let request = ComparisonRequest {
        outcome: "employment-deprivation".into(),
        start: "2020".into(),
        // Matched on what describes the time before the start (the 2021 Census is after 2020).
        features: vec!["employment-deprivation".into(), "income-deprivation".into()],
        k: 20,
    };
    let report = compare(&tables, &patch, &request).expect("a comparison");
    assert_eq!((report.before.as_str(), report.after.as_str()), ("IoD2019", "IoD2025"));
    assert!(report.sentence.contains("the definitions or boundaries changed at IoD2025"), "{}", report.sentence);
    assert_eq!(report.matches.len(), 20);
    let patch_codes: Vec<&str> = patch.iter().map(|&m| tables.base().areas[m].code.as_str()).collect();
    assert!(report.codes.iter().all(|c| !patch_codes.contains(&c.as_str())), "comparison areas are outside the patch");
    assert!(report
        .matches
        .iter()
        .all(|m| m.why.contains("Employment deprivation") && m.why.contains("Income deprivation")));
    let e = report.estimate.expect("an estimate");
    assert!(e.lower <= e.difference && e.difference <= e.upper);
    assert!((e.difference - (e.patch_change - e.comparison_change)).abs() < 1e-9);
    assert!(report.sentence.contains("association, not proof of impact"), "{}", report.sentence);
    assert!(report.caveats.iter().any(|c| c.contains("Only one period before")), "{:?}", report.caveats);
    assert_eq!(
        report.method,
        "95% interval from 2,000 bootstrap resamples of areas within each group (percentile, small-sample corrected)."
    );
    // The same request gives the same interval (seeded).
    let again = compare(&tables, &patch, &request).expect("again");
    assert_eq!(again.estimate, report.estimate);
    // Impossible requests say why.
    let early = ComparisonRequest { start: "2005".into(), ..request.clone() };
    assert!(compare(&tables, &patch, &early).expect_err("no period before").contains("before 2005"));
    let census = ComparisonRequest { outcome: "unemployed".into(), ..request };
    assert!(compare(&tables, &patch, &census).is_err());
}

#[test]
fn notes_load_with_every_problem_located_and_good_notes_kept() {
    let tables = shipped();
    let json = r#"{"notes": [
        {"area": "E01006512", "period": "2024", "text": "<img src=x onerror=alert(1)> jobs fair", "author": "Resident panel", "date": "2025-03-14"},
        {"area": "nowhere", "period": "2024", "text": "x", "author": "A", "date": "2025-03-14"},
        {"patch": "North", "period": "someday", "text": "", "author": "A", "date": "14/03/2025"},
        {"area": "E01006512", "period": "2024", "text": "x", "author": "A", "date": "2025-03-14", "script": "x"}
    ]}"#;
    let loaded = load_notes(&tables, json);
    assert_eq!(loaded.notes.len(), 1);
    assert!(loaded.notes[0].text.starts_with("<img"), "text is kept as text, to be shown as text");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    for expected in ["notes[1].area", "notes[2].period", "notes[2].text", "notes[2].date", "notes[3]"] {
        assert!(problems.iter().any(|p| p.contains(expected)), "{expected} in {problems:?}");
    }
    assert!(!load_notes(&tables, "{oops").problems.is_empty());
    assert_eq!(load_notes(&tables, "[]").notes.len(), 0);
}

#[test]
fn work_and_health_scatter_on_lsoas() {
    let tables = shipped();
    let request = ScatterRequest {
        layer: "lsoa".into(),
        x: "employment-deprivation".into(),
        y: "disability".into(),
        x_period: None,
        y_period: None,
    };
    let report = scatter(&tables, &request).expect("a scatter");
    let r = report.pearson.expect("pearson");
    assert!(r.r > 0.5 && r.lower < r.r && r.r < r.upper, "employment deprivation and disability go together: {r:?}");
    assert_eq!(r.n, report.spec.points.len());
    assert!(report.spec.x_label.contains("IoD2025") && report.spec.y_label.contains("2021"));
    let bivariate = report.bivariate.expect("bivariate");
    assert_eq!(bivariate.colours.len(), tables.base().areas.len());
    assert_eq!(bivariate.legend.iter().map(|c| c.count as usize).sum::<usize>(), report.spec.points.len());
    assert!(report.sentence.contains("does not show that the same people are affected"));
    assert!(scatter(&tables, &ScatterRequest { layer: "nowhere".into(), ..request.clone() }).is_err());
}

#[test]
fn work_and_health_never_plots_an_indicator_against_itself() {
    let tables = shipped();
    let request = ScatterRequest {
        layer: "lsoa".into(),
        x: "disability".into(),
        y: "disability".into(),
        x_period: None,
        y_period: None,
    };
    let refused = scatter(&tables, &request).expect_err("the same indicator on both axes is refused");
    assert_eq!(refused, "Disability is on both axes; choose two different indicators");
}

#[test]
fn the_patch_export_neutralises_formulas_and_carries_provenance() {
    let tables = shipped();
    let mut patch = load_patch(&tables, r#"{"name": "=cmd|' /C calc'!A0", "areas": ["Anfield"]}"#).expect("valid");
    patch.interventions.push(work_health_atlas::impact::Intervention {
        name: "Hub".into(),
        start: "2023".into(),
        note: None,
    });
    let m = members(&tables, &patch);
    let notes = load_notes(&tables, r#"[{"area": "E01006512", "period": "2024", "text": "=HYPERLINK(\"http://x\")", "author": "@me", "date": "2025-01-02"}]"#).notes;
    let files = patch_csv(&tables, &patch, &m, "employment-deprivation", None, &notes, "p").expect("csv");
    // One table per file: the figures, then the notes (no comparison was run).
    let names: Vec<&str> = files.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(names, ["p.csv", "p-notes.csv"]);
    let (figures, noted) = (&files[0].csv, &files[1].csv);
    assert!(
        figures.starts_with("\u{FEFF}period,period_label,value,numerator,denominator,lower_95,upper_95,"),
        "{figures}"
    );
    assert!(figures.contains("\n2025,IoD2025,"), "{figures}");
    assert!(noted.starts_with("\u{FEFF}note_area,note_patch,period,author,date,text\n"), "{noted}");
    assert!(noted.contains(",\"'=HYPERLINK(\"\"http"), "{noted}");
    assert!(noted.contains(",\"'@me\","), "{noted}");
    for f in &files {
        assert!(!f.csv.contains('#'), "no comment lines: {}", f.csv);
        // Commas outside quotes (no cell here holds a line break).
        let width = |l: &str| l.split('"').step_by(2).map(|part| part.matches(',').count()).sum::<usize>();
        let widths: Vec<usize> = f.csv.lines().map(width).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "every row as wide: {}", f.csv);
        let meta: serde_json::Value = serde_json::from_str(&f.metadata).expect("valid JSON");
        assert_eq!(meta["url"], f.file.as_str());
        assert_eq!(meta["dc:license"], "Open Government Licence v3.0");
        assert!(meta["dc:source"].as_str().is_some_and(|s| s.contains("Indices of Deprivation")));
        assert!(meta["dc:temporal"].as_str().is_some_and(|s| s.contains("IoD2025")));
        let comments = meta["rdfs:comment"].to_string();
        assert!(comments.contains("Intervention: Hub from 2023"), "{comments}");
        assert_eq!(meta["schema:creditText"], serde_json::json!(tables.meta.attribution));
        let header = f.csv.trim_start_matches('\u{FEFF}').lines().next().unwrap_or_default();
        let columns: Vec<&str> = meta["tableSchema"]["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(columns.join(","), header);
    }
    // Counts are whole, the value has the indicator's one decimal and the limits two.
    let row: Vec<&str> = figures.lines().find(|l| l.starts_with("2025,")).expect("2025").split(',').collect();
    assert!(row[3..5].iter().all(|c| !c.is_empty() && c.chars().all(|c| c.is_ascii_digit())), "{row:?}");
    assert_eq!(row[2].split('.').nth(1).map(str::len), Some(1), "{row:?}");
    assert_eq!(row[5].split('.').nth(1).map(str::len), Some(2), "{row:?}");
}

#[test]
fn notes_find_their_place_on_any_layer() {
    let tables = shipped();
    // An LSOA on the ward layer is its ward; a ward on the LSOA layer is one of its LSOAs.
    assert_eq!(tables.area_on_layer("E01006512", "ward").as_deref(), Some("E05015285"));
    let inside = tables.area_on_layer("E05015285", "lsoa").expect("an LSOA in Canning");
    let lsoa = tables.layer_index("lsoa").and_then(|l| tables.area_index(l, &inside)).expect("known");
    assert_eq!(tables.base().areas[lsoa].parents.get("ward").map(String::as_str), Some("E05015285"));
    assert_eq!(tables.area_on_layer("E01006512", "lsoa").as_deref(), Some("E01006512"));
    assert_eq!(tables.area_on_layer("nowhere", "lsoa"), None);
}

/// A SYNTHETIC 8×5 grid whose outcome has the periods `ids` (labelled by `label`), every LSOA with
/// counts in each: rate `12 + 0.3 × area + common(t) + wobble`, where the first `patch` cells also
/// move by `patch_step` points a period. Returns the tables and the patch's members.
fn periodic_panel(
    ids: &[String],
    label: impl Fn(&str) -> String,
    patch: usize,
    patch_step: f64,
) -> (BundleTables, Vec<usize>) {
    let mut bundle = grid_bundle(8, 5, &[]);
    let mut rng = SplitMix64::new(17);
    let indicator = &mut bundle.indicators[0];
    let template = indicator.series[0].clone();
    let n = template.values.len();
    indicator.periods = ids
        .iter()
        .map(|id| Period { id: id.clone(), label: label(id), reference: "synthetic".into(), change_note: None })
        .collect();
    indicator.series = ids
        .iter()
        .enumerate()
        .map(|(t, id)| {
            let common = -0.05 * t as f64 + 0.4 * (t as f64 * 0.5).sin();
            let denominators: Vec<Option<f64>> = (0..n).map(|a| Some(1000.0 + 10.0 * a as f64)).collect();
            let numerators = (0..n)
                .map(|a| {
                    let wobble = 0.3 * (rng.next_f64() - 0.5);
                    let own = if a < patch { patch_step * t as f64 } else { 0.0 };
                    let rate = 12.0 + 0.3 * a as f64 + common + own + wobble;
                    Some((rate / 100.0 * (1000.0 + 10.0 * a as f64)).round())
                })
                .collect();
            work_health_atlas::model::bundle::Series {
                period: id.clone(),
                values: vec![],
                numerators: Some(numerators),
                denominators: Some(denominators),
                ..template.clone()
            }
        })
        .collect();
    (BundleTables::from_bundle(&bundle).expect("the tables"), (0..patch).collect())
}

fn months(from: i32, to: i32) -> Vec<String> {
    (from..=to).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))).collect()
}

fn month_label(id: &str) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let m: usize = id[5..].parse().expect("a month");
    format!("{} {}", NAMES[m - 1], &id[..4])
}

fn monthly_request(start: &str) -> ComparisonRequest {
    ComparisonRequest { outcome: "employment-deprivation".into(), start: start.into(), features: vec![], k: 12 }
}

#[test]
fn many_months_before_the_start_give_an_event_study() {
    let (tables, patch) = periodic_panel(&months(2023, 2024), month_label, 6, 0.0);
    let report = compare(&tables, &patch, &monthly_request("2024-01")).expect("a comparison");
    assert_eq!((report.before.as_str(), report.after.as_str()), ("Dec 2023", "Jan 2024"));
    let study = report.event_study.as_ref().expect("an event study");
    assert_eq!(study.periods.len(), 24);
    assert_eq!(
        (study.reference.as_str(), study.per_year, study.y_label.as_str()),
        ("Dec 2023", 12, "percentage points")
    );
    assert_eq!(study.periods.iter().filter(|p| p.before).count(), 12);
    assert!(study.periods[..12].iter().all(|p| p.before) && !study.periods[12].before);
    let reference = &study.periods[11];
    assert_eq!((reference.estimate, reference.lower, reference.upper), (0.0, 0.0, 0.0));
    assert!(study.periods.iter().all(|p| p.lower <= p.estimate && p.estimate <= p.upper), "{study:?}");
    // The first month after the start is the headline difference-in-differences, interval and all.
    let e = report.estimate.expect("an estimate");
    let first = &study.periods[12];
    assert!((first.estimate - e.difference).abs() < 1e-12);
    assert_eq!((first.lower, first.upper), (e.lower, e.upper));
    assert!(!study.diverged);
    let words = report.pre_trend.as_deref().expect("a pre-trend sentence");
    assert!(words.starts_with("Before January 2024 the patch and the comparison areas moved together (12 months checked): the gap between them changed by "), "{words}");
    assert!(words.contains(" percentage points a year (95% interval "), "{words}");
    assert!(
        words.ends_with("This supports, but does not prove, that they would have kept moving together."),
        "{words}"
    );
    assert!(report.sentence.contains("association, not proof of impact"));
    assert!(!report.caveats.iter().any(|c| c.contains("already moving differently") || c.contains("Only one period")));
    // Seeded: the same request gives the same study.
    assert_eq!(compare(&tables, &patch, &monthly_request("2024-01")).expect("again").event_study, report.event_study);
}

#[test]
fn a_patch_already_falling_faster_before_the_start_is_warned() {
    // The patch's rate falls 0.15 points a month (1.8 a year) more than the other areas', throughout.
    let (tables, patch) = periodic_panel(&months(2023, 2024), month_label, 6, -0.15);
    let report = compare(&tables, &patch, &monthly_request("2024-01")).expect("a comparison");
    let study = report.event_study.as_ref().expect("an event study");
    assert!(study.diverged);
    let words = report.pre_trend.as_deref().expect("a pre-trend sentence");
    assert!(
        words.starts_with("Before January 2024 the figures for employment deprivation were already falling faster or rising more slowly in the patch than in the comparison areas (12 months checked): the gap between them changed by -1.8 percentage points a year"),
        "{words}"
    );
    assert!(words.contains("may continue that trend rather than show the intervention's effect"), "{words}");
    assert!(
        report.caveats.iter().any(|c| c.contains("already moving differently") && c.contains("association, not proof")),
        "{:?}",
        report.caveats
    );
    assert!(report.sentence.contains("association, not proof of impact"));
}

#[test]
fn two_periods_before_the_start_give_no_event_study() {
    let (tables, patch) = periodic_panel(&months(2023, 2023), month_label, 6, 0.0);
    let report = compare(&tables, &patch, &monthly_request("2023-03")).expect("a comparison");
    assert_eq!((report.before.as_str(), report.after.as_str()), ("Feb 2023", "Mar 2023"));
    assert_eq!((report.event_study, report.pre_trend), (None, None));
    let report = compare(&tables, &patch, &monthly_request("2023-04")).expect("a comparison");
    assert!(report.event_study.is_some() && report.pre_trend.is_some());
    // The shipped editions have at most two periods with counts: no event study.
    let shipped = shipped();
    let anfield = resolve(&shipped, ["Anfield"]).members;
    let request = ComparisonRequest { start: "2020".into(), ..monthly_request("2020") };
    let report = compare(&shipped, &anfield, &request).expect("a comparison");
    assert_eq!((report.event_study, report.pre_trend), (None, None));
}

#[test]
fn a_quarter_the_start_falls_inside_is_neither_before_nor_after() {
    let quarters: Vec<String> = (2022..=2024).flat_map(|y| (1..=4).map(move |q| format!("{y}-Q{q}"))).collect();
    let label = |id: &str| id.replace("-Q", " Q");
    let (tables, patch) = periodic_panel(&quarters, label, 6, 0.0);
    // March 2024 falls inside 2024 Q1 (January–March).
    let report = compare(&tables, &patch, &monthly_request("2024-03")).expect("a comparison");
    assert_eq!((report.before.as_str(), report.after.as_str()), ("2023 Q4", "2024 Q2"));
    assert!(
        report
            .caveats
            .iter()
            .any(|c| c == "2024 Q1 spans the start (2024-03), so it is neither before nor after it and was left out."),
        "{:?}",
        report.caveats
    );
    let study = report.event_study.as_ref().expect("an event study");
    assert_eq!(study.periods.len(), 11);
    assert!(study.periods.iter().all(|p| p.label != "2024 Q1"));
    assert!(report.pre_trend.as_deref().is_some_and(|w| w.contains("(8 quarters checked)")), "{:?}", report.pre_trend);
    // A start at a quarter's first month or after its last splits cleanly.
    let at = compare(&tables, &patch, &monthly_request("2024-04")).expect("a comparison");
    assert_eq!((at.before.as_str(), at.after.as_str()), ("2024 Q1", "2024 Q2"));
    let year = compare(&tables, &patch, &monthly_request("2024")).expect("a comparison");
    assert_eq!((year.before.as_str(), year.after.as_str()), ("2023 Q4", "2024 Q1"));
    assert!(!year.caveats.iter().chain(&at.caveats).any(|c| c.contains("spans the start")));
}

#[test]
fn the_event_study_chart_draws_its_points_intervals_and_start() {
    support::fonts::register();
    let periods: Vec<EventStudyPeriod> = months(2023, 2024)
        .iter()
        .enumerate()
        .map(|(t, id)| {
            let estimate = if t == 11 {
                0.0
            } else if t > 11 {
                -2.0
            } else {
                0.1 * (t as f64 - 5.0)
            };
            let half = if t == 11 { 0.0 } else { 0.8 };
            EventStudyPeriod {
                label: month_label(id),
                estimate,
                lower: estimate - half,
                upper: estimate + half,
                before: t <= 11,
                estimate_text: String::new(),
                interval_text: String::new(),
            }
        })
        .collect();
    let spec = EventStudy {
        periods,
        reference: "Dec 2023".into(),
        y_label: "percentage points".into(),
        decimals: 1,
        per_year: 12,
        diverged: false,
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (480, 240)).into_drawing_area();
        draw_event_study(&root, &spec).expect("the chart draws");
    }
    let teal = svg.matches("#008098").count();
    assert!(svg.matches("<circle").count() == 24, "one point per period");
    assert!(teal >= 24 + 23, "points and 23 interval bars in the patch colour ({teal})");
    // The start: a label and a dashed rule (many short dark segments; the zero line is one).
    assert_eq!(svg.matches("\nStart\n").count(), 1, "the start is labelled");
    assert!(svg.matches("stroke=\"#0B0C0C\"").count() > 10, "a dashed rule");
    assert!(svg.contains("relative to Dec 2023"));
    // 24 months do not fit at 480 px: every 6th month from the reference is labelled.
    for shown in ["Jun 2023", "Dec 2023", "Jun 2024", "Dec 2024"] {
        assert!(svg.contains(&format!("\n{shown}\n")), "{shown}");
    }
    for hidden in ["Jan 2024", "Mar 2024", "Nov 2023"] {
        assert!(!svg.contains(&format!("\n{hidden}\n")), "{hidden}");
    }
    let empty = EventStudy { periods: vec![], ..spec.clone() };
    let mut out = String::new();
    let root = SVGBackend::with_string(&mut out, (480, 240)).into_drawing_area();
    assert!(draw_event_study(&root, &empty).is_err());
    let mut bad = spec;
    bad.periods[3].upper = f64::NAN;
    assert!(draw_event_study(&root, &bad).is_err());
}

#[test]
fn before_and_after_go_by_the_time_the_figures_describe() {
    // IoD2025 was published in 2025 but describes mostly 2021–23: for an intervention from March
    // 2024 nothing describes the time after it, and no difference is shown.
    let tables = shipped();
    let patch = resolve(&tables, ["Anfield"]).members;
    let request = |start: &str| ComparisonRequest {
        outcome: "employment-deprivation".into(),
        start: start.into(),
        features: vec!["employment-deprivation".into()],
        k: 10,
    };
    let after_2024 = compare(&tables, &patch, &request("2024-03")).expect_err("nothing describes after March 2024");
    assert!(after_2024.starts_with("No figures describe the time after March 2024 yet"), "{after_2024}");
    assert!(after_2024.contains("IoD2025, refer to data mostly about 2021–23"), "{after_2024}");
    let during = compare(&tables, &patch, &request("2023")).expect_err("IoD2025 spans a 2023 start");
    assert!(during.contains("IoD2025 refers to data mostly about 2021–23, which spans the start"), "{during}");
    // An intervention from 2020 compares IoD2019 (2015/16) with IoD2025 (2021–23) as before.
    let report = compare(&tables, &patch, &request("2020")).expect("a comparison");
    assert_eq!((report.before.as_str(), report.after.as_str()), ("IoD2019", "IoD2025"));
}

#[test]
fn the_patch_export_with_a_comparison_and_notes_is_three_tables() {
    let tables = shipped();
    let codes: Vec<String> =
        resolve(&tables, ["Anfield", "Everton"]).members.iter().map(|&m| tables.base().areas[m].code.clone()).collect();
    let json = serde_json::json!({ "name": "North", "areas": codes }).to_string();
    let patch = load_patch(&tables, &json).expect("valid");
    let m = members(&tables, &patch);
    let request = ComparisonRequest {
        outcome: "employment-deprivation".into(),
        start: "2020".into(),
        features: vec!["employment-deprivation".into(), "income-deprivation".into()],
        k: 20,
    };
    let report = compare(&tables, &m, &request).expect("a comparison");
    let notes = load_notes(
        &tables,
        r#"[{"patch": "North", "period": "2019", "text": "a, \"b\"\nc", "author": "x", "date": "2025-01-02"}]"#,
    )
    .notes;
    let files = patch_csv(&tables, &patch, &m, "employment-deprivation", Some(&report), &notes, "north").expect("csv");
    let names: Vec<&str> = files.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(names, ["north.csv", "north-comparison-areas.csv", "north-notes.csv"]);
    let areas = files[1].csv.trim_start_matches('\u{FEFF}');
    assert!(
        areas.starts_with("comparison_code,comparison_name,district,matched_to,distance_sd,matched_on\n"),
        "{areas}"
    );
    assert_eq!(areas.lines().count(), 1 + 20, "one row per comparison area");
    // A note's comma, quotes and line break stay inside its one quoted cell.
    assert!(files[2].csv.ends_with(",x,2025-01-02,\"a, \"\"b\"\"\nc\"\n"), "{}", files[2].csv);
    for f in &files {
        let meta: serde_json::Value = serde_json::from_str(&f.metadata).expect("valid JSON");
        let comments = meta["rdfs:comment"].to_string();
        assert!(comments.contains("Comparison: ") && comments.contains("Caveat: "), "{comments}");
        assert_eq!(meta["url"], f.file.as_str());
    }
}

#[test]
fn work_and_health_sentences_use_a_noun_phrase_for_every_shipped_indicator() {
    use work_health_atlas::impact::measure::Measure;
    let tables = shipped();
    // The phrase of each shipped indicator, written out so that a new label is looked at.
    let expected = [
        ("employment-deprivation", "a higher employment deprivation rate"),
        ("income-deprivation", "a higher income deprivation rate"),
        ("disability", "a higher disability rate"),
        ("economically-inactive", "a higher share economically inactive"),
        ("unemployed", "a higher share unemployed"),
        ("bad-health", "a higher share in bad or very bad health"),
        ("unpaid-care", "a higher share of unpaid carers"),
        ("hi-unemployment", "a higher unemployment rate (Health Index)"),
        ("hi-disability", "a higher disability rate (Health Index)"),
        ("hi-life-expectancy", "higher life expectancy (Health Index)"),
        ("households-deprived-1plus", "a higher share of deprived households (1+)"),
        ("households-deprived-2plus", "a higher share of deprived households (2+)"),
    ];
    for i in &tables.indicators {
        let phrase = Measure::of(&i.label, i.unit.is_percentage()).higher("higher");
        let want = expected.iter().find(|(id, _)| *id == i.id).map(|(_, p)| *p);
        assert_eq!(Some(phrase.as_str()), want, "{}", i.id);
    }
    // Every pair on every layer that has both: the sentence reads as English.
    let mut checked = 0;
    for layer in &tables.layers {
        for x in &tables.indicators {
            for y in &tables.indicators {
                let request = ScatterRequest {
                    layer: layer.id.clone(),
                    x: x.id.clone(),
                    y: y.id.clone(),
                    x_period: None,
                    y_period: None,
                };
                let Ok(report) = scatter(&tables, &request) else {
                    assert!(
                        x.id == y.id
                            || !x.series.iter().any(|s| s.geography == layer.id)
                            || !y.series.iter().any(|s| s.geography == layer.id),
                        "{request:?}"
                    );
                    continue;
                };
                assert_ne!(x.id, y.id);
                let s = &report.sentence;
                // The old template: "areas with higher economically inactive tend to have …".
                for label in [&x.label, &y.label] {
                    let label = label.to_lowercase();
                    for bad in [format!("higher {label} tend"), format!("higher {label} ("), format!("lower {label} (")]
                    {
                        assert!(!s.contains(&bad), "label used as a noun: {s}");
                    }
                }
                assert!(!s.contains("r = 1.00"), "an indicator against itself: {s}");
                if s.contains("tend to have") {
                    let x_phrase = Measure::of(&x.label, x.unit.is_percentage()).higher("higher");
                    assert!(s.contains(&format!("areas with {x_phrase} tend to have ")), "{s}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "pairs checked: {checked}");
    let report = scatter(
        &tables,
        &ScatterRequest {
            layer: "msoa".into(),
            x: "economically-inactive".into(),
            y: "disability".into(),
            x_period: None,
            y_period: None,
        },
    )
    .expect("a scatter");
    assert!(
        report
            .sentence
            .contains("areas with a higher share economically inactive tend to have a higher disability rate"),
        "{}",
        report.sentence
    );
    let legend = report.bivariate.expect("bivariate").legend;
    assert_eq!(legend[8].words, "high share economically inactive, high disability rate");
}
