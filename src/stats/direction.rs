//! Which way is good for a measure: the statistics' own copy of an indicator's polarity, so that
//! benchmarking and the recent-trend test can say "better" or "worse" without depending on the
//! bundle's schema (`model` converts its `Polarity` into this).

/// Whether higher values are worse, better, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Higher values are worse (e.g. unemployment).
    HigherIsWorse,
    /// Higher values are better (e.g. life expectancy).
    HigherIsBetter,
    /// Higher is neither good nor bad.
    Neither,
}
