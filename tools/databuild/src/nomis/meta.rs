//! The indicator metadata file (`--meta`): every field of a bundle `Indicator` except the
//! periods and series, which come from the CSV, plus the wording of each month's reference.
//! Field names are the schema's, so the file reads like the indicator it produces.

use super::month::Month;
use serde::Deserialize;
use std::collections::BTreeMap;
use work_health_atlas::model::bundle::{Period, Polarity, Source, Theme, Unit};

/// Placeholder in [`NomisMeta::period_reference`] replaced by the month, e.g. "March 2024".
pub const MONTH_PLACEHOLDER: &str = "{month}";

/// Contents of the metadata JSON file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NomisMeta {
    /// Indicator id; an existing indicator with this id is replaced.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Active title fragment.
    pub title: String,
    /// One-sentence definition.
    pub definition: String,
    /// Unit of the counts (multiplier 1: there is no denominator).
    pub unit: Unit,
    /// Decimals to show.
    pub decimals: u8,
    /// Whether higher is worse, better or neither.
    pub polarity: Polarity,
    /// Theme for grouping.
    pub theme: Theme,
    /// Producer, dataset and edition.
    pub source: Source,
    /// Licence of the figures.
    pub licence: String,
    /// Geography vintage of the figures as published.
    pub geography_vintage: String,
    /// Reference wording of each period, with `{month}` for the month,
    /// e.g. "claimants on the count date in {month}".
    pub period_reference: String,
    /// Optional change notes by period id (`YYYY-MM`), e.g. a definition change.
    #[serde(default)]
    pub period_change_notes: BTreeMap<String, String>,
}

impl NomisMeta {
    /// Parses the metadata file; `name` is used in messages.
    pub fn parse(bytes: &[u8], name: &str) -> Result<NomisMeta, String> {
        let meta: NomisMeta = serde_json::from_slice(bytes).map_err(|e| format!("error: {name}: {e}"))?;
        if meta.id.trim().is_empty() || meta.id.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '-')) {
            return Err(format!("error: {name}: id \"{}\" must be non-empty letters, digits and '-'", meta.id));
        }
        if !meta.period_reference.contains(MONTH_PLACEHOLDER) {
            return Err(format!("error: {name}: period_reference must contain {MONTH_PLACEHOLDER}"));
        }
        Ok(meta)
    }

    /// The bundle period for a month.
    pub fn period(&self, month: Month) -> Period {
        let id = month.id();
        Period {
            label: month.label(),
            reference: self.period_reference.replace(MONTH_PLACEHOLDER, &month.to_string()),
            change_note: self.period_change_notes.get(&id).cloned(),
            id,
        }
    }

    /// Change-note keys that are not months of the data (a likely typo); located messages.
    pub fn unused_change_notes(&self, months: &[Month], name: &str) -> Vec<String> {
        let ids: Vec<String> = months.iter().map(Month::id).collect();
        self.period_change_notes
            .keys()
            .filter(|k| !ids.contains(k))
            .map(|k| format!("error: {name}: period_change_notes \"{k}\" is not a month in the CSV"))
            .collect()
    }
}
