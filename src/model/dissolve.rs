//! Dissolving groups of areas into larger ones along their shared arcs, as TopoJSON's `merge`
//! does: within a group, an arc used twice is interior and dropped; the remaining arcs are
//! stitched end to start into rings. Because the group's rings are consistently wound, stitched
//! outer rings keep the members' winding and holes come out the other way; each hole goes into
//! the smallest outer ring around it. Works in quantised integer space, where shared arcs meet
//! exactly, so dissolving never opens slivers.

use super::topology::arc_index;
use crate::geom::contains::ring_contains;
use crate::num::sort_with;

/// Absolute quantised positions of every arc.
pub type QuantisedArcs = [Vec<[i64; 2]>];

fn walk(arcs: &QuantisedArcs, reference: i64) -> Option<Vec<[i64; 2]>> {
    let (index, reversed) = arc_index(reference);
    let mut points = arcs.get(index)?.clone();
    if points.is_empty() {
        return None;
    }
    if reversed {
        points.reverse();
    }
    Some(points)
}

/// Points of a ring of references, closing point dropped.
fn ring_points(arcs: &QuantisedArcs, ring: &[i64]) -> Option<Vec<[i64; 2]>> {
    let mut points: Vec<[i64; 2]> = Vec::new();
    for &reference in ring {
        let walked = walk(arcs, reference)?;
        let skip = usize::from(!points.is_empty());
        points.extend(walked.into_iter().skip(skip));
    }
    points.pop();
    Some(points)
}

/// Twice the signed area (positive = counter-clockwise with y up).
fn signed_area2(points: &[[i64; 2]]) -> i128 {
    let n = points.len();
    // Saturating: positions near the ends of the i64 range (which validation allows when the scale
    // keeps them on Earth) must not overflow; only the sign and rough size matter here.
    (0..n)
        .map(|i| {
            let [x0, y0] = points[i];
            let [x1, y1] = points[(i + 1) % n];
            (i128::from(x0) * i128::from(y1)).saturating_sub(i128::from(x1) * i128::from(y0))
        })
        .fold(0i128, i128::saturating_add)
}

/// Dissolves `members` (each an area's polygons → rings → arc references) into one area's
/// polygons, outer ring first in each.
///
/// # Errors
/// A message when an arc reference is out of range or the boundary does not close.
///
/// # Examples
/// ```
/// use work_health_atlas::model::dissolve::dissolve;
/// // Two unit squares side by side, both wound counter-clockwise; arc 1 is their shared edge.
/// let arcs = vec![
///     vec![[1, 1], [0, 1], [0, 0], [1, 0]],
///     vec![[1, 1], [1, 0]],
///     vec![[1, 0], [2, 0], [2, 1], [1, 1]],
/// ];
/// let west = vec![vec![vec![0, !1]]];
/// let east = vec![vec![vec![2, 1]]];
/// let merged = dissolve(&arcs, &[&west, &east]).unwrap();
/// assert_eq!(merged, vec![vec![vec![0, 2]]]);
/// ```
pub fn dissolve(arcs: &QuantisedArcs, members: &[&Vec<Vec<Vec<i64>>>]) -> Result<Vec<Vec<Vec<i64>>>, String> {
    // Count each arc's uses in the group; an arc used twice is interior.
    let directed: Vec<i64> = members.iter().flat_map(|m| m.iter().flatten().flatten().copied()).collect();
    // (A reference past the last arc is kept, and refused by `walk` below.)
    let mut uses = vec![0u32; arcs.len()];
    for r in &directed {
        if let Some(n) = uses.get_mut(arc_index(*r).0) {
            *n += 1;
        }
    }
    let boundary: Vec<i64> =
        directed.into_iter().filter(|r| uses.get(arc_index(*r).0).is_none_or(|&n| n == 1)).collect();
    // Boundary pieces sorted by start point, to find the piece that continues a ring.
    let mut ends = Vec::with_capacity(boundary.len());
    let mut by_start: Vec<([i64; 2], usize)> = Vec::with_capacity(boundary.len());
    for (k, &reference) in boundary.iter().enumerate() {
        let walked = walk(arcs, reference).ok_or_else(|| format!("arc reference {reference} is out of range"))?;
        let (first, last) = (walked[0], walked[walked.len() - 1]);
        by_start.push((first, k));
        ends.push((first, last));
    }
    sort_with(&mut by_start, |a, b| a < b);
    let mut used = vec![false; boundary.len()];
    let mut rings: Vec<Vec<i64>> = Vec::new();
    for first in 0..boundary.len() {
        if used[first] {
            continue;
        }
        used[first] = true;
        let (start, mut end) = ends[first];
        let mut ring = vec![boundary[first]];
        while end != start {
            let from = by_start.partition_point(|(p, _)| *p < end);
            let next = by_start[from..]
                .iter()
                .take_while(|(p, _)| *p == end)
                .map(|&(_, k)| k)
                .find(|&k| !used[k])
                .ok_or_else(|| format!("the dissolved boundary does not close at {end:?}"))?;
            used[next] = true;
            ring.push(boundary[next]);
            end = ends[next].1;
        }
        rings.push(ring);
    }
    nest(arcs, rings)
}

