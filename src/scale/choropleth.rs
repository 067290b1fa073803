//! A choropleth colour scale: a threshold scale over the data plus one colour per class. The same
//! object colours the map, draws the legend and labels the tooltip's class range.
//!
//! Sequential maps run light → dark towards "worse" (or towards higher where higher is neither).
//! Change maps use a diverging scheme centred on zero: zero is always a break, classes below zero
//! take one side of the scheme and classes above the other, darker further from zero.

use super::breaks::{classify, Method};
use super::colour::{diverging_centre, diverging_side, sequential_blues, Diverging, Rgb};
use super::threshold::ThresholdScale;

/// Classes and their colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Choropleth {
    /// Value → class.
    pub scale: ThresholdScale,
    /// One colour per class, in class order (low values first).
    pub colours: Vec<Rgb>,
}

fn range(values: &[f64]) -> (f64, f64) {
    let (min, max) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if min <= max {
        (min, max)
    } else {
        (0.0, 0.0)
    }
}

impl Choropleth {
    /// Sequential classes of `values` by `method`. `higher_is_darker` is false when low values
    /// are the worse ones, so that worse is always darker.
    pub fn sequential(
        values: &[f64],
        method: Method,
        classes: usize,
        decimals: u8,
        higher_is_darker: bool,
    ) -> Choropleth {
        let (min, max) = range(values);
        let scale = ThresholdScale::new(classify(method, values, classes, decimals), min, max);
        let mut colours = sequential_blues(scale.classes());
        if !higher_is_darker {
            colours.reverse();
        }
        Choropleth { scale, colours }
    }

    /// Quantile classes (the default method).
    pub fn quantiles(values: &[f64], classes: usize, higher_is_darker: bool) -> Choropleth {
        Choropleth::sequential(values, Method::Quantile, classes, 6, higher_is_darker)
    }

    /// Diverging classes of changes, centred on zero. `increase_is_first_side` puts increases on
    /// the scheme's first side (red/orange): true when an increase is a change for the worse.
    pub fn diverging(
        values: &[f64],
        method: Method,
        classes: usize,
        decimals: u8,
        scheme: Diverging,
        increase_is_first_side: bool,
    ) -> Choropleth {
        let (min, max) = range(values);
        let mut breaks = classify(method, values, classes, decimals);
        if min < 0.0 && max > 0.0 && !breaks.contains(&0.0) {
            breaks.push(0.0);
        }
        let scale = ThresholdScale::new(breaks, min, max);
        let extents: Vec<[f64; 2]> = (0..scale.classes()).filter_map(|c| scale.extent(c)).collect();
        let below = extents.iter().filter(|[_, hi]| *hi <= 0.0 && min < 0.0).count();
        let above = extents.iter().filter(|[lo, _]| *lo >= 0.0 && max > 0.0).count();
        // Classes below zero, ordered from zero outwards, then reversed into class order.
        let mut below_colours = diverging_side(scheme, !increase_is_first_side, below);
        below_colours.truncate(below);
        below_colours.reverse();
        let above_colours = diverging_side(scheme, increase_is_first_side, above);
        let neutral = scale.classes().saturating_sub(below + above);
        let mut colours = below_colours;
        colours.extend(std::iter::repeat_n(diverging_centre(), neutral));
        colours.extend(above_colours.into_iter().take(above));
        colours.truncate(scale.classes());
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

    #[test]
    fn diverging_puts_zero_on_a_break_and_sides_by_sign() {
        let values = [-4.0, -3.0, -1.0, 0.5, 1.0, 2.0, 6.0];
        let c = Choropleth::diverging(&values, Method::EqualInterval, 4, 1, Diverging::RedBlue, true);
        assert!(c.scale.breaks().contains(&0.0));
        assert_eq!(c.colours.len(), c.scale.classes());
        let increase = c.colour_of(Some(6.0)).unwrap();
        let decrease = c.colour_of(Some(-4.0)).unwrap();
        assert!(increase.0 > increase.2, "increases are red when they are worse: {increase:?}");
        assert!(decrease.2 > decrease.0, "decreases are blue: {decrease:?}");
        assert!(c.colour_of(Some(6.0)).unwrap().luminance() < c.colour_of(Some(0.5)).unwrap().luminance());
    }

    #[test]
    fn diverging_with_only_increases_uses_one_side() {
        let c = Choropleth::diverging(&[1.0, 2.0, 3.0, 4.0], Method::Quantile, 3, 1, Diverging::OrangePurple, false);
        assert!(c.colours.iter().all(|colour| colour.2 >= colour.0), "purple side only: {:?}", c.colours);
    }
}
