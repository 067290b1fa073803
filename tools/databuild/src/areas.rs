//! The four geography layers and how LSOAs nest in them: MSOA 2021 (exact, from the LSOA name,
//! checked against the MSOA boundary file), ward 2024 (best-fit, from the official lookup) and
//! district. Areas are in code order; every layer records which of its areas each LSOA is in.

use crate::diag::Diagnostics;
use crate::geojson::Feature;
use crate::table::Table;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The six LCR districts (code, name), in code order.
pub const DISTRICTS: [(&str, &str); 6] = [
    ("E06000006", "Halton"),
    ("E08000011", "Knowsley"),
    ("E08000012", "Liverpool"),
    ("E08000013", "St. Helens"),
    ("E08000014", "Sefton"),
    ("E08000015", "Wirral"),
];

/// Raw files the layers come from.
pub const WARD_LOOKUP: &str = "lookups/lcr_lsoa21_to_ward24_ltla24.csv";
/// MSOA 2021 boundary file (used for codes and names only; shapes are dissolved from LSOAs).
pub const MSOA_FILE: &str = "boundaries/lcr_msoa21_bsc.geojson";

/// One layer: its areas and the area each LSOA belongs to.
#[derive(Debug, Clone)]
pub struct Layer {
    /// `lsoa`, `msoa`, `ward` or `lad`.
    pub id: &'static str,
    /// Area codes in order.
    pub codes: Vec<String>,
    /// Area names, aligned with `codes`.
    pub names: Vec<String>,
    /// District of each area, aligned with `codes`.
    pub lad: Vec<String>,
    /// For each LSOA (in LSOA order), the index of its area in this layer.
    pub of_lsoa: Vec<usize>,
}

/// All layers, smallest first: `lsoa`, `msoa`, `ward`, `lad`.
#[derive(Debug, Clone)]
pub struct Layers {
    /// The layers.
    pub layers: Vec<Layer>,
    /// LSOAs whose MSOA (by name) is missing from the MSOA boundary file, so that MSOA was
    /// built from them under a stand-in code ([`uncoded_msoa_code`]): (LSOA code, LSOA name,
    /// stand-in MSOA code).
    pub msoa_uncoded: Vec<(String, String, String)>,
}

impl Layers {
    /// The LSOA layer.
    pub fn lsoa(&self) -> &Layer {
        &self.layers[0]
    }

    /// A layer by id.
    pub fn get(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    /// Index of an LSOA code.
    pub fn lsoa_index(&self) -> BTreeMap<String, usize> {
        self.lsoa().codes.iter().enumerate().map(|(i, c)| (c.clone(), i)).collect()
    }
}

/// Builds the layers from the LSOA features (sorted by code) and the lookups.
pub fn build_layers(raw: &Path, features: &[Feature], diags: &mut Diagnostics) -> Option<Layers> {
    let lad_codes: BTreeSet<&str> = DISTRICTS.iter().map(|d| d.0).collect();
    for (i, f) in features.iter().enumerate() {
        if !lad_codes.contains(f.lad.as_str()) {
            diags.error(
                format!("boundaries/lcr_lsoa21_bsc.geojson features ({})", f.code),
                format!("unknown district code \"{}\" (feature {i} in code order)", f.lad),
            );
        }
    }
    let lsoa = Layer {
        id: "lsoa",
        codes: features.iter().map(|f| f.code.clone()).collect(),
        names: features.iter().map(|f| f.name.clone()).collect(),
        lad: features.iter().map(|f| f.lad.clone()).collect(),
        of_lsoa: (0..features.len()).collect(),
    };
    let (msoa, msoa_uncoded) = msoa_layer(raw, features, diags)?;
    let ward = ward_layer(raw, features, diags)?;
    let lad = Layer {
        id: "lad",
        codes: DISTRICTS.iter().map(|d| d.0.to_string()).collect(),
        names: DISTRICTS.iter().map(|d| d.1.to_string()).collect(),
        lad: DISTRICTS.iter().map(|d| d.0.to_string()).collect(),
        of_lsoa: features.iter().map(|f| DISTRICTS.iter().position(|d| d.0 == f.lad).unwrap_or(0)).collect(),
    };
    Some(Layers { layers: vec![lsoa, msoa, ward, lad], msoa_uncoded })
}

/// MSOA 2021: the LSOA name minus its final letter is the MSOA name ("Liverpool 031A" is in
/// "Liverpool 031"); codes and names come from the MSOA boundary file's properties. An MSOA
/// missing from that file (St. Helens 025 in the current cut) is still built from its LSOAs, so
/// no other MSOA's code covers them; with no official code in our files it gets a stand-in code
/// (a warning). Putting its LSOAs into a neighbour by the 2011 lookups would make that
/// neighbour's official code name a larger area than ONS's.
#[allow(clippy::type_complexity)]
fn msoa_layer(
    raw: &Path,
    features: &[Feature],
    diags: &mut Diagnostics,
) -> Option<(Layer, Vec<(String, String, String)>)> {
    let mut uncoded = Vec::new();
    let text = match std::fs::read_to_string(raw.join(MSOA_FILE)) {
        Ok(t) => t,
        Err(e) => {
            diags.error(MSOA_FILE, format!("cannot open file: {e}"));
            return None;
        }
    };
    let doc: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            diags.error(format!("{MSOA_FILE}:{}", e.line()), format!("invalid JSON: {e}"));
            return None;
        }
    };
    let mut by_name: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (i, f) in doc["features"].as_array().into_iter().flatten().enumerate() {
        let code = f["properties"]["MSOA21CD"].as_str().unwrap_or("").to_string();
        let name = f["properties"]["MSOA21NM"].as_str().unwrap_or("").to_string();
        let lad = f["properties"]["LAD22CD"].as_str().unwrap_or("").to_string();
        if code.is_empty() || name.is_empty() {
            diags.error(format!("{MSOA_FILE} features[{i}]"), "missing MSOA21CD or MSOA21NM");
            continue;
        }
        if by_name.insert(name.clone(), (code.clone(), lad)).is_some() {
            diags.error(format!("{MSOA_FILE} features[{i}] ({code})"), format!("duplicate MSOA name \"{name}\""));
        }
    }
    let mut codes: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut assigned = Vec::with_capacity(features.len());
    for f in features {
        let stem = f.name.get(..f.name.len().saturating_sub(1)).unwrap_or("");
        match by_name.get(stem) {
            Some((code, lad)) => {
                if lad != &f.lad {
                    diags.error(
                        format!("{MSOA_FILE} ({code})"),
                        format!("MSOA district {lad} differs from LSOA {} district {}", f.code, f.lad),
                    );
                }
                codes.insert(code.clone(), (stem.to_string(), lad.clone()));
                assigned.push(code.clone());
            }
            None => {
                // The MSOA is missing from the boundary (and census) file: built from its LSOAs
                // under a code that says it is not ONS's, so no official code names another area.
                let code = uncoded_msoa_code(stem);
                diags.warn(
                    format!("boundaries/lcr_lsoa21_bsc.geojson ({})", f.code),
                    format!("no MSOA named \"{stem}\" in {MSOA_FILE}; built from its LSOAs as {code} (no ONS code in our files)"),
                );
                codes.insert(code.clone(), (stem.to_string(), f.lad.clone()));
                uncoded.push((f.code.clone(), f.name.clone(), code.clone()));
                assigned.push(code);
            }
        }
    }
    for (name, (code, _)) in &by_name {
        if !codes.contains_key(code) {
            diags.error(
                format!("{MSOA_FILE} ({code})"),
                format!("MSOA \"{name}\" has no LSOA: area missing from the LSOA layer"),
            );
        }
    }
    Some((layer_from_assignment("msoa", codes, &assigned), uncoded))
}

