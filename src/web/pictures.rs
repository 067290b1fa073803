//! Exported chart pictures (in the chart module): any chart the widget shows — the area's trend,
//! profile, districts, and the patch's trend, difference in differences, event study and scatter,
//! whose specifications the analysis module made — laid out with its title, key, footnotes and
//! caption (`layout::picture`), as SVG; and the key rows and footnotes the page draws around the
//! chart in the PNG.

use super::canvas::{chart_error, context};
use super::measure::Measured;
use crate::layout::picture::{draw_picture, lay_out, KeyRow, Layout, PictureText, Sample};
use crate::layout::picture_chart::PictureChart;
use crate::scale::Rgb;
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The page's words for a picture: `{ title, notes?, caption?, key? }`.
#[derive(Deserialize)]
struct Words {
    title: String,
    /// Footnotes after the chart's own (a finding's sentence, the profile's key).
    #[serde(default)]
    notes: Vec<String>,
    /// Caption lines: source, period, boundaries, licence.
    #[serde(default)]
    caption: Vec<String>,
    /// Key rows after the chart's own: a label and a CSS colour (`#rrggbb`), drawn as a square.
    #[serde(default)]
    key: Vec<Swatch>,
}

#[derive(Deserialize)]
struct Swatch {
    label: String,
    colour: String,
}

fn fail(e: impl std::fmt::Display) -> JsValue {
    chart_error(&e.to_string())
}

/// The chart of kind `kind` (`trend`, `profile`, `districts`, `did`, `event-study`, `scatter`).
fn chart_of(kind: &str, spec: JsValue) -> Result<PictureChart, JsValue> {
    Ok(match kind {
        "trend" => PictureChart::Trend(serde_wasm_bindgen::from_value(spec).map_err(fail)?),
        "profile" => PictureChart::Profile(serde_wasm_bindgen::from_value(spec).map_err(fail)?),
        "districts" => PictureChart::Districts(serde_wasm_bindgen::from_value(spec).map_err(fail)?),
        "did" => PictureChart::Did(serde_wasm_bindgen::from_value(spec).map_err(fail)?),
        "event-study" => PictureChart::EventStudy(serde_wasm_bindgen::from_value(spec).map_err(fail)?),
        "scatter" => PictureChart::Scatter(serde_wasm_bindgen::from_value(spec).map_err(fail)?),
        other => return Err(chart_error(&format!("no chart of kind \"{other}\""))),
    })
}

/// The key rows and footnotes of a chart's picture: `{ key: [{ sample, label }], notes }` (see
/// `layout::picture::Sample`), for the PNG the page composes around the chart drawn at 2×.
///
/// # Errors
/// An `Error` with code `chart-failed` for an unknown kind or a spec of another shape.
#[wasm_bindgen(js_name = pictureKey)]
pub fn picture_key(kind: &str, spec: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Key {
        key: Vec<KeyRow>,
        notes: Vec<String>,
    }
    let (key, notes) = chart_of(kind, spec)?.key();
    Key { key, notes }.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(fail)
}

/// A detached canvas's context, for measuring text.
fn measuring_context() -> Result<CanvasRenderingContext2d, JsValue> {
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
        .ok_or_else(|| chart_error("no document to measure text in"))?;
    context(&canvas)
}

/// The chart and its picture's layout, text measured on `ctx` in the fonts plotters draws with.
fn prepare(
    ctx: &CanvasRenderingContext2d,
    kind: &str,
    spec: JsValue,
    words: JsValue,
    width: u32,
    chart_height: u32,
) -> Result<(PictureChart, Layout), JsValue> {
    let chart = chart_of(kind, spec)?;
    let words: Words = serde_wasm_bindgen::from_value(words).map_err(fail)?;
    let (mut key, mut notes) = chart.key();
    key.extend(words.key.into_iter().map(|s| KeyRow {
        sample: Sample::Block(Rgb::from_hex(&s.colour).unwrap_or(Rgb(0x76, 0x76, 0x76))),
        label: s.label,
    }));
    notes.extend(words.notes);
    notes.extend(words.caption);
    let text = PictureText { title: words.title, key, notes };
    let measure = |t: &str, px: u32, bold: bool| {
        ctx.set_font(&format!("{}{px}px sans-serif", if bold { "bold " } else { "" }));
        ctx.measure_text(t).map(|m| m.width()).unwrap_or(t.chars().count() as f64 * f64::from(px) * 0.6)
    };
    let layout = lay_out(&text, width.clamp(240, 2400), chart_height.clamp(80, 3000), &measure);
    Ok((chart, layout))
}

/// The picture of a chart (`kind`, `spec` as drawn on screen) with `words` (`{ title, notes,
/// caption, key }`), `width` CSS px wide with the chart `chart_height` high, as a standalone SVG
/// document. plotters' SVG backend escapes every text it writes (`&`, `<`, `>`, quotes) exactly once, so labels are
/// passed as they are: escaping here as well showed "&amp;" in exports.
///
/// # Errors
/// An `Error` with code `chart-failed`.
#[wasm_bindgen(js_name = pictureSvg)]
pub fn picture_svg(
    kind: &str,
    spec: JsValue,
    words: JsValue,
    width: u32,
    chart_height: u32,
) -> Result<String, JsValue> {
    let ctx = measuring_context()?;
    let (chart, layout) = prepare(&ctx, kind, spec, words, width, chart_height)?;
    let mut out = String::new();
    {
        let size = (layout.width, layout.height);
        let svg = Measured::new(SVGBackend::with_string(&mut out, size), ctx, size);
        draw_picture(&svg.into_drawing_area(), &layout, |area| chart.draw(area)).map_err(|e| chart_error(&e))?;
    }
    Ok(out)
}
