//! Reading the LSOA 2021 boundary GeoJSON (with the `geojson` crate's types) into integer
//! coordinates on a 1e-4 degree grid, with located geometry checks: malformed features and
//! geometries (non-numeric coordinates among them), empty geometry, unclosed rings, duplicate
//! codes, rings that collapse on the grid.
//!
//! The grid is coarser than the source (rounded to 1e-5 degrees), so quantisation is **lossy**:
//! points move by at most half a step (about 3 m east–west and 6 m north–south at 53.4°N), far
//! below the 200 m generalisation of the super-generalised (BSC) boundaries, and it makes the
//! bundle's arc deltas shorter (about 8 KB gzip). Neighbours still share points exactly, because
//! both sides round the same source coordinates. A part that collapses to fewer than 3 distinct
//! points (a sliver under one step wide) is dropped with a warning.

use crate::diag::Diagnostics;
use ::geojson::{Feature as GeoJsonFeature, Geometry, GeometryValue, JsonValue, Position};
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
///
/// The features are read one by one with the `geojson` crate's types rather than as one
/// `FeatureCollection`, so a malformed feature is reported and the others are still read and
/// checked (every problem is reported in one run).
pub fn parse_features(text: &str, name: &str, diags: &mut Diagnostics) -> Vec<Feature> {
    let doc: JsonValue = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // serde_json rejects NaN literals here; its message carries line and column.
            diags.error(format!("{name}:{}:{}", e.line(), e.column()), format!("invalid JSON: {e}"));
            return Vec::new();
        }
    };
    let features = match doc {
        JsonValue::Object(mut members) => members.remove("features"),
        _ => None,
    };
    let Some(JsonValue::Array(features)) = features else {
        diags.error(name, "no \"features\" array");
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, mut value) in features.into_iter().enumerate() {
        // The geometry is read apart from the rest, so a malformed one is reported under the
        // feature's code.
        let geometry = value.as_object_mut().and_then(|members| members.remove("geometry"));
        let feature: GeoJsonFeature = match serde_json::from_value(value) {
            Ok(f) => f,
            Err(e) => {
                diags.error(format!("{name} features[{i}]"), format!("not a GeoJSON feature: {e}"));
                continue;
            }
        };
        let prop = |k: &str| feature.property(k).and_then(JsonValue::as_str).unwrap_or("").to_string();
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
        let geometry = match geometry.filter(|g| !g.is_null()).map(serde_json::from_value::<Geometry>).transpose() {
            Ok(g) => g,
            Err(e) => {
                diags.error(&loc, format!("invalid geometry: {e}"));
                continue;
            }
        };
        let Some(polygons) = read_geometry(geometry.as_ref(), &loc, diags) else { continue };
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
fn read_geometry(geometry: Option<&Geometry>, loc: &str, diags: &mut Diagnostics) -> Option<Vec<Vec<Vec<Pt>>>> {
    let Some(g) = geometry else {
        return Some(Vec::new());
    };
    let polys: &[Vec<Vec<Position>>] = match &g.value {
        GeometryValue::Polygon { coordinates } => std::slice::from_ref(coordinates),
        GeometryValue::MultiPolygon { coordinates } => coordinates,
        other => {
            diags.error(loc, format!("unsupported geometry type \"{}\"", other.type_name()));
            return Some(Vec::new());
        }
    };
    let mut out = Vec::new();
    let mut collapsed: Vec<(String, usize)> = Vec::new();
    for (pi, rings) in polys.iter().enumerate() {
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

/// Reads one ring: checks each position has a finite longitude and latitude and the ring is
/// closed, then drops the closing point and consecutive duplicates (points that fall on the same
/// grid step). The `geojson` crate has already refused non-numeric coordinates.
fn read_ring(points: &[Position], loc: &str, diags: &mut Diagnostics) -> Ring {
    let mut out: Vec<Pt> = Vec::with_capacity(points.len());
    for (k, p) in points.iter().enumerate() {
        match p.as_slice() {
            [x, y, ..] if x.is_finite() && y.is_finite() => {
                let q = [(x * STEPS_PER_DEGREE).round() as i64, (y * STEPS_PER_DEGREE).round() as i64];
                if out.last() != Some(&q) {
                    out.push(q);
                }
            }
            xy => {
                diags.error(
                    format!("{loc} point[{k}]"),
                    format!("position {xy:?} is not a finite longitude and latitude"),
                );
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
