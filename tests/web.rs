//! In-browser checks of the wasm shell (headless Chromium via wasm-bindgen-test): the embedded
//! bundle loads, the canvas painter draws real pixels, hit-testing agrees with the drawing, and
//! errors reach JavaScript as `Error`s with a stable `code`.
#![cfg(all(target_arch = "wasm32", feature = "map-shell"))]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use work_health_atlas::web::AtlasHandle;

wasm_bindgen_test_configure!(run_in_browser);

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 300.0;

fn canvas() -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").expect("canvas").dyn_into().expect("an HtmlCanvasElement");
    canvas.set_width(WIDTH as u32);
    canvas.set_height(HEIGHT as u32);
    document.body().expect("a body").append_child(&canvas).expect("appended");
    let ctx = canvas.get_context("2d").expect("2d").expect("a context").dyn_into().expect("a 2d context");
    (canvas, ctx)
}

/// The indicators the embedded first view leaves out (what the element fetches after it).
const REST: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas-more.bin"));

/// The whole bundle as the element hands it on once the rest has come: the embedded first part
/// followed by the rest.
fn embedded() -> Vec<u8> {
    [AtlasHandle::embedded_bundle().as_slice(), REST].concat()
}

#[wasm_bindgen_test]
fn the_rest_of_the_bundle_is_added_to_a_handle_of_the_first_view() {
    let mut handle = AtlasHandle::new(&AtlasHandle::embedded_bundle(), WIDTH, HEIGHT).expect("the first view loads");
    assert!(handle.set_view(Some("income-deprivation".into()), None, None).is_err(), "not in the first view");
    assert_eq!(handle.add_indicators(REST).expect("the rest is added"), 11);
    handle.set_view(Some("income-deprivation".into()), None, None).expect("now it is there");
    // Added twice, or damaged: refused with a code, the handle unchanged.
    let twice = handle.add_indicators(REST).expect_err("duplicate ids are refused");
    assert_eq!(property(&twice, "code").as_string().as_deref(), Some("invalid-data"));
    let damaged = handle.add_indicators(&REST[..REST.len() / 2]).expect_err("a cut file is refused");
    assert_eq!(property(&damaged, "code").as_string().as_deref(), Some("invalid-structure"));
    handle.set_view(Some("disability".into()), None, None).expect("still whole");
}

