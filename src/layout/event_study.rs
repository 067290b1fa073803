//! The event-study chart: for every period, the patch's rate minus the comparison areas', relative
//! to the last period before the start (a hollow point at 0), as a point in the patch colour with its 95%
//! interval; a zero line; and a dashed rule marked "Start" between the last period before and
//! the first after. Periods are categories at x = 0, 1, 2, …; their labels are thinned to fit
//! (every 3rd, 6th or 12th month, every 2nd or 4th quarter), always keeping the reference's.
//! Drawn with plotters on any backend. Colours: the patch teal `#008098` (4.6:1 on white), text
//! `#0b0c0c`.

use super::ticks::label_step;
use super::trend_spec::PATCH_COLOUR;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

/// One period of the chart, in display units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventStudyPeriod {
    /// Period label.
    pub label: String,
    /// Patch minus comparison, relative to the reference period.
    pub estimate: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
    /// Before the start (the reference is the last such period).
    pub before: bool,
    /// The estimate as text, signed (`+0.4`).
    pub estimate_text: String,
    /// The interval as text (`-0.3 to +1.1`).
    pub interval_text: String,
}

/// Everything the event-study chart (and its table) shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventStudy {
    /// The periods in time order: those before the start, then those after.
    pub periods: Vec<EventStudyPeriod>,
    /// Label of the reference period (the last before the start).
    pub reference: String,
    /// Unit label for the y axis ("percentage points").
    pub y_label: String,
    /// Decimals for axis labels.
    pub decimals: u8,
    /// Periods per year (12 monthly, 4 quarterly, 1 yearly, 0 unknown): sets the label steps.
    pub per_year: u8,
    /// The pre-trend check warned: the groups were already moving apart before the start.
    pub diverged: bool,
}

const PATCH: RGBColor = RGBColor(PATCH_COLOUR.0, PATCH_COLOUR.1, PATCH_COLOUR.2);
const INK: RGBColor = RGBColor(0x0b, 0x0c, 0x0c);

/// Draws the chart on `root`.
///
/// # Errors
/// The backend's drawing error, as text; a message when there are no periods or a figure is not
/// finite.
pub fn draw_event_study<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &EventStudy,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = spec.periods.len();
    if n == 0 {
        return Err("the event study has no periods".into());
    }
    if spec.periods.iter().any(|p| !(p.estimate.is_finite() && p.lower.is_finite() && p.upper.is_finite())) {
        return Err("the event study's figures are not finite".into());
    }
    root.fill(&WHITE).map_err(err)?;
    let (lo, hi) = spec.periods.iter().fold((0.0f64, 0.0f64), |(a, b), p| (a.min(p.lower), b.max(p.upper)));
    let decimals = spec.decimals.min(3);
    // At least one step of the labels' last decimal either side, so a flat study still has an axis.
    let pad = ((hi - lo) * 0.08).max(10f64.powi(-i32::from(decimals)));
    let (y0, y1) = (lo - pad, hi + pad * 2.5);
    let (x0, x1) = (-0.6, n as f64 - 0.4);
    let reference = spec.periods.iter().rposition(|p| p.before);

    let (width, _) = root.dim_in_pixel();
    let longest = spec.periods.iter().map(|p| p.label.chars().count()).max().unwrap_or(1);
    let step = label_step(n, super::ticks::room(width, longest), spec.per_year);
    let anchor = reference.unwrap_or(0);
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(26)
        .y_label_area_size(52)
        .caption(
            format!("Patch minus comparison areas, relative to {} (95% intervals)", spec.reference),
            ("sans-serif", 12).into_font().color(&INK),
        )
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 || (i as usize).abs_diff(anchor) % step != 0 {
                return String::new();
            }
            spec.periods.get(i as usize).map(|p| p.label.clone()).unwrap_or_default()
        })
        .y_labels(5)
        .y_label_formatter(&|y| crate::format::fixed(*y, decimals))
        .y_desc(spec.y_label.as_str())
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .axis_style(RGBColor(0x50, 0x5a, 0x5f))
        .label_style(("sans-serif", 11).into_font().color(&INK))
        .draw()
        .map_err(err)?;
    chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], INK.stroke_width(1))).map_err(err)?;
    if let Some(r) = reference.filter(|&r| r + 1 < n) {
        let x = r as f64 + 0.5;
        chart.draw_series(DashedLineSeries::new([(x, y0), (x, y1)], 5, 4, INK.stroke_width(1))).map_err(err)?;
        // In the right half the label goes to the left of its rule, so it is not cut off.
        let right = x > (n as f64 - 1.0) / 2.0;
        let style = ("sans-serif", 11)
            .into_font()
            .color(&INK)
            .pos(Pos::new(if right { HPos::Right } else { HPos::Left }, VPos::Top));
        let label = Text::new("Start", (if right { -4 } else { 4 }, 2), style);
        chart.draw_series(std::iter::once(EmptyElement::at((x, y1)) + label)).map_err(err)?;
    }
    for (i, p) in spec.periods.iter().enumerate() {
        let x = i as f64;
        if p.upper > p.lower {
            chart
                .draw_series(std::iter::once(PathElement::new(vec![(x, p.lower), (x, p.upper)], PATCH.stroke_width(2))))
                .map_err(err)?;
        }
        // The reference is 0 by construction: a hollow point, so it does not read as a finding.
        let style = if Some(i) == reference { PATCH.stroke_width(2) } else { PATCH.filled() };
        chart.draw_series(std::iter::once(Circle::new((x, p.estimate), 4, style))).map_err(err)?;
    }
    Ok(())
}
