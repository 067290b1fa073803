//! Bundle geometry: shared arcs for the LSOAs and the three dissolved layers above them, turned
//! into the bundle's `Topology` and `Geography` records.

use crate::areas::Layers;
use crate::diag::Diagnostics;
use crate::dissolve::dissolve;
use crate::geojson::{Feature, STEPS_PER_DEGREE};
use crate::topo::{self, AreaRefs};
use std::collections::BTreeMap;
use work_health_atlas::model::bundle::{Area, Geography, Topology};

/// Labels of each layer: (id, label, noun, vintage, approximate, note).
const LAYER_TEXT: [(&str, &str, &str, &str, bool, &str); 4] = [
    (
        "lsoa",
        "Neighbourhoods (LSOA 2021)",
        "neighbourhoods",
        "LSOA December 2021 (ONS), generalised",
        false,
        "Lower layer Super Output Areas, about 1,500 residents each. Boundaries from ONS LSOA December 2021, generalised; shapes are simplified for the web.",
    ),
    (
        "msoa",
        "Areas (MSOA 2021)",
        "areas",
        "MSOA December 2021 (ONS), dissolved from LSOAs",
        false,
        "Middle layer Super Output Areas; each is exactly a group of LSOAs (the LSOA name without its final letter), so the shapes are dissolved from the LSOA boundaries.",
    ),
    (
        "ward",
        "Wards (2024, approximate)",
        "wards",
        "Wards May 2024, best-fit of LSOA 2021 (ONS lookup)",
        true,
        "Approximate wards: each LSOA is assigned to the 2024 ward that contains most of its population (ONS best-fit lookup) and the shapes are dissolved from those LSOAs. Edges differ from the official ward boundaries, and one of Liverpool's 64 wards (2023) has no best-fit LSOA, so it does not appear.",
    ),
    (
        "lad",
        "Districts",
        "districts",
        "Local authority districts 2024 (ONS), dissolved from LSOAs",
        false,
        "The six local authority districts of the Liverpool City Region, dissolved from the LSOA boundaries.",
    ),
];

/// Builds the topology and the four geography layers.
pub fn build_geometry(features: &[Feature], layers: &Layers, diags: &mut Diagnostics) -> (Topology, Vec<Geography>) {
    let mut polygons: Vec<Vec<Vec<Vec<[i64; 2]>>>> = features.iter().map(|f| f.polygons.clone()).collect();
    for p in polygons.iter_mut() {
        topo::orient(p);
    }
    let (arcs, lsoa_refs) = topo::build(&polygons);
    let (arcs, lsoa_refs) = topo::canonicalise(&arcs, &lsoa_refs);
    let mut geographies = Vec::new();
    for (layer, text) in layers.layers.iter().zip(LAYER_TEXT) {
        let refs: Vec<AreaRefs> = if layer.id == "lsoa" {
            lsoa_refs.clone()
        } else {
            layer
                .members()
                .iter()
                .enumerate()
                .map(|(i, members)| {
                    dissolve(&arcs, &lsoa_refs, members).unwrap_or_else(|e| {
                        diags.error(
                            format!("geometry layer {} ({})", layer.id, layer.codes[i]),
                            format!("dissolve failed: {e}"),
                        );
                        Vec::new()
                    })
                })
                .collect()
        };
        let areas = layer
            .codes
            .iter()
            .enumerate()
            .map(|(i, code)| Area {
                code: code.clone(),
                name: layer.names[i].clone(),
                parents: parents(layers, layer.id, i),
                polygons: refs.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        geographies.push(Geography {
            id: text.0.to_string(),
            label: text.1.to_string(),
            noun_plural: text.2.to_string(),
            vintage: text.3.to_string(),
            approximate: text.4,
            note: layer_note(layers, layer.id, text.5),
            dissolved_from: None,
            areas,
        });
    }
    let origin = topo::origin(&arcs);
    let step = 1.0 / STEPS_PER_DEGREE;
    let topology = Topology {
        scale: [step, step],
        translate: [origin[0] as f64 * step, origin[1] as f64 * step],
        arcs: topo::encode(&arcs, origin),
    };
    (topology, geographies)
}

/// The layer note, plus any LSOAs placed by lookup because their MSOA is missing from the files.
fn layer_note(layers: &Layers, id: &str, base: &str) -> String {
    if id != "msoa" || layers.msoa_fallback.is_empty() {
        return base.to_string();
    }
    let lsoas: Vec<String> = layers.msoa_fallback.iter().map(|(code, name, _)| format!("{name} ({code})")).collect();
    let targets: std::collections::BTreeSet<&str> = layers.msoa_fallback.iter().map(|f| f.2.as_str()).collect();
    format!(
        "{base} Exception: the MSOA these LSOAs belong to by name is missing from the source boundary and census files, so they follow the official 2011 lookups into {}: {}. That area is therefore larger than the published MSOA of the same code, and its published census percentages are not shown.",
        targets.into_iter().collect::<Vec<_>>().join(", "),
        lsoas.join(", ")
    )
}

/// Parent codes: an LSOA names its MSOA, ward and district; MSOAs and wards their district.
fn parents(layers: &Layers, id: &str, index: usize) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match id {
        "lsoa" => {
            for up in ["msoa", "ward", "lad"] {
                if let Some(l) = layers.get(up) {
                    if let Some(code) = l.of_lsoa.get(index).and_then(|&a| l.codes.get(a)) {
                        out.insert(up.to_string(), code.clone());
                    }
                }
            }
        }
        "msoa" | "ward" => {
            if let Some(l) = layers.get(id) {
                if let Some(lad) = l.lad.get(index) {
                    out.insert("lad".to_string(), lad.clone());
                }
            }
        }
        _ => {}
    }
    out
}
