//! The data importer's handle (a fourth wasm, `import-shell`, loaded only when someone adds data
//! or the page names `series-src`): reads Nomis, Stat-Xplore and community-template CSV files and
//! overlay files into indicators of the bundle schema (`crate::import`), against the bundle the
//! page already holds. Everything crosses the boundary as JSON text: the module then carries one
//! deserialiser per type (serde_json, which the overlay files need anyway) instead of two, which
//! keeps it about a third smaller than with serde-wasm-bindgen beside it.

use super::report::js_error;
use crate::import::{self, Reference, SeriesMeta};
use crate::model::bundle::{Bundle, Indicator};
use wasm_bindgen::prelude::*;

fn parse<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, JsValue> {
    serde_json::from_str(text).map_err(|e| js_error("invalid-value", &format!("{what}: {e}"), &[]))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| js_error("internal-error", &e.to_string(), &[]))
}

/// The importer of one widget: its base bundle (without added data) and the lookups file
/// (residents 16–64 and the LSOA 2011 → 2021 lookup).
#[wasm_bindgen]
pub struct Importer {
    bundle: Bundle,
    reference: Reference,
}

#[wasm_bindgen]
impl Importer {
    /// `bundle`: the widget's bundle without added indicators, packed (`model::packed`, as the
    /// map module read it); `reference`: the text of `data/lookups.json`.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &[u8], reference: &str) -> Result<Importer, JsValue> {
        Ok(Importer {
            bundle: crate::model::packed::decode(bundle)
                .map_err(|e| js_error("invalid-structure", &format!("bundle: {e}"), &[]))?,
            reference: Reference::from_json(reference)
                .map_err(|e| js_error("invalid-value", &format!("lookups: {e}"), &[]))?,
        })
    }

    /// Reads one CSV file. Returns the JSON of `{ layout, indicators, problems, rows_read,
    /// rows_kept, needs_meta, summary }`; `meta` is the short form's answers as JSON, if given.
    #[wasm_bindgen(js_name = importFile)]
    pub fn import_file(&self, file_name: &str, text: &str, meta: Option<String>) -> Result<String, JsValue> {
        let meta: Option<SeriesMeta> = meta.map(|m| parse(&m, "form")).transpose()?;
        json(&import::import_file(&self.bundle, &self.reference, file_name, text, meta.as_ref()))
    }

    /// Checks an overlay file's text (named `origin` in messages); the JSON of
    /// `{ indicators, problems }`.
    #[wasm_bindgen(js_name = checkOverlay)]
    pub fn check_overlay(&self, text: &str, origin: &str) -> Result<String, JsValue> {
        json(&import::check_overlay(&self.bundle, text, origin))
    }

    /// The overlay file (JSON text) holding `indicators` (a JSON array of indicators).
    #[wasm_bindgen(js_name = overlayJson)]
    pub fn overlay_json(indicators: &str, synthetic: bool) -> Result<String, JsValue> {
        let indicators: Vec<Indicator> = parse(indicators, "indicators")?;
        Ok(import::overlay_json(&indicators, synthetic))
    }

    /// A bundle's JSON text (the documented schema: a page's `src`, or the bundle with added
    /// indicators) in the packed form the map module reads (`model::packed`). Structure only:
    /// the map module validates the content when it loads the result.
    ///
    /// # Errors
    /// An `Error` with code `invalid-structure` when the text is not a bundle of the schema's shape.
    #[wasm_bindgen(js_name = packBundle)]
    pub fn pack_bundle(bundle: &str) -> Result<Vec<u8>, JsValue> {
        let bundle: Bundle = serde_json::from_str(bundle).map_err(|e| {
            js_error("invalid-structure", &format!("the data bundle does not have the expected structure: {e}"), &[])
        })?;
        Ok(crate::model::packed::encode(&bundle))
    }

    /// The importer's bundle with `indicators` (a JSON array of indicators, e.g. what this page
    /// added) in place of any of the same id, packed for the map module (which validates it).
    ///
    /// # Errors
    /// An `Error` with code `invalid-value` when the text is not a list of indicators.
    #[wasm_bindgen(js_name = withIndicators)]
    pub fn with_indicators(&self, indicators: &str) -> Result<Vec<u8>, JsValue> {
        let added: Vec<Indicator> = parse(indicators, "indicators")?;
        let mut bundle = self.bundle.clone();
        bundle.indicators.retain(|i| !added.iter().any(|a| a.id == i.id));
        bundle.indicators.extend(added);
        Ok(crate::model::packed::encode(&bundle))
    }

    /// The first area of the smallest layer (e.g. for a sample file), or empty.
    #[wasm_bindgen(js_name = firstArea)]
    pub fn first_area(&self) -> String {
        self.bundle.geographies.first().and_then(|g| g.areas.first()).map(|a| a.code.clone()).unwrap_or_default()
    }

    /// Why a file of this size is not read, in words, or null when it can be read.
    #[wasm_bindgen(js_name = tooLarge)]
    pub fn too_large(name: &str, bytes: f64) -> Option<String> {
        import::too_large(name, bytes)
    }

    /// The blank community template (CSV text).
    #[wasm_bindgen(js_name = templateCsv)]
    pub fn template_csv() -> String {
        import::template_csv()
    }
}
