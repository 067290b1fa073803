//! Reading the LSOA 2021 boundary GeoJSON into integer coordinates on a 1e-4 degree grid, with
//! located geometry checks: empty geometry, unclosed rings, NaN or non-numeric coordinates,
//! duplicate codes, rings that collapse on the grid.
//!
//! The grid is coarser than the source (rounded to 1e-5 degrees), so quantisation is **lossy**:
//! points move by at most half a step (about 3 m east–west and 6 m north–south at 53.4°N), far
//! below the 200 m generalisation of the super-generalised (BSC) boundaries, and it makes the
//! bundle's arc deltas shorter (about 8 KB gzip). Neighbours still share points exactly, because
//! both sides round the same source coordinates. A part that collapses to fewer than 3 distinct
//! points (a sliver under one step wide) is dropped with a warning.

use crate::diag::Diagnostics;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// A position in grid steps of 1 / [`STEPS_PER_DEGREE`] degrees (longitude, latitude).
pub type Pt = [i64; 2];

/// Steps per degree: 1e-4 degree steps (the source is rounded to 5 decimal places; see the module
/// documentation for why one place less is enough).
pub const STEPS_PER_DEGREE: f64 = 1e4;

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
        let Some(polygons) = read_geometry(f.get("geometry"), &loc, diags) else { continue };
        if polygons.is_empty() {
            diags.error(&loc, "empty geometry");
            continue;
        }
        out.push(Feature { name: prop("LSOA21NM"), lad: prop("LAD24CD"), code, polygons });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// What became of one ring.
enum Ring {
    /// Open ring (closing point dropped) of at least 3 distinct points.
    Read(Vec<Pt>),
    /// Fewer than 3 distinct points on the quantisation grid (a sliver smaller than one step).
    Collapsed(usize),
    /// Unusable; the problem is recorded.
    Bad,
}

/// Polygons of a feature; `None` when its only polygons collapsed (recorded as an error).
/// Collapsed parts of a feature that keeps another polygon are dropped with a warning: they are
/// slivers narrower than one quantisation step, invisible on the map.
fn read_geometry(geometry: Option<&Value>, loc: &str, diags: &mut Diagnostics) -> Option<Vec<Vec<Vec<Pt>>>> {
    let Some(g) = geometry.filter(|g| !g.is_null()) else {
        return Some(Vec::new());
    };
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates").and_then(Value::as_array);
    let polys: Vec<&Value> = match (kind, coords) {
        ("Polygon", Some(_)) => g.get("coordinates").into_iter().collect(),
        ("MultiPolygon", Some(c)) => c.iter().collect(),
        _ => {
            diags.error(loc, format!("unsupported geometry type \"{kind}\""));
            return Some(Vec::new());
        }
    };
    let mut out = Vec::new();
    let mut collapsed: Vec<(String, usize)> = Vec::new();
    for (pi, poly) in polys.iter().enumerate() {
        let Some(rings) = poly.as_array() else {
            diags.error(format!("{loc} polygon[{pi}]"), "polygon is not an array");
            continue;
        };
        let mut rings_out = Vec::new();
        for (ri, ring) in rings.iter().enumerate() {
            let rloc = format!("{loc} polygon[{pi}] ring[{ri}]");
            match read_ring(ring, &rloc, diags) {
                Ring::Read(r) => rings_out.push(r),
                // Without its outer ring the polygon is gone, holes included.
                Ring::Collapsed(n) if ri == 0 => {
                    collapsed.push((format!("{loc} polygon[{pi}]"), n));
                    rings_out.clear();
                    break;
                }
                Ring::Collapsed(n) => collapsed.push((rloc, n)),
                Ring::Bad => {}
            }
        }
        if !rings_out.is_empty() {
            out.push(rings_out);
        }
    }
    let step = 1.0 / STEPS_PER_DEGREE;
    if out.is_empty() && !collapsed.is_empty() {
        diags.error(loc, format!("every polygon collapses to fewer than 3 distinct points at {step} degrees"));
        return None;
    }
    for (at, n) in collapsed {
        diags.warn(at, format!("collapses to {n} distinct point(s) at {step} degrees; dropped"));
    }
    Some(out)
}

/// Reads one ring: checks coordinates are finite numbers and the ring is closed, then drops the
/// closing point and consecutive duplicates (points that fall on the same grid step).
fn read_ring(ring: &Value, loc: &str, diags: &mut Diagnostics) -> Ring {
    let Some(points) = ring.as_array() else { return Ring::Bad };
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
                return Ring::Bad;
            }
        }
    }
    // Judged on the input's point count: a tiny closed ring may quantise to a single point.
    if points.len() < 2 || out.first() != out.last() {
        diags.error(loc, "ring is not closed (first point differs from last)");
        return Ring::Bad;
    }
    if out.len() > 1 {
        out.pop();
    }
    if out.len() < 3 {
        return Ring::Collapsed(out.len());
    }
    Ring::Read(out)
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
