//! The difference-in-differences chart: on the left the patch (solid, in the patch colour as on the map) and its comparison
//! group (dashed, grey) before and after, with the patch's expected path had it moved like the
//! comparison group (dotted); on the right the difference with its 95% interval against a zero
//! line. Drawn with plotters on any backend.

use super::trend_spec::PATCH_COLOUR;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the chart shows, in display units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DidChart {
    /// "Before" period label.
    pub before: String,
    /// "After" period label.
    pub after: String,
    /// Unit label for the y axis.
    pub y_label: String,
    /// Decimals for axis labels.
    pub decimals: u8,
    /// Patch before and after.
    pub patch: [f64; 2],
    /// Comparison group before and after.
    pub comparison: [f64; 2],
    /// Difference of the changes.
    pub difference: f64,
    /// Lower 95% limit of the difference.
    pub lower: f64,
    /// Upper 95% limit of the difference.
    pub upper: f64,
}

const PATCH: RGBColor = RGBColor(PATCH_COLOUR.0, PATCH_COLOUR.1, PATCH_COLOUR.2);
/// The comparison areas' colour (grey, as their line on the patch's trend chart).
pub const COMPARISON: crate::scale::Rgb = crate::scale::Rgb(0x50, 0x5a, 0x5f);
const COMPARISON_LINE: RGBColor = RGBColor(COMPARISON.0, COMPARISON.1, COMPARISON.2);
const INK: RGBColor = RGBColor(0x0b, 0x0c, 0x0c);

fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let span = (hi - lo).abs().max(hi.abs().max(lo.abs()) * 0.05).max(1e-9);
    (lo - span * 0.15, hi + span * 0.15)
}

/// Draws the chart on `root`.
///
/// # Errors
/// The backend's drawing error, as text; a message for non-finite figures.
pub fn draw_did<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &DidChart,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let all =
        [spec.patch[0], spec.patch[1], spec.comparison[0], spec.comparison[1], spec.difference, spec.lower, spec.upper];
    if all.iter().any(|v| !v.is_finite()) {
        return Err("the comparison's figures are not finite".into());
    }
    root.fill(&WHITE).map_err(err)?;
    let (width, _) = root.dim_in_pixel();
    let (left, right) = root.split_horizontally((width * 62 / 100).max(1));
    let expected = spec.patch[0] + (spec.comparison[1] - spec.comparison[0]);
    let values = [spec.patch[0], spec.patch[1], spec.comparison[0], spec.comparison[1], expected];
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let (y0, y1) = padded(lo, hi);
    let decimals = spec.decimals.min(3);
    let labels = [spec.before.clone(), spec.after.clone()];
    let mut chart = ChartBuilder::on(&left)
        .margin(8)
        .x_label_area_size(26)
        .y_label_area_size(46)
        .build_cartesian_2d(-0.3f64..1.3f64, y0..y1)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(2)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && (0.0..=1.0).contains(&i) {
                labels[i as usize].clone()
            } else {
                String::new()
            }
        })
        .y_labels(5)
        .y_label_formatter(&|y| crate::format::fixed(*y, decimals))
        .y_desc(spec.y_label.as_str())
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .label_style(("sans-serif", 11).into_font().color(&INK))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new(
            [(0.0, spec.comparison[0]), (1.0, spec.comparison[1])],
            6,
            4,
            COMPARISON_LINE.stroke_width(2),
        ))
        .map_err(err)?;
    chart
        .draw_series(
            [(0.0, spec.comparison[0]), (1.0, spec.comparison[1])]
                .map(|p| EmptyElement::at(p) + Rectangle::new([(-3, -3), (3, 3)], COMPARISON_LINE.filled())),
        )
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new([(0.0, spec.patch[0]), (1.0, expected)], 2, 3, PATCH.stroke_width(1)))
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new([(0.0, spec.patch[0]), (1.0, spec.patch[1])], PATCH.stroke_width(3)))
        .map_err(err)?;
    chart
        .draw_series([(0.0, spec.patch[0]), (1.0, spec.patch[1])].map(|p| Circle::new(p, 4, PATCH.filled())))
        .map_err(err)?;

    let (d0, d1) = padded(spec.lower.min(0.0), spec.upper.max(0.0));
    let mut diff = ChartBuilder::on(&right)
        .margin(8)
        .x_label_area_size(26)
        .y_label_area_size(40)
        .caption("Difference (95%)", ("sans-serif", 11).into_font().color(&INK))
        .build_cartesian_2d(-1f64..1f64, d0..d1)
        .map_err(err)?;
    diff.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&|y| crate::format::fixed(*y, decimals))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .label_style(("sans-serif", 11).into_font().color(&INK))
        .draw()
        .map_err(err)?;
    diff.draw_series(LineSeries::new([(-1.0, 0.0), (1.0, 0.0)], INK.stroke_width(1))).map_err(err)?;
    diff.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, spec.lower), (0.0, spec.upper)],
        PATCH.stroke_width(3),
    )))
    .map_err(err)?;
    for limit in [spec.lower, spec.upper] {
        diff.draw_series(std::iter::once(PathElement::new(vec![(-0.2, limit), (0.2, limit)], PATCH.stroke_width(2))))
            .map_err(err)?;
    }
    diff.draw_series(std::iter::once(Rectangle::new(
        [(-0.12, spec.difference), (0.12, spec.difference)],
        PATCH.stroke_width(1),
    )))
    .map_err(err)?;
    diff.draw_series(std::iter::once(
        EmptyElement::at((0.0, spec.difference)) + Circle::new((0, 0), 5, PATCH.filled()),
    ))
    .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_never_collapses() {
        let (a, b) = padded(0.0, 0.0);
        assert!(a < b);
        let (a, b) = padded(10.0, 20.0);
        assert!(a < 10.0 && b > 20.0);
    }
}
