//! Every chart the widget shows, as one type for its exported picture (`picture`): the trend
//! (an area's, or the patch's), the profile, the districts, the difference in differences, the
//! event study and the scatter. Each knows how to draw itself and what its picture's key and
//! footnotes say: the lines in drawing order reversed (the main series first), the intervention
//! and note markers, and what ‡ means wherever a definition change puts it on the chart.

use super::did::{draw_did, DidChart, COMPARISON};
use super::districts::{draw_districts, DistrictSpec, OTHER_DISTRICTS};
use super::event_study::{draw_event_study, EventStudy};
use super::picture::{KeyRow, Sample};
use super::profile::{draw_profile, ProfileSpec};
use super::scatter::{draw_scatter, ScatterSpec};
use super::trend::{draw_trend, LineStyle, TrendSpec, CHANGE_RULE};
use super::trend_spec::PATCH_COLOUR;
use crate::scale::Rgb;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

const INK: Rgb = Rgb(0x0b, 0x0c, 0x0c);

/// A chart to export, with its specification (as the page drew it).
#[derive(Debug, Clone, PartialEq)]
pub enum PictureChart {
    /// An area's or the patch's trend.
    Trend(TrendSpec),
    /// The area profile (spine chart).
    Profile(ProfileSpec),
    /// The district small multiples.
    Districts(DistrictSpec),
    /// The difference-in-differences chart.
    Did(DidChart),
    /// The event study.
    EventStudy(EventStudy),
    /// The work × health scatter.
    Scatter(ScatterSpec),
}

impl PictureChart {
    /// Draws the chart on `area`.
    ///
    /// # Errors
    /// The chart's drawing error, as text.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        match self {
            PictureChart::Trend(spec) => draw_trend(area, spec, None).map(|_| ()),
            PictureChart::Profile(spec) => draw_profile(area, spec),
            PictureChart::Districts(spec) => draw_districts(area, spec),
            PictureChart::Did(spec) => draw_did(area, spec),
            PictureChart::EventStudy(spec) => draw_event_study(area, spec),
            PictureChart::Scatter(spec) => {
                // The picture shows the selected area, not where the pointer happened to be.
                let spec = ScatterSpec { highlighted: None, ..spec.clone() };
                draw_scatter(area, &spec).map(|_| ())
            }
        }
    }

    /// The picture's key rows and footnotes for this chart.
    pub fn key(&self) -> (Vec<KeyRow>, Vec<String>) {
        let row = |sample, label: &str| KeyRow { sample, label: label.to_string() };
        let line = |colour, dash, width, round| Sample::Line { colour, dash, width, round };
        match self {
            PictureChart::Trend(spec) => trend_key(spec),
            PictureChart::Districts(spec) => (
                vec![
                    row(line(spec.accent, 0, 3, true), "The district each panel is named after"),
                    row(line(OTHER_DISTRICTS, 0, 2, false), "The other districts"),
                ],
                vec![],
            ),
            PictureChart::Did(spec) => (
                vec![
                    row(line(PATCH_COLOUR, 0, 3, true), "The patch"),
                    row(line(COMPARISON, 6, 2, false), "The comparison areas"),
                    row(line(PATCH_COLOUR, 2, 1, false), "The patch, had it changed as the comparison areas did"),
                    row(Sample::Pin(PATCH_COLOUR), "The difference in differences, with its 95% interval"),
                ],
                vec![format!(
                    "Left: {} before ({}) and after ({}). Right: how much more the patch changed than the comparison \
                     areas; an interval across 0 shows no clear difference.",
                    spec.y_label, spec.before, spec.after
                )],
            ),
            PictureChart::EventStudy(spec) => (
                vec![
                    row(Sample::Pin(PATCH_COLOUR), "The patch minus the comparison areas, with its 95% interval"),
                    row(Sample::DashedRule(INK), "The start of the intervention"),
                ],
                vec![format!(
                    "Each period is compared with {}, the last before the start (the hollow point, 0 by construction).",
                    spec.reference
                )],
            ),
            PictureChart::Scatter(_) => (
                vec![],
                vec!["One point per area. Dashed rules: the thirds of each indicator, the bivariate map's classes."
                    .to_string()],
            ),
            PictureChart::Profile(_) => (vec![], vec![]),
        }
    }
}

