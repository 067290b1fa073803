//! The patch's CSV: `#` lines with the indicator's definition, source, geography vintage, the
//! patch's areas, its interventions, the bundle's attribution and (when run) the comparison's
//! finding, method and caveats; then the patch's figure for every period; then the comparison
//! areas and the notes as their own tables. Every text cell goes through
//! [`csv_cell`](crate::format::csv::csv_cell), which neutralises spreadsheet formulas.

use super::comparison::ComparisonReport;
use super::figures::{patch_trend, Status};
use super::notes::Note;
use super::patch::Patch;
use super::tables::BundleTables;
use crate::format::csv::{csv_cell, csv_comment, csv_number};
use crate::format::plain;

/// The patch's figures for `indicator_id` as CSV; `None` for an unknown indicator.
pub fn patch_csv(
    tables: &BundleTables,
    patch: &Patch,
    members: &[usize],
    indicator_id: &str,
    comparison: Option<&ComparisonReport>,
    notes: &[Note],
) -> Option<String> {
    let indicator = tables.indicator(indicator_id)?;
    let mut lines = vec![
        csv_comment(&format!("{}: {}", patch.name, indicator.title)),
        csv_comment(&format!("Definition: {}", indicator.definition)),
        csv_comment(&format!(
            "Source: {}, {}, {}. Licence: {}",
            indicator.source.producer, indicator.source.dataset, indicator.source.edition, indicator.licence
        )),
        csv_comment(&format!("Geography: {}", indicator.geography_vintage)),
        csv_comment(&format!("Unit: {}", indicator.unit.label)),
        csv_comment(&format!(
            "Patch: {} {} ({}); figures are sums of the areas' counts, withheld when any area's count is not published",
            members.len(),
            tables.base().noun_plural,
            patch.areas.join(" ")
        )),
    ];
    for x in &patch.interventions {
        let note = x.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
        lines.push(csv_comment(&format!("Intervention: {} from {}{note}", x.name, x.start)));
    }
    lines.extend(tables.meta.attribution.iter().map(|a| csv_comment(a)));
    if !tables.meta.vintage.is_empty() {
        lines.push(csv_comment(&format!("Data: {}", tables.meta.vintage)));
    }
    if tables.meta.synthetic {
        lines.push(csv_comment("SYNTHETIC test data — not real figures"));
    }
    if let Some(c) = comparison {
        lines.push(csv_comment(&format!("Comparison: {}", c.sentence)));
        lines.push(csv_comment(&format!("Method: {} Matched on {}.", c.method, c.matched_on.join(", "))));
        lines.extend(c.caveats.iter().map(|x| csv_comment(&format!("Caveat: {x}"))));
    }
    lines
        .push("period,period_label,value,numerator,denominator,lower_95,upper_95,areas,withheld,estimated,note".into());
    for f in patch_trend(tables, indicator, members) {
        lines.push(
            [
                csv_cell(&f.period),
                csv_cell(&f.period_label),
                csv_number(f.value),
                csv_number(f.numerator),
                csv_number(f.denominator),
                csv_number(f.lower),
                csv_number(f.upper),
                f.areas.to_string(),
                f.withheld.to_string(),
                f.estimated.to_string(),
                csv_cell(if f.status == Status::Shown { "" } else { &f.reason }),
            ]
            .join(","),
        );
    }
    if let Some(c) = comparison.filter(|c| !c.matches.is_empty()) {
        lines.push(String::new());
        lines.push("comparison_code,comparison_name,district,matched_to,distance_sd,matched_on".into());
        for m in &c.matches {
            lines.push(
                [
                    csv_cell(&m.code),
                    csv_cell(&m.name),
                    csv_cell(&m.district),
                    csv_cell(&m.matched_to),
                    plain(m.distance, 3),
                    csv_cell(&m.why),
                ]
                .join(","),
            );
        }
    }
    if !notes.is_empty() {
        lines.push(String::new());
        lines.push("note_area,note_patch,period,author,date,text".into());
        for n in notes {
            lines.push(
                [
                    csv_cell(n.area.as_deref().unwrap_or("")),
                    csv_cell(n.patch.as_deref().unwrap_or("")),
                    csv_cell(&n.period),
                    csv_cell(&n.author),
                    csv_cell(&n.date),
                    csv_cell(&n.text),
                ]
                .join(","),
            );
        }
    }
    Some(lines.join("\n") + "\n")
}
