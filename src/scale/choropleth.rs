//! A choropleth colour scale: a threshold scale over the data plus one colour per class, light
//! to dark towards "worse". The same object colours the map, draws the legend and labels the
//! tooltip's class range.

use super::breaks::quantile;
use super::colour::{sequential_blues, Rgb};
use super::threshold::ThresholdScale;

/// Classes and their colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Choropleth {
    /// Value → class.
    pub scale: ThresholdScale,
    /// One colour per class, in class order (low values first).
    pub colours: Vec<Rgb>,
}

impl Choropleth {
    /// Quantile classes of the finite `values`. `higher_is_darker` is false when low values are
    /// the worse ones, so that worse is always darker.
    pub fn quantiles(values: &[f64], classes: usize, higher_is_darker: bool) -> Choropleth {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let (min, max) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let (min, max) = if min <= max { (min, max) } else { (0.0, 0.0) };
        let scale = ThresholdScale::new(quantile(values, classes), min, max);
        let mut colours = sequential_blues(scale.classes());
        if !higher_is_darker {
            colours.reverse();
        }
        Choropleth { scale, colours }
    }

    /// The colour of a value, `None` for no data.
    pub fn colour_of(&self, value: Option<f64>) -> Option<Rgb> {
        let class = self.scale.class_of(value?)?;
        self.colours.get(class).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_values_give_one_class_and_no_colour_for_missing() {
        let c = Choropleth::quantiles(&[], 5, true);
        assert_eq!(c.scale.classes(), 1);
        assert_eq!(c.colour_of(None), None);
    }

    #[test]
    fn higher_is_darker_unless_reversed() {
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let up = Choropleth::quantiles(&values, 5, true);
        let down = Choropleth::quantiles(&values, 5, false);
        let (lo, hi) = (up.colour_of(Some(1.0)).unwrap(), up.colour_of(Some(99.0)).unwrap());
        assert!(hi.luminance() < lo.luminance());
        assert_eq!(down.colour_of(Some(1.0)), Some(hi));
    }
}
