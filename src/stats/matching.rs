//! Standardised nearest-neighbour matching: for each treated ("patch") area, the comparison areas
//! most like it on a set of features (e.g. baseline claimant rate, deprivation, age profile).
//!
//! Features are put on one scale by z-scores — mean and sample standard deviation over the areas
//! with every feature present — so that a feature measured in thousands does not swamp one in
//! percentages. A feature with no spread (sd 0, or fewer than two complete areas) carries no
//! information about similarity and contributes 0 to every distance. Distance is Euclidean on the
//! z-scores.
//!
//! Matching is greedy and without replacement, in rounds: in each round every usable treated area,
//! in the order given, takes its nearest unused candidate (ties go to the lower area index). Rounds
//! repeat until each treated area has `k` matches or the candidates run out. Rounds, rather than
//! "first treated area takes its k best", share the closest candidates fairly when treated areas
//! compete for them; the fixed order and tie rule make the result deterministic.
//!
//! A treated area with a missing or non-finite feature cannot be placed and is skipped; so is a
//! would-be candidate. Both are counted in [`Matching::excluded_incomplete`] so the UI can say how
//! many areas missing data left out.

use crate::num::{mean, variance};

/// One comparison area matched to a treated area.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Match {
    /// The comparison area's index.
    pub candidate: usize,
    /// The treated area's index.
    pub matched_to: usize,
    /// Euclidean distance between the two on z-scores.
    pub distance: f64,
}

/// The result of [`nearest_matches`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Matching {
    /// Matches in the order made: round by round, treated areas in the given order.
    pub matches: Vec<Match>,
    /// Each feature's mean over complete areas (NaN when no area is complete).
    pub means: Vec<f64>,
    /// Each feature's sample standard deviation over complete areas; 0 when it has no spread or
    /// cannot be computed, meaning the feature does not contribute to distances.
    pub sds: Vec<f64>,
    /// Treated and would-be candidate areas left out because a feature was missing or not finite.
    pub excluded_incomplete: usize,
}

impl Matching {
    /// The z-scores of `area`'s features under this matching's standardisation — the numbers
    /// behind "why they matched". `None` for a missing or non-finite value, or for a feature
    /// that does not contribute (sd 0).
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::matching::nearest_matches;
    /// let features = vec![vec![Some(1.0), Some(2.0), Some(3.0), None]];
    /// let m = nearest_matches(&features, &[0], 1, &[]);
    /// assert_eq!(m.z_scores(&features, 2), vec![Some(1.0)]);
    /// assert_eq!(m.z_scores(&features, 3), vec![None]);
    /// ```
    pub fn z_scores(&self, features: &[Vec<Option<f64>>], area: usize) -> Vec<Option<f64>> {
        features
            .iter()
            .zip(self.means.iter().zip(&self.sds))
            .map(|(column, (&mean, &sd))| {
                let value = value(column, area)?;
                (sd > 0.0).then(|| (value - mean) / sd)
            })
            .collect()
    }

    /// The matches made for one treated area, nearest first.
    pub fn matches_for(&self, treated: usize) -> impl Iterator<Item = &Match> {
        self.matches.iter().filter(move |m| m.matched_to == treated)
    }
}

