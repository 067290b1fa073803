//! Scales: plain numerics with no browser types. A classification method turns values into
//! breaks, a [`ThresholdScale`] maps a value to its class (or to "no data"), and a colour scheme
//! gives each class its colour — one scale colours the map, draws the legend and labels tooltips.

/// Bivariate 3×3 classes (tertiles of two indicators) and their colour scheme.
pub mod bivariate;
/// Class breaks from data: quantile, equal interval, natural breaks.
pub mod breaks;
/// Quantile choropleth colouring.
pub mod choropleth;
/// Ckmeans optimal 1-D clustering (natural breaks).
pub mod ckmeans;
/// Colours and colour-blind-safe schemes.
pub mod colour;
/// Threshold scale: value → class, with an explicit "no data".
pub mod threshold;

pub use choropleth::Choropleth;
pub use colour::Rgb;
pub use threshold::ThresholdScale;