/// A trend chart's key: its lines (the main series first), then its intervention and note
/// markers, and the ‡ rule; footnotes for the bands and for each definition change.
pub fn trend_key(spec: &TrendSpec) -> (Vec<KeyRow>, Vec<String>) {
    let mut rows: Vec<KeyRow> = spec
        .lines
        .iter()
        .rev()
        .map(|line| {
            let (dash, width, round) = match line.style {
                LineStyle::Primary => (0, 3, true),
                LineStyle::Comparator(dash) => (dash, 2, false),
            };
            KeyRow { sample: Sample::Line { colour: line.colour, dash, width, round }, label: line.label.clone() }
        })
        .collect();
    for marker in &spec.markers {
        rows.push(if marker.note {
            KeyRow { sample: Sample::Pin(PATCH_COLOUR), label: format!("Note by {}", marker.label) }
        } else {
            KeyRow { sample: Sample::Rule(INK), label: format!("{}: intervention start", marker.label) }
        });
    }
    let mut notes = Vec::new();
    if spec.lines.iter().any(|l| l.points.iter().any(|p| p.lower.is_some() && p.upper.is_some())) {
        notes.push("Shaded bands and bars: 95% confidence intervals.".to_string());
    }
    if !spec.changes.is_empty() {
        rows.push(KeyRow {
            sample: Sample::DashedRule(CHANGE_RULE),
            label: "‡ Definition or boundaries changed".into(),
        });
        for &at in &spec.changes {
            let period = |i: usize| spec.periods.get(i).map_or("", String::as_str);
            notes.push(format!(
                "‡ The definition or the boundaries changed between {} and {}: figures either side of the dashed \
                 rule may not be comparable.",
                period(at.saturating_sub(1)),
                period(at)
            ));
        }
    }
    (rows, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::trend::{TrendLine, TrendMarker, TrendPoint};

    fn spec(changes: Vec<usize>, markers: Vec<TrendMarker>) -> TrendSpec {
        let point = |v: f64| TrendPoint { value: Some(v), lower: Some(v - 1.0), upper: Some(v + 1.0) };
        TrendSpec {
            periods: vec!["2015".into(), "2019".into(), "2025".into()],
            y_label: "%".into(),
            from_zero: true,
            changes,
            lines: vec![
                TrendLine {
                    label: "England".into(),
                    colour: INK,
                    style: LineStyle::Comparator(3),
                    points: vec![point(1.0); 3],
                },
                TrendLine {
                    label: "My patch".into(),
                    colour: PATCH_COLOUR,
                    style: LineStyle::Primary,
                    points: vec![point(2.0); 3],
                },
            ],
            decimals: 1,
            markers,
        }
    }

    #[test]
    fn a_trend_key_lists_the_main_line_first_then_markers_and_explains_the_double_dagger() {
        let markers = vec![
            TrendMarker { x: 1.5, label: "Hub".into(), note: false },
            TrendMarker { x: 2.0, label: "Sam".into(), note: true },
        ];
        let (rows, notes) = trend_key(&spec(vec![2], markers));
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            ["My patch", "England", "Hub: intervention start", "Note by Sam", "‡ Definition or boundaries changed"]
        );
        assert_eq!(rows[0].sample, Sample::Line { colour: PATCH_COLOUR, dash: 0, width: 3, round: true });
        assert_eq!(rows[2].sample, Sample::Rule(INK));
        assert!(notes.iter().any(|n| n.starts_with("‡ ") && n.contains("between 2019 and 2025")), "{notes:?}");
    }

    #[test]
    fn no_double_dagger_note_without_a_change() {
        let (rows, notes) = trend_key(&spec(vec![], vec![]));
        assert!(rows.iter().chain([]).all(|r| !r.label.contains('‡')));
        assert!(notes.iter().all(|n| !n.contains('‡')), "{notes:?}");
    }
}