/// Matches up to `k` comparison areas to each treated area (see the module docs).
///
/// `features[f][area]` is feature `f` of each area; columns of different lengths are read as
/// missing beyond their end. Candidates are the areas with complete, finite features that are
/// neither treated nor listed in `not_candidates` (e.g. areas next to the patch, which may have
/// been touched by it). Indices out of range and repeated treated areas are ignored.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::matching::nearest_matches;
/// // One feature; area 0 is treated; 3 and 1 are its nearest.
/// let features = vec![vec![Some(10.0), Some(12.0), Some(30.0), Some(9.0)]];
/// let m = nearest_matches(&features, &[0], 2, &[]);
/// let chosen: Vec<usize> = m.matches.iter().map(|m| m.candidate).collect();
/// assert_eq!(chosen, vec![3, 1]);
/// ```
pub fn nearest_matches(
    features: &[Vec<Option<f64>>],
    treated: &[usize],
    k: usize,
    not_candidates: &[usize],
) -> Matching {
    let areas = features.iter().map(Vec::len).max().unwrap_or(0);
    let complete: Vec<bool> = (0..areas).map(|a| features.iter().all(|column| value(column, a).is_some())).collect();
    let (means, sds) = standardisation(features, &complete);

    let mut is_treated = vec![false; areas];
    let mut order = Vec::new();
    for &t in treated {
        if t < areas && !is_treated[t] {
            is_treated[t] = true;
            order.push(t);
        }
    }
    let mut excluded = vec![false; areas];
    for &a in not_candidates {
        if a < areas {
            excluded[a] = true;
        }
    }
    let takes_part = |a: usize| is_treated[a] || !excluded[a];
    let excluded_incomplete = (0..areas).filter(|&a| takes_part(a) && !complete[a]).count();
    let usable_treated: Vec<usize> = order.into_iter().filter(|&t| complete[t]).collect();
    let candidates: Vec<usize> = (0..areas).filter(|&a| complete[a] && !is_treated[a] && !excluded[a]).collect();

    let z = |a: usize| -> Vec<f64> {
        features
            .iter()
            .zip(means.iter().zip(&sds))
            .map(|(column, (&mean, &sd))| match value(column, a) {
                Some(v) if sd > 0.0 => (v - mean) / sd,
                _ => 0.0,
            })
            .collect()
    };
    let candidate_z: Vec<Vec<f64>> = candidates.iter().map(|&c| z(c)).collect();
    let treated_z: Vec<Vec<f64>> = usable_treated.iter().map(|&t| z(t)).collect();

    let mut used = vec![false; candidates.len()];
    let mut matches = Vec::new();
    'rounds: for _ in 0..k {
        for (t, tz) in usable_treated.iter().zip(&treated_z) {
            // Candidates are in index order, so a strict `<` keeps the lower index on a tie.
            let mut best: Option<(usize, f64)> = None;
            for (i, cz) in candidate_z.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let d = distance(tz, cz);
                if best.is_none_or(|(_, b)| d < b) {
                    best = Some((i, d));
                }
            }
            let Some((i, d)) = best else { break 'rounds };
            used[i] = true;
            matches.push(Match { candidate: candidates[i], matched_to: *t, distance: d });
        }
    }
    Matching { matches, means, sds, excluded_incomplete }
}

/// The finite value of `area` in a feature column, if any.
fn value(column: &[Option<f64>], area: usize) -> Option<f64> {
    column.get(area).copied().flatten().filter(|v| v.is_finite())
}

/// Per-feature mean and sample sd over complete areas; sd is 0 where it is not a usable scale.
fn standardisation(features: &[Vec<Option<f64>>], complete: &[bool]) -> (Vec<f64>, Vec<f64>) {
    features
        .iter()
        .map(|column| {
            let values: Vec<f64> =
                complete.iter().enumerate().filter(|(_, &c)| c).filter_map(|(a, _)| value(column, a)).collect();
            let mean = mean(&values);
            if values.len() < 2 {
                return (mean, 0.0);
            }
            let sd = variance(&values).sqrt();
            (mean, if sd.is_finite() && sd > 0.0 { sd } else { 0.0 })
        })
        .unzip()
}

