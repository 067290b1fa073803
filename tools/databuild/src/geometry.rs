//! Bundle geometry: shared arcs for the LSOAs, turned into the bundle's `Topology` and
//! `Geography` records. The three layers above them (MSOA, ward, district) store no shapes: they
//! are `dissolved_from` the LSOAs by the reader, which saves a third of the geometry bytes.
//! [`check_dissolved`] checks what the reader makes of them.

use crate::areas::Layers;
use crate::diag::Diagnostics;
use crate::geojson::{signed_area2, Feature, STEPS_PER_DEGREE};
use crate::topo::{self, Arcs};
use std::collections::BTreeMap;
use work_health_atlas::model::bundle::{Area, Bundle, Geography, Topology};
use work_health_atlas::model::topology::decode_quantised;

/// The layer every other layer is dissolved from.
const MEMBER_LAYER: &str = "lsoa";

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

/// Builds the topology and the four geography layers; only the LSOAs carry polygons.
pub fn build_geometry(features: &[Feature], layers: &Layers) -> (Topology, Vec<Geography>) {
    let mut polygons: Vec<Vec<Vec<Vec<[i64; 2]>>>> = features.iter().map(|f| f.polygons.clone()).collect();
    for p in polygons.iter_mut() {
        topo::orient(p);
    }
    let (arcs, lsoa_refs) = topo::build(&polygons);
    let (arcs, lsoa_refs) = topo::canonicalise(&arcs, &lsoa_refs);
    let mut geographies = Vec::new();
    for (layer, text) in layers.layers.iter().zip(LAYER_TEXT) {
        let stored = layer.id == MEMBER_LAYER;
        let areas = layer
            .codes
            .iter()
            .enumerate()
            .map(|(i, code)| Area {
                code: code.clone(),
                name: layer.names[i].clone(),
                parents: parents(layers, layer.id, i).into(),
                polygons: if stored { lsoa_refs.get(i).cloned().unwrap_or_default() } else { Vec::new() },
            })
            .collect();
        geographies.push(Geography {
            id: text.0.to_string(),
            label: text.1.to_string(),
            noun_plural: text.2.to_string(),
            vintage: text.3.to_string(),
            approximate: text.4,
            note: layer_note(layers, layer.id, text.5),
            dissolved_from: (!stored).then(|| MEMBER_LAYER.to_string()),
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

/// Checks the shapes the reader dissolved (`dissolved`: the bundle as `Dataset::from_bundle`
/// leaves it, with the `dissolved_from` layers' polygons filled in) against their members. In quantised integer space, where shared arcs meet exactly, each dissolved area must be
/// exactly as large as its members together (so no boundary arc was lost, doubled or left
/// interior by mistake), outer rings must run counter-clockwise and holes clockwise (the
/// renderer's even-odd fill and the hit test rely on it).
pub fn check_dissolved(dissolved: &Bundle, diags: &mut Diagnostics) {
    let arcs = Arcs { arcs: decode_quantised(&dissolved.topology) };
    let twice_area = |rings: &[Vec<i64>]| -> i128 { rings.iter().map(|r| signed_area2(&arcs.ring_points(r))).sum() };
    for layer in &dissolved.geographies {
        let Some(member_id) = &layer.dissolved_from else { continue };
        let Some(members) = dissolved.geographies.iter().find(|g| &g.id == member_id) else { continue };
        for area in &layer.areas {
            let at = format!("geometry layer {} ({})", layer.id, area.code);
            let expected: i128 = members
                .areas
                .iter()
                .filter(|m| m.parents.get(&layer.id) == Some(&area.code))
                .flat_map(|m| &m.polygons)
                .map(|p| twice_area(p))
                .sum();
            let got: i128 = area.polygons.iter().map(|p| twice_area(p)).sum();
            if area.polygons.is_empty() || got != expected {
                diags
                    .error(&at, format!("the reader's dissolve gives area {got}, its members {expected} (2 × steps²)"));
            }
            for (pi, polygon) in area.polygons.iter().enumerate() {
                for (ri, ring) in polygon.iter().enumerate() {
                    let a = twice_area(std::slice::from_ref(ring));
                    if (ri == 0) != (a > 0) {
                        diags.error(&at, format!("dissolved polygon[{pi}] ring[{ri}] is wound the wrong way"));
                    }
                }
            }
        }
    }
}

/// The layer note, plus any MSOA built from its LSOAs because it is missing from the files.
fn layer_note(layers: &Layers, id: &str, base: &str) -> String {
    if id != "msoa" || layers.msoa_uncoded.is_empty() {
        return base.to_string();
    }
    let lsoas: Vec<String> = layers.msoa_uncoded.iter().map(|(code, name, _)| format!("{name} ({code})")).collect();
    let codes: std::collections::BTreeSet<&str> = layers.msoa_uncoded.iter().map(|f| f.2.as_str()).collect();
    format!(
        "{base} Exception: the MSOA of {} is missing from the source boundary and census files: built from these LSOAs under the stand-in code {} (ONS code not in our files); no census percentages.",
        lsoas.join(", "),
        codes.into_iter().collect::<Vec<_>>().join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;
    use work_health_atlas::model::Dataset;

    /// Two unit squares (LSOAs `A`, `B`, counter-clockwise) sharing arc 1, and one district `D`
    /// dissolved from them.
    fn bundle() -> Bundle {
        serde_json::from_str(
            r#"{"schema": "work-health-atlas/bundle", "version": 1,
              "meta": {"title": "t", "licence": "l", "attribution": ["a"], "synthetic": true},
              "topology": {"scale": [1, 1], "translate": [0, 0], "arcs": [
                [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [0, 1]], [[1, 0], [1, 0], [0, 1], [-1, 0]]]},
              "geographies": [
                {"id": "lsoa", "label": "L", "noun_plural": "l", "vintage": "v", "areas": [
                  {"code": "A", "name": "A", "parents": {"lad": "D"}, "polygons": [[[1, 0]]]},
                  {"code": "B", "name": "B", "parents": {"lad": "D"}, "polygons": [[[2, -2]]]}]},
                {"id": "lad", "label": "D", "noun_plural": "d", "vintage": "v", "dissolved_from": "lsoa",
                 "areas": [{"code": "D", "name": "D", "polygons": []}]}]}"#,
        )
        .expect("test bundle parses")
    }

    #[test]
    fn the_readers_dissolve_passes_and_a_lost_member_is_caught() {
        let loaded = Dataset::from_bundle(bundle()).expect("loads").bundle;
        let mut diags = Diagnostics::default();
        check_dissolved(&loaded, &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.items());
        // A shape that leaves out member B is half as large as its members.
        let mut wrong = loaded.clone();
        wrong.geographies[1].areas[0].polygons = vec![vec![vec![1, 0]]];
        check_dissolved(&wrong, &mut diags);
        assert!(diags.has_errors());
    }
}
