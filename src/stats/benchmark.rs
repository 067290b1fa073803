//! Fingertips benchmarking: an area's confidence interval against a comparator's *value* (e.g.
//! England's). An interval entirely above the value is "higher", entirely below "lower", and one
//! that contains or touches it "similar"; the indicator's polarity then turns higher / lower into
//! worse / better, or keeps them (shown in a neutral colour) when higher is neither good nor bad.
//! Run it once with the 95% interval and once with the 99.8% interval for the stricter view.
//!
//! Source: OHID Fingertips' comparison of an area's interval with the benchmark value, as described
//! in the Fingertips Public Health Technical Guidance and summarised in PRODUCT.md ("Published
//! methods to follow").

use super::Direction;
use super::Interval;

/// The outcome of comparing an area with a comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// Significantly better than the comparator.
    Better,
    /// Not significantly different.
    Similar,
    /// Significantly worse than the comparator.
    Worse,
    /// Significantly higher, for an indicator where higher is neither good nor bad.
    Higher,
    /// Significantly lower, for an indicator where higher is neither good nor bad.
    Lower,
    /// No valid interval or comparator value.
    NotCompared,
}

impl Comparison {
    /// The plain-English word for sentences, legends and the data table.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::Comparison;
    /// assert_eq!(Comparison::NotCompared.word(), "not compared");
    /// ```
    pub fn word(self) -> &'static str {
        match self {
            Comparison::Better => "better",
            Comparison::Similar => "similar",
            Comparison::Worse => "worse",
            Comparison::Higher => "higher",
            Comparison::Lower => "lower",
            Comparison::NotCompared => "not compared",
        }
    }

    /// A glyph with a distinct *shape* per outcome, so colour is never the only cue (WCAG 1.4.1):
    /// better "◆" (diamond), similar "●" (filled circle), worse "■" (square), higher "▲" and
    /// lower "▼" (triangles, whose direction is the value's), not compared "○" (hollow circle).
    /// Better and worse are deliberately not arrows: a better value may be higher or lower.
    /// All come from the Unicode Geometric Shapes block (U+25A0–25FF), which system fonts cover.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::Comparison;
    /// assert_eq!(Comparison::Higher.glyph(), "▲");
    /// ```
    pub fn glyph(self) -> &'static str {
        match self {
            Comparison::Better => "◆",
            Comparison::Similar => "●",
            Comparison::Worse => "■",
            Comparison::Higher => "▲",
            Comparison::Lower => "▼",
            Comparison::NotCompared => "○",
        }
    }
}

/// Compares an area's interval (at the chosen level) with a comparator's value, polarity-aware.
///
/// An interval that merely touches the comparator counts as similar. Returns
/// [`Comparison::NotCompared`] when the interval is not valid (non-finite or reversed limits)
/// or the comparator value is not finite.
///
/// # Examples
/// ```
/// use work_health_atlas::stats::Direction;
/// use work_health_atlas::stats::{benchmark, Comparison, Interval};
/// let area = Interval { lower: 0.12, upper: 0.15 };
/// assert_eq!(benchmark(area, 0.10, Direction::HigherIsWorse), Comparison::Worse);
/// assert_eq!(benchmark(area, 0.10, Direction::HigherIsBetter), Comparison::Better);
/// assert_eq!(benchmark(area, 0.10, Direction::Neither), Comparison::Higher);
/// assert_eq!(benchmark(area, 0.13, Direction::HigherIsWorse), Comparison::Similar);
/// ```
pub fn benchmark(area: Interval, comparator: f64, direction: Direction) -> Comparison {
    if !area.is_valid() || !comparator.is_finite() {
        return Comparison::NotCompared;
    }
    let higher = if area.lower > comparator {
        true
    } else if area.upper < comparator {
        false
    } else {
        return Comparison::Similar;
    };
    match (direction, higher) {
        (Direction::HigherIsWorse, true) | (Direction::HigherIsBetter, false) => Comparison::Worse,
        (Direction::HigherIsWorse, false) | (Direction::HigherIsBetter, true) => Comparison::Better,
        (Direction::Neither, true) => Comparison::Higher,
        (Direction::Neither, false) => Comparison::Lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Comparison; 6] = [
        Comparison::Better,
        Comparison::Similar,
        Comparison::Worse,
        Comparison::Higher,
        Comparison::Lower,
        Comparison::NotCompared,
    ];

    fn iv(lower: f64, upper: f64) -> Interval {
        Interval { lower, upper }
    }

    #[test]
    fn below_the_comparator() {
        let area = iv(1.0, 2.0);
        assert_eq!(benchmark(area, 3.0, Direction::HigherIsWorse), Comparison::Better);
        assert_eq!(benchmark(area, 3.0, Direction::HigherIsBetter), Comparison::Worse);
        assert_eq!(benchmark(area, 3.0, Direction::Neither), Comparison::Lower);
    }

    #[test]
    fn touching_or_containing_is_similar() {
        for direction in [Direction::HigherIsWorse, Direction::HigherIsBetter, Direction::Neither] {
            assert_eq!(benchmark(iv(1.0, 2.0), 2.0, direction), Comparison::Similar);
            assert_eq!(benchmark(iv(1.0, 2.0), 1.0, direction), Comparison::Similar);
            assert_eq!(benchmark(iv(1.0, 2.0), 1.5, direction), Comparison::Similar);
            // A zero-width interval (e.g. a census count) equal to the comparator.
            assert_eq!(benchmark(iv(1.0, 1.0), 1.0, direction), Comparison::Similar);
        }
    }

    #[test]
    fn degenerate_inputs_are_not_compared() {
        let p = Direction::HigherIsWorse;
        assert_eq!(benchmark(iv(f64::NAN, 2.0), 1.0, p), Comparison::NotCompared);
        assert_eq!(benchmark(iv(1.0, f64::INFINITY), 0.0, p), Comparison::NotCompared);
        assert_eq!(benchmark(iv(2.0, 1.0), 0.0, p), Comparison::NotCompared);
        assert_eq!(benchmark(iv(1.0, 2.0), f64::NAN, p), Comparison::NotCompared);
    }

    #[test]
    fn words_and_glyphs_are_distinct() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.word(), b.word());
                assert_ne!(a.glyph(), b.glyph());
            }
        }
    }
}
