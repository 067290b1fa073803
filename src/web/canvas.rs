//! Canvases for plotters, shared by the chart and analysis modules: the 2D context, a canvas
//! backend that measures text on the canvas itself, and the error every drawing failure becomes.

use super::measure::Measured;
use super::report::js_error;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The 2D context of a canvas (for drawing and for measuring text).
pub(super) fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| chart_error("no 2D context"))
}

/// A canvas backend that measures text on the canvas itself and lays the chart out in the
/// context's user space (see `measure`): the backing store divided by the scale the page set on
/// the context for the devicePixelRatio. That transform is the only place the ratio applies, so
/// everything the chart reports back (hit-testing, the period under the pointer) is in CSS pixels.
pub(super) fn canvas_backend(canvas: HtmlCanvasElement) -> Result<Measured<CanvasBackend>, JsValue> {
    let ctx = context(&canvas)?;
    let size = logical_size(&canvas, &ctx);
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| chart_error("no 2D context"))?;
    Ok(Measured::new(backend, ctx, size))
}

/// The canvas's size in the context's user space (CSS pixels when the page scaled the context by
/// the devicePixelRatio). A missing or degenerate transform counts as no scaling.
fn logical_size(canvas: &HtmlCanvasElement, ctx: &CanvasRenderingContext2d) -> (u32, u32) {
    let (sx, sy) = ctx.get_transform().map(|m| (m.a(), m.d())).unwrap_or((1.0, 1.0));
    let unscale = |pixels: u32, scale: f64| {
        let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
        (f64::from(pixels) / scale).round().max(1.0) as u32
    };
    (unscale(canvas.width(), sx), unscale(canvas.height(), sy))
}

/// A [`js_error`] with code `chart-failed` and the chart module's "could not be drawn" message.
pub(super) fn chart_error(message: &str) -> JsValue {
    js_error("chart-failed", &format!("the chart could not be drawn: {message}"), &[])
}
