//! The analysis module's handle (a third wasm, `analysis-shell`, loaded only when the patch or
//! work × health tools are first used): patches, matched comparisons, notes and the work × health
//! scatter (`crate::impact`), run on the packed bundle the map module was made from, and their
//! charts drawn with plotters. It also adds the patch to the map module's own trend chart, table
//! and key (`impact::patch_views`), so the page only passes values between the two modules. Patch
//! and notes files arrive as values the page parsed with `JSON.parse` (no JSON parser in this
//! module). One handle per widget; everything it returns is plain data for the element to show as
//! text.

use super::canvas::canvas_backend;
use super::report::js_error;
use crate::impact::comparison::{compare, ComparisonRequest};
use crate::impact::notes::note_label;
use crate::impact::notes::{check_notes, Note};
use crate::impact::patch::{check_patch, codes, members, resolve, split_entries, Patch};
use crate::impact::patch_views::{map_key, patch_legend, patch_row, with_patch};
use crate::impact::scatter::{scatter, ScatterRequest};
use crate::impact::{chart, export, figures, BundleTables};
use crate::layout::did::{draw_did, DidChart};
use crate::layout::event_study::{draw_event_study, EventStudy};
use crate::layout::scatter::{draw_scatter, ScatterFrame, ScatterSpec};
use crate::layout::trend::{draw_trend, TrendSpec};
use plotters::prelude::IntoDrawingArea;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// Keys of a plain object that are not in `allowed`, as "unknown field `x`" messages: the browser
/// hands over parsed objects, and serde-wasm-bindgen reads only the fields it knows, so the
/// refusal of unknown fields that the native reader makes (`deny_unknown_fields`) is made here.
fn unknown_fields(value: &JsValue, allowed: &[&str]) -> Vec<String> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Vec::new();
    }
    js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| format!("unknown field `{k}`"))
        .collect()
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| js_error("invalid-value", &format!("{what}: {e}"), &[]))
}

/// Resolved codes, for the element.
#[derive(Serialize)]
struct Resolved {
    codes: Vec<String>,
    expanded: Vec<String>,
    unknown: Vec<String>,
}

/// Loaded notes and the problems of the ones left out.
#[derive(Serialize)]
struct NotesResult {
    notes: Vec<Note>,
    problems: Vec<String>,
}

/// One widget's analyses.
#[wasm_bindgen]
pub struct AnalysisHandle {
    tables: BundleTables,
    scatter: Option<ScatterFrame>,
}

