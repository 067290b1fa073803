//! The work × health scatter plot: one point per area, coloured by its bivariate class when there
//! is one, the tertile breaks as dashed rules (they are the bivariate map's class limits), and the
//! hovered and selected areas drawn larger with outlines — the same areas the map highlights.

use crate::scale::bivariate::PALETTE;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// One area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScatterPoint {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// x value.
    pub x: f64,
    /// y value.
    pub y: f64,
    /// Bivariate class 0–8.
    pub class: Option<u8>,
}

/// Everything the plot shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScatterSpec {
    /// x axis label (indicator and period).
    pub x_label: String,
    /// y axis label.
    pub y_label: String,
    /// Decimals on x.
    pub x_decimals: u8,
    /// Decimals on y.
    pub y_decimals: u8,
    /// Tertile breaks of x.
    pub x_breaks: Option<[f64; 2]>,
    /// Tertile breaks of y.
    pub y_breaks: Option<[f64; 2]>,
    /// The points.
    pub points: Vec<ScatterPoint>,
    /// Index of the hovered point.
    #[serde(default)]
    pub highlighted: Option<usize>,
    /// Index of the selected point.
    #[serde(default)]
    pub selected: Option<usize>,
}

/// Pixel positions of the drawn points, for finding the point under the pointer.
#[derive(Debug, Clone, Default)]
pub struct ScatterFrame {
    pixels: Vec<(i32, i32)>,
}

impl ScatterFrame {
    /// The point nearest to a pixel position within `radius` pixels.
    pub fn point_at(&self, x: i32, y: i32, radius: i32) -> Option<usize> {
        let r2 = i64::from(radius) * i64::from(radius);
        self.pixels
            .iter()
            .enumerate()
            .map(|(i, &(px, py))| (i, i64::from(px - x).pow(2) + i64::from(py - y).pow(2)))
            .filter(|&(_, d)| d <= r2)
            .min_by_key(|&(_, d)| d)
            .map(|(i, _)| i)
    }
}

fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) =
        values.filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.05).max(1e-6);
    (lo - pad, hi + pad)
}

/// Draws the plot on `root`.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &ScatterSpec,
) -> Result<ScatterFrame, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (x0, x1) = range(spec.points.iter().map(|p| p.x));
    let (y0, y1) = range(spec.points.iter().map(|p| p.y));
    let ink = RGBColor(0x0b, 0x0c, 0x0c);
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(54)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    let (xd, yd) = (spec.x_decimals.min(3), spec.y_decimals.min(3));
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| crate::format::fixed(*v, xd))
        .y_label_formatter(&|v| crate::format::fixed(*v, yd))
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str())
        .light_line_style(RGBColor(0xf2, 0xf2, 0xf2))
        .bold_line_style(RGBColor(0xe5, 0xe5, 0xe5))
        .label_style(("sans-serif", 11).into_font().color(&ink))
        .draw()
        .map_err(err)?;
    let rule = RGBColor(0x76, 0x76, 0x76).stroke_width(1);
    for b in spec.x_breaks.iter().flatten() {
        chart.draw_series(DashedLineSeries::new([(*b, y0), (*b, y1)], 4, 4, rule)).map_err(err)?;
    }
    for b in spec.y_breaks.iter().flatten() {
        chart.draw_series(DashedLineSeries::new([(x0, *b), (x1, *b)], 4, 4, rule)).map_err(err)?;
    }
    let fill = |p: &ScatterPoint| {
        let c =
            p.class.and_then(|c| PALETTE.get(usize::from(c))).copied().unwrap_or(crate::scale::Rgb(0x1d, 0x70, 0xb8));
        RGBColor(c.0, c.1, c.2)
    };
    chart
        .draw_series(spec.points.iter().map(|p| {
            EmptyElement::at((p.x, p.y))
                + Circle::new((0, 0), 3, fill(p).filled())
                + Circle::new((0, 0), 3, RGBColor(0x50, 0x5a, 0x5f).stroke_width(1))
        }))
        .map_err(err)?;
    for (index, colour, size) in [(spec.selected, RGBColor(0xd5, 0x3e, 0x0f), 7), (spec.highlighted, ink, 6)] {
        if let Some(p) = index.and_then(|i| spec.points.get(i)) {
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((p.x, p.y))
                        + Circle::new((0, 0), size, fill(p).filled())
                        + Circle::new((0, 0), size, colour.stroke_width(3)),
                ))
                .map_err(err)?;
        }
    }
    let pixels = spec.points.iter().map(|p| chart.backend_coord(&(p.x, p.y))).collect();
    Ok(ScatterFrame { pixels })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_point_within_radius() {
        let frame = ScatterFrame { pixels: vec![(10, 10), (20, 20)] };
        assert_eq!(frame.point_at(12, 11, 5), Some(0));
        assert_eq!(frame.point_at(19, 22, 5), Some(1));
        assert_eq!(frame.point_at(50, 50, 5), None);
    }
}
