//! Canvases for plotters, shared by the chart and analysis modules: the 2D context, a canvas
//! backend that measures text on the canvas itself, and the error every drawing failure becomes.

use super::measure::Measured;
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

/// A canvas backend that measures text on the canvas itself (see `measure`).
pub(super) fn canvas_backend(canvas: HtmlCanvasElement) -> Result<Measured<CanvasBackend>, JsValue> {
    let ctx = context(&canvas)?;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| chart_error("no 2D context"))?;
    Ok(Measured::new(backend, ctx))
}

/// A JS `Error` with code `chart-failed`.
pub(super) fn chart_error(message: &str) -> JsValue {
    let js = js_sys::Error::new(&format!("the chart could not be drawn: {message}"));
    let _ = js_sys::Reflect::set(&js, &"code".into(), &"chart-failed".into());
    js.into()
}
