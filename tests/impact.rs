//! The impact analyses on the shipped bundle and on SYNTHETIC panels: a patch's figures are sums
//! of its areas' counts, a withheld count can never be recovered by differencing two patches,
//! patches and notes from outside are checked with located problems, the matched comparison and
//! the work × health scatter behave on real data, and exports neutralise formulas.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::synthetic::grid_bundle;
use work_health_atlas::impact::comparison::{compare, ComparisonRequest};
use work_health_atlas::impact::export::patch_csv;
use work_health_atlas::impact::figures::{patch_figure, Status};
use work_health_atlas::impact::notes::load_notes;
use work_health_atlas::impact::patch::{load_patch, members, resolve, split_entries};
use work_health_atlas::impact::scatter::{scatter, ScatterRequest};
use work_health_atlas::impact::Panel;
use work_health_atlas::model::Dataset;
use work_health_atlas::stats::random::SplitMix64;

fn shipped() -> Panel {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("data/atlas.json exists");
    let data = Dataset::from_json(&bytes).expect("the shipped bundle loads");
    Panel::from_bundle(&data.bundle).expect("a panel")
}

/// A SYNTHETIC 6×5 grid with counts for 2019 and 2025, where area `withheld` has no published
/// 2019 numerator.
fn synthetic_panel(withheld: usize) -> Panel {
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
    Panel::from_bundle(&bundle).expect("a panel")
}

#[test]
fn a_patch_value_is_the_sum_of_its_areas_counts() {
    let panel = shipped();
    let indicator = panel.indicator("employment-deprivation").expect("indicator");
    let found = resolve(&panel, ["Anfield"]);
    assert!(found.members.len() >= 4, "Anfield ward has several LSOAs: {found:?}");
    assert!(found.expanded[0].contains("Anfield"), "{:?}", found.expanded);
    let series = panel.series(indicator, "lsoa", "2019").expect("2019 LSOA series");
    let (numerators, denominators) = (series.numerators.as_ref().expect("n"), series.denominators.as_ref().expect("d"));
    let n: f64 = found.members.iter().map(|&m| numerators[m].expect("count")).sum();
    let d: f64 = found.members.iter().map(|&m| denominators[m].expect("count")).sum();
    let figure = patch_figure(&panel, indicator, &found.members, "2019");
    assert_eq!(figure.status, Status::Shown);
    assert!(!figure.estimated);
    assert_eq!(figure.numerator, Some(n));
    assert_eq!(figure.denominator, Some(d));
    let value = figure.value.expect("value");
    assert!((value - (n / d * 100.0 * 10.0).round() / 10.0).abs() < 1e-9, "{value}");
    let (lo, hi) = (figure.lower.expect("lower"), figure.upper.expect("upper"));
    assert!(lo < value && value < hi, "{lo} < {value} < {hi}");
    // A patch of one area is that area's published figure.
    let one = patch_figure(&panel, indicator, &found.members[..1], "2019");
    assert_eq!(one.value, series.values[found.members[0]]);
    // IoD2025 publishes LSOA numerators and rates but no denominators: the patch sums the
    // published numerators over denominators implied by the rates, flagged as an estimate.
    let s2025 = panel.series(indicator, "lsoa", "2025").expect("2025 LSOA series");
    assert!(s2025.denominators.is_none());
    let n2025: f64 = found.members.iter().map(|&m| s2025.numerators.as_ref().expect("n")[m].expect("count")).sum();
    let f2025 = patch_figure(&panel, indicator, &found.members, "2025");
    assert_eq!((f2025.status, f2025.numerator, f2025.estimated), (Status::Shown, Some(n2025), true));
    let lowest = found.members.iter().filter_map(|&m| s2025.values[m]).fold(f64::INFINITY, f64::min);
    let highest = found.members.iter().filter_map(|&m| s2025.values[m]).fold(f64::NEG_INFINITY, f64::max);
    let v2025 = f2025.value.expect("value");
    assert!(lowest <= v2025 && v2025 <= highest, "a pooled rate lies among its areas' rates");
    // 2010 is published as rates only: no total can be made from it.
    assert_eq!(patch_figure(&panel, indicator, &found.members, "2010").status, Status::NoCounts);
    // Census economic inactivity is published for MSOAs, not LSOAs.
    let inactive = panel.indicator("economically-inactive").expect("indicator");
    assert_eq!(patch_figure(&panel, inactive, &found.members, "2021").status, Status::NotForSmallAreas);
}

