//! Words for people about the current view: what a tooltip says about an area (value with unit
//! and period, class range, rank in the layer, comparison with the city region), the legend rows,
//! and the caption (active title, definition, source, reference period, boundaries, attribution).

use super::atlas::{Atlas, DISTRICT_GEOGRAPHY};
use crate::format;
pub use crate::layout::key::LegendEntry;
use crate::model::codes::REGION_CODE;
use serde::{Deserialize, Serialize};

/// What a tooltip or an event says about an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaInfo {
    /// Area code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// Geography id of the layer.
    pub geography: String,
    /// Name of the containing district, when the area is smaller than a district.
    pub district: Option<String>,
    /// Value in display units (a change in change mode).
    pub value: Option<f64>,
    /// Value formatted with unit, or "no data".
    pub value_text: String,
    /// Period label, e.g. "IoD2025" (or "IoD2019 to IoD2025" in change mode).
    pub period: Option<String>,
    /// The legend row the value falls in.
    pub class_label: Option<String>,
    /// e.g. "12th highest of 158 wards".
    pub rank_text: Option<String>,
    /// e.g. "Higher than the Liverpool City Region (18.2%)".
    pub comparison_text: Option<String>,
    /// The panel's heading: "Anfield, Liverpool", "Sefton 037D, in Linacre ward, Sefton" (the name
    /// alone for a district).
    pub heading: String,
    /// The panel's sentence: "31.5% in IoD2025. Higher than the Liverpool City Region (18.2%).
    /// 12th highest of 158 wards."
    pub summary: String,
}