/// The stand-in code of an MSOA missing from the boundary file: "NOCODE-" and its name's letters
/// and digits ("St. Helens 025" → "NOCODE-StHelens025") — plainly not an ONS code.
pub fn uncoded_msoa_code(name: &str) -> String {
    let letters: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("NOCODE-{letters}")
}

/// Wards: best-fit ward 2024 of each LSOA from the official lookup.
fn ward_layer(raw: &Path, features: &[Feature], diags: &mut Diagnostics) -> Option<Layer> {
    let t = Table::read(raw, WARD_LOOKUP, diags)?;
    let [c_lsoa, c_ward, c_name, c_lad] =
        t.cols(["lsoa21_code", "ward24_code", "ward24_name", "ltla24_code"], diags)?;
    let known: BTreeMap<&str, &Feature> = features.iter().map(|f| (f.code.as_str(), f)).collect();
    let mut ward_of: BTreeMap<String, String> = BTreeMap::new();
    let mut codes: BTreeMap<String, (String, String)> = BTreeMap::new();
    for row in &t.rows {
        let lsoa = t.text(row, c_lsoa);
        let ward = t.text(row, c_ward).to_string();
        let lad = t.text(row, c_lad).to_string();
        let Some(feature) = known.get(lsoa) else {
            diags.error(t.loc(row, c_lsoa, Some(lsoa)), "unknown LSOA 2021 code");
            continue;
        };
        if feature.lad != lad {
            diags.error(
                t.loc(row, c_lad, Some(lsoa)),
                format!("district {lad} differs from the boundary file's {}", feature.lad),
            );
        }
        if ward_of.insert(lsoa.to_string(), ward.clone()).is_some() {
            diags.error(t.loc(row, c_lsoa, Some(lsoa)), "duplicate LSOA code");
        }
        codes.insert(ward, (t.text(row, c_name).to_string(), lad));
    }
    let assigned: Vec<String> = features
        .iter()
        .map(|f| {
            ward_of.get(&f.code).cloned().unwrap_or_else(|| {
                diags.error(format!("{WARD_LOOKUP} ({})", f.code), "LSOA missing from the ward lookup");
                String::new()
            })
        })
        .collect();
    Some(layer_from_assignment("ward", codes, &assigned))
}

fn layer_from_assignment(id: &'static str, codes: BTreeMap<String, (String, String)>, assigned: &[String]) -> Layer {
    let index: BTreeMap<&str, usize> = codes.keys().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let of_lsoa = assigned.iter().map(|c| index.get(c.as_str()).copied().unwrap_or(0)).collect();
    Layer {
        id,
        names: codes.values().map(|v| v.0.clone()).collect(),
        lad: codes.values().map(|v| v.1.clone()).collect(),
        codes: codes.keys().cloned().collect(),
        of_lsoa,
    }
}
