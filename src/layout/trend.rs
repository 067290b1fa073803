//! The trend chart: one indicator over its periods for the selected area, with comparator lines
//! (district, city region, England), a 95% confidence band where counts allow, gaps where a period
//! has no figure (never a line through them), dashed markers where the definition or boundaries
//! changed, and a guide at the hovered period. Drawn with plotters on any `DrawingBackend`: the
//! canvas in the browser, SVG in native tests. Periods are categories at x = 0, 1, 2, …
//!
//! Lines differ by dash pattern and marker as well as colour, so colour is never the only cue.

use super::ticks::{label_step, per_year, room};
use crate::scale::Rgb;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::ReverseCoordTranslate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineStyle {
    /// The selected area: thick solid line with round markers.
    Primary,
    /// A comparator: thin line with the given dash length in pixels (0 = solid) and square markers.
    Comparator(u32),
}

/// One point of a series: value and optional 95% interval, in display units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// Value, `None` for a gap.
    pub value: Option<f64>,
    /// Lower 95% limit.
    pub lower: Option<f64>,
    /// Upper 95% limit.
    pub upper: Option<f64>,
}

/// One line of the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendLine {
    /// Name for the legend and readout.
    pub label: String,
    /// Colour.
    pub colour: Rgb,
    /// Style.
    pub style: LineStyle,
    /// One point per period.
    pub points: Vec<TrendPoint>,
}

/// Everything the chart shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendSpec {
    /// Period labels, in time order.
    pub periods: Vec<String>,
    /// Y axis label (the unit).
    pub y_label: String,
    /// Whether the y axis starts at zero (rates) or fits the data.
    pub from_zero: bool,
    /// Period indices at which the definition or boundaries changed from the previous period.
    pub changes: Vec<usize>,
    /// Lines, drawn in order (put the primary last so it is on top).
    pub lines: Vec<TrendLine>,
    /// Decimals for axis labels.
    pub decimals: u8,
    /// Labelled vertical markers (intervention starts, co-researcher notes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<TrendMarker>,
}

/// A labelled vertical marker on the period axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendMarker {
    /// Position on the period axis: `i` at period `i`, `i - 0.5` between periods `i - 1` and `i`.
    pub x: f64,
    /// Short label drawn at the top of the marker.
    pub label: String,
    /// True for a note (a dotted rule with a round pin); false for an intervention (solid rule).
    #[serde(default)]
    pub note: bool,
}

/// What a drawn chart needs for pointer reverse mapping (plotters' own coordinate transform).
#[derive(Clone)]
pub struct TrendFrame {
    coord: Cartesian2d<RangedCoordf64, RangedCoordf64>,
    periods: usize,
}

impl TrendFrame {
    /// The period under a pixel position, via plotters' reverse coordinate mapping.
    pub fn period_at(&self, x: i32, y: i32) -> Option<usize> {
        let (px, _) = self.coord.reverse_translate((x, y))?;
        let index = px.round();
        (index >= 0.0 && (index as usize) < self.periods).then_some(index as usize)
    }
}

/// The dashed rule where the definition or boundaries changed (marked ‡): near-black, so even a
/// 1 px line the canvas spreads over two pixel columns keeps 3:1 on white (WCAG 1.4.11).
pub const CHANGE_RULE: Rgb = Rgb(0x0b, 0x0c, 0x0c);

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The y range: from zero (or the lowest value) to a little above the highest value or limit.
fn y_range(spec: &TrendSpec) -> (f64, f64) {
    let all = spec.lines.iter().flat_map(|l| l.points.iter()).flat_map(|p| [p.value, p.lower, p.upper]).flatten();
    let (lo, hi) =
        all.filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    let low = if spec.from_zero { lo.min(0.0) } else { lo - (hi - lo).max(hi.abs() * 0.05) * 0.1 };
    let high = if hi > low { hi + (hi - low) * 0.08 } else { low + 1.0 };
    (low, high)
}

