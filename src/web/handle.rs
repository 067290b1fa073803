//! `AtlasHandle`: the one object JavaScript holds per widget. Methods take numbers and short
//! strings; structured results come back as plain JS objects; failures as `Error`s with a `code`.

use super::lines_cache::LinesCache;
use super::painter::CanvasPainter;
use super::place_names;
use super::report::to_js_error;
use crate::app::Atlas;
use crate::model::dataset::MAX_BUNDLE_BYTES;
use crate::model::postcodes::PostcodeFile;
use crate::model::{packed, Bundle, Dataset, LoadError};
use crate::render::Painter;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

/// The first part of the bundle compiled into the module in packed form (`data/atlas-first.bin`:
/// the indicator shown first), so the default embed's first view makes no data request; the
/// rest (`data/atlas-more.bin`) is fetched from the widget's own folder after the first paint.
#[cfg(feature = "embedded-data")]
const EMBEDDED_BUNDLE: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas-first.bin"));
#[cfg(not(feature = "embedded-data"))]
const EMBEDDED_BUNDLE: &[u8] = &[];

fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// Reads a packed bundle (`model::packed`), refusing oversized or damaged input.
fn unpacked(bytes: &[u8]) -> Result<Bundle, crate::Error> {
    if bytes.len() > MAX_BUNDLE_BYTES {
        return Err(LoadError::TooLarge { size: bytes.len(), limit: MAX_BUNDLE_BYTES }.into());
    }
    packed::decode(bytes).map_err(crate::Error::InvalidStructure)
}

/// One widget instance.
#[wasm_bindgen]
pub struct AtlasHandle {
    atlas: Atlas,
    base_paints: u32,
    /// The border lines' raster, redrawn only when they change (see `lines_cache`).
    lines: LinesCache,
    overlay_paints: u32,
}