/// The words around the map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Caption {
    /// Active title.
    pub title: String,
    /// Indicator definition.
    pub definition: String,
    /// Producer, dataset, edition.
    pub source: String,
    /// Reference period of the data.
    pub period: String,
    /// Boundary vintage of the layer (with "approximate" where so).
    pub geography: String,
    /// Attribution lines of the bundle.
    pub attribution: Vec<String>,
    /// Data vintage stamp.
    pub vintage: String,
    /// True for synthetic test data.
    pub synthetic: bool,
    /// Unit label of the legend, e.g. "% of working-age residents" or "percentage points".
    pub unit: String,
    /// Licence of the figures (the indicator's, else the bundle's), for exports.
    pub licence: String,
    /// Producer of the figures, for exports.
    pub publisher: String,
    /// Decimals the indicator's values are shown with, for exports.
    pub decimals: u8,
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st …
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl Atlas {
    /// Formats a value of the current view (a change gets a sign and "pp" for percentages).
    pub fn format_value(&self, value: Option<f64>) -> String {
        let Some(indicator) = self.current_indicator() else { return String::new() };
        if self.change_from.is_some() {
            let symbol = if indicator.unit.is_percentage() { " pp" } else { indicator.unit.symbol.as_str() };
            return match value {
                Some(v) if v.is_finite() => {
                    let sign = if v > 0.0 { "+" } else { "" };
                    format!("{sign}{}", format::value(Some(v), indicator.decimals, symbol))
                }
                _ => format::value(None, 0, ""),
            };
        }
        format::value(value, indicator.decimals, &indicator.unit.symbol)
    }

    fn period_label(&self, id: &str) -> Option<String> {
        self.current_indicator()?.periods.iter().find(|p| p.id == id).map(|p| p.label.clone())
    }

    fn view_period_label(&self) -> Option<String> {
        let now = self.period_label(self.period.as_deref()?)?;
        match self.change_from.as_deref().and_then(|from| self.period_label(from)) {
            Some(then) => Some(format!("{then} to {now}")),
            None => Some(now),
        }
    }

    /// Rank of an area's value among the layer's areas with values, highest first (ties share the
    /// better rank).
    fn rank_text(&self, area: usize) -> Option<String> {
        let value = (*self.values.get(area)?)?;
        let known: Vec<f64> = self.values.iter().flatten().copied().collect();
        let from_top = 1 + known.iter().filter(|v| **v > value).count();
        let from_bottom = 1 + known.iter().filter(|v| **v < value).count();
        let noun = &self.data.bundle.geographies.get(self.geography)?.noun_plural;
        let change = if self.change_from.is_some() { " change" } else { "" };
        // Count from whichever end is nearer: "3rd lowest" reads better than "1001st highest".
        let (rank, end) = if from_top <= from_bottom { (from_top, "highest") } else { (from_bottom, "lowest") };
        // "Highest of 1003", not "1st highest of 1003".
        let place = if rank == 1 { String::new() } else { format!("{} ", ordinal(rank)) };
        Some(format!("{place}{end}{change} of {} {noun}", known.len()))
    }

    /// The city region's figure for the current view.
    pub fn region_value(&self) -> Option<f64> {
        let indicator = self.current_indicator()?;
        let at = |period: &str| {
            indicator.comparator_values.iter().find(|c| c.code == REGION_CODE && c.period == period).map(|c| c.value)
        };
        let now = at(self.period.as_deref()?)?;
        match self.change_from.as_deref() {
            Some(from) => Some(now - at(from)?),
            None => Some(now),
        }
    }

    fn comparison_text(&self, value: Option<f64>) -> Option<String> {
        let value = value?;
        let region = self.region_value()?;
        let decimals = self.current_indicator()?.decimals;
        let factor = 10f64.powi(i32::from(decimals));
        let (v, r) = ((value * factor).round(), (region * factor).round());
        let relation = if v > r {
            "Higher than"
        } else if v < r {
            "Lower than"
        } else {
            "The same as"
        };
        let name = self.data.bundle.comparators.iter().find(|c| c.code == REGION_CODE).map(|c| c.name.as_str())?;
        Some(format!("{relation} {name} ({})", self.format_value(Some(region))))
    }

    fn class_label(&self, value: Option<f64>) -> Option<String> {
        let choropleth = self.choropleth.as_ref()?;
        let class = choropleth.scale.class_of(value?)?;
        self.legend().into_iter().filter(|row| !row.no_data).nth(class).map(|row| row.label)
    }

    /// Information about the hovered area.
    pub fn hovered_info(&self) -> Option<AreaInfo> {
        self.hovered.and_then(|a| self.info(a))
    }

    /// Information about the selected area.
    pub fn selected_info(&self) -> Option<AreaInfo> {
        self.selected.and_then(|a| self.info(a))
    }

    /// Information about an area of the current layer.
    pub fn info(&self, area: usize) -> Option<AreaInfo> {
        let geography = self.data.bundle.geographies.get(self.geography)?;
        let record = geography.areas.get(area)?;
        let district = record.parents.get(DISTRICT_GEOGRAPHY).and_then(|code| {
            let lad = self.data.geography_index(DISTRICT_GEOGRAPHY)?;
            let index = self.data.area_index(lad, code)?;
            Some(self.data.bundle.geographies[lad].areas[index].name.clone())
        });
        let value = self.values.get(area).copied().flatten();
        let has_indicator = self.current_indicator().is_some();
        let mut info = AreaInfo {
            code: record.code.clone(),
            name: record.name.clone(),
            geography: geography.id.clone(),
            district,
            value,
            value_text: if has_indicator { self.format_value(value) } else { String::new() },
            period: self.view_period_label(),
            class_label: self.class_label(value),
            rank_text: self.rank_text(area),
            comparison_text: self.comparison_text(value),
            heading: String::new(),
            summary: String::new(),
        };
        // The district was looked up above; only the ward is new.
        let ward = super::place::ward_of(&self.data, self.geography, area);
        let context = super::place::context_in(ward, info.district.clone());
        info.heading = super::place::name_in_place(&info.name, context.as_deref());
        info.summary = panel_sentence(&info);
        Some(info)
    }

    /// Legend rows: one per class ("a to under b", the last "a to max"), then "No data" when any
    /// area lacks a value.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let Some(choropleth) = &self.choropleth else { return Vec::new() };
        let classes = choropleth.scale.classes();
        let mut rows: Vec<LegendEntry> = (0..classes)
            .filter_map(|class| {
                let [lo, hi] = choropleth.scale.extent(class)?;
                let colour = choropleth.colours.get(class)?.to_string();
                let (lo, hi) = (self.format_value(Some(lo)), self.format_value(Some(hi)));
                let label = if lo == hi {
                    lo
                } else if class + 1 < classes {
                    format!("{lo} to under {hi}")
                } else {
                    format!("{lo} to {hi}")
                };
                Some(LegendEntry { colour, label, no_data: false })
            })
            .collect();
        if self.values.iter().any(Option::is_none) {
            rows.push(LegendEntry { colour: String::new(), label: "No data".to_string(), no_data: true });
        }
        rows
    }

    /// Title, definition, source, period, vintage and attribution of the current view.
    pub fn caption(&self) -> Caption {
        let meta = &self.data.bundle.meta;
        let geography = self.data.bundle.geographies.get(self.geography);
        let mut geography_text = geography.map(|g| g.vintage.clone()).unwrap_or_default();
        if geography.is_some_and(|g| g.approximate) {
            geography_text.push_str(" — approximate ward boundaries");
        }
        let layer = geography.map(|g| g.noun_plural.as_str()).unwrap_or("");
        let mut caption = Caption {
            title: format!("{}: {}", meta.title, geography.map(|g| g.label.as_str()).unwrap_or("")),
            definition: String::new(),
            source: String::new(),
            period: String::new(),
            geography: geography_text,
            attribution: meta.attribution.clone(),
            vintage: meta.vintage.clone(),
            synthetic: meta.synthetic,
            unit: String::new(),
            licence: meta.licence.clone(),
            publisher: String::new(),
            decimals: 0,
        };
        let Some(indicator) = self.current_indicator() else { return caption };
        caption.licence = indicator.licence.clone();
        caption.publisher = indicator.source.producer.clone();
        caption.decimals = indicator.decimals;
        let period_label = self.view_period_label().unwrap_or_default();
        let periods: Vec<String> = [self.change_from.as_deref(), self.period.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(|id| indicator.periods.iter().find(|p| p.id == id))
            .map(|p| match &p.change_note {
                Some(note) => format!("{}: {}. Note: {}", p.label, p.reference, note.trim_end_matches('.')),
                None => format!("{}: {}", p.label, p.reference),
            })
            .collect();
        caption.title = if self.change_from.is_some() {
            let unit = if indicator.unit.is_percentage() { "percentage points" } else { indicator.unit.label.as_str() };
            format!("Change in {}, {period_label} ({unit}, {layer})", lower_first(&indicator.title))
        } else {
            format!("{}, {period_label} ({layer})", indicator.title)
        };
        caption.definition = indicator.definition.clone();
        caption.source =
            format!("{}, {} ({})", indicator.source.producer, indicator.source.dataset, indicator.source.edition);
        caption.period = periods.join("; ");
        caption.unit = if self.change_from.is_some() && indicator.unit.is_percentage() {
            "Change, percentage points".to_string()
        } else {
            indicator.unit.label.clone()
        };
        caption
    }
}