fn property(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn embedded_bundle_paints_pixels_on_the_canvas() {
    assert!(!AtlasHandle::embedded_bundle().is_empty(), "the build embeds the bundle");
    let mut handle = AtlasHandle::new(&embedded(), WIDTH, HEIGHT).expect("the embedded bundle loads");
    let (_canvas, ctx) = canvas();
    handle.paint_base(&ctx);
    let pixels = ctx.get_image_data(0.0, 0.0, WIDTH, HEIGHT).expect("image data").data();
    let painted = pixels.chunks(4).filter(|p| p[3] > 0).count();
    let total = (WIDTH * HEIGHT) as usize;
    assert!(painted > total / 5, "the map covers a good part of the canvas: {painted} of {total} pixels");
}

#[wasm_bindgen_test]
fn a_repaint_with_the_cached_border_lines_matches_a_fresh_paint() {
    let pixels =
        |ctx: &CanvasRenderingContext2d| ctx.get_image_data(0.0, 0.0, WIDTH, HEIGHT).expect("image data").data();
    let mut cached = AtlasHandle::new(&embedded(), WIDTH, HEIGHT).expect("loads");
    let (_a, ctx) = canvas();
    // At a device pixel ratio of 2, as the element draws on a phone.
    let scaled = |ctx: &CanvasRenderingContext2d| {
        let canvas = ctx.canvas().expect("a canvas");
        canvas.set_width(2 * WIDTH as u32);
        canvas.set_height(2 * HEIGHT as u32);
        ctx.set_transform(2.0, 0.0, 0.0, 2.0, 0.0, 0.0).expect("transform");
    };
    scaled(&ctx);
    cached.paint_base(&ctx);
    let first = pixels(&ctx);
    cached.set_view(Some("income-deprivation".into()), None, None).expect("another indicator");
    cached.paint_base(&ctx);
    let (_b, fresh_ctx) = canvas();
    scaled(&fresh_ctx);
    let mut fresh = AtlasHandle::new(&embedded(), WIDTH, HEIGHT).expect("loads");
    fresh.set_view(Some("income-deprivation".into()), None, None).expect("another indicator");
    fresh.paint_base(&fresh_ctx);
    let (second, expected) = (pixels(&ctx), pixels(&fresh_ctx));
    assert!(second != first, "the switch repainted the fills");
    let differing = second.iter().zip(expected.iter()).filter(|(a, b)| a != b).count();
    assert_eq!(differing, 0, "the repaint with cached lines equals a fresh paint");
    // Zooming changes the lines: they are drawn afresh, not copied from the cache.
    cached.zoom_at(2.0, WIDTH / 2.0, HEIGHT / 2.0);
    fresh.zoom_at(2.0, WIDTH / 2.0, HEIGHT / 2.0);
    cached.paint_base(&ctx);
    fresh.paint_base(&fresh_ctx);
    assert!(pixels(&ctx) == pixels(&fresh_ctx), "after a zoom too");
}

#[wasm_bindgen_test]
fn hit_test_finds_the_area_drawn_at_its_interior_point() {
    let mut handle = AtlasHandle::new(&embedded(), WIDTH, HEIGHT).expect("the embedded bundle loads");
    handle.set_view(None, Some("lad".into()), None).expect("the district layer exists");
    let point = handle.screen_point_of("E08000012");
    let x = property(&point, "0").as_f64().expect("x");
    let y = property(&point, "1").as_f64().expect("y");
    assert!(handle.hover(x, y), "hover changes from nothing to Liverpool");
    let info = handle.hover_info();
    assert_eq!(property(&info, "name").as_string().as_deref(), Some("Liverpool"));
    assert!(!handle.hover(x, y), "hovering the same area again changes nothing");
}

#[wasm_bindgen_test]
fn a_wrongly_shaped_bundle_is_an_error_with_a_code() {
    let Err(error) = AtlasHandle::new(b"not a bundle", WIDTH, HEIGHT) else {
        panic!("text must not load as a bundle");
    };
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(property(&error, "code").as_string().as_deref(), Some("invalid-structure"));
    // A packed bundle cut short is refused the same way, with where it ends.
    let packed = embedded();
    let Err(error) = AtlasHandle::new(&packed[..packed.len() / 2], WIDTH, HEIGHT) else {
        panic!("half a bundle must not load");
    };
    assert_eq!(property(&error, "code").as_string().as_deref(), Some("invalid-structure"));
}

#[wasm_bindgen_test]
fn the_core_says_what_a_change_asks_the_page_to_redraw() {
    let mut handle = AtlasHandle::new(&embedded(), WIDTH, HEIGHT).expect("the embedded bundle loads");
    let flags = |update: &JsValue| ["base", "overlay", "text", "state"].map(|f| property(update, f).as_bool());
    handle.take_update();
    assert!(handle.hover_code(Some("E01006512".into())), "hovering a Liverpool LSOA by code");
    assert_eq!(flags(&handle.take_update()), [Some(false), Some(true), Some(false), Some(false)]);
    let chosen = handle.choose("E01006512").expect("a Liverpool LSOA");
    assert!(property(&chosen, "message").as_string().is_some_and(|m| m.starts_with("Showing ")));
    assert_eq!(flags(&handle.take_update()), [Some(true), Some(true), Some(true), Some(true)]);
}

#[wasm_bindgen_test]
fn the_trend_spec_exists_once_an_area_is_selected() {
    let mut handle = AtlasHandle::new(&embedded(), WIDTH, HEIGHT).expect("the embedded bundle loads");
    assert!(handle.trend_spec().is_null(), "no chart without a selection");
    handle.select("E01006512").expect("a Liverpool LSOA");
    let spec = handle.trend_spec();
    let periods = js_sys::Array::from(&property(&spec, "periods"));
    assert_eq!(periods.length(), 3, "employment deprivation has three editions");
}