#[test]
fn the_shipped_withheld_count_stays_withheld_in_every_patch() {
    let panel = shipped();
    let indicator = panel.indicator("employment-deprivation").expect("indicator");
    let series = panel.series(indicator, "lsoa", "2019").expect("2019");
    let withheld = series.numerators.as_ref().expect("n").iter().position(Option::is_none).expect("one withheld area");
    let neighbours = [withheld.saturating_sub(1), withheld + 1, withheld + 2];
    let with: Vec<usize> = [&neighbours[..], &[withheld]].concat();
    let figure = patch_figure(&panel, indicator, &with, "2019");
    assert_eq!(figure.status, Status::Withheld);
    assert_eq!((figure.value, figure.numerator, figure.withheld), (None, None, 1));
    assert!(figure.reason.contains("withheld"), "{}", figure.reason);
    assert_eq!(patch_figure(&panel, indicator, &neighbours, "2019").status, Status::Shown);
}

#[test]
fn no_two_patches_difference_to_a_withheld_count() {
    // SYNTHETIC: area 7 has no published 2019 count. For many random patches P (with and without
    // area 7), whenever both P ∪ {7} and P \ {7} have figures their difference would reveal it:
    // that must never happen. The other areas' figures stay available.
    let withheld = 7;
    let panel = synthetic_panel(withheld);
    let indicator = panel.indicator("employment-deprivation").expect("indicator");
    let n = panel.base().areas.len();
    let mut rng = SplitMix64::new(42);
    let mut shown_without = 0;
    for _ in 0..2_000 {
        let mut patch: Vec<usize> = (0..n).filter(|_| rng.next_f64() < 0.3).filter(|&a| a != withheld).collect();
        let without = patch_figure(&panel, indicator, &patch, "2019");
        patch.push(withheld);
        patch.sort_unstable();
        let with = patch_figure(&panel, indicator, &patch, "2019");
        assert!(with.numerator.is_none() && with.value.is_none() && with.lower.is_none(), "{with:?}");
        assert_eq!(with.status, Status::Withheld);
        if without.value.is_some() {
            shown_without += 1;
        }
        // 2025 is published for every area, so the same patch has a figure then.
        assert_eq!(patch_figure(&panel, indicator, &patch, "2025").status, Status::Shown);
    }
    assert!(shown_without > 1_900, "patches without the withheld area keep their figures ({shown_without})");
}

#[test]
fn pasted_codes_and_names_resolve_and_unknowns_are_listed() {
    let panel = shipped();
    let first = panel.base().areas[0].code.clone();
    let text = format!("{first}, Liverpool 031A\nnot a place; Anfield");
    let found = resolve(&panel, split_entries(&text));
    assert_eq!(found.unknown, vec!["not a place".to_string()]);
    assert!(found.members.contains(&0));
    assert!(found.members.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
}

#[test]
fn a_host_patch_is_checked_and_every_problem_located() {
    let panel = shipped();
    let bad =
        r#"{"name": "", "areas": ["E01006512", "nowhere"], "interventions": [{"name": "Hub", "start": "spring"}]}"#;
    let problems = load_patch(&panel, bad).expect_err("invalid");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|t| t.contains("name") && t.contains("empty")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("areas[1]") && t.contains("nowhere")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("interventions[0].start")), "{text:?}");
    let unknown_field = load_patch(&panel, r#"{"name": "x", "areas": ["Anfield"], "onload": "alert(1)"}"#);
    assert!(unknown_field.is_err(), "unknown fields are refused");
    let good = load_patch(&panel, r#"{"name": "North Liverpool", "areas": ["Anfield", "E01006512"], "interventions": [{"name": "Hub", "start": "2023-04"}]}"#)
        .expect("valid");
    assert!(good.areas.iter().all(|c| c.starts_with("E01")), "wards expanded to LSOAs: {:?}", good.areas);
    assert_eq!(members(&panel, &good).len(), good.areas.len());
}

#[test]
fn matched_comparison_on_the_shipped_data() {
    let panel = shipped();
    let patch = resolve(&panel, ["Anfield", "Everton"]).members;
    let request = ComparisonRequest {
        outcome: "employment-deprivation".into(),
        start: "2023".into(),
        features: vec!["employment-deprivation".into(), "disability".into()],
        k: 20,
    };
    let report = compare(&panel, &patch, &request).expect("a comparison");
    assert_eq!((report.before.as_str(), report.after.as_str()), ("IoD2019", "IoD2025"));
    assert_eq!(report.matches.len(), 20);
    let patch_codes: Vec<&str> = patch.iter().map(|&m| panel.base().areas[m].code.as_str()).collect();
    assert!(report.codes.iter().all(|c| !patch_codes.contains(&c.as_str())), "comparison areas are outside the patch");
    assert!(report.matches.iter().all(|m| m.why.contains("Employment deprivation") && m.why.contains("Disability")));
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
    let again = compare(&panel, &patch, &request).expect("again");
    assert_eq!(again.estimate, report.estimate);
    // Impossible requests say why.
    let early = ComparisonRequest { start: "2005".into(), ..request.clone() };
    assert!(compare(&panel, &patch, &early).expect_err("no period before").contains("before 2005"));
    let census = ComparisonRequest { outcome: "unemployed".into(), ..request };
    assert!(compare(&panel, &patch, &census).is_err());
}

#[test]
fn notes_load_with_every_problem_located_and_good_notes_kept() {
    let panel = shipped();
    let json = r#"{"notes": [
        {"area": "E01006512", "period": "2024", "text": "<img src=x onerror=alert(1)> jobs fair", "author": "Resident panel", "date": "2025-03-14"},
        {"area": "nowhere", "period": "2024", "text": "x", "author": "A", "date": "2025-03-14"},
        {"patch": "North", "period": "someday", "text": "", "author": "A", "date": "14/03/2025"},
        {"area": "E01006512", "period": "2024", "text": "x", "author": "A", "date": "2025-03-14", "script": "x"}
    ]}"#;
    let loaded = load_notes(&panel, json);
    assert_eq!(loaded.notes.len(), 1);
    assert!(loaded.notes[0].text.starts_with("<img"), "text is kept as text, to be shown as text");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    for expected in ["notes[1].area", "notes[2].period", "notes[2].text", "notes[2].date", "notes[3]"] {
        assert!(problems.iter().any(|p| p.contains(expected)), "{expected} in {problems:?}");
    }
    assert!(!load_notes(&panel, "{oops").problems.is_empty());
    assert_eq!(load_notes(&panel, "[]").notes.len(), 0);
}

