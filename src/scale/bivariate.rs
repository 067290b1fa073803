//! Bivariate 3×3 classes: two indicators each cut into low / middle / high thirds, coloured by a
//! two-dimensional scheme so one map shows where both are high, both low, or one but not the other.
//!
//! Breaks are tertiles — the 1/3 and 2/3 quantiles (R-7, as [`breaks::quantile`] uses) of each
//! indicator — computed over the areas where *both* values are present and finite, so each band
//! holds about a third of the areas the map can actually colour. A value equal to a break goes to
//! the lower band, as in the threshold scale. The class is `y_band × 3 + x_band` (band 0 = low), so
//! class 0 is low–low and class 8 high–high; an area missing either value has no class.
//!
//! [`PALETTE`] is Joshua Stevens' blue–pink 3×3 scheme ("Bivariate Choropleth Maps: A How-to
//! Guide", 2015, joshuastevens.net/cartography/make-a-bivariate-choropleth-map/): grey at low–low,
//! teal along x, pink along y, deep blue-purple at high–high. Its two axes are a blue and a pink
//! hue that stay apart for the common red–green deficiencies, and lightness falls steadily towards
//! high–high, so the extremes read even in greyscale; middle classes are harder to tell apart,
//! which is why the legend and tooltip always name the class in words ([`class_label`]).
//!
//! [`breaks::quantile`]: super::breaks::quantile

use super::Rgb;
use crate::num::quantile_sorted;

/// Colours by class (`y_band × 3 + x_band`): rows of low, middle and high y.
pub const PALETTE: [Rgb; 9] = [
    Rgb(0xe8, 0xe8, 0xe8), // low x, low y
    Rgb(0xac, 0xe4, 0xe4), // middle x, low y
    Rgb(0x5a, 0xc8, 0xc8), // high x, low y
    Rgb(0xdf, 0xb0, 0xd6), // low x, middle y
    Rgb(0xa5, 0xad, 0xd3), // middle x, middle y
    Rgb(0x56, 0x98, 0xb9), // high x, middle y
    Rgb(0xbe, 0x64, 0xac), // low x, high y
    Rgb(0x8c, 0x62, 0xaa), // middle x, high y
    Rgb(0x3b, 0x49, 0x94), // high x, high y
];

/// Tertile breaks of two indicators and each area's bivariate class.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bivariate {
    /// The x indicator's 1/3 and 2/3 quantiles.
    pub x_breaks: [f64; 2],
    /// The y indicator's 1/3 and 2/3 quantiles.
    pub y_breaks: [f64; 2],
    /// Each area's class 0–8, or `None` when either value is missing or not finite.
    pub classes: Vec<Option<u8>>,
    /// Areas in each class.
    pub counts: [u32; 9],
}

impl Bivariate {
    /// The colour of an area (`None`: no data).
    pub fn colour(&self, area: usize) -> Option<Rgb> {
        let class = (*self.classes.get(area)?)?;
        PALETTE.get(usize::from(class)).copied()
    }
}

/// Classes two indicators into 3×3 tertile classes (see the module docs). The slices are indexed
/// by area; an area beyond the end of the shorter one has no class. `None` when fewer than 3 areas
/// have both values.
///
/// # Examples
/// ```
/// use work_health_atlas::scale::bivariate::{bivariate, class_label};
/// let x = [Some(1.0), Some(2.0), Some(3.0), Some(4.0), None];
/// let y = [Some(4.0), Some(3.0), Some(2.0), Some(1.0), Some(9.0)];
/// let b = bivariate(&x, &y).unwrap();
/// assert_eq!(b.classes, vec![Some(6), Some(3), Some(1), Some(2), None]);
/// assert_eq!(class_label(6), ("low", "high"));
/// ```
pub fn bivariate(x: &[Option<f64>], y: &[Option<f64>]) -> Option<Bivariate> {
    let areas = x.len().max(y.len());
    let pair = |a: usize| -> Option<(f64, f64)> {
        let finite = |v: Option<&Option<f64>>| v.copied().flatten().filter(|v| v.is_finite());
        Some((finite(x.get(a))?, finite(y.get(a))?))
    };
    let (mut xs, mut ys): (Vec<f64>, Vec<f64>) = (0..areas).filter_map(pair).unzip();
    if xs.len() < 3 {
        return None;
    }
    crate::num::sort_floats(&mut xs);
    crate::num::sort_floats(&mut ys);
    let x_breaks = [quantile_sorted(&xs, 1.0 / 3.0), quantile_sorted(&xs, 2.0 / 3.0)];
    let y_breaks = [quantile_sorted(&ys, 1.0 / 3.0), quantile_sorted(&ys, 2.0 / 3.0)];

    let mut counts = [0u32; 9];
    let classes = (0..areas)
        .map(|a| {
            let (vx, vy) = pair(a)?;
            let class = band(vy, y_breaks) * 3 + band(vx, x_breaks);
            counts[usize::from(class)] += 1;
            Some(class)
        })
        .collect();
    Some(Bivariate { x_breaks, y_breaks, classes, counts })
}

