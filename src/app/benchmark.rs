//! How the selected area compares and is changing: its value with its 95% interval, benchmarking
//! against the city region and England at 95% and 99.8% (Fingertips: the area's interval against
//! the comparator's value, polarity-aware), and the recent-trend test on the last five points.
//! Also the area profile: every indicator for the area in one view.

use super::atlas::Atlas;
use crate::format::fixed;
use crate::layout::profile::{ProfileRow, ProfileSpec};
use crate::model::bundle::{Indicator, Series};
use crate::model::codes::{ENGLAND_CODE, REGION_CODE};
use crate::stats::trend::{recent_trend, TrendPoint as StatPoint};
use crate::stats::{benchmark, Comparison, Interval, Z_95, Z_99_8};
use serde::Serialize;

/// One comparison of the selected area with a comparator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkLine {
    /// Comparator name, e.g. "Liverpool City Region".
    pub comparator: String,
    /// The comparator's value with unit.
    pub comparator_value: String,
    /// Result at 95%: word ("better", "similar", …).
    pub word_95: String,
    /// Glyph at 95% (shape differs by result, so colour is not the only cue).
    pub glyph_95: String,
    /// Result at 99.8%.
    pub word_998: String,
    /// Glyph at 99.8%.
    pub glyph_998: String,
    /// The comparison in words: "Worse than Liverpool City Region (20.3%) at 95%; worse at
    /// 99.8%.", "Similar to …", or "Not compared with … : this figure has no interval."
    pub sentence: String,
}

/// The words of a comparison (see [`BenchmarkLine::sentence`]).
fn benchmark_sentence(comparator: &str, value: &str, at_95: Comparison, at_998: Comparison) -> String {
    match at_95 {
        Comparison::NotCompared => format!("Not compared with {comparator} ({value}): this figure has no interval."),
        Comparison::Similar => format!("Similar to {comparator} ({value}) at 95%; {} at 99.8%.", at_998.word()),
        _ => {
            let word = at_95.word();
            let first = word.get(..1).map(str::to_ascii_uppercase).unwrap_or_default();
            format!(
                "{first}{} than {comparator} ({value}) at 95%; {} at 99.8%.",
                word.get(1..).unwrap_or(""),
                at_998.word()
            )
        }
    }
}

/// The selected area's comparisons and trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaSummary {
    /// "95% CI 18.2% to 21.0%", or why there is no interval.
    pub interval_text: String,
    /// Comparisons with the city region and England, where the data allow.
    pub benchmarks: Vec<BenchmarkLine>,
    /// "increasing — getting worse", "no significant change", "cannot be calculated (…)"; `None`
    /// for an indicator of one period, where a trend line would only say it cannot be.
    pub recent_trend: Option<String>,
}

/// Why a figure has no interval, from what the atlas holds for it (`series`: the shown period on
/// the shown layer). Some sources are read as percentages only (ONS census tables, the Health
/// Index), so "the source publishes no counts" would be untrue.
fn no_interval_reason(indicator: &Indicator, series: Option<&Series>) -> &'static str {
    let counted = |s: &Series| s.numerators.is_some() || s.denominators.is_some();
    if !indicator.unit.is_percentage() {
        "No confidence interval: this atlas holds no counts for this indicator"
    } else if series.is_some_and(counted) {
        "No confidence interval: this atlas holds no counts for this figure"
    } else if indicator.series.iter().any(counted) {
        "No confidence interval: this atlas holds only percentages for this period"
    } else {
        "No confidence interval: this atlas holds only percentages for this indicator"
    }
}

fn comparator_value(indicator: &Indicator, code: &str, period: &str) -> Option<f64> {
    indicator.comparator_values.iter().find(|c| c.code == code && c.period == period).map(|c| c.value)
}

impl Atlas {
    /// The interval of the current view's value for `area` of the current layer at `z`.
    fn area_interval(&self, area: usize, z: f64) -> Option<Interval> {
        let indicator = self.current_indicator()?;
        let series = self.data.series(&indicator.id, self.geography_id(), self.period.as_deref()?)?;
        let at = |v: &Option<Vec<Option<f64>>>| v.as_ref().and_then(|v| v.get(area).copied().flatten());
        indicator.proportion_interval(at(&series.numerators), at(&series.denominators), z)
    }

