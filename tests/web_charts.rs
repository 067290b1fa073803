//! In-browser checks of the chart module (built with `--no-default-features --features
//! chart-shell`): plotters-canvas draws a trend specification on a real canvas, and pointer
//! positions map back to periods through plotters' reverse transform. SYNTHETIC values.
#![cfg(all(target_arch = "wasm32", feature = "chart-shell"))]

use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use work_health_atlas::layout::trend::{LineStyle, TrendLine, TrendPoint, TrendSpec};
use work_health_atlas::scale::Rgb;
use work_health_atlas::web::ChartHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(width: u32, height: u32) -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let canvas: HtmlCanvasElement = document.create_element("canvas").expect("canvas").dyn_into().expect("a canvas");
    canvas.set_width(width);
    canvas.set_height(height);
    let style = canvas.style();
    style.set_property("width", &format!("{width}px")).expect("style");
    style.set_property("height", &format!("{height}px")).expect("style");
    document.body().expect("a body").append_child(&canvas).expect("appended");
    let ctx = canvas.get_context("2d").expect("2d").expect("context").dyn_into().expect("2d context");
    (canvas, ctx)
}

fn spec() -> wasm_bindgen::JsValue {
    let points = [12.0, 14.5, 13.0, 15.5, 16.0].iter().map(|v| TrendPoint {
        value: Some(*v),
        lower: Some(v - 1.0),
        upper: Some(v + 1.0),
    });
    let spec = TrendSpec {
        periods: (2017..=2021).map(|y| y.to_string()).collect(),
        y_label: "% (SYNTHETIC)".into(),
        from_zero: true,
        changes: vec![],
        decimals: 1,
        markers: vec![],
        lines: vec![TrendLine {
            label: "Area".into(),
            colour: Rgb(0xd5, 0x3e, 0x0f),
            style: LineStyle::Primary,
            points: points.collect(),
        }],
    };
    spec.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("serialises")
}

#[wasm_bindgen_test]
fn draws_a_trend_and_maps_pixels_back_to_periods() {
    let (canvas, ctx) = canvas(400, 240);
    let mut chart = ChartHandle::new();
    assert_eq!(chart.period_at(100.0, 100.0), None, "nothing drawn yet");
    chart.draw_trend(canvas, spec(), Some(2)).expect("draws");
    let pixels = ctx.get_image_data(0.0, 0.0, 400.0, 240.0).expect("pixels").data();
    let orange = pixels.chunks(4).filter(|p| p[0] > 180 && p[1] < 120 && p[2] < 60).count();
    assert!(orange > 100, "the area's line is drawn: {orange} orange pixels");
    assert_eq!(chart.period_at(70.0, 120.0), Some(0));
    assert_eq!(chart.period_at(390.0, 120.0), Some(4));
}

#[wasm_bindgen_test]
fn a_malformed_spec_is_an_error_with_a_code() {
    let (canvas, _) = canvas(100, 100);
    let error =
        ChartHandle::new().draw_trend(canvas, wasm_bindgen::JsValue::from_str("nope"), None).expect_err("fails");
    let code = js_sys::Reflect::get(&error, &"code".into()).ok().and_then(|c| c.as_string());
    assert_eq!(code.as_deref(), Some("chart-failed"));
}
