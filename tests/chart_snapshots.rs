//! SVG snapshots of charts drawn natively with the same plotters code the browser runs on its
//! canvas: a full trend with bands and comparators, and a series with a gap and a definition
//! change. SYNTHETIC values. Review changes with `cargo insta review`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use plotters::prelude::*;
use work_health_atlas::layout::trend::{draw_trend, LineStyle, TrendLine, TrendPoint, TrendSpec};
use work_health_atlas::scale::Rgb;

fn svg(spec: &TrendSpec, hovered: Option<usize>) -> String {
    support::fonts::register();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (480, 260)).into_drawing_area();
        draw_trend(&root, spec, hovered).expect("the chart draws");
    }
    out
}

fn point(value: Option<f64>, band: f64) -> TrendPoint {
    TrendPoint { value, lower: value.map(|v| v - band), upper: value.map(|v| v + band) }
}

fn full() -> TrendSpec {
    let periods: Vec<String> = (2015..=2021).map(|y| y.to_string()).collect();
    let area = [20.0, 21.5, 19.0, 18.2, 17.5, 19.9, 16.0];
    let region = [15.0, 15.2, 14.8, 14.1, 13.9, 15.5, 13.0];
    TrendSpec {
        periods,
        y_label: "% of residents (SYNTHETIC)".into(),
        from_zero: true,
        changes: vec![],
        decimals: 1,
        markers: vec![],
        lines: vec![
            TrendLine {
                label: "City region".into(),
                colour: Rgb(0x50, 0x5a, 0x5f),
                style: LineStyle::Comparator(6),
                points: region
                    .iter()
                    .map(|v| point(Some(*v), 0.0))
                    .map(|p| TrendPoint { lower: None, upper: None, ..p })
                    .collect(),
            },
            TrendLine {
                label: "Area".into(),
                colour: Rgb(0x08, 0x51, 0x9c),
                style: LineStyle::Primary,
                points: area.iter().map(|v| point(Some(*v), 1.5)).collect(),
            },
        ],
    }
}

#[test]
fn full_trend_with_band_and_comparator() {
    let out = svg(&full(), Some(3));
    assert!(out.contains("<polygon") || out.contains("<path"), "the band is drawn");
    insta::assert_snapshot!("trend_full", out);
}

#[test]
fn series_with_a_gap_and_a_definition_change() {
    let mut spec = full();
    spec.lines[1].points[2] = TrendPoint { value: None, lower: None, upper: None };
    spec.changes = vec![5];
    let out = svg(&spec, None);
    assert!(out.contains('‡'), "the definition change is marked");
    insta::assert_snapshot!("trend_gap", out);
}

#[test]
fn the_frame_maps_pixels_back_to_periods() {
    support::fonts::register();
    let mut out = String::new();
    let root = SVGBackend::with_string(&mut out, (480, 260)).into_drawing_area();
    let frame = draw_trend(&root, &full(), None).expect("draws");
    // The plot spans x ≈ 60..472 for 7 periods: the far left is period 0, the far right period 6.
    assert_eq!(frame.period_at(70, 100), Some(0));
    assert_eq!(frame.period_at(465, 100), Some(6));
    assert_eq!(frame.period_at(5, 100), None, "outside the plot");
}

fn shipped_atlas() -> work_health_atlas::app::Atlas {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("bundle");
    let data = work_health_atlas::model::Dataset::from_json(&bytes).expect("valid");
    work_health_atlas::app::Atlas::new(data, 800.0, 600.0)
}

#[test]
fn district_panel_of_health_index_unemployment() {
    support::fonts::register();
    let atlas = shipped_atlas();
    let spec = atlas.district_spec(Some("hi-unemployment")).expect("yearly district figures exist");
    assert_eq!(spec.districts.len(), 6);
    assert_eq!(spec.periods.len(), 7);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (720, 320)).into_drawing_area();
        work_health_atlas::layout::districts::draw_districts(&root, &spec).expect("draws");
    }
    for name in ["Halton", "Knowsley", "Liverpool", "St. Helens", "Sefton", "Wirral"] {
        assert!(out.contains(name), "{name} has a panel");
    }
    insta::assert_snapshot!("districts", out);
}

#[test]
fn area_profile_of_a_ward() {
    support::fonts::register();
    let mut atlas = shipped_atlas();
    atlas.set_view(None, Some("ward"), None).expect("wards");
    atlas.select_code("E05015279").expect("Anfield ward");
    let spec = atlas.profile_spec().expect("a selected area has a profile");
    let labels: Vec<&str> = spec.rows.iter().map(|r| r.label.as_str()).collect();
    assert!(labels.contains(&"Employment deprivation") && labels.contains(&"Disability"), "{labels:?}");
    let mut out = String::new();
    {
        let height = spec.rows.len() as u32 * work_health_atlas::layout::profile::ROW_HEIGHT + 26;
        let root = SVGBackend::with_string(&mut out, (480, height)).into_drawing_area();
        work_health_atlas::layout::profile::draw_profile(&root, &spec).expect("draws");
    }
    assert!(out.contains("Anfield compared with all wards"));
    insta::assert_snapshot!("profile", out);
}