#[wasm_bindgen]
impl AnalysisHandle {
    /// Reads the packed bundle the map module was made from (`model::packed`; the map module
    /// has checked it).
    ///
    /// # Errors
    /// An `Error` with code `analysis-failed`.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &[u8]) -> Result<AnalysisHandle, JsValue> {
        let bundle = crate::model::packed::decode(bundle)
            .map_err(|e| js_error("analysis-failed", &format!("the data could not be read for analysis: {e}"), &[]))?;
        let tables = BundleTables::from_bundle(&bundle).map_err(|e| js_error("analysis-failed", &e, &[]))?;
        Ok(AnalysisHandle { tables, scatter: None })
    }

    /// The name of the area with `code` (of any layer), or null.
    #[wasm_bindgen(js_name = areaName)]
    pub fn area_name(&self, code: &str) -> Option<String> {
        self.tables.area_name(code).map(str::to_string)
    }

    /// The first area of the smallest layer (what an empty patch is checked with).
    #[wasm_bindgen(js_name = firstArea)]
    pub fn first_area(&self) -> String {
        self.tables.base().areas.first().map(|a| a.code.clone()).unwrap_or_default()
    }

    /// The codes of the smallest layer among `codes`, without repeats, in the layer's order.
    #[wasm_bindgen(js_name = inLayerOrder)]
    pub fn in_layer_order(&self, codes: Vec<String>) -> Vec<String> {
        self.tables.codes_on_layer(&self.members(&codes), &self.tables.base().id)
    }

    /// The patch's colour (CSS), for its note pins in the map picture.
    #[wasm_bindgen(js_name = patchColour)]
    pub fn patch_colour(&self) -> String {
        chart::PATCH_COLOUR.to_string()
    }

    /// A note's one-line label, "Note 2: author, period (area): text", for its pin.
    ///
    /// # Errors
    /// An `Error` with code `invalid-value` for a value that is not a note.
    #[wasm_bindgen(js_name = noteLabel)]
    pub fn note_label(&self, number: u32, note: JsValue) -> Result<String, JsValue> {
        let note: Note = from_js(note, "note")?;
        Ok(note_label(&self.tables, number as usize, &note))
    }

    /// The map picture's key rows for the patch's outline and the notes' pins.
    ///
    /// # Errors
    /// An `Error` with code `invalid-value` for a patch or notes of another shape.
    #[wasm_bindgen(js_name = mapLegend)]
    pub fn map_legend(&self, patch: JsValue, notes: JsValue) -> Result<JsValue, JsValue> {
        let patch: Patch = from_js(patch, "patch")?;
        let notes: Vec<Note> = from_js(notes, "notes")?;
        Ok(to_js(&map_key(&self.tables, &patch, &notes)))
    }

    /// The map module's trend chart of the selected area (`spec`) with the patch's line, and
    /// with its interventions' markers when `own_area` (the area is in the patch).
    ///
    /// # Errors
    /// An `Error` with code `invalid-value` for a spec or patch of another shape.
    #[wasm_bindgen(js_name = patchOnTrend)]
    pub fn patch_on_trend(
        &self,
        spec: JsValue,
        patch: JsValue,
        indicator: &str,
        own_area: bool,
    ) -> Result<JsValue, JsValue> {
        let spec: TrendSpec = from_js(spec, "trend chart")?;
        let patch: Patch = from_js(patch, "patch")?;
        let Some(i) = self.tables.indicator(indicator) else { return Ok(to_js(&spec)) };
        let figures = figures::patch_trend(&self.tables, i, &members(&self.tables, &patch));
        let interventions = own_area.then_some(patch.interventions.as_slice());
        Ok(to_js(&with_patch(spec, i, &patch.name, &figures, interventions)))
    }

    /// The legend row the patch's line adds to the trend chart: a list of none or one.
    ///
    /// # Errors
    /// An `Error` with code `invalid-value` for a patch of another shape.
    #[wasm_bindgen(js_name = patchLegend)]
    pub fn patch_legend(&self, patch: JsValue, indicator: &str) -> Result<JsValue, JsValue> {
        let patch: Patch = from_js(patch, "patch")?;
        let figures = self
            .tables
            .indicator(indicator)
            .map(|i| figures::patch_trend(&self.tables, i, &members(&self.tables, &patch)));
        Ok(to_js(&figures.and_then(|f| patch_legend(&patch.name, &f)).into_iter().collect::<Vec<_>>()))
    }

    /// The patch's row of the data table and CSV at `period`, or null.
    ///
    /// # Errors
    /// An `Error` with code `invalid-value` for a patch of another shape.
    #[wasm_bindgen(js_name = patchRow)]
    pub fn patch_row(&self, patch: JsValue, indicator: &str, period: &str) -> Result<JsValue, JsValue> {
        let patch: Patch = from_js(patch, "patch")?;
        let Some(i) = self.tables.indicator(indicator) else { return Ok(JsValue::NULL) };
        let members = members(&self.tables, &patch);
        let figure = figures::patch_figure(&self.tables, i, &members, period);
        Ok(to_js(&patch_row(&patch.name, patch.areas.len(), &figure)))
    }

    /// Resolves pasted text (codes or names of any layer, one per line or comma-separated) to the
    /// smallest areas: `{ codes, expanded, unknown }`.
    pub fn resolve(&self, text: &str) -> JsValue {
        let r = resolve(&self.tables, split_entries(text));
        to_js(&Resolved { codes: codes(&self.tables, &r.members), expanded: r.expanded, unknown: r.unknown })
    }

    /// Reads a patch (parsed JSON from the page or a draft): `{ name, areas, interventions }`,
    /// returned with areas as codes of the smallest layer.
    ///
    /// # Errors
    /// An `Error` with code `invalid-patch` and every problem in `issues`.
    #[wasm_bindgen(js_name = loadPatch)]
    pub fn load_patch(&self, value: JsValue) -> Result<JsValue, JsValue> {
        let mut unknown = unknown_fields(&value, &["name", "areas", "interventions"]);
        if let Ok(list) = js_sys::Reflect::get(&value, &"interventions".into()) {
            if js_sys::Array::is_array(&list) {
                for (i, x) in js_sys::Array::from(&list).iter().enumerate() {
                    let fields = unknown_fields(&x, &["name", "start", "note"]);
                    unknown.extend(fields.into_iter().map(|f| format!("interventions[{i}]: {f}")));
                }
            }
        }
        if !unknown.is_empty() {
            return Err(js_error("invalid-patch", &format!("the patch has {}", unknown.join("; ")), &unknown));
        }
        let patch: Patch = serde_wasm_bindgen::from_value(value)
            .map_err(|e| js_error("invalid-patch", &format!("the patch is not of the expected shape: {e}"), &[]))?;
        match check_patch(&self.tables, patch) {
            Ok(patch) => Ok(to_js(&patch)),
            Err(issues) => {
                let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
                Err(js_error(
                    "invalid-patch",
                    &format!("the patch has {} problem(s): {}", lines.len(), lines.join("; ")),
                    &lines,
                ))
            }
        }
    }

    /// The patch's figure for every period of an indicator.
    #[wasm_bindgen(js_name = patchFigures)]
    pub fn patch_figures(&self, codes: Vec<String>, indicator: &str) -> JsValue {
        let members = self.members(&codes);
        match self.tables.indicator(indicator) {
            Some(i) => to_js(&figures::patch_trend(&self.tables, i, &members)),
            None => JsValue::NULL,
        }
    }

    /// The patch's trend chart specification (for the chart handle's `drawTrend`), with the
    /// comparison group's line when `comparison` lists codes, and intervention and note markers.
    #[wasm_bindgen(js_name = patchTrendSpec)]
    pub fn patch_trend_spec(
        &self,
        patch: JsValue,
        indicator: &str,
        comparison: Vec<String>,
        notes: JsValue,
    ) -> Result<JsValue, JsValue> {
        let patch: Patch = from_js(patch, "patch")?;
        let notes: Vec<Note> = from_js(notes, "notes")?;
        let spec = chart::patch_trend_spec(
            &self.tables,
            indicator,
            &patch.name,
            &members(&self.tables, &patch),
            &patch.interventions,
            &self.members(&comparison),
            &notes,
        );
        Ok(spec.map_or(JsValue::NULL, |s| to_js(&s)))
    }

    /// Matched comparison and difference-in-differences for the patch's areas.
    ///
    /// # Errors
    /// An `Error` with code `comparison-failed` saying why it cannot be made.
    pub fn compare(&self, codes: Vec<String>, request: JsValue) -> Result<JsValue, JsValue> {
        let request: ComparisonRequest = from_js(request, "comparison request")?;
        compare(&self.tables, &self.members(&codes), &request)
            .map(|r| to_js(&r))
            .map_err(|e| js_error("comparison-failed", &e, &[]))
    }

    /// The most notes a list (a notes file, or a draft) holds; the rest are not read.
    #[wasm_bindgen(js_name = maxNotes)]
    pub fn max_notes(&self) -> u32 {
        crate::impact::notes::MAX_NOTES as u32
    }

    /// Reads notes (parsed JSON: `{"notes": [...]}` or a list): `{ notes, problems }` — the
    /// valid notes and every problem of the others.
    #[wasm_bindgen(js_name = loadNotes)]
    pub fn load_notes(&self, value: JsValue) -> JsValue {
        let items = if js_sys::Array::is_array(&value) {
            Some(value)
        } else if value.is_object() && js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).length() == 1 {
            js_sys::Reflect::get(&value, &"notes".into()).ok().filter(js_sys::Array::is_array)
        } else {
            None
        };
        let Some(items) = items else {
            let problems = vec!["notes: expected {\"notes\": [...]} or a list of notes".to_string()];
            return to_js(&NotesResult { notes: Vec::new(), problems });
        };
        let raw = js_sys::Array::from(&items)
            .iter()
            .map(|item| {
                let unknown = unknown_fields(&item, &["area", "patch", "period", "text", "author", "date"]);
                if unknown.is_empty() {
                    serde_wasm_bindgen::from_value::<Note>(item).map_err(|e| e.to_string())
                } else {
                    Err(unknown.join("; "))
                }
            })
            .collect();
        let loaded = check_notes(&self.tables, raw);
        to_js(&NotesResult { notes: loaded.notes, problems: loaded.problems.iter().map(ToString::to_string).collect() })
    }

    /// The work × health scatter, correlations and bivariate classes.
    ///
    /// # Errors
    /// An `Error` with code `scatter-failed` saying why.
    pub fn scatter(&self, request: JsValue) -> Result<JsValue, JsValue> {
        let request: ScatterRequest = from_js(request, "scatter request")?;
        scatter(&self.tables, &request).map(|r| to_js(&r)).map_err(|e| js_error("scatter-failed", &e, &[]))
    }

    /// Codes of the areas of layer `layer` that are or contain the given smallest areas.
    #[wasm_bindgen(js_name = codesOnLayer)]
    pub fn codes_on_layer(&self, codes: Vec<String>, layer: &str) -> Vec<String> {
        self.tables.codes_on_layer(&self.members(&codes), layer)
    }

    /// Indices (in layer `layer`'s area order) of the areas that are or contain the given smallest
    /// areas: what the map module's `setMarked` takes.
    #[wasm_bindgen(js_name = indicesOnLayer)]
    pub fn indices_on_layer(&self, codes: Vec<String>, layer: &str) -> Vec<u32> {
        let Some(l) = self.tables.layer_index(layer) else { return Vec::new() };
        self.tables
            .codes_on_layer(&self.members(&codes), layer)
            .iter()
            .filter_map(|c| self.tables.area_index(l, c).map(|i| i as u32))
            .collect()
    }

    /// The area of layer `layer` that is or contains area `code` (of any layer).
    #[wasm_bindgen(js_name = areaOnLayer)]
    pub fn area_on_layer(&self, code: &str, layer: &str) -> Option<String> {
        self.tables.area_on_layer(code, layer)
    }

    /// The patch's export, one table per file (see `impact::export::patch_csv`): an array of
    /// `{ file, csv, metadata }`, named from `stem` — the figures, the comparison areas when
    /// `request` is given, the notes when there are any — each with its CSVW sidecar.
    ///
    /// # Errors
    /// An `Error` with code `export-failed`.
    #[wasm_bindgen(js_name = patchCsv)]
    pub fn patch_csv(
        &self,
        patch: JsValue,
        indicator: &str,
        request: JsValue,
        notes: JsValue,
        stem: &str,
    ) -> Result<JsValue, JsValue> {
        let patch: Patch = from_js(patch, "patch")?;
        let notes: Vec<Note> = from_js(notes, "notes")?;
        let members = members(&self.tables, &patch);
        let report = if request.is_null() || request.is_undefined() {
            None
        } else {
            let request: ComparisonRequest = from_js(request, "comparison request")?;
            compare(&self.tables, &members, &request).ok()
        };
        export::patch_csv(&self.tables, &patch, &members, indicator, report.as_ref(), &notes, stem)
            .map(|files| to_js(&files))
            .ok_or_else(|| js_error("export-failed", &format!("unknown indicator \"{indicator}\""), &[]))
    }

    /// Draws the scatter (`spec` from `scatter()`, with `highlighted` / `selected` set by the page).
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawScatter)]
    pub fn draw_scatter(&mut self, canvas: HtmlCanvasElement, spec: JsValue) -> Result<(), JsValue> {
        self.scatter = None;
        let spec: ScatterSpec = from_js(spec, "scatter")?;
        let root = canvas_backend(canvas)?.into_drawing_area();
        let frame = draw_scatter(&root, &spec).map_err(|e| js_error("chart-failed", &e, &[]))?;
        self.scatter = Some(frame);
        Ok(())
    }

    /// The index of the scatter point under a position (CSS pixels), or null.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&self, x: f64, y: f64) -> Option<u32> {
        self.scatter.as_ref()?.point_at(x.round() as i32, y.round() as i32, 8).map(|i| i as u32)
    }

    /// Draws a trend chart specification (the patch's, from `patchTrendSpec`).
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawTrend)]
    pub fn draw_trend(&self, canvas: HtmlCanvasElement, spec: JsValue) -> Result<(), JsValue> {
        let spec: TrendSpec = from_js(spec, "trend chart")?;
        draw_trend(&canvas_backend(canvas)?.into_drawing_area(), &spec, None)
            .map(|_| ())
            .map_err(|e| js_error("chart-failed", &e, &[]))
    }

    /// Draws the difference-in-differences chart (`chart` of a comparison).
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawDid)]
    pub fn draw_did(&self, canvas: HtmlCanvasElement, spec: JsValue) -> Result<(), JsValue> {
        let spec: DidChart = from_js(spec, "comparison chart")?;
        draw_did(&canvas_backend(canvas)?.into_drawing_area(), &spec).map_err(|e| js_error("chart-failed", &e, &[]))
    }

    /// Draws the event-study chart (`event_study` of a comparison) and returns how many periods
    /// it shows.
    ///
    /// # Errors
    /// An `Error` with code `chart-failed`.
    #[wasm_bindgen(js_name = drawEventStudy)]
    pub fn draw_event_study(&self, canvas: HtmlCanvasElement, spec: JsValue) -> Result<u32, JsValue> {
        let spec: EventStudy = from_js(spec, "event-study chart")?;
        draw_event_study(&canvas_backend(canvas)?.into_drawing_area(), &spec)
            .map(|()| spec.periods.len() as u32)
            .map_err(|e| js_error("chart-failed", &e, &[]))
    }
}

impl AnalysisHandle {
    fn members(&self, codes: &[String]) -> Vec<usize> {
        let mut m: Vec<usize> = codes.iter().filter_map(|c| self.tables.area_index(0, c)).collect();
        m.sort_unstable();
        m.dedup();
        m
    }
}