#[wasm_bindgen]
impl AtlasHandle {
    /// Loads a bundle in packed form (`model::packed`: the embedded one from
    /// [`AtlasHandle::embedded_bundle`], others packed by the importer module) for a map box of the
    /// given size. The map module reads only this form: it needs no JSON or serde deserialiser.
    ///
    /// # Errors
    /// An `Error` with code `too-large`, `invalid-structure` (a damaged file) or `invalid-data`
    /// (with `issues`, every validation error with its location).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &[u8], width: f64, height: f64) -> Result<AtlasHandle, JsValue> {
        // Layers are built when first shown (Dataset::load), not all before the first paint.
        let atlas = unpacked(bundle)
            .and_then(|bundle| Dataset::load(bundle).map_err(crate::Error::from))
            .and_then(|data| Atlas::load(data, width, height))
            .map_err(|e| to_js_error(&e))?;
        Ok(AtlasHandle { atlas, base_paints: 0, overlay_paints: 0, lines: LinesCache::default() })
    }

    /// Adds the indicators of a file of extension sections (`data/atlas-more.bin`: what the
    /// first view leaves out, fetched after the first paint; `model::packed::split`). The view
    /// is kept. Resolves with the number of indicators added.
    ///
    /// # Errors
    /// An `Error` with code `too-large`, `invalid-structure` or `invalid-data`; the widget is then
    /// unchanged.
    #[wasm_bindgen(js_name = addIndicators)]
    pub fn add_indicators(&mut self, sections: &[u8]) -> Result<u32, JsValue> {
        if sections.len() > MAX_BUNDLE_BYTES {
            return Err(to_js_error(&LoadError::TooLarge { size: sections.len(), limit: MAX_BUNDLE_BYTES }.into()));
        }
        let more = packed::decode_sections(sections).map_err(|e| to_js_error(&crate::Error::InvalidStructure(e)))?;
        let count = u32::try_from(more.len()).unwrap_or(u32::MAX);
        self.atlas.insert_indicators(more).map_err(|e| to_js_error(&e))?;
        Ok(count)
    }

    /// Loads the embedded first view: as `new` with [`AtlasHandle::embedded_bundle`], without
    /// copying the bytes out of the module and back in (135 kB each way, and the JS heap's copy).
    ///
    /// # Errors
    /// As `new` (a build without embedded data gives `invalid-structure`).
    #[wasm_bindgen(js_name = fromEmbedded)]
    pub fn from_embedded(width: f64, height: f64) -> Result<AtlasHandle, JsValue> {
        AtlasHandle::new(EMBEDDED_BUNDLE, width, height)
    }

    /// The embedded bundle in packed form (empty when the build has none).
    #[wasm_bindgen(js_name = embeddedBundle)]
    pub fn embedded_bundle() -> Vec<u8> {
        EMBEDDED_BUNDLE.to_vec()
    }

    /// Resizes the map box (CSS pixels).
    pub fn resize(&mut self, width: f64, height: f64) {
        self.atlas.resize(width, height);
    }

    /// Paints fills and borders.
    #[wasm_bindgen(js_name = paintBase)]
    pub fn paint_base(&mut self, ctx: &CanvasRenderingContext2d) {
        let atlas = &self.atlas;
        CanvasPainter::new(ctx).paint_with_lines_cache(
            &atlas.fill_scene(),
            atlas.borders_key(),
            || atlas.border_items(),
            &mut self.lines,
        );
        let names = self.atlas.labels(place_names::em_width(ctx));
        place_names::draw(ctx, names);
        self.base_paints += 1;
    }

    /// Shows or hides the place names (shown by default).
    #[wasm_bindgen(js_name = setLabels)]
    pub fn set_labels(&mut self, on: bool) {
        self.atlas.set_labels(on);
    }

    /// Tells the map which strips along its box's edges controls cover (CSS pixels): the fitted
    /// view and the place names keep clear of them.
    #[wasm_bindgen(js_name = setInsets)]
    pub fn set_insets(&mut self, top: f64, right: f64, bottom: f64, left: f64) {
        self.atlas.set_insets(crate::geom::viewport::Insets { top, right, bottom, left });
    }

    /// Paints the hover and selection outlines.
    #[wasm_bindgen(js_name = paintOverlay)]
    pub fn paint_overlay(&mut self, ctx: &CanvasRenderingContext2d) {
        CanvasPainter::new(ctx).paint(&self.atlas.overlay_scene());
        self.overlay_paints += 1;
    }

    /// Paint counters `{ base, overlay }`, so tests can assert that hover repaints only the overlay.
    #[wasm_bindgen(js_name = paintCounts)]
    pub fn paint_counts(&self) -> JsValue {
        #[derive(Serialize)]
        struct Counts {
            base: u32,
            overlay: u32,
        }
        to_js(&Counts { base: self.base_paints, overlay: self.overlay_paints })
    }

    /// A point inside the area with this code, `[x, y]` in CSS pixels of the map, or null.
    #[wasm_bindgen(js_name = screenPointOf)]
    pub fn screen_point_of(&self, code: &str) -> JsValue {
        to_js(&self.atlas.screen_point_of(code))
    }

    /// The code of the shown layer's first area: a fixed point for carrying the exact view over
    /// to a fresh handle when nothing is selected (carry-over.js).
    #[wasm_bindgen(js_name = firstArea)]
    pub fn first_area(&self) -> Option<String> {
        let data = self.atlas.data();
        let layer = data.geography_index(&self.atlas.state().geography)?;
        data.bundle.geographies.get(layer)?.areas.first().map(|a| a.code.clone())
    }

    /// Moves the hover to a point; true when the hovered area changed.
    pub fn hover(&mut self, x: f64, y: f64) -> bool {
        self.atlas.hover_at(x, y)
    }

    /// Hovers the area with this code on the shown layer (none: clears the hover); true when the
    /// hovered area changed.
    #[wasm_bindgen(js_name = hoverCode)]
    pub fn hover_code(&mut self, code: Option<String>) -> bool {
        self.atlas.hover_code(code.as_deref())
    }

    /// What changed since the last call, `{ base, overlay, text, state }`: which canvases to
    /// repaint, whether the words need refreshing and whether the view (`atlas-change`) changed.
    /// The page calls it after every call that may change the view and applies it in one place.
    #[wasm_bindgen(js_name = takeUpdate)]
    pub fn take_update(&mut self) -> JsValue {
        to_js(&self.atlas.take_update())
    }

    /// Clears the hover; true when something was hovered.
    #[wasm_bindgen(js_name = clearHover)]
    pub fn clear_hover(&mut self) -> bool {
        self.atlas.clear_hover()
    }

    /// The hovered area `{ code, name, geography, district, value, value_text, period }` or null.
    #[wasm_bindgen(js_name = hoverInfo)]
    pub fn hover_info(&self) -> JsValue {
        to_js(&self.atlas.hovered_info())
    }

    /// Selects the area at a point; returns its info, or null when the point hits no area.
    #[wasm_bindgen(js_name = selectAt)]
    pub fn select_at(&mut self, x: f64, y: f64) -> JsValue {
        to_js(&self.atlas.select_at(x, y))
    }

    /// Selects an area of the current layer by code.
    ///
    /// # Errors
    /// An `Error` with code `unknown-area`.
    pub fn select(&mut self, code: &str) -> Result<JsValue, JsValue> {
        self.atlas.select_code(code).map(|info| to_js(&info)).map_err(|e| to_js_error(&e))
    }

    /// Clears the selection.
    #[wasm_bindgen(js_name = clearSelection)]
    pub fn clear_selection(&mut self) {
        self.atlas.clear_selection();
    }

    /// Zooms by a factor about a point in CSS pixels.
    #[wasm_bindgen(js_name = zoomAt)]
    pub fn zoom_at(&mut self, factor: f64, x: f64, y: f64) {
        self.atlas.zoom_at(factor, x, y);
    }

    /// Pans by a drag in CSS pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.atlas.pan(dx, dy);
    }

    /// Restores the fitted view.
    #[wasm_bindgen(js_name = resetView)]
    pub fn reset_view(&mut self) {
        self.atlas.reset_view();
    }

    /// The zoom relative to the fitted view.
    pub fn zoom(&self) -> f64 {
        self.atlas.viewport().zoom()
    }

    /// Changes indicator, geography and/or period (absent = unchanged).
    ///
    /// # Errors
    /// An `Error` with code `unknown-indicator`, `unknown-geography` or `unknown-period`, or
    /// `invalid-data` when a layer shown for the first time cannot be built.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(
        &mut self,
        indicator: Option<String>,
        geography: Option<String>,
        period: Option<String>,
    ) -> Result<(), JsValue> {
        self.atlas.set_view(indicator.as_deref(), geography.as_deref(), period.as_deref()).map_err(|e| to_js_error(&e))
    }

    /// Sets the classification method id and/or number of classes (absent = unchanged).
    ///
    /// # Errors
    /// An `Error` with code `unknown-method` or `invalid-classes`.
    #[wasm_bindgen(js_name = setClassification)]
    pub fn set_classification(&mut self, method: Option<String>, classes: Option<u32>) -> Result<(), JsValue> {
        self.atlas.set_classification(method.as_deref(), classes.map(|c| c as usize)).map_err(|e| to_js_error(&e))
    }

    /// Shows the change from an earlier period to the current one; absent switches it off.
    ///
    /// # Errors
    /// An `Error` with code `change-not-comparable` (the message says why) or `unknown-period`.
    #[wasm_bindgen(js_name = setChange)]
    pub fn set_change(&mut self, from: Option<String>) -> Result<(), JsValue> {
        self.atlas.set_change(from.as_deref()).map_err(|e| to_js_error(&e))
    }

    /// Zooms to the current layer's areas with these indices (see `Atlas::zoom_to_areas`).
    #[wasm_bindgen(js_name = zoomToAreas)]
    pub fn zoom_to_areas(&mut self, areas: &[u32]) -> bool {
        self.atlas.zoom_to_areas(areas)
    }

    /// Marks the map for the patch tools: outlines a patch's areas and its comparison areas
    /// (indices of the current layer's areas, as the analysis module's `indicesOnLayer` gives;
    /// out of range ones are ignored) and replaces the layer's fills with `fills` (`0xrrggbb` per
    /// area, above `0xffffff` = no data; empty restores the classes), e.g. the bivariate map. One
    /// call with numbers keeps this module's glue small. Outlines are cleared when the layer
    /// changes and fills when the view does; the page sends them again.
    #[wasm_bindgen(js_name = setMarks)]
    pub fn set_marks(&mut self, patch: &[u32], comparison: &[u32], fills: &[u32]) {
        self.atlas.set_marked(patch, comparison);
        self.atlas.set_fills(fills);
    }

    /// Why a change from `from` to the current period cannot be shown, or null when it can.
    #[wasm_bindgen(js_name = changeRefusal)]
    pub fn change_refusal(&self, from: &str) -> Option<String> {
        self.atlas.change_refusal(from)
    }

    /// Why choosing the current indicator moved the map from layer `from`, or `None` (see
    /// [`Atlas::layer_note`]).
    #[wasm_bindgen(js_name = layerNote)]
    pub fn layer_note(&self, from: &str) -> Option<String> {
        self.atlas.layer_note(from)
    }

    /// Indicators (grouped by theme, with periods and geographies), layers and methods.
    pub fn catalogue(&self) -> JsValue {
        to_js(&self.atlas.catalogue())
    }

    /// Areas of any layer matching a name or code, best first: `[{ code, name, geography, geography_label }]`.
    pub fn search(&self, query: &str, limit: u32) -> JsValue {
        to_js(&self.atlas.search_index().search(self.atlas.data(), query, limit as usize))
    }

    /// Selects an area of any layer by code (switching layer when the indicator has it there)
    /// and zooms to it.
    ///
    /// # Errors
    /// An `Error` with code `unknown-area`.
    pub fn locate(&mut self, code: &str) -> Result<JsValue, JsValue> {
        self.atlas.locate(code).map(|info| to_js(&info)).map_err(|e| to_js_error(&e))
    }

    /// Selects a search result's area, as `locate`, and says what is shown:
    /// `{ area, message }`.
    ///
    /// # Errors
    /// An `Error` with code `unknown-area`.
    pub fn choose(&mut self, code: &str) -> Result<JsValue, JsValue> {
        self.atlas.choose(code).map(|chosen| to_js(&chosen)).map_err(|e| to_js_error(&e))
    }

    /// Installs the postcode index (data/postcodes.json as parsed by `JSON.parse`); returns the
    /// postcode count. Its few fields are read directly, so the module needs no deserialiser.
    ///
    /// # Errors
    /// An `Error` with code `invalid-structure`.
    #[wasm_bindgen(js_name = loadPostcodes)]
    pub fn load_postcodes(&mut self, index: JsValue) -> Result<u32, JsValue> {
        let file = postcode_file(&index)
            .map_err(|e| to_js_error(&crate::Error::InvalidStructure(format!("postcode index: {e}"))))?;
        self.atlas.load_postcodes(file).map(|n| n as u32).map_err(|e| to_js_error(&e))
    }

    /// Whether the postcode index is loaded.
    #[wasm_bindgen(js_name = hasPostcodes)]
    pub fn has_postcodes(&self) -> bool {
        self.atlas.has_postcodes()
    }

    /// Selects the area containing a postcode: `{ postcode, lsoa, estimated, area, message }`.
    ///
    /// # Errors
    /// An `Error` with code `unknown-postcode` whose message is a sentence for people.
    #[wasm_bindgen(js_name = locatePostcode)]
    pub fn locate_postcode(&mut self, query: &str) -> Result<JsValue, JsValue> {
        self.atlas.locate_postcode(query).map(|a| to_js(&a)).map_err(|e| to_js_error(&e))
    }

    /// The selected area's details, or null.
    #[wasm_bindgen(js_name = selectedInfo)]
    pub fn selected_info(&self) -> JsValue {
        to_js(&self.atlas.selected_info())
    }

    /// The selected area's trend chart specification (for the chart module), or null.
    #[wasm_bindgen(js_name = trendSpec)]
    pub fn trend_spec(&self) -> JsValue {
        to_js(&self.atlas.trend_spec())
    }

    /// Every area of the current layer: `[{ code, name, district, value, value_text,
    /// interval_text, comparison, glyph, rank }]`.
    #[wasm_bindgen(js_name = tableRows)]
    pub fn table_rows(&self) -> JsValue {
        to_js(&self.atlas.table_rows())
    }

    /// Moves the keyboard focus one area in direction (dx, dy); returns the focused area (the same
    /// one at the region's edge; `focusStep` says why).
    #[wasm_bindgen(js_name = focusMove)]
    pub fn focus_move(&mut self, dx: f64, dy: f64) -> JsValue {
        to_js(&self.atlas.focus_move(dx, dy))
    }

    /// Moves the keyboard focus one area in direction (dx, dy), across water where no bordering
    /// area lies that way: `{ area, announcement, edge }`, where `area` is the focused area (the
    /// same one at the region's edge, null only for an empty layer), `announcement` the short
    /// words to say ("Anfield, 31.5%, highest fifth", or the edge sentence) and `edge` e.g.
    /// "No area further west." when nothing lies that way, else null.
    #[wasm_bindgen(js_name = focusStep)]
    pub fn focus_step(&mut self, dx: f64, dy: f64) -> JsValue {
        to_js(&self.atlas.focus_step(dx, dy))
    }

    /// The code of the area an arrow key in direction `(dx, dy)` leads to from area `code` of the
    /// shown layer, moving nothing (for tests and automation that walk the keyboard's graph);
    /// null at the region's edge or for an unknown code.
    #[wasm_bindgen(js_name = arrowTarget)]
    pub fn arrow_target(&self, code: &str, dx: f64, dy: f64) -> Option<String> {
        let data = self.atlas.data();
        let layer = data.geography_index(&self.atlas.state().geography)?;
        let from = data.area_index(layer, code)?;
        let to = self.atlas.focus_target(from, dx, dy)?;
        data.bundle.geographies.get(layer)?.areas.get(to).map(|a| a.code.clone())
    }

    /// Selects the keyboard-focused area; returns it or null.
    #[wasm_bindgen(js_name = selectFocused)]
    pub fn select_focused(&mut self) -> JsValue {
        to_js(&self.atlas.select_focused())
    }

    /// Clears keyboard focus and selection; true when something was cleared.
    #[wasm_bindgen(js_name = clearFocus)]
    pub fn clear_focus(&mut self) -> bool {
        self.atlas.clear_focus()
    }

    /// The plain-English sentence for the focused (else selected) area, or null.
    pub fn sentence(&self) -> Option<String> {
        self.atlas.current_sentence()
    }

    /// The selected area's interval, benchmarks (95% and 99.8%) and recent trend, or null.
    pub fn summary(&self) -> JsValue {
        to_js(&self.atlas.summary())
    }

    /// The selected area's profile (every indicator) for the spine chart, or null.
    #[wasm_bindgen(js_name = profileSpec)]
    pub fn profile_spec(&self) -> JsValue {
        to_js(&self.atlas.profile_spec())
    }

    /// Indicators with yearly district figures: `[[id, label]]`.
    #[wasm_bindgen(js_name = districtIndicators)]
    pub fn district_indicators(&self) -> JsValue {
        to_js(&self.atlas.district_indicators())
    }

    /// The district panel's specification for an indicator (default: the first available).
    #[wasm_bindgen(js_name = districtSpec)]
    pub fn district_spec(&self, indicator: Option<String>) -> JsValue {
        to_js(&self.atlas.district_spec(indicator.as_deref()))
    }

    /// The chart's figures at a period index: `{ period, period_id, change_note, lines }`.
    #[wasm_bindgen(js_name = trendReadout)]
    pub fn trend_readout(&self, period: u32) -> JsValue {
        to_js(&self.atlas.trend_readout(period as usize))
    }

    /// The chart's legend: `[{ label, colour, dash, primary }]`.
    #[wasm_bindgen(js_name = trendLegend)]
    pub fn trend_legend(&self) -> JsValue {
        to_js(&self.atlas.trend_legend())
    }

    /// `{ indicator, geography, period, area, method, classes, change_from }`.
    pub fn state(&self) -> JsValue {
        to_js(&self.atlas.state())
    }

    /// Legend rows `[{ colour, label, no_data }]`.
    pub fn legend(&self) -> JsValue {
        to_js(&self.atlas.legend())
    }

    /// Title, definition, source, period, geography vintage, attribution, vintage, synthetic.
    pub fn caption(&self) -> JsValue {
        to_js(&self.atlas.caption())
    }

    /// Validation warnings of the loaded bundle, as text.
    pub fn warnings(&self) -> Vec<String> {
        self.atlas.data().warnings.iter().map(ToString::to_string).collect()
    }
}

