//! What each imported indicator says about itself: the metadata of the datasets the importer
//! recognises (the DWP claimant count from Nomis, people on Universal Credit from Stat-Xplore),
//! and metadata built from a person's [`SeriesMeta`] for anything else.
//!
//! Recognised datasets are counts of people, shown as a percentage of Census 2021 residents aged
//! 16–64 so that areas of different sizes compare. Universal Credit also counts some people aged
//! 65+ (in mixed-age couples), so its "rate" is an approximation, and the method says so.

use super::meta::{free_id, slug, SeriesMeta};
use super::reading::{Known, Measure};
use crate::model::bundle::{Polarity, Theme, Unit};

/// Where the denominators of a percentage come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denominators {
    /// Census 2021 residents aged 16–64 (the reference data), summed for larger areas.
    Residents,
    /// The file's own denominators (template).
    File,
    /// No denominators: the values are the counts, or values as given.
    None,
}

/// Everything about an indicator except its periods and series.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// Indicator id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Active title.
    pub title: String,
    /// One-sentence definition.
    pub definition: String,
    /// Unit of the values.
    pub unit: Unit,
    /// Decimals; `None` for 1, or 0 when every value is whole.
    pub decimals: Option<u8>,
    /// Polarity.
    pub polarity: Polarity,
    /// Theme.
    pub theme: Theme,
    /// Producer of the figures.
    pub producer: String,
    /// Dataset name.
    pub dataset: String,
    /// Licence.
    pub licence: String,
    /// What each period counts, before the period's dates, e.g. "claimants on the count date in ".
    pub reference_prefix: String,
    /// How the values were obtained.
    pub method: String,
    /// Denominators.
    pub denominators: Denominators,
}

const OGL: &str = "Open Government Licence v3.0";
const RESIDENTS_LABEL: &str = "% of residents aged 16–64";

fn percent(label: &str) -> Unit {
    Unit { symbol: "%".into(), label: label.into(), multiplier: 100.0 }
}

/// The metadata of a recognised dataset.
pub fn known(known: Known, shipped: &[&str]) -> Description {
    match known {
        Known::ClaimantCount => Description {
            id: free_id("claimant-rate", shipped),
            label: "Claimant rate".into(),
            title: "Claimants as a share of residents aged 16–64".into(),
            definition: "People claiming unemployment-related benefits (the claimant count) as a percentage of residents aged 16–64 (Census 2021).".into(),
            unit: percent(RESIDENTS_LABEL),
            decimals: Some(1),
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            producer: "Department for Work and Pensions (via Nomis)".into(),
            dataset: "Claimant count by LSOA (NM_162_1)".into(),
            licence: OGL.into(),
            reference_prefix: "claimants on the count date in ".into(),
            method: "Claimant count ÷ Census 2021 residents aged 16–64 × 100; wards and districts sum their LSOAs' counts and residents.".into(),
            denominators: Denominators::Residents,
        },
        Known::UniversalCreditPeople => Description {
            id: free_id("uc-people", shipped),
            label: "People on Universal Credit".into(),
            title: "People on Universal Credit as a share of residents aged 16–64".into(),
            definition: "People on Universal Credit as a percentage of residents aged 16–64 (Census 2021).".into(),
            unit: percent(RESIDENTS_LABEL),
            decimals: Some(1),
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            producer: "Department for Work and Pensions (via Stat-Xplore)".into(),
            dataset: "People on Universal Credit".into(),
            licence: OGL.into(),
            reference_prefix: "people on Universal Credit in ".into(),
            method: "People on Universal Credit ÷ Census 2021 residents aged 16–64 × 100; wards and districts sum their LSOAs' counts and residents. Universal Credit also counts some people aged 65 and over (in mixed-age couples), so this approximates a rate.".into(),
            denominators: Denominators::Residents,
        },
    }
}

/// The metadata of one breakdown category of a dataset, e.g. "Searching for work".
pub fn category(all: &Description, name: &str, shipped: &[&str]) -> Description {
    let mut d = all.clone();
    let id = format!("{}-{}", all.id.trim_start_matches("added-"), slug(name));
    d.id = free_id(&id, shipped);
    d.label = format!("{}: {name}", all.label);
    d.title = match all.title.split_once(" as a share") {
        Some((what, rest)) => format!("{what} ({name}) as a share{rest}"),
        None => format!("{} ({name})", all.title),
    };
    d.definition = format!("{} Only people in the category \"{name}\".", all.definition);
    if name.to_lowercase().starts_with("working") {
        // People in work on Universal Credit are not a sign of worklessness.
        d.polarity = Polarity::Neither;
    }
    d
}

