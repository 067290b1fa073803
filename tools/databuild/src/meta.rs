//! Indicator metadata (everything except the series): labels, definitions, units, sources and
//! periods. Period ids are stable plain strings; the labels for people live here.

use work_health_atlas::model::bundle::{Indicator, Period, Polarity, Source, Theme, Unit};

/// The licence of every shipped figure.
pub const OGL: &str = "Open Government Licence v3.0";

/// IoD period metadata.
pub fn iod_periods() -> Vec<Period> {
    vec![
        period(
            "2010",
            "ID2010",
            "data mostly about 2008",
            Some("Published on LSOA 2001 boundaries as a score rounded to 2 decimals, with no numerator or denominator; carried to LSOA 2021 through the ONS lookups (see each series' method)."),
        ),
        period(
            "2019",
            "IoD2019",
            "data mostly about 2015/16 (denominators mid-2015)",
            Some("Published on LSOA 2011; counts converted to LSOA 2021. The benefits counted changed since 2010 (Universal Credit added), so compare rates across editions with care and never compare ranks."),
        ),
        period(
            "2025",
            "IoD2025",
            "data mostly about 2021–23",
            Some("Published on LSOA 2021. Benefit rules and Universal Credit roll-out changed who is counted since 2019."),
        ),
    ]
}

/// Census 2021 period.
pub fn census_2021() -> Period {
    period("2021", "Census 2021", "Census day, 21 March 2021", None)
}

/// A period.
pub fn period(id: &str, label: &str, reference: &str, change: Option<&str>) -> Period {
    Period {
        id: id.to_string(),
        label: label.to_string(),
        reference: reference.to_string(),
        change_note: change.map(str::to_string),
    }
}

/// A percentage unit.
pub fn percent(label: &str) -> Unit {
    Unit { symbol: "%".to_string(), label: label.to_string(), multiplier: 100.0 }
}

/// Everything about an indicator except periods and series.
pub struct Text<'a> {
    /// Stable id.
    pub id: &'a str,
    /// Short label.
    pub label: &'a str,
    /// Active-title fragment.
    pub title: &'a str,
    /// One-sentence definition.
    pub definition: &'a str,
    /// Unit.
    pub unit: Unit,
    /// Decimals to show.
    pub decimals: u8,
    /// Polarity.
    pub polarity: Polarity,
    /// Theme.
    pub theme: Theme,
    /// (producer, dataset, edition).
    pub source: (&'a str, &'a str, &'a str),
    /// Geography vintage note.
    pub vintage: &'a str,
}

/// An indicator with metadata and periods, no series yet.
pub fn shell(text: Text, periods: Vec<Period>) -> Indicator {
    Indicator {
        id: text.id.to_string(),
        label: text.label.to_string(),
        title: text.title.to_string(),
        definition: text.definition.to_string(),
        unit: text.unit,
        decimals: text.decimals,
        polarity: text.polarity,
        theme: text.theme,
        source: Source {
            producer: text.source.0.to_string(),
            dataset: text.source.1.to_string(),
            edition: text.source.2.to_string(),
        },
        licence: OGL.to_string(),
        geography_vintage: text.vintage.to_string(),
        periods,
        series: Vec::new(),
        comparator_values: Vec::new(),
    }
}

/// MHCLG as producer.
pub const MHCLG: &str = "Ministry of Housing, Communities and Local Government";
/// ONS as producer.
pub const ONS: &str = "Office for National Statistics";
