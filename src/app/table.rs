//! The data table: every area of the current layer with its value, 95% interval, comparison with
//! the city region and rank — the text alternative to the map that a screen-reader user, or anyone
//! who prefers numbers, can sort and search.

use super::atlas::{Atlas, DISTRICT_GEOGRAPHY};
pub use crate::layout::table::TableRow;
use crate::model::codes::REGION_CODE;
use crate::stats::{benchmark, Comparison, Z_95};

impl Atlas {
    /// Every area of the current layer, in layer order.
    pub fn table_rows(&self) -> Vec<TableRow> {
        let Some(layer) = self.data.bundle.geographies.get(self.geography) else { return Vec::new() };
        let indicator = self.current_indicator();
        let series = match (indicator, self.period.as_deref()) {
            (Some(i), Some(p)) if self.change_from.is_none() => self.data.series(&i.id, &layer.id, p),
            _ => None,
        };
        let region = indicator.and_then(|i| {
            let period = self.period.as_deref()?;
            i.comparator_values.iter().find(|c| c.code == REGION_CODE && c.period == period).map(|c| c.value)
        });
        let districts = self.data.geography_index(DISTRICT_GEOGRAPHY);
        let known: Vec<f64> = self.values.iter().flatten().copied().collect();
        layer
            .areas
            .iter()
            .enumerate()
            .map(|(a, area)| {
                let value = self.values.get(a).copied().flatten();
                let at = |v: Option<&Vec<Option<f64>>>| v.and_then(|v| v.get(a).copied().flatten());
                let interval = match (indicator, series) {
                    (Some(i), Some(s)) => {
                        i.proportion_interval(at(s.numerators.as_ref()), at(s.denominators.as_ref()), Z_95)
                    }
                    _ => None,
                };
                let comparison = match (interval, region, indicator) {
                    (Some(i), Some(r), Some(ind)) => benchmark(i, r, ind.polarity.into()),
                    _ => Comparison::NotCompared,
                };
                let fmt = |v: f64| {
                    indicator.map(|i| crate::format::value(Some(v), i.decimals, &i.unit.symbol)).unwrap_or_default()
                };
                let district = area
                    .parents
                    .get(DISTRICT_GEOGRAPHY)
                    .and_then(|code| {
                        let lad = districts?;
                        let index = self.data.area_index(lad, code)?;
                        Some(self.data.bundle.geographies[lad].areas[index].name.clone())
                    })
                    .unwrap_or_default();
                TableRow {
                    code: area.code.clone(),
                    name: area.name.clone(),
                    district,
                    value,
                    value_text: if indicator.is_some() { self.format_value(value) } else { String::new() },
                    interval_text: interval
                        .map(|i| format!("{} to {}", fmt(i.lower), fmt(i.upper)))
                        .unwrap_or_default(),
                    numerator: series.and_then(|s| at(s.numerators.as_ref())),
                    denominator: series.and_then(|s| at(s.denominators.as_ref())),
                    lower: interval.map(|i| i.lower),
                    upper: interval.map(|i| i.upper),
                    comparison: comparison.word().to_string(),
                    glyph: comparison.glyph().to_string(),
                    rank: value.map(|v| 1 + known.iter().filter(|k| **k > v).count()),
                }
            })
            .collect()
    }
}
