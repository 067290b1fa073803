//! Colours as 8-bit sRGB and the sequential schemes the map uses. Schemes run light → dark; the
//! map reverses them when lower values are worse, so that "worse" is always darker.
//!
//! The blues scheme is ColorBrewer "Blues" (Cynthia Brewer, colorbrewer2.org, Apache-2.0 style
//! licence), chosen because single-hue sequential schemes are safe for every common form of
//! colour-vision deficiency.

use std::fmt;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::scale::Rgb;
    /// assert_eq!(Rgb::from_hex("#08306b"), Some(Rgb(8, 48, 107)));
    /// assert_eq!(Rgb::from_hex("blue"), None);
    /// ```
    pub fn from_hex(hex: &str) -> Option<Rgb> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance per WCAG 2.x.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1–21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// ColorBrewer RdBu (11 steps, red → white → blue), colour-blind safe per ColorBrewer.
const RDBU: [&str; 11] = [
    "#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac",
    "#053061",
];

/// ColorBrewer PuOr (11 steps, orange → white → purple), for change where higher is neither
/// better nor worse.
const PUOR: [&str; 11] = [
    "#7f3b08", "#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7", "#d8daeb", "#b2abd2", "#8073ac", "#542788",
    "#2d004b",
];

/// Which diverging scheme a change map uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diverging {
    /// Red for worse, blue for better.
    RedBlue,
    /// Orange and purple, for changes that are neither better nor worse.
    OrangePurple,
}

/// `n` colours (1–5) stepping from the neutral centre outwards on one side of a diverging
/// scheme: `negative` picks the first half (red or orange), otherwise the second (blue or purple).
/// The centre itself is [`diverging_centre`].
pub fn diverging_side(scheme: Diverging, negative: bool, n: usize) -> Vec<Rgb> {
    let table = match scheme {
        Diverging::RedBlue => &RDBU,
        Diverging::OrangePurple => &PUOR,
    };
    let n = n.clamp(1, 5);
    (0..n)
        .map(|i| {
            // Steps 1 (palest) to 5 (darkest) away from the centre; the palest is used only when
            // five classes are needed, as it is close to the neutral centre.
            let step = match n {
                5 => 1 + i,
                1 => 3,
                _ => 2 + i * 3 / (n - 1),
            };
            let index = if negative { 5 - step } else { 5 + step };
            Rgb::from_hex(table[index]).unwrap_or(Rgb(0, 0, 0))
        })
        .collect()
}

/// The neutral centre of the diverging schemes (a class that straddles zero).
pub fn diverging_centre() -> Rgb {
    Rgb(0xf7, 0xf7, 0xf7)
}

/// ColorBrewer Blues, 9 steps light → dark.
const BLUES: [&str; 9] =
    ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"];

/// `n` colours (1–9) from light to dark, evenly spread over the Blues scheme and skipping its
/// lightest step, which is too close to a white background to read as a class.
pub fn sequential_blues(n: usize) -> Vec<Rgb> {
    let n = n.clamp(1, 8);
    let steps = &BLUES[1..];
    (0..n)
        .map(|i| {
            let at = if n == 1 { steps.len() - 1 } else { i * (steps.len() - 1) / (n - 1) };
            Rgb::from_hex(steps[at]).unwrap_or(Rgb(0, 0, 0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_hex() {
        assert_eq!(Rgb(8, 48, 107).to_string(), "#08306b");
    }

    #[test]
    fn contrast_of_black_and_white_is_21() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn diverging_sides_darken_away_from_the_centre() {
        for scheme in [Diverging::RedBlue, Diverging::OrangePurple] {
            for negative in [true, false] {
                for n in 1..=5 {
                    let colours = diverging_side(scheme, negative, n);
                    assert_eq!(colours.len(), n);
                    for pair in colours.windows(2) {
                        assert!(pair[0].luminance() > pair[1].luminance(), "{scheme:?} {negative} {pair:?}");
                    }
                }
            }
        }
        assert_eq!(diverging_side(Diverging::RedBlue, true, 1), vec![Rgb(0xd6, 0x60, 0x4d)]);
        assert_eq!(diverging_side(Diverging::RedBlue, false, 5)[4], Rgb(0x05, 0x30, 0x61));
    }

    #[test]
    fn sequential_runs_light_to_dark() {
        for n in 1..=8 {
            let colours = sequential_blues(n);
            assert_eq!(colours.len(), n);
            for pair in colours.windows(2) {
                assert!(pair[0].luminance() > pair[1].luminance(), "{pair:?}");
            }
        }
        assert_eq!(sequential_blues(0).len(), 1);
    }
}
