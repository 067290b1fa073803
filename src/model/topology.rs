//! Decoding shared-arc geometry: quantised delta-encoded arcs → absolute positions, and arc
//! references → closed rings.
//!
//! Coordinates out of this module are longitude/latitude degrees (WGS84). A ring refers to arc `i`
//! forwards as `i` and to it reversed as `!i` (`-i - 1`), as in TopoJSON; consecutive arcs share
//! their joining point, which is kept once.

use super::bundle::Topology;

/// A position in longitude/latitude degrees.
pub type LonLat = [f64; 2];

/// Decodes every arc of a topology into absolute positions.
///
/// # Examples
/// ```
/// use work_health_atlas::model::bundle::Topology;
/// use work_health_atlas::model::topology::decode_arcs;
/// let t = Topology { scale: [0.5, 0.5], translate: [-3.0, 53.0], arcs: vec![vec![[0, 0], [2, 0], [0, 2]]] };
/// assert_eq!(decode_arcs(&t), vec![vec![[-3.0, 53.0], [-2.0, 53.0], [-2.0, 54.0]]]);
/// ```
pub fn decode_arcs(topology: &Topology) -> Vec<Vec<LonLat>> {
    let [sx, sy] = topology.scale;
    let [tx, ty] = topology.translate;
    decode_quantised(topology)
        .into_iter()
        .map(|arc| arc.into_iter().map(|[x, y]| [x as f64 * sx + tx, y as f64 * sy + ty]).collect())
        .collect()
}

/// Decodes every arc into absolute quantised integer positions (before scale and translate), the
/// exact space in which shared arcs meet; used for dissolving.
pub fn decode_quantised(topology: &Topology) -> Vec<Vec<[i64; 2]>> {
    topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|&[dx, dy]| {
                    x = x.saturating_add(dx);
                    y = y.saturating_add(dy);
                    [x, y]
                })
                .collect()
        })
        .collect()
}

/// The index of the arc a reference points at, and whether it is reversed.
pub fn arc_index(reference: i64) -> (usize, bool) {
    // `try_from`, not `as`: on wasm32 `usize` is 32 bits and a huge reference must stay out of
    // range rather than wrap onto a real arc.
    let (index, reversed) = if reference < 0 { (!reference, true) } else { (reference, false) };
    (usize::try_from(index).unwrap_or(usize::MAX), reversed)
}

/// Builds a closed ring (first point repeated at the end) from arc references.
///
/// Returns `None` when a reference points outside `arcs` or an arc is empty; validation reports
/// those cases with their location, so callers may treat `None` as already reported.
pub fn assemble_ring(arcs: &[Vec<LonLat>], references: &[i64]) -> Option<Vec<LonLat>> {
    // Sized once: a ring grown arc by arc was copied as it grew (a cold load of 10,000 areas).
    let mut capacity = 0usize;
    for &reference in references {
        capacity = capacity.saturating_add(arcs.get(arc_index(reference).0)?.len());
    }
    let mut ring: Vec<LonLat> = Vec::with_capacity(capacity);
    for &reference in references {
        let (index, reversed) = arc_index(reference);
        let arc = arcs.get(index)?;
        if arc.is_empty() {
            return None;
        }
        // Consecutive arcs share their joining point: keep it once.
        let skip = usize::from(!ring.is_empty());
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    Some(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_arcs() -> Vec<Vec<LonLat>> {
        vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], vec![[1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]
    }

    #[test]
    fn empty_topology_decodes_to_nothing() {
        let t = Topology { scale: [1.0, 1.0], translate: [0.0, 0.0], arcs: vec![] };
        assert!(decode_arcs(&t).is_empty());
    }

    #[test]
    fn one_arc_ring_is_the_arc() {
        let arcs = vec![vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]];
        assert_eq!(assemble_ring(&arcs, &[0]).map(|r| r.len()), Some(4));
    }

    #[test]
    fn two_arcs_join_without_duplicating_the_shared_point() {
        let ring = assemble_ring(&square_arcs(), &[0, 1]).expect("valid references");
        assert_eq!(ring, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]);
    }

    #[test]
    fn reversed_references_walk_arcs_backwards() {
        let ring = assemble_ring(&square_arcs(), &[!1, !0]).expect("valid references");
        assert_eq!(ring, vec![[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]);
        assert_eq!(arc_index(!1), (1, true));
        assert_eq!(arc_index(1), (1, false));
    }

    #[test]
    fn out_of_range_reference_is_none() {
        assert_eq!(assemble_ring(&square_arcs(), &[0, 5]), None);
        assert_eq!(assemble_ring(&square_arcs(), &[!7]), None);
    }
}