    fn compare(&self, area: usize, code: &str) -> Option<BenchmarkLine> {
        let indicator = self.current_indicator()?;
        let value = comparator_value(indicator, code, self.period.as_deref()?)?;
        let name = self.data.bundle.comparators.iter().find(|c| c.code == code)?.name.clone();
        let result = |z| {
            self.area_interval(area, z)
                .map_or(Comparison::NotCompared, |i| benchmark(i, value, indicator.polarity.into()))
        };
        let (r95, r998) = (result(Z_95), result(Z_99_8));
        let shown = crate::format::value(Some(value), indicator.decimals, &indicator.unit.symbol);
        Some(BenchmarkLine {
            sentence: benchmark_sentence(&name, &shown, r95, r998),
            comparator: name,
            comparator_value: shown,
            word_95: r95.word().to_string(),
            glyph_95: r95.glyph().to_string(),
            word_998: r998.word().to_string(),
            glyph_998: r998.glyph().to_string(),
        })
    }

    fn recent_trend_text(&self, geography: &str, area: usize) -> Option<String> {
        let indicator = self.current_indicator().filter(|i| i.periods.len() > 1)?;
        let points: Vec<StatPoint> = indicator
            .periods
            .iter()
            .map(|p| {
                let f = self.figure(geography, area, &p.id, Z_95);
                StatPoint {
                    value: f.value.unwrap_or(f64::NAN),
                    lower: f.lower.unwrap_or(f64::NAN),
                    upper: f.upper.unwrap_or(f64::NAN),
                }
            })
            .collect();
        Some(recent_trend(&points).describe(indicator.polarity.into()).to_string())
    }

    /// Interval, benchmarks and recent trend of the selected area (not in change mode).
    pub fn summary(&self) -> Option<AreaSummary> {
        self.summary_for(self.selected?)
    }

    /// Interval, benchmarks and recent trend of any area of the current layer.
    pub fn summary_for(&self, area: usize) -> Option<AreaSummary> {
        let indicator = self.current_indicator()?;
        let interval_text = match self.area_interval(area, Z_95) {
            Some(i) => format!(
                "95% confidence interval {} to {}",
                crate::format::value(Some(i.lower), indicator.decimals, &indicator.unit.symbol),
                crate::format::value(Some(i.upper), indicator.decimals, &indicator.unit.symbol)
            ),
            None => {
                let period = self.period.as_deref().unwrap_or_default();
                let series = self.data.series(&indicator.id, self.geography_id(), period);
                no_interval_reason(indicator, series).to_string()
            }
        };
        let benchmarks = [REGION_CODE, ENGLAND_CODE].iter().filter_map(|code| self.compare(area, code)).collect();
        let geography = self.geography_id().to_string();
        Some(AreaSummary { interval_text, benchmarks, recent_trend: self.recent_trend_text(&geography, area) })
    }

    /// Every indicator for the selected area at its latest period on the current layer, with the
    /// layer's spread (for a spine chart), the city region's value and the 95% comparison with it.
    pub fn profile_spec(&self) -> Option<ProfileSpec> {
        let area = self.selected?;
        let layer = self.data.bundle.geographies.get(self.geography)?;
        let name = layer.areas.get(area)?.name.clone();
        let mut rows = Vec::new();
        for indicator in &self.data.bundle.indicators {
            let Some(period) = indicator
                .periods
                .iter()
                .rev()
                .find(|p| indicator.series.iter().any(|s| s.geography == layer.id && s.period == p.id))
            else {
                continue;
            };
            let Some(series) = self.data.series(&indicator.id, &layer.id, &period.id) else { continue };
            let mut values: Vec<f64> = series.values.iter().flatten().copied().collect();
            crate::num::sort_floats(&mut values);
            if values.is_empty() {
                continue;
            }
            let quantile = |p: f64| values[((values.len() - 1) as f64 * p).round() as usize];
            let value = series.values.get(area).copied().flatten();
            let region = comparator_value(indicator, REGION_CODE, &period.id);
            let at = |v: &Option<Vec<Option<f64>>>| v.as_ref().and_then(|v| v.get(area).copied().flatten());
            let interval = indicator.proportion_interval(at(&series.numerators), at(&series.denominators), Z_95);
            let comparison = match (interval, region) {
                (Some(i), Some(r)) => benchmark(i, r, indicator.polarity.into()),
                _ => Comparison::NotCompared,
            };
            rows.push(ProfileRow {
                label: indicator.label.clone(),
                period: period.label.clone(),
                value,
                value_text: crate::format::value(value, indicator.decimals, &indicator.unit.symbol),
                region,
                region_text: crate::format::value(region, indicator.decimals, &indicator.unit.symbol),
                min: values[0],
                q1: quantile(0.25),
                q3: quantile(0.75),
                max: values[values.len() - 1],
                comparison: comparison.word().to_string(),
                glyph: comparison.glyph().to_string(),
            });
        }
        Some(ProfileSpec { area: name, layer: layer.noun_plural.clone(), rows })
    }
}

