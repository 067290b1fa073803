//! LSOA counts per month → an `Indicator`: the LSOA series as read, every other layer whose
//! areas the LSOAs name in `parents` as sums of their LSOAs, and the city-region total.
//!
//! An aggregate is null when any of its LSOAs has no count: a partial sum would look like a
//! real (too small) count. Likewise the city-region value exists only when every LSOA has one.

use super::layout::Observations;
use super::meta::NomisMeta;
use crate::comparators::LCR;
use work_health_atlas::model::bundle::{Bundle, ComparatorValue, Geography, Indicator, Series};

/// Id of the layer the CSV is keyed by.
pub const LSOA: &str = "lsoa";

/// Decimals kept in sums: removes float noise from non-integer counts; integers stay exact.
const SUM_PLACES: u32 = 6;

/// Where each LSOA goes in one higher layer.
struct Parents<'a> {
    geography: &'a Geography,
    /// For each LSOA (bundle order), its area's position in `geography`, if it names one.
    of_lsoa: Vec<Option<usize>>,
    /// Number of member LSOAs of each area.
    members: Vec<usize>,
}

/// Higher layers that the LSOAs' `parents` refer to, in bundle order.
fn parent_layers<'a>(bundle: &'a Bundle, lsoa: &Geography) -> Vec<Parents<'a>> {
    bundle
        .geographies
        .iter()
        .filter(|g| g.id != LSOA)
        .filter_map(|g| {
            let of_lsoa: Vec<Option<usize>> = lsoa
                .areas
                .iter()
                .map(|a| a.parents.get(&g.id).and_then(|code| g.areas.iter().position(|b| &b.code == code)))
                .collect();
            let mut members = vec![0; g.areas.len()];
            for area in of_lsoa.iter().flatten() {
                if let Some(m) = members.get_mut(*area) {
                    *m += 1;
                }
            }
            of_lsoa.iter().any(Option::is_some).then_some(Parents { geography: g, of_lsoa, members })
        })
        .collect()
}

fn round(x: f64) -> f64 {
    crate::aggregate::round(x, SUM_PLACES)
}

/// Sums of LSOA counts per area; `None` for areas with no LSOAs or any LSOA without a count.
fn sums(layer: &Parents, counts: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut total = vec![0.0; layer.members.len()];
    let mut seen = vec![0usize; layer.members.len()];
    for (area, count) in layer.of_lsoa.iter().zip(counts) {
        if let (Some(area), Some(count)) = (area, count) {
            if let (Some(t), Some(s)) = (total.get_mut(*area), seen.get_mut(*area)) {
                *t += count;
                *s += 1;
            }
        }
    }
    total.iter().zip(&seen).zip(&layer.members).map(|((t, s), m)| (*m > 0 && s == m).then(|| round(*t))).collect()
}

fn series(geography: &str, period: &str, values: Vec<Option<f64>>, method: String) -> Series {
    Series {
        geography: geography.to_string(),
        period: period.to_string(),
        numerators: Some(values.clone()),
        values,
        denominators: None,
        estimated: false,
        method,
    }
}

fn lsoa_method(meta: &NomisMeta) -> String {
    format!(
        "Count as published by {} ({}), read from the Nomis CSV (measures \"Value\"); null where the file has no row for the LSOA.",
        meta.source.producer, meta.source.dataset
    )
}

fn layer_method(g: &Geography) -> String {
    let mut m = "Each area's count is the sum of the counts of its LSOAs (by the LSOAs' parents in this layer); null where any of its LSOAs has no count, so no partial sums are shown.".to_string();
    if g.approximate {
        m.push_str(" The layer is a best-fit of whole LSOAs, so each sum is for the best-fit area.");
    }
    m
}

/// Builds the indicator. Errors when the bundle has no LSOA layer.
pub fn indicator(bundle: &Bundle, meta: &NomisMeta, obs: &Observations) -> Result<Indicator, String> {
    let lsoa = bundle
        .geographies
        .iter()
        .find(|g| g.id == LSOA)
        .ok_or_else(|| format!("error: the bundle has no \"{LSOA}\" layer to attach the counts to"))?;
    let layers = parent_layers(bundle, lsoa);
    let has_lcr = bundle.comparators.iter().any(|c| c.code == LCR);
    let mut lsoa_series = Vec::new();
    let mut higher: Vec<Vec<Series>> = layers.iter().map(|_| Vec::new()).collect();
    let mut comparator_values = Vec::new();
    for (month, counts) in &obs.months {
        let period = month.id();
        lsoa_series.push(series(LSOA, &period, counts.clone(), lsoa_method(meta)));
        for (layer, out) in layers.iter().zip(higher.iter_mut()) {
            let g = layer.geography;
            out.push(series(&g.id, &period, sums(layer, counts), layer_method(g)));
        }
        if has_lcr && !counts.is_empty() && counts.iter().all(Option::is_some) {
            let total = round(counts.iter().flatten().sum());
            comparator_values.push(ComparatorValue {
                code: LCR.to_string(),
                period: period.clone(),
                value: total,
                numerator: Some(total),
                denominator: None,
                estimated: false,
                method: format!("Sum of the counts of all {} LSOAs.", counts.len()),
            });
        }
    }
    // Layer order (smallest first), then time: the order the builder writes.
    let mut all = lsoa_series;
    all.extend(higher.into_iter().flatten());
    Ok(Indicator {
        id: meta.id.clone(),
        label: meta.label.clone(),
        title: meta.title.clone(),
        definition: meta.definition.clone(),
        unit: meta.unit.clone(),
        decimals: meta.decimals,
        polarity: meta.polarity,
        theme: meta.theme,
        source: meta.source.clone(),
        licence: meta.licence.clone(),
        geography_vintage: meta.geography_vintage.clone(),
        periods: obs.months.keys().map(|m| meta.period(*m)).collect(),
        series: all,
        comparator_values,
    })
}

/// Puts `indicator` into the bundle: in place of one with the same id, else at the end.
pub fn insert(bundle: &mut Bundle, indicator: Indicator) {
    match bundle.indicators.iter_mut().find(|i| i.id == indicator.id) {
        Some(existing) => *existing = indicator,
        None => bundle.indicators.push(indicator),
    }
}
