//! In-browser checks of the analysis module (built with `--no-default-features --features
//! analysis-shell`): it reads a packed bundle as the map module does, resolves and checks patches
//! and notes given as parsed JSON, sums a patch's counts, runs a comparison and draws its charts
//! on real canvases. SYNTHETIC grid data.
#![cfg(all(target_arch = "wasm32", feature = "analysis-shell"))]

#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use serde::Serialize;
use serde_json::{json, Value};
use synthetic::{cell_code, grid_bundle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use work_health_atlas::web::AnalysisHandle;

wasm_bindgen_test_configure!(run_in_browser);

const COLUMNS: usize = 8;

/// A SYNTHETIC 8×6 grid with counts for both periods, packed as the page passes it.
fn bundle() -> Vec<u8> {
    let mut bundle = grid_bundle(COLUMNS, 6, &[]);
    for indicator in &mut bundle.indicators {
        for series in indicator.series.iter_mut().filter(|s| s.geography == "lsoa") {
            let n = series.values.len();
            let shift = if series.period == "2025" { 9.0 } else { 0.0 };
            series.values = vec![];
            series.denominators = Some((0..n).map(|a| Some(600.0 + 13.0 * a as f64)).collect());
            series.numerators = Some((0..n).map(|a| Some(60.0 + 5.0 * (a % 7) as f64 + shift)).collect());
        }
    }
    work_health_atlas::model::packed::encode(&bundle)
}

fn js(value: Value) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("serialises")
}

fn rust(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).expect("plain data")
}

fn canvas() -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let canvas: HtmlCanvasElement = document.create_element("canvas").expect("canvas").dyn_into().expect("a canvas");
    canvas.set_width(400);
    canvas.set_height(240);
    document.body().expect("a body").append_child(&canvas).expect("appended");
    let ctx = canvas.get_context("2d").expect("2d").expect("context").dyn_into().expect("2d context");
    (canvas, ctx)
}

fn inked(ctx: &CanvasRenderingContext2d) -> usize {
    let data = ctx.get_image_data(0.0, 0.0, 400.0, 240.0).expect("pixels").data();
    data.chunks(4).filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200)).count()
}

#[wasm_bindgen_test]
fn patches_are_checked_summed_and_charted() {
    let handle = AnalysisHandle::new(&bundle()).expect("reads the bundle");
    let (a, b) = (cell_code(COLUMNS, 0, 0), cell_code(COLUMNS, 1, 0));
    let resolved = rust(handle.resolve(&format!("{a}, {b}\nnowhere")));
    assert_eq!(resolved["codes"], json!([a, b]));
    assert_eq!(resolved["unknown"], json!(["nowhere"]));

    let patch = handle
        .load_patch(js(json!({"name": "Patch", "areas": [a, b], "interventions": [{"name": "Hub", "start": "2022"}]})))
        .expect("valid");
    let bad = handle.load_patch(js(json!({"name": "", "areas": ["nowhere"]}))).expect_err("invalid");
    let code = js_sys::Reflect::get(&bad, &"code".into()).expect("code");
    assert_eq!(code.as_string().as_deref(), Some("invalid-patch"));
    let unknown_field = handle.load_patch(js(json!({"name": "x", "areas": [a], "onload": "alert(1)"})));
    assert!(unknown_field.is_err(), "unknown fields are refused");

    let figures = rust(handle.patch_figures(vec![a.clone(), b.clone()], "employment-deprivation"));
    assert_eq!(figures[0]["numerator"].as_f64(), Some(125.0));
    assert_eq!(figures[0]["denominator"].as_f64(), Some(1213.0));
    assert_eq!(figures[0]["value_text"], json!("10.3%"));

    let spec = handle.patch_trend_spec(patch, "employment-deprivation", vec![], js(json!([]))).expect("a spec");
    assert_eq!(rust(spec.clone())["markers"][0]["label"], json!("Hub"));
    let (canvas, ctx) = canvas();
    handle.draw_trend(canvas, spec).expect("drawn");
    assert!(inked(&ctx) > 500, "the patch's chart is drawn");
}

#[wasm_bindgen_test]
fn notes_comparisons_and_scatter_work_on_page_values() {
    let handle = AnalysisHandle::new(&bundle()).expect("reads the bundle");
    let notes = rust(handle.load_notes(js(json!({"notes": [
        {"area": cell_code(COLUMNS, 0, 0), "period": "2024", "text": "<b>kept as text</b>", "author": "A", "date": "2025-01-02"},
        {"area": "nowhere", "period": "2024", "text": "x", "author": "A", "date": "2025-01-02"},
        {"area": cell_code(COLUMNS, 0, 0), "period": "2024", "text": "x", "author": "A", "date": "2025-01-02", "onclick": "x"}
    ]}))));
    assert_eq!(notes["notes"].as_array().map(Vec::len), Some(1));
    assert!(notes["problems"][0].as_str().is_some_and(|p| p.contains("notes[1].area")), "{notes}");
    assert!(
        notes["problems"][1].as_str().is_some_and(|p| p.contains("notes[2]") && p.contains("unknown field `onclick`")),
        "{notes}"
    );
    let not_a_list = rust(handle.load_notes(JsValue::from_str("nope")));
    assert!(not_a_list["problems"][0].as_str().is_some());

    let patch: Vec<String> = (0..4).map(|i| cell_code(COLUMNS, i, 0)).collect();
    let request = js(json!({"outcome": "employment-deprivation", "start": "2022", "k": 8}));
    let report = rust(handle.compare(patch, request).expect("a comparison"));
    assert_eq!(report["matches"].as_array().map(Vec::len), Some(8));
    assert!(report["sentence"].as_str().is_some_and(|s| s.contains("association, not proof of impact")));
    let (canvas, ctx) = canvas();
    handle.draw_did(canvas, js(report["chart"].clone())).expect("drawn");
    assert!(inked(&ctx) > 300);

    let early = handle
        .compare(vec![cell_code(COLUMNS, 0, 0)], js(json!({"outcome": "employment-deprivation", "start": "2001"})));
    assert!(early.is_err(), "no period before the start");

    let bad_scatter =
        handle.scatter(js(json!({"layer": "nowhere", "x": "employment-deprivation", "y": "employment-deprivation"})));
    assert!(bad_scatter.is_err());
}
