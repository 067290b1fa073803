//! Reading the LSOA 2021 boundary GeoJSON into integer coordinates (1e-5 degrees, the precision
//! the source was rounded to, so quantisation is lossless), with located geometry checks: empty
//! geometry, unclosed rings, NaN or non-numeric coordinates, duplicate codes.

use crate::diag::Diagnostics;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// A position in units of 1e-5 degrees (longitude, latitude).
pub type Pt = [i64; 2];

/// Steps per degree: the source GeoJSON is rounded to 5 decimal places.
pub const STEPS_PER_DEGREE: f64 = 1e5;

/// One LSOA feature.
#[derive(Debug, Clone)]
pub struct Feature {
    /// `LSOA21CD`.
    pub code: String,
    /// `LSOA21NM`.
    pub name: String,
    /// `LAD24CD`.
    pub lad: String,
    /// Polygons → rings (outer first) → open rings (closing point dropped).
    pub polygons: Vec<Vec<Vec<Pt>>>,
}

/// Reads the features of `raw/rel`, sorted by code. Problems are recorded in `diags`.
pub fn read_features(raw: &Path, rel: &str, diags: &mut Diagnostics) -> Vec<Feature> {
    let text = match std::fs::read_to_string(raw.join(rel)) {
        Ok(t) => t,
        Err(e) => {
            diags.error(rel, format!("cannot open file: {e}"));
            return Vec::new();
        }
    };
    parse_features(&text, rel, diags)
}

/// Parses GeoJSON text; `name` is used in messages.
pub fn parse_features(text: &str, name: &str, diags: &mut Diagnostics) -> Vec<Feature> {
    let doc: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // serde_json rejects NaN literals here; its message carries line and column.
            diags.error(format!("{name}:{}:{}", e.line(), e.column()), format!("invalid JSON: {e}"));
            return Vec::new();
        }
    };
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        diags.error(name, "no \"features\" array");
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, f) in features.iter().enumerate() {
        let prop = |k: &str| f.pointer(&format!("/properties/{k}")).and_then(Value::as_str).unwrap_or("").to_string();
        let code = prop("LSOA21CD");
        let loc = format!("{name} features[{i}] ({code})");
        if code.is_empty() {
            diags.error(&loc, "missing LSOA21CD");
            continue;
        }
        if !seen.insert(code.clone()) {
            diags.error(&loc, format!("duplicate code {code}"));
            continue;
        }
        let polygons = read_geometry(f.get("geometry"), &loc, diags);
        if polygons.is_empty() {
            diags.error(&loc, "empty geometry");
            continue;
        }
        out.push(Feature { name: prop("LSOA21NM"), lad: prop("LAD24CD"), code, polygons });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

fn read_geometry(geometry: Option<&Value>, loc: &str, diags: &mut Diagnostics) -> Vec<Vec<Vec<Pt>>> {
    let Some(g) = geometry.filter(|g| !g.is_null()) else {
        return Vec::new();
    };
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates").and_then(Value::as_array);
    let polys: Vec<&Value> = match (kind, coords) {
        ("Polygon", Some(_)) => g.get("coordinates").into_iter().collect(),
        ("MultiPolygon", Some(c)) => c.iter().collect(),
        _ => {
            diags.error(loc, format!("unsupported geometry type \"{kind}\""));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (pi, poly) in polys.iter().enumerate() {
        let Some(rings) = poly.as_array() else {
            diags.error(format!("{loc} polygon[{pi}]"), "polygon is not an array");
            continue;
        };
        let mut rings_out = Vec::new();
        for (ri, ring) in rings.iter().enumerate() {
            let rloc = format!("{loc} polygon[{pi}] ring[{ri}]");
            if let Some(r) = read_ring(ring, &rloc, diags) {
                rings_out.push(r);
            }
        }
        if !rings_out.is_empty() {
            out.push(rings_out);
        }
    }
    out
}

/// Reads one ring: checks coordinates are finite numbers and the ring is closed, then drops the
/// closing point and consecutive duplicates.
fn read_ring(ring: &Value, loc: &str, diags: &mut Diagnostics) -> Option<Vec<Pt>> {
    let points = ring.as_array()?;
    let mut out: Vec<Pt> = Vec::with_capacity(points.len());
    for (k, p) in points.iter().enumerate() {
        let xy: Vec<Option<f64>> = p.as_array().map(|a| a.iter().map(Value::as_f64).collect()).unwrap_or_default();
        match xy.as_slice() {
            [Some(x), Some(y), ..] if x.is_finite() && y.is_finite() => {
                let q = [(x * STEPS_PER_DEGREE).round() as i64, (y * STEPS_PER_DEGREE).round() as i64];
                if out.last() != Some(&q) {
                    out.push(q);
                }
            }
            _ => {
                diags.error(format!("{loc} point[{k}]"), format!("NaN or non-numeric coordinate {p}"));
                return None;
            }
        }
    }
    if out.len() < 2 || out.first() != out.last() {
        diags.error(loc, "ring is not closed (first point differs from last)");
        return None;
    }
    out.pop();
    if out.len() < 3 {
        diags.error(loc, format!("ring has {} distinct points; needs 3", out.len()));
        return None;
    }
    Some(out)
}

/// Twice the signed area (positive = counter-clockwise with x east, y north).
pub fn signed_area2(ring: &[Pt]) -> i128 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let [x0, y0] = ring[i];
            let [x1, y1] = ring[(i + 1) % n];
            i128::from(x0) * i128::from(y1) - i128::from(x1) * i128::from(y0)
        })
        .sum()
}