/// The postcode index's fields from its parsed JSON object.
fn postcode_file(index: &JsValue) -> Result<PostcodeFile, String> {
    let field = |name: &str| js_sys::Reflect::get(index, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let text = |value: JsValue, what: &str| value.as_string().ok_or_else(|| format!("{what} is not text"));
    let texts = |value: JsValue, what: &str| -> Result<Vec<String>, String> {
        if value.is_undefined() {
            return Ok(Vec::new());
        }
        let list: js_sys::Array = value.dyn_into().map_err(|_| format!("{what} is not a list"))?;
        list.iter().map(|v| text(v, what)).collect()
    };
    let schema = text(field("schema"), "schema")?;
    let version = field("version")
        .as_f64()
        .filter(|v| v.fract() == 0.0 && (0.0..=1e6).contains(v))
        .ok_or("version is not a whole number")?;
    let outward_object: js_sys::Object =
        field("outward").dyn_into().map_err(|_| "outward is not an object".to_string())?;
    let outward = js_sys::Object::entries(&outward_object)
        .iter()
        .map(|entry| {
            let pair = js_sys::Array::from(&entry);
            Ok((text(pair.get(0), "an outward code")?, text(pair.get(1), "an outward entry")?))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(PostcodeFile::new(
        schema,
        version as u32,
        texts(field("attribution"), "attribution")?,
        texts(field("lsoa"), "lsoa")?,
        outward,
    ))
}