/// Euclidean distance between two z-score vectors of equal length.
fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[f64]) -> Vec<Option<f64>> {
        values.iter().map(|&v| Some(v)).collect()
    }

    #[test]
    fn standardises_with_the_sample_sd() {
        let features = vec![column(&[1.0, 2.0, 3.0, 4.0, 5.0]), column(&[10.0, 10.0, 10.0, 10.0, 10.0])];
        let m = nearest_matches(&features, &[0], 1, &[]);
        assert_eq!(m.means, vec![3.0, 10.0]);
        assert!((m.sds[0] - 2.5f64.sqrt()).abs() < 1e-12);
        assert_eq!(m.sds[1], 0.0, "no spread: contributes nothing");
        assert_eq!(m.z_scores(&features, 4)[1], None);
        assert!((m.z_scores(&features, 4)[0].unwrap_or(0.0) - 2.0 / 2.5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn scale_does_not_dominate() {
        // Feature 0 in thousands, feature 1 in units. Raw distance would pick area 1 (close on the
        // big feature); standardised, area 2 is close on both.
        let features = vec![column(&[1000.0, 1010.0, 1100.0, 5000.0, 3000.0]), column(&[5.0, 50.0, 6.0, 20.0, 1.0])];
        let m = nearest_matches(&features, &[0], 1, &[]);
        assert_eq!(m.matches[0].candidate, 2);
    }

    #[test]
    fn rounds_share_candidates_and_ties_go_to_the_lower_index() {
        // Treated 0 and 1 sit at 0 and 10; candidates 2 (at 1), 3 and 4 (both at 9), 5 (at 2).
        let features = vec![column(&[0.0, 10.0, 1.0, 9.0, 9.0, 2.0])];
        let m = nearest_matches(&features, &[0, 1], 2, &[]);
        let got: Vec<(usize, usize)> = m.matches.iter().map(|m| (m.matched_to, m.candidate)).collect();
        assert_eq!(got, vec![(0, 2), (1, 3), (0, 5), (1, 4)]);
        assert_eq!(m.matches_for(1).map(|m| m.candidate).collect::<Vec<_>>(), vec![3, 4]);
    }

    #[test]
    fn stops_when_candidates_run_out() {
        let features = vec![column(&[0.0, 1.0, 2.0, 3.0])];
        let m = nearest_matches(&features, &[0, 1], 5, &[]);
        assert_eq!(m.matches.len(), 2);
        let mut chosen: Vec<usize> = m.matches.iter().map(|m| m.candidate).collect();
        chosen.sort_unstable();
        assert_eq!(chosen, vec![2, 3]);
    }

    #[test]
    fn incomplete_and_excluded_areas() {
        let features = vec![
            vec![Some(0.0), None, Some(1.0), Some(f64::NAN), Some(0.5), Some(0.1)],
            column(&[0.0, 0.0, 1.0, 1.0, 0.5, 0.1]),
        ];
        // Treated 0 and 1 (1 is incomplete); 5 is not a candidate; 3 is incomplete.
        let m = nearest_matches(&features, &[0, 1, 0, 99], 3, &[5, 42]);
        assert_eq!(m.excluded_incomplete, 2);
        assert!(m.matches.iter().all(|m| m.matched_to == 0));
        let chosen: Vec<usize> = m.matches.iter().map(|m| m.candidate).collect();
        assert_eq!(chosen, vec![4, 2]);
    }

    #[test]
    fn degenerate_input() {
        let empty = nearest_matches(&[], &[0], 3, &[]);
        assert!(empty.matches.is_empty() && empty.means.is_empty());
        let features = vec![column(&[1.0, 2.0, 3.0])];
        assert!(nearest_matches(&features, &[], 3, &[]).matches.is_empty());
        assert!(nearest_matches(&features, &[0], 0, &[]).matches.is_empty());
        // All values equal: every distance is 0, so candidates go in index order.
        let flat = vec![column(&[7.0, 7.0, 7.0, 7.0])];
        let m = nearest_matches(&flat, &[2], 2, &[]);
        let got: Vec<(usize, f64)> = m.matches.iter().map(|m| (m.candidate, m.distance)).collect();
        assert_eq!(got, vec![(0, 0.0), (1, 0.0)]);
        // Only one complete area: no sd, nothing to match.
        let lonely = vec![vec![Some(1.0), None]];
        let m = nearest_matches(&lonely, &[0], 1, &[]);
        assert_eq!((m.sds[0], m.matches.len(), m.excluded_incomplete), (0.0, 0, 1));
        // Columns of different lengths: the short one is missing beyond its end.
        let ragged = vec![column(&[1.0, 2.0, 3.0]), column(&[1.0, 2.0])];
        let m = nearest_matches(&ragged, &[0], 2, &[]);
        assert_eq!(m.matches.len(), 1);
        assert_eq!(m.excluded_incomplete, 1);
    }
}