/// The bands of a class in words: `(x, y)`, each "low", "middle" or "high"; `("no data",
/// "no data")` for a class outside 0–8.
pub fn class_label(class: u8) -> (&'static str, &'static str) {
    const BANDS: [&str; 3] = ["low", "middle", "high"];
    if class > 8 {
        return ("no data", "no data");
    }
    (BANDS[usize::from(class % 3)], BANDS[usize::from(class / 3)])
}

/// Band 0, 1 or 2; a value equal to a break goes to the lower band.
fn band(value: f64, breaks: [f64; 2]) -> u8 {
    if value <= breaks[0] {
        0
    } else if value <= breaks[1] {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(values: &[f64]) -> Vec<Option<f64>> {
        values.iter().map(|&v| Some(v)).collect()
    }

    #[test]
    fn palette_matches_the_published_hex_codes() {
        let hex = ["#e8e8e8", "#ace4e4", "#5ac8c8", "#dfb0d6", "#a5add3", "#5698b9", "#be64ac", "#8c62aa", "#3b4994"];
        for (colour, hex) in PALETTE.iter().zip(hex) {
            assert_eq!(Some(*colour), Rgb::from_hex(hex));
        }
    }

    #[test]
    fn palette_colours_are_distinct_and_ordered_by_lightness() {
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                assert_ne!(a, b);
            }
        }
        let lum: Vec<f64> = PALETTE.iter().map(|c| c.luminance()).collect();
        assert!(lum[1..].iter().all(|&l| l < lum[0]), "low–low is lightest");
        assert!(lum[..8].iter().all(|&l| l > lum[8]), "high–high is darkest");
        // Lightness falls along each axis from low–low.
        assert!(lum[0] > lum[1] && lum[1] > lum[2] && lum[0] > lum[3] && lum[3] > lum[6]);
    }

    #[test]
    fn labels() {
        assert_eq!(class_label(0), ("low", "low"));
        assert_eq!(class_label(5), ("high", "middle"));
        assert_eq!(class_label(8), ("high", "high"));
        assert_eq!(class_label(9), ("no data", "no data"));
    }

    #[test]
    fn tertiles_and_classes() {
        // x = 1..9: tertiles (R-7) at 3.667 and 6.333; y reversed.
        let x: Vec<f64> = (1..=9).map(f64::from).collect();
        let y: Vec<f64> = x.iter().map(|v| 10.0 - v).collect();
        let b = bivariate(&some(&x), &some(&y)).unwrap();
        assert!((b.x_breaks[0] - 11.0 / 3.0).abs() < 1e-12 && (b.x_breaks[1] - 19.0 / 3.0).abs() < 1e-12);
        let expected = [6, 6, 6, 4, 4, 4, 2, 2, 2].map(Some);
        assert_eq!(b.classes, expected.to_vec());
        assert_eq!(b.counts, [0, 0, 3, 0, 3, 0, 3, 0, 0]);
        assert_eq!(b.colour(0), Some(PALETTE[6]));
        assert_eq!(b.colour(99), None);
    }

    #[test]
    fn value_on_a_break_goes_to_the_lower_band() {
        // Tertiles of 0, 3, 6, 9 are exactly 3 and 6.
        let v = some(&[0.0, 3.0, 6.0, 9.0]);
        let b = bivariate(&v, &v).unwrap();
        assert_eq!(b.x_breaks, [3.0, 6.0]);
        assert_eq!(b.classes, vec![Some(0), Some(0), Some(4), Some(8)]);
    }

    #[test]
    fn breaks_use_only_complete_pairs() {
        // The 100 has no y: it must not pull x's tertiles up.
        let x = vec![Some(1.0), Some(2.0), Some(3.0), Some(100.0), Some(f64::NAN)];
        let y = vec![Some(1.0), Some(2.0), Some(3.0), None, Some(5.0)];
        let b = bivariate(&x, &y).unwrap();
        assert!(b.x_breaks[1] < 3.0);
        assert_eq!(b.classes[3..], [None, None]);
        assert_eq!(b.counts.iter().sum::<u32>(), 3);
    }

    #[test]
    fn degenerate_input() {
        assert_eq!(bivariate(&[], &[]), None);
        assert_eq!(bivariate(&some(&[1.0, 2.0]), &some(&[1.0, 2.0])), None);
        assert_eq!(bivariate(&[Some(f64::NAN); 5], &some(&[1.0; 5])), None);
        // All equal: everything on the breaks, so one class (low–low).
        let flat = some(&[4.0; 6]);
        let b = bivariate(&flat, &flat).unwrap();
        assert_eq!(b.counts[0], 6);
        // Different lengths: areas past the shorter slice have no class.
        let b = bivariate(&some(&[1.0, 2.0, 3.0, 4.0]), &some(&[1.0, 2.0, 3.0])).unwrap();
        assert_eq!(b.classes.len(), 4);
        assert_eq!(b.classes[3], None);
    }
}
