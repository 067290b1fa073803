//! Shared arcs from exactly-matching polygon rings (the TopoJSON idea): rings are cut at
//! junctions — vertices whose set of neighbouring vertices is not exactly two, i.e. where the set
//! of areas on either side changes — and each piece is stored once, referred to forwards (`i`) or
//! reversed (`!i`) by the areas on either side. Neighbours therefore share one border and
//! dissolving them (the reader's `model::dissolve`) opens no slivers.

use crate::geojson::{signed_area2, Pt};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Arc references of an area: polygons → rings → references.
pub type AreaRefs = Vec<Vec<Vec<i64>>>;

/// Arcs as absolute integer points, plus each input area's rings as arc references.
#[derive(Debug, Clone, Default)]
pub struct Arcs {
    /// Each arc's points (absolute grid steps, see `geojson`); consecutive arcs of a ring share
    /// end points.
    pub arcs: Vec<Vec<Pt>>,
}

impl Arcs {
    /// The points of a reference in walking order.
    pub fn walk(&self, reference: i64) -> Vec<Pt> {
        let (i, reversed) = split_ref(reference);
        let mut pts = self.arcs.get(i).cloned().unwrap_or_default();
        if reversed {
            pts.reverse();
        }
        pts
    }

    /// Points of a ring given by references (closed: first point repeated at the end).
    pub fn ring_points(&self, refs: &[i64]) -> Vec<Pt> {
        let mut out: Vec<Pt> = Vec::new();
        for &r in refs {
            let pts = self.walk(r);
            let skip = usize::from(!out.is_empty());
            out.extend(pts.into_iter().skip(skip));
        }
        out
    }
}

/// Arc index and direction of a reference.
pub fn split_ref(reference: i64) -> (usize, bool) {
    if reference < 0 {
        ((!reference) as usize, true)
    } else {
        (reference as usize, false)
    }
}

/// Orients rings as RFC 7946 asks (outer counter-clockwise, holes clockwise) so that dissolved
/// boundaries come out with a consistent winding.
pub fn orient(polygons: &mut [Vec<Vec<Pt>>]) {
    for polygon in polygons.iter_mut() {
        for (k, ring) in polygon.iter_mut().enumerate() {
            let ccw = signed_area2(ring) > 0;
            if (k == 0) != ccw {
                ring.reverse();
            }
        }
    }
}

/// Builds shared arcs for `areas` (each: polygons → open rings). Returns the arcs and each
/// area's references, in input order. Deterministic for a given input order.
pub fn build(areas: &[Vec<Vec<Vec<Pt>>>]) -> (Arcs, Vec<AreaRefs>) {
    let junctions = junctions(areas);
    let mut arcs = Arcs::default();
    let mut index: HashMap<Vec<Pt>, usize> = HashMap::new();
    let mut refs = Vec::with_capacity(areas.len());
    for polygons in areas {
        let mut area_refs = Vec::new();
        for polygon in polygons {
            let mut poly_refs = Vec::new();
            for ring in polygon {
                let ring_refs =
                    cut_ring(ring, &junctions).into_iter().map(|piece| intern(piece, &mut arcs, &mut index)).collect();
                poly_refs.push(ring_refs);
            }
            area_refs.push(poly_refs);
        }
        refs.push(area_refs);
    }
    (arcs, refs)
}

/// Vertices whose distinct neighbours are not exactly two (borders meet, split or end there).
fn junctions(areas: &[Vec<Vec<Vec<Pt>>>]) -> BTreeSet<Pt> {
    let mut neighbours: BTreeMap<Pt, BTreeSet<Pt>> = BTreeMap::new();
    for ring in areas.iter().flatten().flatten() {
        let n = ring.len();
        for i in 0..n {
            let set = neighbours.entry(ring[i]).or_default();
            set.insert(ring[(i + n - 1) % n]);
            set.insert(ring[(i + 1) % n]);
        }
    }
    neighbours.into_iter().filter(|(_, s)| s.len() != 2).map(|(p, _)| p).collect()
}

/// Cuts an open ring into pieces running junction to junction (inclusive). A ring without
/// junctions (an island, or an enclave sharing its whole border) starts at its smallest point,
/// which the ring on the other side picks too, so both get the same arc.
fn cut_ring(ring: &[Pt], junctions: &BTreeSet<Pt>) -> Vec<Vec<Pt>> {
    let n = ring.len();
    let start = (0..n).find(|&i| junctions.contains(&ring[i])).or_else(|| (0..n).min_by_key(|&i| ring[i])).unwrap_or(0);
    let mut pieces = Vec::new();
    let mut current = vec![ring[start]];
    for k in 1..=n {
        let p = ring[(start + k) % n];
        current.push(p);
        if k == n || junctions.contains(&p) {
            pieces.push(std::mem::replace(&mut current, vec![p]));
        }
    }
    pieces
}

/// Returns the reference of `piece`, adding it as a new arc unless it (or its reverse) exists.
fn intern(piece: Vec<Pt>, arcs: &mut Arcs, index: &mut HashMap<Vec<Pt>, usize>) -> i64 {
    if let Some(&i) = index.get(&piece) {
        return i as i64;
    }
    let reversed: Vec<Pt> = piece.iter().rev().copied().collect();
    if let Some(&i) = index.get(&reversed) {
        return !(i as i64);
    }
    let i = arcs.arcs.len();
    index.insert(piece.clone(), i);
    arcs.arcs.push(piece);
    i as i64
}

