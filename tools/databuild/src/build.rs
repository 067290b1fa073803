//! The whole build: read and check every raw input, assemble the bundle, fold in any overlay
//! files (`--overlay`, see [`crate::overlays`]), run the widget's own validation on it, and write
//! `atlas.json`, `postcodes.json` and `lookups.json`.

use crate::areas::{self, Layers};
use crate::convert::{self, read_lookup};
use crate::diag::Diagnostics;
use crate::geojson::{self, Feature};
use crate::imd::Domain;
use crate::overlays::OverlayText;
use crate::{census, comparators, deprivation, health_index, notes, population, postcodes};
use std::collections::BTreeSet;
use std::path::Path;
use work_health_atlas::app::atlas::DEFAULT_INDICATOR;
use work_health_atlas::model::bundle::{derived_value, Bundle, BundleMeta, Indicator, SCHEMA_ID, SCHEMA_VERSION};
use work_health_atlas::model::validate::validate;

/// The LSOA boundary file: the only geometry input.
pub const LSOA_FILE: &str = "boundaries/lcr_lsoa21_bsc.geojson";

/// Reads the raw folder and assembles the bundle. Problems are collected in `diags`; the
/// bundle is `None` when an input could not be used at all.
pub fn build_bundle(raw: &Path, diags: &mut Diagnostics) -> Option<Bundle> {
    let features: Vec<Feature> = geojson::read_features(raw, LSOA_FILE, diags);
    if features.is_empty() {
        diags.error(LSOA_FILE, "no LSOA features could be read");
        return None;
    }
    let layers: Layers = areas::build_layers(raw, &features, diags)?;
    let (topology, geographies) = crate::geometry::build_geometry(&features, &layers);
    let index = layers.lsoa_index();
    let codes21: BTreeSet<String> = index.keys().cloned().collect();
    let pop = population::read(raw, &index, diags);
    let l11_21 = read_lookup(raw, convert::LSOA11_21, "lsoa11_code", "lsoa21_code", Some(&codes21), diags);
    let codes11: BTreeSet<String> = l11_21.children.keys().cloned().collect();
    let l01_11 = read_lookup(raw, convert::LSOA01_11, "lsoa01_code", "lsoa11_code", Some(&codes11), diags);
    let inputs =
        deprivation::Inputs { raw, layers: &layers, index: &index, pop: &pop, l01_11: &l01_11, l11_21: &l11_21 };
    let mut indicators = vec![
        deprivation::indicator(&inputs, Domain::Employment, diags),
        deprivation::indicator(&inputs, Domain::Income, diags),
    ];
    indicators.extend(census::indicators(&inputs, diags));
    indicators.extend(health_index::indicators(raw, &layers, diags));
    indicators.extend(crate::household::indicators(&inputs, diags));
    for ind in indicators.iter_mut() {
        sort_series(ind, &layers);
        omit_derivable_values(ind);
    }
    Some(Bundle {
        schema: SCHEMA_ID.to_string(),
        version: SCHEMA_VERSION,
        meta: BundleMeta {
            title: "Liverpool City Region work and health atlas".to_string(),
            licence: crate::meta::OGL.to_string(),
            attribution: notes::attribution(&indicators),
            notes: notes::notes(),
            synthetic: false,
            vintage: notes::VINTAGE.to_string(),
        },
        topology,
        geographies,
        comparators: comparators::comparators(),
        indicators,
    })
}

/// Orders series by layer (smallest first) then period order, and comparator values by code then
/// period, so output never depends on construction order.
pub fn sort_series(ind: &mut Indicator, layers: &Layers) {
    let period_pos = |p: &str| ind.periods.iter().position(|q| q.id == p).unwrap_or(usize::MAX);
    let layer_pos = |g: &str| layers.layers.iter().position(|l| l.id == g).unwrap_or(usize::MAX);
    let mut series = std::mem::take(&mut ind.series);
    series.sort_by_key(|s| (layer_pos(&s.geography), period_pos(&s.period)));
    let mut values = std::mem::take(&mut ind.comparator_values);
    values.sort_by(|a, b| (a.code.as_str(), period_pos(&a.period)).cmp(&(b.code.as_str(), period_pos(&b.period))));
    ind.series = series;
    ind.comparator_values = values;
}

/// Drops a series' `values` when the reader would derive every one of them, bit for bit, from the
/// counts ([`derived_value`]); the counts are shipped anyway, so the values are pure repetition.
/// Series where even one value does not come out exactly (e.g. a published rate stored beside its
/// counts) keep them all. Comparator values are left alone.
pub fn omit_derivable_values(ind: &mut Indicator) {
    let (multiplier, decimals) = (ind.unit.multiplier, ind.decimals);
    for series in &mut ind.series {
        let (Some(numerators), Some(denominators)) = (&series.numerators, &series.denominators) else { continue };
        let derivable = numerators.len() == series.values.len()
            && denominators.len() == series.values.len()
            && series
                .values
                .iter()
                .zip(numerators.iter().zip(denominators))
                .all(|(v, (n, d))| derived_value(*n, *d, multiplier, decimals) == *v);
        if derivable {
            series.values.clear();
        }
    }
}