#[test]
fn work_and_health_scatter_on_lsoas() {
    let panel = shipped();
    let request = ScatterRequest {
        layer: "lsoa".into(),
        x: "employment-deprivation".into(),
        y: "disability".into(),
        x_period: None,
        y_period: None,
    };
    let report = scatter(&panel, &request).expect("a scatter");
    let r = report.pearson.expect("pearson");
    assert!(r.r > 0.5 && r.lower < r.r && r.r < r.upper, "employment deprivation and disability go together: {r:?}");
    assert_eq!(r.n, report.spec.points.len());
    assert!(report.spec.x_label.contains("IoD2025") && report.spec.y_label.contains("2021"));
    let bivariate = report.bivariate.expect("bivariate");
    assert_eq!(bivariate.colours.len(), panel.base().areas.len());
    assert_eq!(bivariate.legend.iter().map(|c| c.count as usize).sum::<usize>(), report.spec.points.len());
    assert!(report.sentence.contains("does not show that the same people are affected"));
    assert!(scatter(&panel, &ScatterRequest { layer: "nowhere".into(), ..request.clone() }).is_err());
}

#[test]
fn work_and_health_never_plots_an_indicator_against_itself() {
    let panel = shipped();
    let request = ScatterRequest {
        layer: "lsoa".into(),
        x: "disability".into(),
        y: "disability".into(),
        x_period: None,
        y_period: None,
    };
    let refused = scatter(&panel, &request).expect_err("the same indicator on both axes is refused");
    assert_eq!(refused, "Disability is on both axes; choose two different indicators");
}

#[test]
fn the_patch_export_neutralises_formulas_and_carries_provenance() {
    let panel = shipped();
    let mut patch = load_patch(&panel, r#"{"name": "=cmd|' /C calc'!A0", "areas": ["Anfield"]}"#).expect("valid");
    patch.interventions.push(work_health_atlas::impact::Intervention {
        name: "Hub".into(),
        start: "2023".into(),
        note: None,
    });
    let m = members(&panel, &patch);
    let notes = load_notes(&panel, r#"[{"area": "E01006512", "period": "2024", "text": "=HYPERLINK(\"http://x\")", "author": "@me", "date": "2025-01-02"}]"#).notes;
    let csv = patch_csv(&panel, &patch, &m, "employment-deprivation", None, &notes).expect("csv");
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http"), "{csv}");
    assert!(csv.contains(",\"'@me\","), "{csv}");
    assert!(csv.contains("Intervention: Hub from 2023"));
    for line in &panel.meta.attribution {
        assert!(csv.contains(line.as_str()), "attribution {line}");
    }
    assert!(csv.contains("\n2025,IoD2025,"), "{csv}");
}

#[test]
fn notes_find_their_place_on_any_layer() {
    let panel = shipped();
    // An LSOA on the ward layer is its ward; a ward on the LSOA layer is one of its LSOAs.
    assert_eq!(panel.area_on_layer("E01006512", "ward").as_deref(), Some("E05015285"));
    let inside = panel.area_on_layer("E05015285", "lsoa").expect("an LSOA in Canning");
    let lsoa = panel.layer_index("lsoa").and_then(|l| panel.area_index(l, &inside)).expect("known");
    assert_eq!(panel.base().areas[lsoa].parents.get("ward").map(String::as_str), Some("E05015285"));
    assert_eq!(panel.area_on_layer("E01006512", "lsoa").as_deref(), Some("E01006512"));
    assert_eq!(panel.area_on_layer("nowhere", "lsoa"), None);
}