/// The metadata of unrecognised figures from the person's `meta`.
pub fn from_meta(meta: &SeriesMeta, measure: Measure, file_name: &str, shipped: &[&str]) -> Description {
    let id = free_id(meta.id.as_deref().filter(|i| !i.trim().is_empty()).unwrap_or(&meta.name), shipped);
    let unit_text = meta.unit.trim();
    let is_percent = unit_text.starts_with('%');
    let percent_label = if unit_text == "%" { "per cent" } else { unit_text };
    let (unit, decimals, denominators, method) = match measure {
        Measure::Ratios => (
            percent(if is_percent { percent_label } else { "per cent" }),
            Some(1),
            Denominators::File,
            "Numerator ÷ denominator × 100, as given in the file; larger areas sum their members' numerators and denominators.",
        ),
        Measure::Counts if is_percent => (
            percent(if unit_text == "%" { RESIDENTS_LABEL } else { unit_text }),
            Some(1),
            Denominators::Residents,
            "Count ÷ Census 2021 residents aged 16–64 × 100; larger areas sum their members' counts and residents.",
        ),
        Measure::Counts => (
            Unit { symbol: String::new(), label: unit_text.into(), multiplier: 1.0 },
            None,
            Denominators::None,
            "Counts as given in the file; larger areas sum their members' counts.",
        ),
        Measure::Values => (
            Unit {
                symbol: if is_percent { "%".into() } else { String::new() },
                label: if is_percent { percent_label.into() } else { unit_text.into() },
                multiplier: 1.0,
            },
            if is_percent { Some(1) } else { None },
            Denominators::None,
            "Values as given in the file; values cannot be summed, so larger areas show only what the file gives.",
        ),
    };
    let name = meta.name.trim().to_string();
    Description {
        id,
        label: name.clone(),
        title: name.clone(),
        definition: format!("{name}, as given in {file_name} by {}.", meta.source.trim()),
        unit,
        decimals,
        polarity: meta.polarity,
        theme: meta.theme.unwrap_or(Theme::Work),
        producer: meta.source.trim().to_string(),
        dataset: file_name.to_string(),
        licence: meta.licence.trim().to_string(),
        reference_prefix: String::new(),
        method: method.to_string(),
        denominators,
    }
}

/// Marks made-up test figures so they are never taken for real ones.
pub fn mark_synthetic(d: &mut crate::model::bundle::Indicator) {
    if !d.label.starts_with("SYNTHETIC ") {
        d.label = format!("SYNTHETIC {}", d.label);
    }
    const NOTE: &str = " — SYNTHETIC test data, not real figures";
    if !d.source.edition.ends_with(NOTE) {
        d.source.edition.push_str(NOTE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(unit: &str) -> SeriesMeta {
        SeriesMeta {
            id: None,
            name: "Employment deprivation".into(),
            unit: unit.into(),
            polarity: Polarity::HigherIsWorse,
            source: "Our project".into(),
            licence: "CC BY 4.0".into(),
            theme: Some(Theme::Health),
        }
    }

    #[test]
    fn recognised_datasets() {
        let c = known(Known::ClaimantCount, &[]);
        assert_eq!((c.id.as_str(), c.label.as_str(), c.unit.multiplier), ("claimant-rate", "Claimant rate", 100.0));
        assert_eq!(known(Known::ClaimantCount, &["claimant-rate"]).id, "added-claimant-rate");
        let uc = known(Known::UniversalCreditPeople, &[]);
        assert!(uc.method.contains("65"));
        let searching = category(&uc, "Searching for work", &[]);
        assert_eq!(searching.id, "uc-people-searching-for-work");
        assert_eq!(
            searching.title,
            "People on Universal Credit (Searching for work) as a share of residents aged 16–64"
        );
        assert_eq!(category(&uc, "Working - no requirements", &[]).polarity, Polarity::Neither);
    }

    #[test]
    fn units_from_meta_by_measure() {
        let ratio = from_meta(&meta("people"), Measure::Ratios, "f.csv", &["employment-deprivation"]);
        assert_eq!(ratio.id, "added-employment-deprivation");
        assert_eq!(
            (ratio.unit.symbol.as_str(), ratio.unit.multiplier, ratio.denominators),
            ("%", 100.0, Denominators::File)
        );
        let counts = from_meta(&meta("people"), Measure::Counts, "f.csv", &[]);
        assert_eq!((counts.unit.label.as_str(), counts.unit.multiplier, counts.decimals), ("people", 1.0, None));
        let rate = from_meta(&meta("%"), Measure::Counts, "f.csv", &[]);
        assert_eq!((rate.unit.label.as_str(), rate.denominators), (RESIDENTS_LABEL, Denominators::Residents));
        let values = from_meta(&meta("%"), Measure::Values, "f.csv", &[]);
        assert_eq!((values.unit.symbol.as_str(), values.unit.multiplier, values.theme), ("%", 1.0, Theme::Health));
    }
}