/// Runs the widget's validation; its errors become build errors. Then loads the bundle as the
/// widget does (which dissolves the `dissolved_from` layers and derives omitted values) and checks
/// the dissolved shapes.
pub fn check_bundle(bundle: &Bundle, diags: &mut Diagnostics) {
    for issue in validate(bundle) {
        diags.push(issue.severity, format!("bundle {}", issue.location), issue.message);
    }
    match work_health_atlas::model::Dataset::from_bundle(bundle.clone()) {
        Ok(dataset) => crate::geometry::check_dissolved(&dataset.bundle, diags),
        Err(e) => diags.error("bundle", format!("the widget cannot decode the bundle: {e}")),
    }
}

/// Output of a successful build.
pub struct Built {
    /// `atlas.json` bytes.
    pub atlas: Vec<u8>,
    /// `atlas.bin` bytes: the same bundle in packed form (a partner's `src`, the tests).
    pub packed: Vec<u8>,
    /// `atlas-first.bin` bytes: the packed bundle with only the indicator the widget shows first,
    /// which the widget embeds (its first view carries nothing else).
    pub first_view: Vec<u8>,
    /// `atlas-more.bin` bytes: every other indicator as a packed extension section, which the
    /// widget fetches after its first paint; `first_view` followed by it reads as `packed`.
    pub more: Vec<u8>,
    /// `postcodes.json` bytes.
    pub postcodes: Vec<u8>,
    /// `lookups.json` bytes (fetched by the browser's data importer only).
    pub lookups: Vec<u8>,
    /// One line per overlay folded in, saying what it added (empty without overlays).
    pub folded: Vec<String>,
}

/// Full build in memory: bundle + postcode index. `None` when there were errors.
pub fn build_all(raw: &Path, diags: &mut Diagnostics) -> Option<Built> {
    build_all_with(raw, &[], diags)
}

/// Full build in memory with overlay files folded into the bundle: each is checked against the
/// bundle as built from `raw` and its indicators appended before the bundle's own checks run.
/// With no overlays this is exactly [`build_all`]. `None` when there were errors.
pub fn build_all_with(raw: &Path, overlays: &[OverlayText], diags: &mut Diagnostics) -> Option<Built> {
    let mut bundle = build_bundle(raw, diags)?;
    let folded = crate::overlays::fold(&mut bundle, overlays, diags);
    check_bundle(&bundle, diags);
    let lsoa: BTreeSet<String> =
        bundle.geographies.first().map(|g| g.areas.iter().map(|a| a.code.clone()).collect()).unwrap_or_default();
    let index = postcodes::build(raw, &lsoa, diags);
    let lsoa_codes: Vec<String> =
        bundle.geographies.first().map(|g| g.areas.iter().map(|a| a.code.clone()).collect()).unwrap_or_default();
    let lookups = crate::lookups::build(raw, &lsoa_codes, diags);
    if diags.has_errors() {
        return None;
    }
    let atlas = crate::output::to_json(&bundle).ok()?;
    let packed = work_health_atlas::model::packed::encode(&bundle);
    let (first_view, more) = work_health_atlas::model::packed::split(&bundle, |i| i.id == DEFAULT_INDICATOR);
    let postcodes = crate::output::to_json(&index?).ok()?;
    let lookups = crate::output::to_json(&lookups).ok()?;
    Some(Built { atlas, packed, first_view, more, postcodes, lookups, folded })
}

#[cfg(test)]
mod tests {
    use super::*;
    use work_health_atlas::model::bundle::{Polarity, Series, Source, Theme, Unit};

    fn indicator(series: Vec<Series>) -> Indicator {
        let text = || "x".to_string();
        Indicator {
            id: text(),
            label: text(),
            title: text(),
            definition: text(),
            unit: Unit { symbol: "%".into(), label: text(), multiplier: 100.0 },
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            source: Source { producer: text(), dataset: text(), edition: text() },
            licence: text(),
            geography_vintage: text(),
            periods: Vec::new(),
            series,
            comparator_values: Vec::new(),
        }
    }

    fn series(values: Vec<Option<f64>>, denominators: Option<Vec<Option<f64>>>) -> Series {
        Series {
            geography: "lsoa".into(),
            period: "2021".into(),
            values,
            numerators: Some(vec![Some(265.0), None]),
            denominators,
            estimated: false,
            method: "m".into(),
        }
    }

    #[test]
    fn values_are_omitted_only_when_the_counts_reproduce_every_one_exactly() {
        let mut ind = indicator(vec![
            series(vec![Some(32.3), None], Some(vec![Some(820.0), Some(10.0)])),
            // A published rate with more decimals than the derived one.
            series(vec![Some(32.317), None], Some(vec![Some(820.0), Some(10.0)])),
            series(vec![Some(32.3), None], None),
        ]);
        omit_derivable_values(&mut ind);
        let kept: Vec<bool> = ind.series.iter().map(|s| !s.values.is_empty()).collect();
        assert_eq!(kept, [false, true, true]);
    }
}
