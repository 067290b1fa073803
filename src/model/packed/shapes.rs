//! Arcs and ring references in the packed layout, version 2: the same numbers as the schema's
//! TopoJSON-like topology, coded so that gzip finds more repeats in them.
//!
//! Measured on the shipped first view (1,003 LSOAs, 2,961 arcs, 6,984 points, gzip -9): the arcs
//! took 19.1 kB and the ring references 11.7 kB in version 1; 15.7 kB and 6.1 kB here.
//! - Most arcs have two points (junction to junction after simplification), so an arc's first,
//!   absolute coordinate was most of its bytes. Arcs are numbered in the order the builder walks
//!   the rings, so an arc usually starts at or near the end of the one before it: storing the start
//!   from that end gives small numbers, often zero. All x come before all y, as each axis's
//!   numbers are alike.
//! - A ring mostly takes arcs never used before, in numbering order, or an arc just before the one
//!   it took last (shared with a neighbour drawn earlier). [`RefCoder`] spends one short code on
//!   "the next new arc" and otherwise stores the distance from the arc after the previous one.

use super::{Read, Reader, Writer};

/// Zig-zag: small magnitudes of either sign become small unsigned numbers.
fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(z: u64) -> i64 {
    (z >> 1) as i64 ^ -((z & 1) as i64)
}

/// Writes the arcs: their count, each one's point count, then the x stream and the y stream.
pub(super) fn write_arcs(w: &mut Writer, arcs: &[Vec<[i64; 2]>]) {
    w.len(arcs.len());
    for arc in arcs {
        w.len(arc.len());
    }
    for axis in 0..2 {
        let mut end = 0i64;
        for arc in arcs {
            let Some((first, deltas)) = arc.split_first() else { continue };
            w.int(first[axis].wrapping_sub(end));
            end = first[axis];
            for delta in deltas {
                w.int(delta[axis]);
                end = end.wrapping_add(delta[axis]);
            }
        }
    }
}

/// Reads what [`write_arcs`] writes, back to absolute first points followed by deltas.
///
/// # Errors
/// When the point counts add up to more coordinates than the bytes left could hold (each takes at
/// least one byte), before allocating them; or when the bytes end early.
pub(super) fn read_arcs(r: &mut Reader) -> Read<Vec<Vec<[i64; 2]>>> {
    let n = r.len()?;
    let counts = r.repeat(n, Reader::len)?;
    let coordinates = counts.iter().try_fold(0usize, |sum, c| sum.checked_add(c.checked_mul(2)?));
    if coordinates.is_none_or(|c| c > r.bytes.len() - r.pos) {
        return Err(r.fail("more arc points than the file holds"));
    }
    let mut arcs: Vec<Vec<[i64; 2]>> = counts.iter().map(|&c| vec![[0, 0]; c]).collect();
    for axis in 0..2 {
        let mut end = 0i64;
        for arc in &mut arcs {
            let Some((first, deltas)) = arc.split_first_mut() else { continue };
            end = end.wrapping_add(r.int()?);
            first[axis] = end;
            for delta in deltas {
                delta[axis] = r.int()?;
                end = end.wrapping_add(delta[axis]);
            }
        }
    }
    Ok(arcs)
}

/// Codes a geography's ring references one after another (areas, polygons, rings in order). A
/// reference is an arc index `i`, or `!i` for the arc reversed; its code is the direction in the
/// lowest bit above a zig-zag distance: 0 for the lowest arc not yet taken by the expectation
/// below, otherwise the distance from the arc after the previous reference (shifted by one when
/// not negative, so that it is never 0).
///
/// Encoding and decoding keep the same state, so any sequence of `i64` references round-trips;
/// arithmetic wraps, so a hostile file gives wrong numbers (refused later by validation), never a
/// panic.
#[derive(Debug)]
pub(super) struct RefCoder {
    /// Arc index of the previous reference.
    previous: i64,
    /// The next arc expected to be new.
    next_new: i64,
}

impl Default for RefCoder {
    fn default() -> Self {
        RefCoder { previous: -1, next_new: 0 }
    }
}

impl RefCoder {
    pub(super) fn encode(&mut self, reference: i64) -> u64 {
        let reversed = reference < 0;
        let index = if reversed { !reference } else { reference };
        let distance = if index == self.next_new {
            self.next_new = self.next_new.wrapping_add(1);
            0
        } else {
            let d = index.wrapping_sub(self.previous.wrapping_add(1));
            if d >= 0 {
                d.wrapping_add(1)
            } else {
                d
            }
        };
        self.previous = index;
        (zigzag(distance) << 1) | u64::from(reversed)
    }

    pub(super) fn decode(&mut self, code: u64) -> i64 {
        let distance = unzigzag(code >> 1);
        let index = if distance == 0 {
            let index = self.next_new;
            self.next_new = self.next_new.wrapping_add(1);
            index
        } else {
            let d = if distance > 0 { distance - 1 } else { distance };
            self.previous.wrapping_add(1).wrapping_add(d)
        };
        self.previous = index;
        if code & 1 == 1 {
            !index
        } else {
            index
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_and_the_usual_ones_are_short() {
        // New arcs in order, a reversed shared one, a jump ahead, then the skipped arcs.
        let refs = [0i64, 1, 2, !1, 3, !0, 7, 4, 5, !6, 8, !7, 100, -200];
        let mut coder = RefCoder::default();
        let codes: Vec<u64> = refs.iter().map(|&r| coder.encode(r)).collect();
        assert_eq!(codes[..3], [0, 0, 0], "new arcs in order cost one byte of zeros");
        assert_eq!(codes[3], (zigzag(-2) << 1) | 1, "arc 1 reversed, two back from the arc after 2");
        let mut decoder = RefCoder::default();
        assert_eq!(codes.iter().map(|&c| decoder.decode(c)).collect::<Vec<_>>(), refs);
    }

    #[test]
    fn extreme_references_never_panic() {
        let mut coder = RefCoder::default();
        for r in [i64::MAX, i64::MIN, 0, -1, i64::MAX - 1] {
            let _ = coder.encode(r);
        }
        let mut decoder = RefCoder::default();
        for c in [u64::MAX, 0, 1, u64::MAX - 1, 2] {
            let _ = decoder.decode(c);
        }
    }

    #[test]
    fn arcs_round_trip_with_empty_and_extreme_ones() {
        let arcs =
            vec![vec![[3298, 1428], [5, 26]], vec![], vec![[3303, 1454], [0, -1], [i64::MAX, i64::MIN]], vec![[-4, 9]]];
        let mut w = Writer::new(Vec::new());
        write_arcs(&mut w, &arcs);
        let mut r = Reader { bytes: &w.out, pos: 0, version: 2 };
        assert_eq!(read_arcs(&mut r), Ok(arcs));
        assert_eq!(r.pos, w.out.len());
    }

    #[test]
    fn point_counts_beyond_the_bytes_are_refused_before_allocating() {
        let mut w = Writer::new(Vec::new());
        w.len(2);
        w.len(1);
        w.len(1);
        // Two points need four coordinates; three bytes follow.
        w.out.extend_from_slice(&[0, 0, 0]);
        let mut r = Reader { bytes: &w.out, pos: 0, version: 2 };
        assert!(read_arcs(&mut r).unwrap_err().contains("more arc points"));
    }
}
