//! The patch's export: one table per file, each a plain CSV (header first, every row as wide)
//! with its CSVW sidecar. The figures file has the patch's figure for every period; when a
//! comparison was run, a second file lists the comparison areas; when there are notes, a third
//! lists them. What used to be `#` lines — the indicator's definition, source, licence, geography
//! vintage, the patch's areas, its interventions, the bundle's attribution and the comparison's
//! finding, method and caveats — goes in every file's sidecar. Values have the indicator's
//! decimals, interval limits one more, counts none. Every text cell goes through
//! [`csv_cell`](crate::format::csv::csv_cell), which neutralises spreadsheet formulas.

use super::comparison::ComparisonReport;
use super::figures::{patch_trend, Status};
use super::notes::Note;
use super::patch::Patch;
use super::tables::BundleTables;
use crate::format::csv::{csv_cell, csv_count, csv_fixed, csv_table};
use crate::format::csvw::{metadata_json, Column, TableMeta, SYNTHETIC};
use crate::format::plain;
use serde::Serialize;

/// One exported table: its file name, the CSV, and the sidecar (`<file>-metadata.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportFile {
    /// The CSV's file name, e.g. `north-employment-deprivation.csv`.
    pub file: String,
    /// The CSV (see [`crate::format::csv::csv_table`]).
    pub csv: String,
    /// The CSVW sidecar, whose `url` is `file`.
    pub metadata: String,
}

/// The columns of the figures file.
fn figure_columns(unit: &str, d: u8) -> Vec<Column> {
    let count = |what: &str| {
        format!("{what}, summed over the patch's areas and rounded to a whole number; empty when withheld")
    };
    let limit = |which: &str| {
        format!(
            "{which} limit of the 95% confidence interval (Wilson score, for percentages), in {unit}, with {} decimals",
            d.saturating_add(1).min(6)
        )
    };
    vec![
        Column::new("period", "Period", "string", "Period id"),
        Column::new("period_label", "Period label", "string", "Period name"),
        Column::new(
            "value",
            format!("Value ({unit})"),
            "decimal",
            format!("The patch's figure from its summed counts, in {unit}, with {d} decimals; empty when withheld"),
        ),
        Column::new("numerator", "Numerator", "integer", count("The count (numerator)")),
        Column::new("denominator", "Denominator", "integer", count("The population (denominator)")),
        Column::new("lower_95", "Lower 95% limit", "decimal", limit("Lower")),
        Column::new("upper_95", "Upper 95% limit", "decimal", limit("Upper")),
        Column::new("areas", "Areas", "integer", "The patch's areas in this period"),
        Column::new("withheld", "Withheld", "integer", "Areas whose count is not published"),
        Column::new("estimated", "Estimated", "boolean", "Whether the counts are estimates"),
        Column::new("note", "Note", "string", "Why there is no figure; empty when there is one"),
    ]
}

fn comparison_columns() -> Vec<Column> {
    vec![
        Column::new("comparison_code", "Area code", "string", "ONS code of a comparison area"),
        Column::new("comparison_name", "Area name", "string", "Name of the comparison area"),
        Column::new("district", "District", "string", "Its district"),
        Column::new("matched_to", "Matched to", "string", "The patch area it was matched to"),
        Column::new(
            "distance_sd",
            "Distance (SD)",
            "decimal",
            "Distance on the matching features, in standard deviations, with up to 3 decimals",
        ),
        Column::new("matched_on", "Why matched", "string", "The features' values of both areas"),
    ]
}

fn note_columns() -> Vec<Column> {
    vec![
        Column::new("note_area", "Area", "string", "Code of the area the note is about; empty for a note on the patch"),
        Column::new(
            "note_patch",
            "Patch",
            "string",
            "Name of the patch the note is about; empty for a note on an area",
        ),
        Column::new("period", "Period", "string", "Period id"),
        Column::new("author", "Author", "string", "Who wrote the note"),
        Column::new("date", "Date", "string", "When (YYYY-MM-DD)"),
        Column::new("text", "Text", "string", "The note"),
    ]
}

/// The synthetic label as a last column, for made-up data (see `app::export`).
fn with_status(mut columns: Vec<Column>, synthetic: bool) -> Vec<Column> {
    if synthetic {
        columns.push(Column::new("data_status", "Data status", "string", SYNTHETIC));
    }
    columns
}

