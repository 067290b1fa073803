//! Statistics for trend charts, benchmarking and the recent-trend test, following the published
//! methods of OHID Fingertips (and its R package PHEindicatormethods): Wilson score intervals for
//! proportions, exact / Byar's intervals for counts and rates, benchmarking against a comparator
//! by interval overlap, and the chi-square test for a recent trend. Plain `f64` functions, std only;
//! degenerate input (NaN, zero denominators) gives `None` or an explicit "not compared" /
//! "cannot be calculated" result, never a panic.

/// Fingertips benchmarking: better / similar / worse (or higher / lower) against a comparator.
pub mod benchmark;
/// Correlation with Fisher-z intervals: Pearson and Spearman.
pub mod correlation;
/// Difference-in-differences with a stratified bootstrap interval over areas.
pub mod did;
/// Which way is good: the direction benchmarking and the trend test judge by.
pub mod direction;
/// Event study: the patch-minus-comparison gap in every period, and the pre-trend check.
pub mod event_study;
/// Regularised incomplete gamma function and the chi-square / gamma quantiles.
pub mod gamma;
/// A confidence interval and the 95% / 99.8% normal quantiles.
pub mod interval;
/// Standardised nearest-neighbour matching of comparison areas.
pub mod matching;
/// Exact and Byar's intervals for counts and crude rates.
pub mod poisson;
/// SplitMix64: a small seeded generator so bootstrap results are reproducible.
pub mod random;
/// The recent-trend test on the last five points.
pub mod trend;
/// Wilson score interval for a proportion.
pub mod wilson;

pub use benchmark::{benchmark, Comparison};
pub use direction::Direction;
pub use interval::{Interval, Z_95, Z_99_8};
pub use poisson::{count_interval, rate_interval};
pub use trend::{recent_trend, RecentTrend, TrendPoint};
pub use wilson::wilson;