/// Splits rings into outer rings and holes (opposite winding) and puts each hole in the smallest
/// outer ring containing it.
fn nest(arcs: &QuantisedArcs, rings: Vec<Vec<i64>>) -> Result<Vec<Vec<Vec<i64>>>, String> {
    let mut outers: Vec<(Vec<i64>, Vec<[i64; 2]>, i128)> = Vec::new();
    let mut holes: Vec<(Vec<i64>, Vec<[i64; 2]>)> = Vec::new();
    let mut total: i128 = 0;
    let mut measured = Vec::new();
    for ring in rings {
        let points = ring_points(arcs, &ring).ok_or("arc reference out of range")?;
        let area = signed_area2(&points);
        total += area;
        measured.push((ring, points, area));
    }
    // The outer rings' winding is the one whose areas dominate the total.
    let outer_sign = total.signum();
    for (ring, points, area) in measured {
        if area.signum() == outer_sign || outer_sign == 0 {
            outers.push((ring, points, area.abs()));
        } else {
            holes.push((ring, points));
        }
    }
    let mut polygons: Vec<Vec<Vec<i64>>> = outers.iter().map(|(ring, _, _)| vec![ring.clone()]).collect();
    for (ring, points) in holes {
        let (a, b) = (points[0], points[1 % points.len()]);
        // In f64: adding two i64 positions can overflow.
        let probe = [(a[0] as f64 + b[0] as f64) / 2.0, (a[1] as f64 + b[1] as f64) / 2.0];
        let host = outers
            .iter()
            .enumerate()
            .filter(|(_, (_, outer, _))| ring_contains(outer.iter().map(|&[x, y]| [x as f64, y as f64]), probe))
            .min_by_key(|(_, (_, _, area))| *area)
            .map(|(i, _)| i)
            .ok_or("a hole lies outside every outer ring")?;
        polygons[host].push(ring);
    }
    Ok(polygons)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Areas = Vec<Vec<Vec<Vec<i64>>>>;

    /// A 3×3 grid of unit squares: arcs are the grid's unit edges.
    fn grid() -> (Vec<Vec<[i64; 2]>>, Areas) {
        use std::collections::BTreeMap;
        let mut arcs = Vec::new();
        let mut index = BTreeMap::new();
        let mut edge = |a: [i64; 2], b: [i64; 2], arcs: &mut Vec<Vec<[i64; 2]>>| -> i64 {
            if let Some(&i) = index.get(&(a, b)) {
                return i;
            }
            if let Some(&i) = index.get(&(b, a)) {
                return !i;
            }
            arcs.push(vec![a, b]);
            let i = (arcs.len() - 1) as i64;
            index.insert((a, b), i);
            i
        };
        let mut squares = Vec::new();
        for y in 0..3 {
            for x in 0..3 {
                let c = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]];
                let ring = (0..4).map(|k| edge(c[k], c[(k + 1) % 4], &mut arcs)).collect();
                squares.push(vec![vec![ring]]);
            }
        }
        (arcs, squares)
    }

    #[test]
    fn one_member_is_itself() {
        let (arcs, squares) = grid();
        let out = dissolve(&arcs, &[&squares[0]]).expect("closes");
        assert_eq!(out.len(), 1);
        assert_eq!(ring_points(&arcs, &out[0][0]).map(|p| p.len()), Some(4));
    }

    #[test]
    fn a_row_dissolves_into_one_ring_without_interior_edges() {
        let (arcs, squares) = grid();
        let out = dissolve(&arcs, &[&squares[0], &squares[1], &squares[2]]).expect("closes");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].len(), 1);
        assert_eq!(out[0][0].len(), 8, "3 + 1 + 3 + 1 unit edges");
    }

    #[test]
    fn a_ring_of_squares_keeps_the_centre_as_a_hole() {
        let (arcs, squares) = grid();
        let around: Vec<&Vec<Vec<Vec<i64>>>> =
            squares.iter().enumerate().filter(|(i, _)| *i != 4).map(|(_, s)| s).collect();
        let out = dissolve(&arcs, &around).expect("closes");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].len(), 2, "outer ring and one hole");
        let outer = signed_area2(&ring_points(&arcs, &out[0][0]).expect("points"));
        let hole = signed_area2(&ring_points(&arcs, &out[0][1]).expect("points"));
        assert_eq!((outer.abs(), hole.abs()), (18, 2));
        assert_ne!(outer.signum(), hole.signum());
    }

    #[test]
    fn separate_members_stay_separate_polygons() {
        let (arcs, squares) = grid();
        let out = dissolve(&arcs, &[&squares[0], &squares[8]]).expect("closes");
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn bad_references_are_errors() {
        let (arcs, _) = grid();
        let bogus = vec![vec![vec![999]]];
        assert!(dissolve(&arcs, &[&bogus]).is_err());
    }
}