/// "31.5% in IoD2025. Higher than the Liverpool City Region (18.2%). 12th highest of 158 wards.":
/// each part only when there is something to say.
fn panel_sentence(info: &AreaInfo) -> String {
    let value = match (&info.period, info.value_text.is_empty()) {
        (Some(period), false) => Some(format!("{} in {period}.", info.value_text)),
        _ => None,
    };
    let comparison = info.comparison_text.as_ref().map(|c| format!("{c}."));
    let rank = info.rank_text.as_ref().map(|r| format!("{}.", upper_first(r)));
    [value, comparison, rank].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// ASCII only: the rank texts begin with a digit or an English word, and `char::to_uppercase`
/// would bring Unicode's case tables into the first view (~7 kB gzip).
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 158].into_iter().map(ordinal).collect();
        assert_eq!(
            got,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th", "158th"]
        );
    }

    fn info(district: Option<&str>, period: Option<&str>, rank: Option<&str>) -> AreaInfo {
        AreaInfo {
            code: "E05015290".into(),
            name: "Anfield".into(),
            geography: "ward".into(),
            district: district.map(Into::into),
            value: Some(31.5),
            value_text: "31.5%".into(),
            period: period.map(Into::into),
            class_label: None,
            rank_text: rank.map(Into::into),
            comparison_text: Some("Higher than the Liverpool City Region (18.2%)".into()),
            heading: String::new(),
            summary: String::new(),
        }
    }

    #[test]
    fn the_panel_sentence_says_value_comparison_and_rank_as_far_as_known() {
        assert_eq!(
            panel_sentence(&info(None, Some("IoD2025"), Some("12th highest of 158 wards"))),
            "31.5% in IoD2025. Higher than the Liverpool City Region (18.2%). 12th highest of 158 wards."
        );
        assert_eq!(panel_sentence(&info(None, None, None)), "Higher than the Liverpool City Region (18.2%).");
    }

    #[test]
    fn lower_first_keeps_the_rest() {
        assert_eq!(lower_first("Share of X"), "share of X");
        assert_eq!(lower_first(""), "");
    }
}
