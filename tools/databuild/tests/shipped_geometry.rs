//! Geometry checks of the committed bundle (`data/atlas.json`) on its quantisation grid: the
//! shapes a coarser grid could break. Every LSOA keeps a polygon, no ring touches itself, no two
//! arcs cross or touch except where they meet end to end at a junction, and the hit test finds
//! every area of every layer at its own interior point.
//!
//! A 2e-4 degree grid was tried and fails the arc check: at three junctions (in Liverpool 001D,
//! Liverpool 028E and Halton 003D) a junction point lands on the wrong side of a neighbouring
//! segment, so those rings cross themselves.

use std::collections::{BTreeSet, HashMap};
use work_health_atlas::geom::interior::interior_point;
use work_health_atlas::geom::{HitIndex, ProjectedLayer};
use work_health_atlas::model::topology::{arc_index, decode_quantised};
use work_health_atlas::model::Dataset;

type Pt = [i64; 2];

fn shipped() -> Dataset {
    let path = databuild::workspace_root().join("data/atlas.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Dataset::from_json(&bytes).expect("the committed bundle loads")
}

/// A ring's quantised points from its arc references, each vertex once (no closing point).
fn ring_points(arcs: &[Vec<Pt>], references: &[i64]) -> Vec<Pt> {
    let mut out = Vec::new();
    for &r in references {
        let (i, reversed) = arc_index(r);
        let mut points = arcs[i].clone();
        if reversed {
            points.reverse();
        }
        // The first point is the previous arc's last (or, for the first arc, the ring's last).
        out.extend(points.into_iter().skip(1));
    }
    out
}

/// Twice the signed area of triangle `a b c` (the orientation of `c` relative to `a → b`).
fn orient(a: Pt, b: Pt, c: Pt) -> i128 {
    i128::from(b[0] - a[0]) * i128::from(c[1] - a[1]) - i128::from(b[1] - a[1]) * i128::from(c[0] - a[0])
}

/// Whether `c`, collinear with `a b`, lies within the segment's bounding box.
fn on_segment(a: Pt, b: Pt, c: Pt) -> bool {
    (a[0].min(b[0])..=a[0].max(b[0])).contains(&c[0]) && (a[1].min(b[1])..=a[1].max(b[1])).contains(&c[1])
}

/// Whether closed segments `p` and `q` have any point in common (exact, integer).
fn intersects([a, b]: [Pt; 2], [c, d]: [Pt; 2]) -> bool {
    let (d1, d2, d3, d4) = (orient(c, d, a), orient(c, d, b), orient(a, b, c), orient(a, b, d));
    if (d1 > 0 && d2 < 0 || d1 < 0 && d2 > 0) && (d3 > 0 && d4 < 0 || d3 < 0 && d4 > 0) {
        return true;
    }
    (d1 == 0 && on_segment(c, d, a))
        || (d2 == 0 && on_segment(c, d, b))
        || (d3 == 0 && on_segment(a, b, c))
        || (d4 == 0 && on_segment(a, b, d))
}

#[test]
fn every_lsoa_keeps_a_polygon() {
    let data = shipped();
    let lsoa = data.bundle.geographies.iter().find(|g| g.id == "lsoa").expect("an LSOA layer");
    let empty: Vec<&str> = lsoa.areas.iter().filter(|a| a.polygons.is_empty()).map(|a| a.code.as_str()).collect();
    assert!(empty.is_empty(), "LSOAs without polygons: {empty:?}");
}

#[test]
fn no_ring_of_any_layer_touches_itself() {
    let data = shipped();
    let arcs = decode_quantised(&data.bundle.topology);
    let mut touching = Vec::new();
    for layer in &data.bundle.geographies {
        for area in &layer.areas {
            for (pi, polygon) in area.polygons.iter().enumerate() {
                for (ri, ring) in polygon.iter().enumerate() {
                    let points = ring_points(&arcs, ring);
                    let distinct: BTreeSet<Pt> = points.iter().copied().collect();
                    if points.len() < 3 || distinct.len() != points.len() {
                        touching.push(format!("{} {} polygon[{pi}] ring[{ri}]", layer.id, area.code));
                    }
                }
            }
        }
    }
    assert!(touching.is_empty(), "rings visiting a point twice (or with under 3 points): {touching:?}");
}

#[test]
fn arcs_meet_only_end_to_end_at_junctions() {
    let data = shipped();
    let arcs = decode_quantised(&data.bundle.topology);
    // Every segment as (arc, index in the arc, end points).
    let segments: Vec<(usize, usize, [Pt; 2])> = arcs
        .iter()
        .enumerate()
        .flat_map(|(a, points)| points.windows(2).enumerate().map(move |(k, w)| (a, k, [w[0], w[1]])))
        .collect();
    assert!(segments.iter().all(|s| s.2[0] != s.2[1]), "no zero-length segment");
    let is_end = |arc: usize, p: Pt| arcs[arc].first() == Some(&p) || arcs[arc].last() == Some(&p);
    // Buckets of 64 × 64 grid steps: only segments sharing a bucket can meet.
    const CELL: i64 = 64;
    let mut cells: HashMap<[i64; 2], Vec<usize>> = HashMap::new();
    for (s, (_, _, [p, q])) in segments.iter().enumerate() {
        for cx in p[0].min(q[0]).div_euclid(CELL)..=p[0].max(q[0]).div_euclid(CELL) {
            for cy in p[1].min(q[1]).div_euclid(CELL)..=p[1].max(q[1]).div_euclid(CELL) {
                cells.entry([cx, cy]).or_default().push(s);
            }
        }
    }
    let mut pairs = BTreeSet::new();
    for list in cells.values() {
        for (k, &s) in list.iter().enumerate() {
            for &t in &list[k + 1..] {
                pairs.insert((s.min(t), s.max(t)));
            }
        }
    }
    let mut bad = Vec::new();
    for (s, t) in pairs {
        let (a, i, sa) = segments[s];
        let (b, j, sb) = segments[t];
        if !intersects(sa, sb) {
            continue;
        }
        let shared: Vec<Pt> = sa.iter().filter(|p| sb.contains(p)).copied().collect();
        let allowed = match shared.as_slice() {
            [p] => {
                let other_a = if sa[0] == *p { sa[1] } else { sa[0] };
                let other_b = if sb[0] == *p { sb[1] } else { sb[0] };
                // Folding back along the same line would overlap beyond the shared point.
                let overlap = orient(*p, other_a, other_b) == 0
                    && (other_a[0] - p[0]) * (other_b[0] - p[0]) + (other_a[1] - p[1]) * (other_b[1] - p[1]) > 0;
                let consecutive = a == b && (i.abs_diff(j) == 1 || i.abs_diff(j) == arcs[a].len() - 2);
                !overlap && (consecutive || (is_end(a, *p) && is_end(b, *p)))
            }
            _ => false,
        };
        if !allowed {
            bad.push(format!("arc {a} segment {i} {sa:?} meets arc {b} segment {j} {sb:?}"));
        }
    }
    assert!(bad.is_empty(), "{} improper contacts: {:?}", bad.len(), &bad[..bad.len().min(20)]);
}

#[test]
fn every_area_of_every_layer_is_hit_at_its_interior_point() {
    let data = shipped();
    let mut missed = Vec::new();
    for (g, layer) in data.bundle.geographies.iter().enumerate() {
        let shapes = data.layer(g).expect("from_bundle builds every layer");
        let projected = ProjectedLayer::new(shapes.areas.iter().map(|a| &a.polygons));
        let hit = HitIndex::new(&projected);
        for (i, area) in layer.areas.iter().enumerate() {
            let Some(point) = interior_point(&projected.areas[i]) else {
                missed.push(format!("{} {}: no interior point", layer.id, area.code));
                continue;
            };
            let found = hit.area_at(&projected, point);
            if found != Some(i) {
                let other = found.map_or("nothing", |j| layer.areas[j].code.as_str());
                missed.push(format!("{} {}: its interior point hits {other}", layer.id, area.code));
            }
        }
    }
    assert!(missed.is_empty(), "{missed:?}");
}
