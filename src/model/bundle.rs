//! The data bundle's wire schema: one JSON document holding shared-arc geometry for every
//! geography layer, the comparator areas and every indicator series.
//!
//! This is the single definition of the format: the data builder (`tools/databuild`) writes these
//! types and the widget reads them. Values are stored in display units (a percentage is `31.2`);
//! numerators and denominators are counts. Every per-area vector is aligned with the area order of
//! the geography it names. Documented for people in `data/README.md`.

pub use super::parents::Parents;
use crate::stats::wilson::proportion_interval;
use crate::stats::{Direction, Interval};
use serde::{Deserialize, Serialize};

/// The value of [`Bundle::schema`] for bundles in this format.
pub const SCHEMA_ID: &str = "work-health-atlas/bundle";
/// The schema version this crate reads and writes. Readers reject other major versions.
pub const SCHEMA_VERSION: u32 = 1;

/// A complete data bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`SCHEMA_ID`].
    pub schema: String,
    /// Always [`SCHEMA_VERSION`] for this reader.
    pub version: u32,
    /// Title, licence, attribution and provenance of the bundle as a whole.
    pub meta: BundleMeta,
    /// Quantised, delta-encoded arcs shared by every geography layer.
    pub topology: Topology,
    /// Map layers, smallest first (e.g. `lsoa`, `msoa`, `ward`, `lad`).
    pub geographies: Vec<Geography>,
    /// Areas that have values but no shapes (e.g. the city region, England).
    #[serde(default)]
    pub comparators: Vec<Comparator>,
    /// Indicator metadata and series.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// Provenance of the bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleMeta {
    /// Human title, e.g. "Liverpool City Region work and health atlas".
    pub title: String,
    /// Short licence name, e.g. "Open Government Licence v3.0".
    pub licence: String,
    /// Attribution lines that must be shown with any view or export of the data.
    pub attribution: Vec<String>,
    /// Free-text notes about how the bundle was built (sources, methods, caveats).
    #[serde(default)]
    pub notes: Vec<String>,
    /// True for made-up test data; the widget labels such bundles as synthetic.
    #[serde(default)]
    pub synthetic: bool,
    /// A short stamp identifying the data vintage, e.g. "LCR atlas data 2025-11 (IoD2025, Census 2021)".
    #[serde(default)]
    pub vintage: String,
}

/// Shared-arc geometry in the spirit of TopoJSON: each arc is a polyline whose first point is an
/// absolute quantised position and whose later points are deltas from the previous point.
/// Position = quantised × `scale` + `translate`, in longitude/latitude degrees (WGS84).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topology {
    /// Degrees per quantisation step in x (longitude) and y (latitude).
    pub scale: [f64; 2],
    /// Longitude and latitude of quantised (0, 0).
    pub translate: [f64; 2],
    /// The arcs; an area ring refers to arc `i` forwards as `i` and reversed as `!i` (i.e. `-i - 1`).
    pub arcs: Vec<Vec<[i64; 2]>>,
}

/// One map layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    /// Stable id used by embed attributes: `lsoa`, `msoa`, `ward`, `lad`.
    pub id: String,
    /// Label for people, e.g. "Wards (2024, approximate)".
    pub label: String,
    /// Plural noun for sentences, e.g. "wards".
    pub noun_plural: String,
    /// Boundary vintage, e.g. "LSOA December 2021 (ONS)".
    pub vintage: String,
    /// True when boundaries are an approximation (best-fit of smaller areas).
    #[serde(default)]
    pub approximate: bool,
    /// How the layer was made and what it cannot show.
    #[serde(default)]
    pub note: String,
    /// When set, this layer's shapes are not stored: each area is the union of the areas of the
    /// named (smaller) layer whose `parents[<this id>]` is its code, dissolved by the reader along
    /// shared arcs. Areas then carry empty `polygons`. Saves a third of the geometry bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved_from: Option<String>,
    /// The areas, in a fixed order to which every series of this layer is aligned.
    pub areas: Vec<Area>,
}

/// One area of a layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Official code, e.g. `E01006512`.
    pub code: String,
    /// Official name, e.g. `Liverpool 031A`.
    pub name: String,
    /// Codes of the areas containing this one, keyed by geography id (e.g. `{"lad": "E08000012"}`).
    #[serde(default)]
    pub parents: Parents,
    /// Polygons → rings (first outer, later holes) → arc references.
    pub polygons: Vec<Vec<Vec<i64>>>,
}

/// An area with values but no shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// Official code, e.g. `E47000004` (Liverpool City Region) or `E92000001` (England).
    pub code: String,
    /// Name, e.g. "Liverpool City Region".
    pub name: String,
}

/// Whether a higher value is worse, better, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Higher values are worse (e.g. unemployment).
    HigherIsWorse,
    /// Higher values are better (e.g. life expectancy).
    HigherIsBetter,
    /// Higher is neither good nor bad.
    Neither,
}