/// The patch's tables for `indicator_id`, named from `stem` (`stem.csv`,
/// `stem-comparison-areas.csv`, `stem-notes.csv`); `None` for an unknown indicator.
pub fn patch_csv(
    tables: &BundleTables,
    patch: &Patch,
    members: &[usize],
    indicator_id: &str,
    comparison: Option<&ComparisonReport>,
    notes: &[Note],
    stem: &str,
) -> Option<Vec<ExportFile>> {
    let indicator = tables.indicator(indicator_id)?;
    let synthetic = tables.meta.synthetic;
    let status = |mut cells: Vec<String>| {
        if synthetic {
            cells.push(csv_cell(SYNTHETIC));
        }
        cells
    };
    let mut about = vec![format!(
        "Patch: {} {} ({}); figures are sums of the areas' counts, withheld when any area's count is not published",
        members.len(),
        tables.base().noun_plural,
        patch.areas.join(" ")
    )];
    for x in &patch.interventions {
        let note = x.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
        about.push(format!("Intervention: {} from {}{note}", x.name, x.start));
    }
    if let Some(c) = comparison {
        about.push(format!("Comparison: {}", c.sentence));
        about.push(format!("Method: {} Matched on {}.", c.method, c.matched_on.join(", ")));
        about.extend(c.caveats.iter().map(|x| format!("Caveat: {x}")));
    }
    about.push("Counts (numerator, denominator) are rounded to whole numbers.".into());
    let source = format!("{}, {} ({})", indicator.source.producer, indicator.source.dataset, indicator.source.edition);
    let period: Vec<String> = indicator.periods.iter().map(|p| format!("{}: {}", p.label, p.reference)).collect();
    let period = period.join("; ");
    let file = |table: &str, title: String, columns: Vec<Column>, rows: Vec<Vec<String>>| {
        let file = format!("{stem}{table}.csv");
        let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
        let csv = csv_table(&header, &rows);
        let metadata = metadata_json(&TableMeta {
            url: &file,
            title: &title,
            definition: &indicator.definition,
            source: &source,
            licence: &indicator.licence,
            publisher: &indicator.source.producer,
            period: &period,
            geography: &indicator.geography_vintage,
            unit: &indicator.unit.label,
            attribution: &tables.meta.attribution,
            vintage: &tables.meta.vintage,
            notes: about.clone(),
            synthetic,
            columns: &columns,
        });
        ExportFile { file, csv, metadata }
    };

    let d = indicator.decimals;
    let figures = patch_trend(tables, indicator, members)
        .into_iter()
        .map(|f| {
            status(vec![
                csv_cell(&f.period),
                csv_cell(&f.period_label),
                csv_fixed(f.value, d),
                csv_count(f.numerator),
                csv_count(f.denominator),
                csv_fixed(f.lower, d.saturating_add(1)),
                csv_fixed(f.upper, d.saturating_add(1)),
                f.areas.to_string(),
                f.withheld.to_string(),
                f.estimated.to_string(),
                csv_cell(if f.status == Status::Shown { "" } else { &f.reason }),
            ])
        })
        .collect();
    let title = format!("{}: {}", patch.name, indicator.title);
    let mut files = vec![file("", title, with_status(figure_columns(&indicator.unit.label, d), synthetic), figures)];
    if let Some(c) = comparison.filter(|c| !c.matches.is_empty()) {
        let rows = c
            .matches
            .iter()
            .map(|m| {
                status(vec![
                    csv_cell(&m.code),
                    csv_cell(&m.name),
                    csv_cell(&m.district),
                    csv_cell(&m.matched_to),
                    plain(m.distance, 3),
                    csv_cell(&m.why),
                ])
            })
            .collect();
        let title = format!("{}: comparison areas for {}", patch.name, indicator.title);
        files.push(file("-comparison-areas", title, with_status(comparison_columns(), synthetic), rows));
    }
    if !notes.is_empty() {
        let rows = notes
            .iter()
            .map(|n| {
                status(vec![
                    csv_cell(n.area.as_deref().unwrap_or("")),
                    csv_cell(n.patch.as_deref().unwrap_or("")),
                    csv_cell(&n.period),
                    csv_cell(&n.author),
                    csv_cell(&n.date),
                    csv_cell(&n.text),
                ])
            })
            .collect();
        files.push(file("-notes", format!("{}: notes", patch.name), with_status(note_columns(), synthetic), rows));
    }
    Some(files)
}