/// Runs of consecutive periods that all have values: lines are drawn per run, never across gaps.
fn runs(points: &[TrendPoint], has: impl Fn(&TrendPoint) -> bool) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        if has(p) {
            current.push(i);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Draws the chart on `root`, with a guide at `hovered`.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &TrendSpec,
    hovered: Option<usize>,
) -> Result<TrendFrame, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let n = spec.periods.len().max(1);
    let (y0, y1) = y_range(spec);
    // Monthly and quarterly labels ("2024-12") are wider than the margin: room for the last one.
    let longest = spec.periods.iter().map(|p| p.chars().count()).max().unwrap_or(1);
    let calendar = per_year(&spec.periods);
    let right = if calendar > 1 { (longest as u32 * 7 / 2).max(8) } else { 8 };
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .margin_right(right)
        .x_label_area_size(28)
        .y_label_area_size(52)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y0..y1)
        .map_err(err)?;
    let decimals = usize::from(spec.decimals.min(3));
    let periods = spec.periods.clone();
    // With many periods (monthly data) only every `step`-th label fits; the latest always shows.
    let step = label_step(n, room(root.dim_in_pixel().0, longest), calendar);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize).abs_diff(n - 1) % step == 0 {
                periods.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(6)
        .y_label_formatter(&|y| crate::format::fixed(*y, decimals as u8))
        .y_desc(spec.y_label.as_str())
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .axis_style(RGBColor(0x50, 0x5a, 0x5f))
        .label_style(("sans-serif", 12).into_font().color(&RGBColor(0x0b, 0x0c, 0x0c)))
        .draw()
        .map_err(err)?;
    // Definition or boundary changes: a dashed rule between the periods, marked ‡ at the top.
    for &at in &spec.changes {
        let x = at as f64 - 0.5;
        chart
            .draw_series(DashedLineSeries::new([(x, y0), (x, y1)], 4, 3, colour(CHANGE_RULE).stroke_width(1)))
            .map_err(err)?;
        chart.draw_series(std::iter::once(Text::new("‡", (x, y1), ("sans-serif", 13).into_font()))).map_err(err)?;
    }
    draw_markers(&mut chart, &spec.markers, (y0, y1), n).map_err(err)?;
    if let Some(h) = hovered.filter(|h| *h < n) {
        let x = h as f64;
        chart
            .draw_series(LineSeries::new([(x, y0), (x, y1)], RGBColor(0xb1, 0xb4, 0xb6).stroke_width(1)))
            .map_err(err)?;
    }
    for line in &spec.lines {
        let c = colour(line.colour);
        // 95% band: one polygon per run of periods with both limits.
        for run in runs(&line.points, |p| p.lower.is_some() && p.upper.is_some()) {
            let upper = run.iter().filter_map(|&i| Some((i as f64, line.points[i].upper?)));
            let lower = run.iter().rev().filter_map(|&i| Some((i as f64, line.points[i].lower?)));
            let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
            if run.len() == 1 {
                let i = run[0] as f64;
                let (lo, hi) = (line.points[run[0]].lower.unwrap_or(y0), line.points[run[0]].upper.unwrap_or(y0));
                chart
                    .draw_series(std::iter::once(PathElement::new(vec![(i, lo), (i, hi)], c.mix(0.45).stroke_width(6))))
                    .map_err(err)?;
            } else {
                chart.draw_series(std::iter::once(Polygon::new(outline, c.mix(0.18)))).map_err(err)?;
            }
        }
        let (width, dash) = match line.style {
            LineStyle::Primary => (3, 0),
            LineStyle::Comparator(dash) => (2, dash),
        };
        for run in runs(&line.points, |p| p.value.is_some()) {
            let points: Vec<(f64, f64)> = run.iter().filter_map(|&i| Some((i as f64, line.points[i].value?))).collect();
            if dash == 0 {
                chart.draw_series(LineSeries::new(points.clone(), c.stroke_width(width))).map_err(err)?;
            } else {
                chart
                    .draw_series(DashedLineSeries::new(points.clone(), dash, dash, c.stroke_width(width)))
                    .map_err(err)?;
            }
            match line.style {
                LineStyle::Primary => {
                    chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, c.filled()))).map_err(err).map(|_| ())?
                }
                LineStyle::Comparator(_) => chart
                    .draw_series(
                        points
                            .iter()
                            .map(|&(x, y)| EmptyElement::at((x, y)) + Rectangle::new([(-3, -3), (3, 3)], c.filled())),
                    )
                    .map_err(err)
                    .map(|_| ())?,
            }
        }
    }
    // No `present()` here: the caller may draw more (captions) on the same backend first, and an
    // SVG backend writes its closing tag when presented.
    Ok(TrendFrame { coord: chart.as_coord_spec().clone(), periods: n })
}

