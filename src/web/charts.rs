//! The chart module's handle: draws chart specifications made by the map module's core onto
//! canvases with plotters-canvas, and maps pointer positions back to periods with plotters'
//! reverse coordinate transform. Built as its own wasm (`chart-shell` feature) and loaded by the
//! element only when a chart is first shown.

use super::canvas::{canvas_backend, chart_error};
use super::report::js_error;
use crate::layout::districts::{draw_districts, DistrictSpec};
use crate::layout::profile::{draw_profile, ProfileSpec};
use crate::layout::trend::{draw_trend, TrendFrame, TrendSpec};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The caption and rows the page passes for an export.
fn export_inputs(
    caption: JsValue,
    rows: JsValue,
) -> Result<(crate::app::Caption, Vec<crate::app::table::TableRow>), JsValue> {
    let fail =
        |e: serde_wasm_bindgen::Error| js_error("export-failed", &format!("the CSV could not be made: {e}"), &[]);
    let caption = serde_wasm_bindgen::from_value(caption).map_err(fail)?;
    let rows = if rows.is_undefined() { Vec::new() } else { serde_wasm_bindgen::from_value(rows).map_err(fail)? };
    Ok((caption, rows))
}

/// The CSV of a layer from the map module's `caption()` and `tableRows()` (see
/// `app::export::to_csv`): built here, in the module loaded on demand, to keep it out of the
/// default download.
///
/// # Errors
/// An `Error` with code `export-failed` when the inputs are not a caption and rows.
#[wasm_bindgen(js_name = csvFromRows)]
pub fn csv_from_rows(caption: JsValue, rows: JsValue) -> Result<String, JsValue> {
    let (caption, rows) = export_inputs(caption, rows)?;
    Ok(crate::app::export::to_csv(&caption, &rows))
}

/// The CSVW sidecar (`<fileName>-metadata.json`) of the CSV `csvFromRows` makes from `caption`,
/// saved as `fileName` (see `app::export::to_csv_metadata`).
///
/// # Errors
/// An `Error` with code `export-failed` when `caption` is not a caption.
#[wasm_bindgen(js_name = csvMetadata)]
pub fn csv_metadata(caption: JsValue, file_name: &str) -> Result<String, JsValue> {
    let (caption, _) = export_inputs(caption, JsValue::UNDEFINED)?;
    Ok(crate::app::export::to_csv_metadata(&caption, file_name))
}

/// One chart's drawing state (the last drawn frame, for pointer look-ups).
#[wasm_bindgen]
#[derive(Default)]
pub struct ChartHandle {
    trend: Option<TrendFrame>,
}

#[wasm_bindgen]
impl ChartHandle {
    /// A handle with nothing drawn yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ChartHandle {
        ChartHandle::default()
    }

    /// Draws a trend chart specification (from the map module's `trendSpec()`) on `canvas`, whose
    /// context the page has scaled to the device pixel ratio, with a guide at period `hovered`.
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawTrend)]
    pub fn draw_trend(
        &mut self,
        canvas: HtmlCanvasElement,
        spec: JsValue,
        hovered: Option<u32>,
    ) -> Result<(), JsValue> {
        self.trend = None;
        let spec: TrendSpec = serde_wasm_bindgen::from_value(spec).map_err(|e| chart_error(&e.to_string()))?;
        let root = canvas_backend(canvas)?.into_drawing_area();
        self.trend = Some(draw_trend(&root, &spec, hovered.map(|h| h as usize)).map_err(|e| chart_error(&e))?);
        Ok(())
    }

    /// Draws an area profile (from `profileSpec()`) as a spine chart.
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawProfile)]
    pub fn draw_profile(&self, canvas: HtmlCanvasElement, spec: JsValue) -> Result<(), JsValue> {
        let spec: ProfileSpec = serde_wasm_bindgen::from_value(spec).map_err(|e| chart_error(&e.to_string()))?;
        draw_profile(&canvas_backend(canvas)?.into_drawing_area(), &spec).map_err(|e| chart_error(&e))
    }

    /// Draws the district panel (from `districtSpec()`) as small multiples.
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawDistricts)]
    pub fn draw_districts(&self, canvas: HtmlCanvasElement, spec: JsValue) -> Result<(), JsValue> {
        let spec: DistrictSpec = serde_wasm_bindgen::from_value(spec).map_err(|e| chart_error(&e.to_string()))?;
        draw_districts(&canvas_backend(canvas)?.into_drawing_area(), &spec).map_err(|e| chart_error(&e))
    }

    /// The period index under a point (CSS pixels) of the last drawn trend chart, or null.
    #[wasm_bindgen(js_name = periodAt)]
    pub fn period_at(&self, x: f64, y: f64) -> Option<u32> {
        self.trend.as_ref()?.period_at(x.round() as i32, y.round() as i32).map(|p| p as u32)
    }
}
