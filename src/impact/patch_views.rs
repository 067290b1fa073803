//! What the patch adds to the map's own views: its line on the selected area's trend chart (and,
//! on the charts of the patch's own areas, a marker at each intervention's start), that line's
//! legend row, its row in the data table and CSV, and its rows in the map picture's key. The map
//! module makes the area's chart, rows and key; the analysis module adds the patch's here, so the
//! page only passes values between the two.

use super::chart::{axis_position, PATCH_COLOUR};
use super::figures::PatchFigure;
use super::notes::{note_label, Note};
use super::patch::{Intervention, Patch};
use super::tables::BundleTables;
use crate::layout::key::LegendEntry;
use crate::layout::table::TableRow;
use crate::layout::trend::{LineStyle, TrendLine, TrendMarker, TrendPoint, TrendSpec};
use crate::layout::trend_spec::LegendLine;
use crate::model::bundle::Indicator;

/// Whether the figures can be drawn as a line on a chart of `periods` periods.
fn drawable(figures: &[PatchFigure], periods: usize) -> bool {
    figures.len() == periods && figures.iter().any(|f| f.value.is_some())
}

/// The area's chart with the patch's line (`name`), just below the area's own line, which stays
/// on top; with `interventions` (the area is in the patch), a marker at each one's start.
/// Unchanged when the patch has nothing to draw.
pub fn with_patch(
    mut spec: TrendSpec,
    indicator: &Indicator,
    name: &str,
    figures: &[PatchFigure],
    interventions: Option<&[Intervention]>,
) -> TrendSpec {
    if !drawable(figures, spec.periods.len()) {
        return spec;
    }
    let points = figures.iter().map(|f| TrendPoint { value: f.value, lower: None, upper: None }).collect();
    let line = TrendLine { label: name.to_string(), colour: PATCH_COLOUR, style: LineStyle::Comparator(0), points };
    spec.lines.insert(spec.lines.len().saturating_sub(1), line);
    if let Some(interventions) = interventions {
        spec.markers = interventions
            .iter()
            .map(|x| TrendMarker { x: axis_position(indicator, &x.start), label: x.name.clone(), note: false })
            .collect();
    }
    spec
}

/// The legend row of the patch's line, when it has one: "My patch (patch)".
pub fn patch_legend(name: &str, figures: &[PatchFigure]) -> Option<LegendLine> {
    figures.iter().any(|f| f.value.is_some()).then(|| LegendLine {
        label: format!("{name} (patch)"),
        colour: PATCH_COLOUR.to_string(),
        dash: 0,
        primary: false,
    })
}

/// The patch as a row of the data table and CSV, for one period's figure.
pub fn patch_row(name: &str, areas: usize, figure: &PatchFigure) -> TableRow {
    let comparison = match (figure.reason.is_empty(), figure.estimated) {
        (false, _) => figure.reason.clone(),
        (true, true) => "sum of areas (estimated counts)".to_string(),
        (true, false) => "sum of areas".to_string(),
    };
    TableRow {
        code: "patch".to_string(),
        name: format!("Patch: {name} ({areas} LSOAs)"),
        district: String::new(),
        value: figure.value,
        value_text: figure.value_text.clone(),
        interval_text: figure.interval_text.clone(),
        numerator: figure.numerator,
        denominator: figure.denominator,
        lower: figure.lower,
        upper: figure.upper,
        comparison,
        glyph: String::new(),
        rank: None,
    }
}

/// The map picture's key rows for the patch's outline and each note's pin: every note in full
/// (the picture wraps long rows), numbered as its pin.
pub fn map_key(tables: &BundleTables, patch: &Patch, notes: &[Note]) -> Vec<LegendEntry> {
    let colour = PATCH_COLOUR.to_string();
    let row = |label: String| LegendEntry { colour: colour.clone(), label, no_data: false };
    let outline =
        (!patch.areas.is_empty()).then(|| row(format!("Outlined: {} ({} LSOAs)", patch.name, patch.areas.len())));
    let pins = notes.iter().enumerate().map(|(i, note)| row(note_label(tables, i + 1, note)));
    outline.into_iter().chain(pins).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::impact::figures::Status;

    fn figure(value: Option<f64>) -> PatchFigure {
        PatchFigure {
            period: "2025".into(),
            period_label: "IoD2025".into(),
            value,
            value_text: value.map_or("no data".into(), |v| format!("{v:.1}%")),
            interval_text: String::new(),
            lower: None,
            upper: None,
            numerator: Some(12.0),
            denominator: Some(100.0),
            counts_text: "12 of 100".into(),
            areas: 3,
            withheld: 0,
            estimated: false,
            status: Status::Shown,
            reason: String::new(),
        }
    }

    #[test]
    fn a_patch_without_figures_adds_no_legend_row() {
        assert!(patch_legend("Bootle", &[figure(None)]).is_none());
        let line = patch_legend("Bootle", &[figure(Some(12.0))]).expect("a drawn line has a legend row");
        assert_eq!(line.label, "Bootle (patch)");
        assert_eq!(line.colour, "#008098");
    }

    #[test]
    fn the_patch_row_says_how_its_figure_was_made() {
        let row = patch_row("Bootle", 3, &figure(Some(12.0)));
        assert_eq!((row.code.as_str(), row.name.as_str()), ("patch", "Patch: Bootle (3 LSOAs)"));
        assert_eq!(row.comparison, "sum of areas");
        let mut estimated = figure(Some(12.0));
        estimated.estimated = true;
        assert_eq!(patch_row("Bootle", 3, &estimated).comparison, "sum of areas (estimated counts)");
        let mut withheld = figure(None);
        withheld.reason = "2 of the 3 areas have no published count".into();
        assert_eq!(patch_row("Bootle", 3, &withheld).comparison, withheld.reason);
    }
}