impl From<Polarity> for Direction {
    /// The statistics' direction for an indicator's polarity (benchmarking, the recent trend).
    fn from(polarity: Polarity) -> Direction {
        match polarity {
            Polarity::HigherIsWorse => Direction::HigherIsWorse,
            Polarity::HigherIsBetter => Direction::HigherIsBetter,
            Polarity::Neither => Direction::Neither,
        }
    }
}

/// The theme an indicator belongs to, used to group the indicator picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Employment, unemployment, economic inactivity, benefits.
    Work,
    /// Health and disability.
    Health,
    /// Caring responsibilities.
    Care,
    /// Deprivation indices and household deprivation.
    Deprivation,
}

/// Who published the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// e.g. "Ministry of Housing, Communities and Local Government".
    pub producer: String,
    /// e.g. "English Indices of Deprivation".
    pub dataset: String,
    /// e.g. "2010, 2019 and 2025 editions".
    pub edition: String,
}

/// A unit of measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Short symbol appended to numbers, e.g. "%", " years"; empty for ratios.
    pub symbol: String,
    /// Label for axes and tables, e.g. "% of working-age residents".
    pub label: String,
    /// value = numerator / denominator × multiplier (100 for percentages).
    pub multiplier: f64,
}

impl Unit {
    /// Whether values are percentages (symbol `%`): proportions, with Wilson intervals from counts.
    pub fn is_percentage(&self) -> bool {
        self.symbol.trim() == "%"
    }
}

/// One period of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Stable id: `2025`, `2021`, `2024-03`.
    pub id: String,
    /// Label for people, e.g. "IoD2025".
    pub label: String,
    /// Reference period of the underlying data, e.g. "data about 2021–23".
    pub reference: String,
    /// Set when the definition or boundaries changed from the previous period; says how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_note: Option<String>,
}

/// Per-area figures of one indicator for one geography layer and one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Geography id the vectors are aligned with.
    pub geography: String,
    /// Period id.
    pub period: String,
    /// Values in display units; `null` where not available. May be left empty when numerators
    /// and denominators are given: readers then derive each value with [`derived_value`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Option<f64>>,
    /// Counts; present when published or derived (see `method`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerators: Option<Vec<Option<f64>>>,
    /// Counts; present when published or derived (see `method`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominators: Option<Vec<Option<f64>>>,
    /// True when the values are estimates made by the builder rather than published figures.
    #[serde(default)]
    pub estimated: bool,
    /// How the values were obtained (published as-is, converted, aggregated from LSOAs, …).
    pub method: String,
}

/// A comparator's figure for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparatorValue {
    /// Comparator code from [`Bundle::comparators`].
    pub code: String,
    /// Period id.
    pub period: String,
    /// Value in display units.
    pub value: f64,
    /// Count, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// Count, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// True when the builder estimated the figure; `method` says how.
    #[serde(default)]
    pub estimated: bool,
    /// How the figure was obtained.
    pub method: String,
}

/// An indicator with its metadata and all its series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id, e.g. `employment-deprivation`.
    pub id: String,
    /// Short label, e.g. "Employment deprivation".
    pub label: String,
    /// Active title fragment, e.g. "Share of working-age residents out of work on benefits".
    pub title: String,
    /// One-sentence definition.
    pub definition: String,
    /// Unit of the values.
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
    /// Geography vintage of the figures as published, and how they were converted.
    pub geography_vintage: String,
    /// Periods in time order.
    pub periods: Vec<Period>,
    /// Per-area series.
    pub series: Vec<Series>,
    /// Figures for comparator areas.
    #[serde(default)]
    pub comparator_values: Vec<ComparatorValue>,
}

impl Indicator {
    /// A figure's interval in display units from its counts: the Wilson interval for a
    /// percentage ([`proportion_interval`]); `None` for other units or without both counts.
    pub fn proportion_interval(&self, numerator: Option<f64>, denominator: Option<f64>, z: f64) -> Option<Interval> {
        if !self.unit.is_percentage() {
            return None;
        }
        proportion_interval(numerator, denominator, z, self.unit.multiplier)
    }
}

/// The value a reader derives from counts when a series omits `values`:
/// `numerator / denominator × multiplier`, rounded half away from zero to `decimals` places.
/// `None` when either count is missing or the denominator is not positive. Writers omit values
/// only when this reproduces them exactly.
///
/// # Examples
/// ```
/// use work_health_atlas::model::bundle::derived_value;
/// assert_eq!(derived_value(Some(265.0), Some(820.0), 100.0, 1), Some(32.3));
/// assert_eq!(derived_value(Some(1.0), Some(0.0), 100.0, 1), None);
/// ```
pub fn derived_value(numerator: Option<f64>, denominator: Option<f64>, multiplier: f64, decimals: u8) -> Option<f64> {
    let (n, d) = (numerator?, denominator?);
    if d.is_nan() || d <= 0.0 || !n.is_finite() || !d.is_finite() {
        return None;
    }
    let factor = 10f64.powi(i32::from(decimals.min(6)));
    Some((n / d * multiplier * factor).round() / factor)
}