/// Intervention starts (solid dark rule, label at the top) and notes (dotted rule, round pin,
/// label below the pin). Markers outside the axis are clamped to its ends so none is lost.
fn draw_markers<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    markers: &[TrendMarker],
    (y0, y1): (f64, f64),
    n: usize,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let ink = RGBColor(0x0b, 0x0c, 0x0c);
    for (i, marker) in markers.iter().enumerate() {
        let x = if marker.x.is_finite() { marker.x.clamp(-0.45, n as f64 - 0.55) } else { continue };
        let top = y1 - (y1 - y0) * 0.02;
        if marker.note {
            let pin = colour(super::trend_spec::PATCH_COLOUR);
            chart.draw_series(DashedLineSeries::new([(x, y0), (x, top)], 2, 3, pin.stroke_width(1)))?;
            chart.draw_series(std::iter::once(Circle::new((x, top), 5, pin.filled())))?;
        } else {
            chart.draw_series(LineSeries::new([(x, y0), (x, top)], ink.stroke_width(2)))?;
            // Labels alternate between two rows so neighbouring markers do not overprint.
            let row = (i % 2) as i32 * 14;
            // In the right half the label goes to the left of its rule, so it is not cut off.
            let right = x > (n as f64 - 1.0) / 2.0;
            let style = ("sans-serif", 11)
                .into_font()
                .color(&ink)
                .pos(Pos::new(if right { HPos::Right } else { HPos::Left }, VPos::Top));
            let label = EmptyElement::at((x, y1))
                + Text::new(marker.label.clone(), (if right { -4 } else { 4 }, 2 + row), style);
            chart.draw_series(std::iter::once(label))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(v: f64) -> TrendPoint {
        TrendPoint { value: Some(v), lower: None, upper: None }
    }

    #[test]
    fn runs_split_at_gaps() {
        let gap = TrendPoint { value: None, lower: None, upper: None };
        let points = [point(1.0), gap, point(2.0), point(3.0), gap];
        assert_eq!(runs(&points, |p| p.value.is_some()), vec![vec![0], vec![2, 3]]);
        assert!(runs(&[], |p: &TrendPoint| p.value.is_some()).is_empty());
    }

    #[test]
    fn y_range_starts_at_zero_for_rates_and_pads_the_top() {
        let line = TrendLine {
            label: "a".into(),
            colour: Rgb(0, 0, 0),
            style: LineStyle::Primary,
            points: vec![point(10.0), point(20.0)],
        };
        let spec = TrendSpec {
            periods: vec!["a".into(), "b".into()],
            y_label: "%".into(),
            from_zero: true,
            changes: vec![],
            lines: vec![line],
            decimals: 1,
            markers: vec![],
        };
        let (lo, hi) = y_range(&spec);
        assert_eq!(lo, 0.0);
        assert!(hi > 20.0);
        let empty = TrendSpec { lines: vec![], ..spec };
        assert_eq!(y_range(&empty), (0.0, 1.0));
    }
}
