//! A threshold scale: breaks `b₀ < b₁ < … < bₖ₋₂` split the line into `k` classes. Boundary rule
//! (as d3's `scaleThreshold`): a value equal to a break belongs to the class *above* it, i.e. class
//! `i` holds `b₍ᵢ₋₁₎ ≤ v < bᵢ`. Non-finite values have no class ("no data"), never class 0.

/// Maps values to class indices and back to class ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdScale {
    breaks: Vec<f64>,
    min: f64,
    max: f64,
}

impl ThresholdScale {
    /// A scale with the given inner breaks (sorted, finite) over the data range `min..=max`.
    pub fn new(mut breaks: Vec<f64>, min: f64, max: f64) -> ThresholdScale {
        breaks.retain(|b| b.is_finite());
        crate::num::sort_floats(&mut breaks);
        breaks.dedup();
        ThresholdScale { breaks, min, max }
    }

    /// Number of classes (breaks + 1).
    pub fn classes(&self) -> usize {
        self.breaks.len() + 1
    }

    /// The inner breaks.
    pub fn breaks(&self) -> &[f64] {
        &self.breaks
    }

    /// The class of a value, or `None` for no data.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::scale::ThresholdScale;
    /// let s = ThresholdScale::new(vec![10.0, 20.0], 0.0, 30.0);
    /// assert_eq!(s.class_of(9.9), Some(0));
    /// assert_eq!(s.class_of(10.0), Some(1), "a break belongs to the class above");
    /// assert_eq!(s.class_of(f64::NAN), None);
    /// ```
    pub fn class_of(&self, value: f64) -> Option<usize> {
        if !value.is_finite() {
            return None;
        }
        Some(self.breaks.partition_point(|&b| b <= value))
    }

    /// The range of a class, `[lower, upper]`, using the data minimum and maximum at the ends
    /// (d3's `invertExtent`).
    pub fn extent(&self, class: usize) -> Option<[f64; 2]> {
        if class >= self.classes() {
            return None;
        }
        let lower = if class == 0 { self.min } else { self.breaks[class - 1] };
        let upper = self.breaks.get(class).copied().unwrap_or(self.max);
        Some([lower, upper])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_breaks_is_one_class() {
        let s = ThresholdScale::new(vec![], 5.0, 5.0);
        assert_eq!(s.classes(), 1);
        assert_eq!(s.class_of(5.0), Some(0));
        assert_eq!(s.extent(0), Some([5.0, 5.0]));
        assert_eq!(s.extent(1), None);
    }

    #[test]
    fn breaks_are_sorted_and_deduplicated() {
        let s = ThresholdScale::new(vec![3.0, 1.0, 3.0, f64::NAN], 0.0, 4.0);
        assert_eq!(s.breaks(), &[1.0, 3.0]);
        assert_eq!(s.class_of(4.0), Some(2));
        assert_eq!(s.extent(1), Some([1.0, 3.0]));
    }
}
