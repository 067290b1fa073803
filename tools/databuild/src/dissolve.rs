//! Dissolving groups of areas into larger ones by their shared arcs: an arc used by two members
//! of the group is interior and dropped; the rest are stitched, end to start, into rings. Because
//! member rings are oriented (outer counter-clockwise), stitched outer rings come out
//! counter-clockwise and holes clockwise; each hole is put in the smallest outer ring around it.

use crate::geojson::{signed_area2, Pt};
use crate::topo::{split_ref, Arcs, AreaRefs};
use std::collections::{BTreeMap, BTreeSet};

/// Dissolves the areas listed in `members` (indices into `refs`). Returns the group's polygons
/// (outer ring first, then its holes) or a message when the arcs do not close into rings.
pub fn dissolve(arcs: &Arcs, refs: &[AreaRefs], members: &[usize]) -> Result<AreaRefs, String> {
    // Count uses of each arc within the group, keeping the directed references in order.
    let mut uses: BTreeMap<usize, usize> = BTreeMap::new();
    let mut directed: Vec<i64> = Vec::new();
    for &m in members {
        let area = refs.get(m).ok_or_else(|| format!("member {m} out of range"))?;
        for &r in area.iter().flatten().flatten() {
            *uses.entry(split_ref(r).0).or_default() += 1;
            directed.push(r);
        }
    }
    let boundary: Vec<i64> = directed.into_iter().filter(|r| uses.get(&split_ref(*r).0) == Some(&1)).collect();
    // Index boundary references by their start point.
    let mut by_start: BTreeMap<Pt, Vec<usize>> = BTreeMap::new();
    let walks: Vec<Vec<Pt>> = boundary.iter().map(|&r| arcs.walk(r)).collect();
    for (k, w) in walks.iter().enumerate() {
        let start = *w.first().ok_or("empty arc")?;
        by_start.entry(start).or_default().push(k);
    }
    let mut used = BTreeSet::new();
    let mut rings: Vec<Vec<i64>> = Vec::new();
    for first in 0..boundary.len() {
        if used.contains(&first) {
            continue;
        }
        used.insert(first);
        let ring_start = walks[first][0];
        let mut ring = vec![boundary[first]];
        let mut end = *walks[first].last().ok_or("empty arc")?;
        while end != ring_start {
            let next = by_start
                .get(&end)
                .and_then(|c| c.iter().find(|k| !used.contains(*k)).copied())
                .ok_or_else(|| format!("boundary does not close at {end:?}"))?;
            used.insert(next);
            ring.push(boundary[next]);
            end = *walks[next].last().ok_or("empty arc")?;
        }
        rings.push(ring);
    }
    assemble(arcs, rings)
}

/// Splits rings into outer rings and holes and nests each hole in the smallest outer ring that
/// contains it.
fn assemble(arcs: &Arcs, rings: Vec<Vec<i64>>) -> Result<AreaRefs, String> {
    let mut outers: Vec<(Vec<i64>, Vec<Pt>, i128)> = Vec::new();
    let mut holes: Vec<(Vec<i64>, Vec<Pt>)> = Vec::new();
    for ring in rings {
        let mut pts = arcs.ring_points(&ring);
        pts.pop();
        let area = signed_area2(&pts);
        if area > 0 {
            outers.push((ring, pts, area));
        } else {
            holes.push((ring, pts));
        }
    }
    let mut polygons: Vec<Vec<Vec<i64>>> = outers.iter().map(|(r, _, _)| vec![r.clone()]).collect();
    for (ring, pts) in holes {
        let probe = probe_point(&pts);
        let host = outers
            .iter()
            .enumerate()
            .filter(|(_, (_, o, _))| contains(o, probe))
            .min_by_key(|(_, (_, _, a))| *a)
            .map(|(i, _)| i)
            .ok_or("a hole lies outside every outer ring")?;
        polygons[host].push(ring);
    }
    Ok(polygons)
}

/// A point just inside a clockwise ring's first edge, in doubled coordinates (x2 scale).
fn probe_point(pts: &[Pt]) -> [f64; 2] {
    let a = pts[0];
    let b = pts[1 % pts.len()];
    [(a[0] + b[0]) as f64 / 2.0, (a[1] + b[1]) as f64 / 2.0]
}

/// Ray-casting point-in-polygon test.
fn contains(ring: &[Pt], p: [f64; 2]) -> bool {
    let n = ring.len();
    let mut inside = false;
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = (ring[i][0] as f64, ring[i][1] as f64);
        let (xj, yj) = (ring[j][0] as f64, ring[j][1] as f64);
        if (yi > p[1]) != (yj > p[1]) && p[0] < (xj - xi) * (p[1] - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topo::{build, orient};

    #[test]
    fn two_squares_dissolve_into_one_ring_without_the_shared_edge() {
        let mut areas =
            vec![vec![vec![vec![[0, 0], [1, 0], [1, 1], [0, 1]]]], vec![vec![vec![[1, 0], [2, 0], [2, 1], [1, 1]]]]];
        for a in areas.iter_mut() {
            orient(a);
        }
        let (arcs, refs) = build(&areas);
        let out = dissolve(&arcs, &refs, &[0, 1]).expect("closes");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].len(), 1);
        let mut pts = arcs.ring_points(&out[0][0]);
        assert_eq!(pts.first(), pts.last());
        pts.pop();
        assert_eq!(pts.len(), 6);
        assert!(signed_area2(&pts) > 0);
    }

    #[test]
    fn an_enclosed_area_leaves_a_hole() {
        // A 3x3 ring of squares around a centre square; dissolving the ring leaves a hole.
        let mut areas = Vec::new();
        for x in 0..3 {
            for y in 0..3 {
                let mut sq = vec![vec![vec![[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]]]];
                orient(&mut sq);
                areas.push(sq);
            }
        }
        let (arcs, refs) = build(&areas);
        let around: Vec<usize> = (0..9).filter(|&i| i != 4).collect();
        let out = dissolve(&arcs, &refs, &around).expect("closes");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].len(), 2, "outer ring and one hole");
    }
}
