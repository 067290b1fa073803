//! The area profile as a spine chart (after Fingertips): one row per indicator, the layer's
//! spread drawn as a bar (lightest from minimum to maximum, darker between the quartiles), the
//! city region's value as a vertical tick, and the area as a marker whose shape and colour say how
//! it compares with the city region. Each row has its own scale; values are written in words
//! beside the bar, and the page shows the same rows as a table.

use crate::scale::Rgb;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// One indicator's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileRow {
    /// Indicator label.
    pub label: String,
    /// Period label of the figure.
    pub period: String,
    /// The area's value.
    pub value: Option<f64>,
    /// The value with unit.
    pub value_text: String,
    /// The city region's value.
    pub region: Option<f64>,
    /// The city region's value with unit.
    pub region_text: String,
    /// Lowest value in the layer.
    pub min: f64,
    /// Lower quartile.
    pub q1: f64,
    /// Upper quartile.
    pub q3: f64,
    /// Highest value in the layer.
    pub max: f64,
    /// Comparison with the city region at 95% ("better", "similar", …).
    pub comparison: String,
    /// Its glyph.
    pub glyph: String,
}

/// The whole profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileSpec {
    /// Area name.
    pub area: String,
    /// Layer noun, e.g. "wards".
    pub layer: String,
    /// Rows, one per indicator.
    pub rows: Vec<ProfileRow>,
}

/// Row height in pixels.
pub const ROW_HEIGHT: u32 = 30;

/// Fill of the bar from the lowest to the highest value: the lighter of the two (ColorBrewer
/// Blues 1). Too light to see on white by itself, so both bars are outlined in [`BAR_OUTLINE`].
pub const RANGE_FILL: Rgb = Rgb(0xf7, 0xfb, 0xff);
/// Fill of the bar over the middle half (quartiles): darker than [`RANGE_FILL`] (Blues 3), and
/// light enough that every [`MARKERS`] colour keeps 3:1 against it.
pub const MIDDLE_FILL: Rgb = Rgb(0xc6, 0xdb, 0xef);
/// Outline of both bars (Blues 8, 2 px): at least 3:1 against white and both fills, so the
/// bars' ends are graphical objects that meet WCAG 1.4.11 whatever their fills.
pub const BAR_OUTLINE: Rgb = Rgb(0x08, 0x51, 0x9c);
/// Marker colours by comparison: worse orange, better blue, higher/lower purple, similar grey.
pub const MARKERS: [(&str, Rgb); 4] = [
    ("worse", Rgb(0xd5, 0x3e, 0x0f)),
    ("better", Rgb(0x1d, 0x70, 0xb8)),
    ("higher or lower", Rgb(0x6f, 0x3c, 0x97)),
    ("similar", Rgb(0x50, 0x5a, 0x5f)),
];

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Marker colour by comparison (see [`MARKERS`]).
fn marker(comparison: &str) -> RGBColor {
    let index = match comparison {
        "worse" => 0,
        "better" => 1,
        "higher" | "lower" => 2,
        _ => 3,
    };
    rgb(MARKERS[index].1)
}

/// Draws the spine chart on `root` (height should be `rows × ROW_HEIGHT + 24`).
///
/// # Errors
/// The backend's drawing error, as text.
pub fn draw_profile<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &ProfileSpec,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (width, _) = root.dim_in_pixel();
    let width = width as i32;
    let label_width = (width * 36 / 100).clamp(90, 220);
    let value_width = 64;
    let bar_left = label_width + 6;
    let bar_right = (width - value_width - 6).max(bar_left + 20);
    let text = ("sans-serif", 12).into_font().color(&RGBColor(0x0b, 0x0c, 0x0c));
    let muted = ("sans-serif", 11).into_font().color(&RGBColor(0x50, 0x5a, 0x5f));
    root.draw(&Text::new(format!("{} compared with all {}", spec.area, spec.layer), (4, 4), muted.clone()))
        .map_err(err)?;
    for (i, row) in spec.rows.iter().enumerate() {
        let top = 22 + i as i32 * ROW_HEIGHT as i32;
        let mid = top + ROW_HEIGHT as i32 / 2;
        let x = |v: f64| {
            let span = (row.max - row.min).max(f64::EPSILON);
            bar_left + ((v - row.min) / span * f64::from(bar_right - bar_left)).round() as i32
        };
        root.draw(&Text::new(row.label.clone(), (4, mid - 7), text.clone())).map_err(err)?;
        let (range, middle) =
            ([(bar_left, mid - 6), (bar_right, mid + 6)], [(x(row.q1), mid - 6), (x(row.q3), mid + 6)]);
        root.draw(&Rectangle::new(range, rgb(RANGE_FILL).filled())).map_err(err)?;
        root.draw(&Rectangle::new(middle, rgb(MIDDLE_FILL).filled())).map_err(err)?;
        // 2 px, so the canvas draws it whole rather than as two half-tone pixel rows.
        root.draw(&Rectangle::new(range, rgb(BAR_OUTLINE).stroke_width(2))).map_err(err)?;
        root.draw(&Rectangle::new(middle, rgb(BAR_OUTLINE).stroke_width(2))).map_err(err)?;
        if let Some(region) = row.region {
            let rx = x(region.clamp(row.min, row.max));
            root.draw(&PathElement::new(
                vec![(rx, mid - 10), (rx, mid + 10)],
                RGBColor(0x0b, 0x0c, 0x0c).stroke_width(2),
            ))
            .map_err(err)?;
        }
        if let Some(value) = row.value {
            let (vx, colour) = (x(value), marker(&row.comparison));
            match row.comparison.as_str() {
                "worse" => {
                    root.draw(&Rectangle::new([(vx - 5, mid - 5), (vx + 5, mid + 5)], colour.filled())).map_err(err)?
                }
                "better" => root
                    .draw(&Polygon::new(
                        vec![(vx, mid - 7), (vx + 7, mid), (vx, mid + 7), (vx - 7, mid)],
                        colour.filled(),
                    ))
                    .map_err(err)?,
                "higher" => root
                    .draw(&Polygon::new(vec![(vx, mid - 7), (vx + 6, mid + 5), (vx - 6, mid + 5)], colour.filled()))
                    .map_err(err)?,
                "lower" => root
                    .draw(&Polygon::new(vec![(vx, mid + 7), (vx + 6, mid - 5), (vx - 6, mid - 5)], colour.filled()))
                    .map_err(err)?,
                _ => root.draw(&Circle::new((vx, mid), 5, colour.filled())).map_err(err)?,
            }
        }
        root.draw(&Text::new(row.value_text.clone(), (bar_right + 6, mid - 7), text.clone())).map_err(err)?;
    }
    // No `present()`: an exported picture draws its key and notes after the chart, and an SVG
    // backend writes its closing tag when presented (the canvas needs none; SVG presents on drop).
    Ok(())
}
