//! Summing counts into larger areas: each area of a larger layer is the sum of its members in the
//! given layer (by the members' `parents`), and has no figure when any member has none — a
//! partial sum would look like a real, too small count. Residents aged 16–64 of any layer are
//! summed from the LSOAs the same way.

use super::convert::round6;
use crate::model::bundle::{Bundle, Geography};
use std::collections::BTreeMap;

/// For each area of a smaller layer, its area in a larger one.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// Larger layer (bundle position).
    pub parent: usize,
    /// For each member area, its parent area's position.
    pub of_member: Vec<Option<usize>>,
    /// Number of members of each parent area.
    pub members: Vec<usize>,
}

impl Membership {
    /// How `child`'s areas nest in `parent`; `None` when no child area names a parent there.
    pub fn new(bundle: &Bundle, child: usize, parent: usize) -> Option<Membership> {
        let (Some(c), Some(p)) = (bundle.geographies.get(child), bundle.geographies.get(parent)) else { return None };
        let index: BTreeMap<&str, usize> = p.areas.iter().enumerate().map(|(i, a)| (a.code.as_str(), i)).collect();
        let of_member: Vec<Option<usize>> =
            c.areas.iter().map(|a| a.parents.get(&p.id).and_then(|code| index.get(code.as_str()).copied())).collect();
        let mut members = vec![0usize; p.areas.len()];
        for m in of_member.iter().flatten() {
            if let Some(n) = members.get_mut(*m) {
                *n += 1;
            }
        }
        of_member.iter().any(Option::is_some).then_some(Membership { parent, of_member, members })
    }

    /// Sums of member figures per parent area; `None` where any member is `None` or there are
    /// no members.
    pub fn sums(&self, figures: &[Option<f64>]) -> Vec<Option<f64>> {
        let mut total = vec![0.0; self.members.len()];
        let mut seen = vec![0usize; self.members.len()];
        for (parent, figure) in self.of_member.iter().zip(figures) {
            if let (Some(p), Some(v)) = (parent, figure) {
                if let (Some(t), Some(s)) = (total.get_mut(*p), seen.get_mut(*p)) {
                    *t += v;
                    *s += 1;
                }
            }
        }
        total.iter().zip(&seen).zip(&self.members).map(|((t, s), m)| (*m > 0 && s == m).then(|| round6(*t))).collect()
    }
}

/// Residents aged 16–64 of every area of `layer`: the reference's figure for LSOAs, the sum of
/// the LSOAs naming the area as parent otherwise (`None` when any of them is unknown).
pub fn residents(bundle: &Bundle, layer: usize, by_code: &BTreeMap<String, f64>) -> Vec<Option<f64>> {
    let Some(g) = bundle.geographies.get(layer) else { return Vec::new() };
    let lsoa_position = bundle.geographies.iter().position(|g| g.id == "lsoa");
    let of_lsoa = |l: &Geography| -> Vec<Option<f64>> {
        l.areas.iter().map(|a| by_code.get(&a.code.trim().to_ascii_uppercase()).copied()).collect()
    };
    match lsoa_position {
        Some(l) if l == layer => of_lsoa(g),
        Some(l) => match (Membership::new(bundle, l, layer), bundle.geographies.get(l)) {
            (Some(m), Some(lsoa)) => m.sums(&of_lsoa(lsoa)),
            _ => vec![None; g.areas.len()],
        },
        None => vec![None; g.areas.len()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_bundle::{bundle, reference};

    #[test]
    fn sums_need_every_member() {
        let b = bundle();
        let m = Membership::new(&b, 0, 3).expect("LSOAs name their districts");
        assert_eq!(m.members, vec![2, 2]);
        assert_eq!(m.sums(&[Some(1.0), Some(2.0), Some(3.0), None]), vec![Some(3.0), None]);
        assert_eq!(m.sums(&[]), vec![None, None]);
        assert_eq!(
            m.sums(&[Some(0.1), Some(0.2), Some(0.0), Some(0.0)]),
            vec![Some(0.3), Some(0.0)],
            "float noise removed"
        );
    }

    #[test]
    fn layers_that_do_not_nest() {
        let b = bundle();
        assert!(Membership::new(&b, 3, 0).is_none(), "districts name no LSOA");
        assert!(Membership::new(&b, 0, 9).is_none());
    }

    #[test]
    fn residents_of_every_layer() {
        let (b, r) = (bundle(), reference());
        let by_code = r.residents_index();
        assert_eq!(residents(&b, 0, &by_code), vec![Some(1000.0), Some(800.0), Some(1200.0), Some(600.0)]);
        assert_eq!(residents(&b, 2, &by_code), vec![Some(1800.0), Some(1800.0)]);
        let partial: BTreeMap<String, f64> = by_code.into_iter().filter(|(c, _)| c != "E01000004").collect();
        assert_eq!(residents(&b, 3, &partial), vec![Some(1800.0), None]);
    }
}