impl Atlas {
    /// Indicators with yearly district figures (at least three periods on the district layer),
    /// as `(id, label)`, for the district panel's picker.
    pub fn district_indicators(&self) -> Vec<(String, String)> {
        self.data
            .bundle
            .indicators
            .iter()
            .filter(|i| i.series.iter().filter(|s| s.geography == super::atlas::DISTRICT_GEOGRAPHY).count() >= 3)
            .map(|i| (i.id.clone(), i.label.clone()))
            .collect()
    }

    /// The district panel for an indicator (the first with yearly district figures by default).
    pub fn district_spec(&self, indicator: Option<&str>) -> Option<crate::layout::districts::DistrictSpec> {
        let choices = self.district_indicators();
        let id =
            indicator.filter(|id| choices.iter().any(|(c, _)| c == id)).or(choices.first().map(|(c, _)| c.as_str()))?;
        let indicator = self.data.indicator(id)?;
        let lad = self.data.geography_index(super::atlas::DISTRICT_GEOGRAPHY)?;
        let layer = &self.data.bundle.geographies[lad];
        let districts = layer
            .areas
            .iter()
            .enumerate()
            .map(|(a, area)| {
                let values: Vec<Option<f64>> = indicator
                    .periods
                    .iter()
                    .map(|p| self.data.series(id, &layer.id, &p.id).and_then(|s| s.values.get(a).copied().flatten()))
                    .collect();
                let texts =
                    values.iter().map(|v| v.map_or("no data".to_string(), |v| fixed(v, indicator.decimals))).collect();
                crate::layout::districts::DistrictSeries { name: area.name.clone(), values, texts }
            })
            .collect();
        Some(crate::layout::districts::DistrictSpec {
            indicator: indicator.id.clone(),
            label: indicator.label.clone(),
            unit: indicator.unit.label.clone(),
            periods: indicator.periods.iter().map(|p| p.id.clone()).collect(),
            decimals: indicator.decimals,
            districts,
            accent: super::trend::AREA_COLOUR,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_interval_says_what_the_atlas_holds() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("the bundle");
        let data = crate::model::Dataset::from_json(&bytes).expect("it loads");
        let reason = |id: &str, layer: &str, period: &str| {
            let indicator = data.indicator(id).expect("indicator");
            no_interval_reason(indicator, data.series(id, layer, period))
        };
        let only = "No confidence interval: this atlas holds only percentages for this";
        assert_eq!(reason("economically-inactive", "msoa", "2021"), format!("{only} indicator"));
        // IoD 2010 is held as percentages only; the later editions with counts.
        assert_eq!(reason("employment-deprivation", "lsoa", "2010"), format!("{only} period"));
        assert_eq!(
            reason("employment-deprivation", "lsoa", "2025"),
            "No confidence interval: this atlas holds no counts for this figure"
        );
        assert_eq!(
            reason("hi-life-expectancy", "lad", "2021"),
            "No confidence interval: this atlas holds no counts for this indicator"
        );
        assert!(!reason("unemployed", "lad", "2021").contains("publishes"));
    }

    #[test]
    fn comparison_sentences_read_as_english() {
        let say = |a, b| benchmark_sentence("Liverpool City Region", "20.3%", a, b);
        assert_eq!(
            say(Comparison::Worse, Comparison::Similar),
            "Worse than Liverpool City Region (20.3%) at 95%; similar at 99.8%."
        );
        assert_eq!(
            say(Comparison::Similar, Comparison::Similar),
            "Similar to Liverpool City Region (20.3%) at 95%; similar at 99.8%."
        );
        assert_eq!(
            say(Comparison::NotCompared, Comparison::NotCompared),
            "Not compared with Liverpool City Region (20.3%): this figure has no interval."
        );
    }
}