/// Quantises and delta-encodes arcs relative to `origin` (first point absolute, then deltas).
pub fn encode(arcs: &Arcs, origin: Pt) -> Vec<Vec<[i64; 2]>> {
    arcs.arcs
        .iter()
        .map(|arc| {
            let mut prev = origin;
            arc.iter()
                .map(|&p| {
                    let d = [p[0] - prev[0], p[1] - prev[1]];
                    prev = p;
                    d
                })
                .collect()
        })
        .collect()
}

/// Smallest x and y over all arcs (the quantisation origin).
pub fn origin(arcs: &Arcs) -> Pt {
    let mut min = [i64::MAX, i64::MAX];
    for p in arcs.arcs.iter().flatten() {
        min[0] = min[0].min(p[0]);
        min[1] = min[1].min(p[1]);
    }
    if min[0] == i64::MAX {
        [0, 0]
    } else {
        min
    }
}

/// Reorders and re-orients arcs so that the data compresses well: every arc starts at the end
/// point shared by more arcs (so a junction's absolute position, written once per arc start,
/// repeats verbatim and gzip stores the repeats as short back-references), and arcs are sorted by
/// start point so those repeats sit next to each other. References are remapped; shapes are
/// unchanged.
pub fn canonicalise(arcs: &Arcs, refs: &[AreaRefs]) -> (Arcs, Vec<AreaRefs>) {
    let mut degree: BTreeMap<Pt, usize> = BTreeMap::new();
    for arc in &arcs.arcs {
        if let (Some(a), Some(b)) = (arc.first(), arc.last()) {
            *degree.entry(*a).or_default() += 1;
            *degree.entry(*b).or_default() += 1;
        }
    }
    let deg = |p: Option<&Pt>| p.and_then(|p| degree.get(p)).copied().unwrap_or(0);
    // Orient: start at the busier end (ties: the smaller point), so starts concentrate.
    let flipped: Vec<bool> = arcs
        .arcs
        .iter()
        .map(|arc| {
            let (a, b) = (arc.first(), arc.last());
            (deg(b), std::cmp::Reverse(b)) > (deg(a), std::cmp::Reverse(a))
        })
        .collect();
    let oriented: Vec<Vec<Pt>> = arcs
        .arcs
        .iter()
        .zip(&flipped)
        .map(|(arc, &f)| {
            let mut a = arc.clone();
            if f {
                a.reverse();
            }
            a
        })
        .collect();
    let order: Vec<usize> = (0..oriented.len()).collect();
    // Arcs stay in first-use order (each area's new arcs get consecutive numbers); measured
    // smaller than sorting by start point.
    let mut position = vec![0usize; order.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let remap = |r: i64| -> i64 {
        let (old, reversed) = split_ref(r);
        let new = position.get(old).copied().unwrap_or(0) as i64;
        if reversed != flipped.get(old).copied().unwrap_or(false) {
            !new
        } else {
            new
        }
    };
    let new_refs = refs
        .iter()
        .map(|area| {
            area.iter().map(|poly| poly.iter().map(|ring| ring.iter().map(|&r| remap(r)).collect()).collect()).collect()
        })
        .collect();
    let new_arcs = Arcs { arcs: order.iter().map(|&i| oriented[i].clone()).collect() };
    (new_arcs, new_refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares side by side share their middle edge.
    fn two_squares() -> Vec<Vec<Vec<Vec<Pt>>>> {
        let a = vec![[0, 0], [1, 0], [1, 1], [0, 1]];
        let b = vec![[1, 0], [2, 0], [2, 1], [1, 1]];
        vec![vec![vec![a]], vec![vec![b]]]
    }

    #[test]
    fn shared_border_is_stored_once() {
        let (arcs, refs) = build(&two_squares());
        // Junctions are (1,0) and (1,1): A's outer piece, the shared edge, B's outer piece.
        assert_eq!(arcs.arcs.len(), 3);
        let a: Vec<i64> = refs[0][0][0].clone();
        let b: Vec<i64> = refs[1][0][0].clone();
        let shared: Vec<i64> =
            a.iter().filter(|r| b.iter().any(|s| split_ref(*s).0 == split_ref(**r).0)).copied().collect();
        assert_eq!(shared.len(), 1);
        let ring = arcs.ring_points(&a);
        assert_eq!(ring.first(), ring.last());
        assert_eq!(ring.len(), 5);
    }

    #[test]
    fn island_becomes_one_closed_arc() {
        let (arcs, refs) = build(&[vec![vec![vec![[0, 0], [2, 0], [0, 2]]]]]);
        assert_eq!(arcs.arcs.len(), 1);
        assert_eq!(refs[0][0][0], vec![0]);
        assert_eq!(arcs.arcs[0].len(), 4);
    }

    #[test]
    fn orient_makes_outer_rings_counter_clockwise() {
        let mut polys = vec![vec![vec![[0, 0], [0, 1], [1, 1], [1, 0]]]];
        orient(&mut polys);
        assert!(signed_area2(&polys[0][0]) > 0);
    }

    #[test]
    fn encode_is_delta_from_origin() {
        let arcs = Arcs { arcs: vec![vec![[5, 7], [6, 7], [6, 9]]] };
        assert_eq!(origin(&arcs), [5, 7]);
        assert_eq!(encode(&arcs, [5, 7]), vec![vec![[0, 0], [1, 0], [0, 2]]]);
    }
}
