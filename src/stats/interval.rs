//! A two-sided confidence interval and the normal quantiles of the two confidence levels
//! Fingertips publishes (95% and 99.8%). Limits are in the unit of the statistic they bound: a
//! proportion (0–1) from [`wilson`](super::wilson::wilson), a count or a rate from
//! [`poisson`](super::poisson).

/// The two-sided 95% normal quantile, z = Φ⁻¹(0.975).
pub const Z_95: f64 = 1.959963984540054;

/// The two-sided 99.8% normal quantile, z = Φ⁻¹(0.999) — Fingertips' stricter benchmark level.
pub const Z_99_8: f64 = 3.090232306167813;

/// Lower and upper confidence limits, `lower ≤ upper`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

impl Interval {
    /// Both limits multiplied by `factor` (e.g. a count interval ÷ population × 100,000).
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::Interval;
    /// let i = Interval { lower: 0.1, upper: 0.2 }.scaled(100.0);
    /// assert_eq!((i.lower, i.upper), (10.0, 20.0));
    /// ```
    pub fn scaled(self, factor: f64) -> Interval {
        Interval { lower: self.lower * factor, upper: self.upper * factor }
    }

    /// Whether both limits are finite and in order — the interval can be used for comparisons.
    pub fn is_valid(self) -> bool {
        self.lower.is_finite() && self.upper.is_finite() && self.lower <= self.upper
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        assert!(Interval { lower: 1.0, upper: 1.0 }.is_valid());
        assert!(!Interval { lower: 2.0, upper: 1.0 }.is_valid());
        assert!(!Interval { lower: f64::NAN, upper: 1.0 }.is_valid());
        assert!(!Interval { lower: 0.0, upper: f64::INFINITY }.is_valid());
    }

    #[test]
    fn scaling_keeps_order_for_positive_factors() {
        let i = Interval { lower: 2.0, upper: 3.0 }.scaled(0.5);
        assert_eq!(i, Interval { lower: 1.0, upper: 1.5 });
    }
}
