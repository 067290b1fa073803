//! The district panel: small multiples of one yearly indicator, one panel per district, each
//! showing that district in the accent colour over the other districts in grey, on a shared
//! y scale so panels compare at a glance.

use crate::scale::Rgb;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// One district's series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictSeries {
    /// District name.
    pub name: String,
    /// One value per period (`None` for a gap).
    pub values: Vec<Option<f64>>,
    /// The values as the table beside the chart shows them ("21.4", or "no data").
    #[serde(default)]
    pub texts: Vec<String>,
}

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictSpec {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label.
    pub label: String,
    /// Unit label for the y axis.
    pub unit: String,
    /// Period labels.
    pub periods: Vec<String>,
    /// Decimals for labels.
    pub decimals: u8,
    /// The districts.
    pub districts: Vec<DistrictSeries>,
    /// Accent colour of the highlighted district.
    pub accent: Rgb,
}

/// The other districts' lines in each panel: a grey at 4.6:1 on white (WCAG 1.4.11 asks 3:1 of
/// lines needed to read the chart), drawn 2 px wide so the canvas keeps its full colour; thinner
/// and greyer than the 3 px accent line with markers, so the district still stands out.
pub const OTHER_DISTRICTS: Rgb = Rgb(0x6f, 0x77, 0x7b);

/// Columns of the grid for a given width: 3 on wide canvases, 2 on medium, 1 on narrow.
pub fn columns_for(width: u32) -> usize {
    match width {
        0..=359 => 1,
        360..=699 => 2,
        _ => 3,
    }
}

fn points(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => run.push((i as f64, *v)),
            _ => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Draws the small multiples on `root`.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn draw_districts<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    spec: &DistrictSpec,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let n = spec.districts.len().max(1);
    let columns = columns_for(root.dim_in_pixel().0).min(n);
    let rows = n.div_ceil(columns);
    let all = spec.districts.iter().flat_map(|d| d.values.iter().flatten().copied()).filter(|v| v.is_finite());
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo <= hi { (lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1 + f64::EPSILON) } else { (0.0, 1.0) };
    let periods = spec.periods.len().max(1);
    let accent = RGBColor(spec.accent.0, spec.accent.1, spec.accent.2);
    let decimals = spec.decimals.min(3);
    for (panel, district) in root.split_evenly((rows, columns)).iter().zip(&spec.districts) {
        let first = spec.periods.first().cloned().unwrap_or_default();
        let last = spec.periods.last().cloned().unwrap_or_default();
        let mut chart = ChartBuilder::on(panel)
            .caption(district.name.as_str(), ("sans-serif", 13).into_font())
            .margin(6)
            .x_label_area_size(18)
            .y_label_area_size(36)
            .build_cartesian_2d(-0.3f64..(periods as f64 - 0.7), lo..hi)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(2)
            .x_label_formatter(&|x| {
                if *x < 0.5 {
                    first.clone()
                } else if *x > periods as f64 - 1.5 {
                    last.clone()
                } else {
                    String::new()
                }
            })
            .y_labels(4)
            .y_label_formatter(&|y| crate::format::fixed(*y, decimals))
            .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
            .bold_line_style(RGBColor(0xe0, 0xe0, 0xe0))
            .label_style(("sans-serif", 10).into_font())
            .draw()
            .map_err(err)?;
        for other in spec.districts.iter().filter(|o| o.name != district.name) {
            for run in points(&other.values) {
                chart
                    .draw_series(LineSeries::new(
                        run,
                        RGBColor(OTHER_DISTRICTS.0, OTHER_DISTRICTS.1, OTHER_DISTRICTS.2).stroke_width(2),
                    ))
                    .map_err(err)?;
            }
        }
        for run in points(&district.values) {
            chart.draw_series(LineSeries::new(run.clone(), accent.stroke_width(3))).map_err(err)?;
            chart.draw_series(run.into_iter().map(|p| Circle::new(p, 3, accent.filled()))).map_err(err)?;
        }
    }
    // No `present()`: an exported picture draws its key and notes after the chart, and an SVG
    // backend writes its closing tag when presented (the canvas needs none; SVG presents on drop).
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_width() {
        assert_eq!((columns_for(300), columns_for(500), columns_for(900)), (1, 2, 3));
    }

    #[test]
    fn points_split_at_gaps() {
        assert_eq!(points(&[Some(1.0), None, Some(2.0), Some(f64::NAN)]), vec![vec![(0.0, 1.0)], vec![(2.0, 2.0)]]);
        assert!(points(&[]).is_empty());
    }
}
