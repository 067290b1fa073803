//! Work × health: two indicators across one layer's areas — the scatter plot's points, Pearson's
//! and Spearman's correlations with 95% intervals, and the 3×3 bivariate classes (tertiles of
//! each) that colour the map, with a legend and table that say the same in words.
//!
//! Each indicator is read at the period asked for or its latest period on the layer; the labels
//! say which, because the two are often from different years.

use super::measure::Measure;
use super::tables::BundleTables;
use crate::format::{fixed, value};
use crate::layout::scatter::{ScatterPoint, ScatterSpec};
use crate::scale::bivariate::{bivariate, class_label, PALETTE};
use crate::stats::correlation::{pearson, spearman, Correlation};
use serde::{Deserialize, Serialize};

/// Which pair to show.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScatterRequest {
    /// Geography id.
    pub layer: String,
    /// Indicator on the x axis.
    pub x: String,
    /// Indicator on the y axis.
    pub y: String,
    /// Period of x (latest on the layer when absent).
    #[serde(default)]
    pub x_period: Option<String>,
    /// Period of y (latest on the layer when absent).
    #[serde(default)]
    pub y_period: Option<String>,
}

/// One cell of the bivariate legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendCell {
    /// Class 0–8 (`y_band * 3 + x_band`).
    pub class: u8,
    /// CSS colour.
    pub colour: String,
    /// "low", "middle" or "high" third of x.
    pub x_band: String,
    /// The same for y.
    pub y_band: String,
    /// Areas in the cell.
    pub count: u32,
    /// In words: "High employment deprivation rate, low disability rate: 12 areas".
    pub label: String,
    /// The class alone, for an area's info box and sentence: "high employment deprivation rate, low
    /// disability rate" (colour is never the only way the class is given, 1.4.1).
    pub words: String,
}

/// The bivariate map of the pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BivariateView {
    /// Fill per area of the layer (`#rrggbb`), `None` where either value is missing.
    pub colours: Vec<Option<String>>,
    /// The nine cells, low-low first.
    pub legend: Vec<LegendCell>,
    /// The tertile breaks of x and y in words.
    pub breaks: String,
}

/// Everything the work × health view shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScatterReport {
    /// The plot.
    pub spec: ScatterSpec,
    /// Pearson's r.
    pub pearson: Option<Correlation>,
    /// Spearman's ρ.
    pub spearman: Option<Correlation>,
    /// The finding in words, with its caveat.
    pub sentence: String,
    /// The bivariate map.
    pub bivariate: Option<BivariateView>,
    /// Source lines for both indicators.
    pub sources: Vec<String>,
}

fn strength(r: f64) -> &'static str {
    match r.abs() {
        a if a < 0.1 => "no clear",
        a if a < 0.3 => "a weak",
        a if a < 0.5 => "a moderate",
        _ => "a strong",
    }
}

/// One indicator's values across a layer at one period, with the words that describe it.
struct Column {
    values: Vec<Option<f64>>,
    /// "Employment deprivation (IoD2025)".
    label: String,
    symbol: String,
    decimals: u8,
    /// The indicator's level as a noun phrase, for sentences ("disability rate").
    words: Measure,
    /// Producer, dataset, edition and licence.
    source: String,
}

/// Reads indicator `id` on `layer` at `period` (its latest period on the layer when `None`).
fn column(
    tables: &BundleTables,
    layer: &super::tables::Layer,
    id: &str,
    period: Option<&str>,
) -> Result<Column, String> {
    let ind = tables.indicator(id).ok_or_else(|| format!("unknown indicator \"{id}\""))?;
    let chosen = match period {
        Some(p) => ind.periods.iter().find(|q| q.id == p),
        None => ind.periods.iter().rev().find(|q| tables.series(ind, &layer.id, &q.id).is_some()),
    }
    .ok_or_else(|| format!("{} has no figures for {}", ind.label, layer.noun_plural))?;
    let series = tables
        .series(ind, &layer.id, &chosen.id)
        .ok_or_else(|| format!("{} has no figures for {} in {}", ind.label, layer.noun_plural, chosen.label))?;
    Ok(Column {
        values: (0..layer.areas.len())
            .map(|a| series.values.get(a).copied().flatten().filter(|v| v.is_finite()))
            .collect(),
        label: format!("{} ({})", ind.label, chosen.label),
        symbol: ind.unit.symbol.clone(),
        decimals: ind.decimals,
        words: Measure::of(&ind.label, ind.unit.is_percentage()),
        source: format!(
            "{} ({}): {}, {}, {}. {}",
            ind.label, chosen.label, ind.source.producer, ind.source.dataset, ind.source.edition, ind.licence
        ),
    })
}

/// Builds the scatter, correlations and bivariate classes for a pair of indicators on a layer.
///
/// # Errors
/// A sentence for people: unknown layer or indicator, or no figures on that layer.
pub fn scatter(tables: &BundleTables, request: &ScatterRequest) -> Result<ScatterReport, String> {
    let layer_index =
        tables.layer_index(&request.layer).ok_or_else(|| format!("unknown geography \"{}\"", request.layer))?;
    let layer = &tables.layers[layer_index];
    // An indicator against itself is a straight line with r = 1: nothing learnt, and a sentence
    // ("higher disability goes with higher disability") that reads like a finding.
    if request.x == request.y {
        let label = tables.indicator(&request.x).map_or(request.x.as_str(), |i| i.label.as_str());
        return Err(format!("{label} is on both axes; choose two different indicators"));
    }
    let x = column(tables, layer, &request.x, request.x_period.as_deref())?;
    let y = column(tables, layer, &request.y, request.y_period.as_deref())?;
    let (xs, x_label, x_symbol, x_decimals, x_words, x_source) =
        (x.values, x.label, x.symbol, x.decimals, x.words, x.source);
    let (ys, y_label, y_symbol, y_decimals, y_words, y_source) =
        (y.values, y.label, y.symbol, y.decimals, y.words, y.source);
    let classes = bivariate(&xs, &ys);
    let points: Vec<ScatterPoint> = (0..layer.areas.len())
        .filter_map(|a| {
            Some(ScatterPoint {
                code: layer.areas[a].code.clone(),
                name: layer.areas[a].name.clone(),
                x: xs[a]?,
                y: ys[a]?,
                class: classes.as_ref().and_then(|b| b.classes.get(a).copied().flatten()),
            })
        })
        .collect();
    let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
    let (r, rho) = (pearson(&pairs), spearman(&pairs));
    let sentence = match (&r, &rho) {
        (Some(r), Some(rho)) => {
            let direction = if r.r >= 0.0 { "higher" } else { "lower" };
            let link = if r.r.abs() < 0.1 {
                format!("{} shows no clear link with {}", y_words.the(), x_words.the())
            } else {
                format!(
                    "areas with {} tend to have {} ({} link)",
                    x_words.higher("higher"),
                    y_words.higher(direction),
                    strength(r.r).trim_start_matches("a ")
                )
            };
            format!(
                "Across {} {}, {link}: Pearson's r = {} (95% interval {} to {}), Spearman's ρ = {}. A link between areas does not show that the same people are affected, nor which causes which.",
                r.n,
                layer.noun_plural,
                fixed(r.r, 2),
                fixed(r.lower, 2),
                fixed(r.upper, 2),
                fixed(rho.r, 2)
            )
        }
        _ => format!("Too few {} have both figures to measure a link.", layer.noun_plural),
    };
    let bivariate_view = classes.as_ref().map(|b| {
        let colours =
            b.classes.iter().map(|c| c.and_then(|c| PALETTE.get(usize::from(c))).map(|rgb| rgb.to_string())).collect();
        let legend = (0u8..9)
            .map(|class| {
                let (xb, yb) = class_label(class);
                let count = b.counts.get(usize::from(class)).copied().unwrap_or(0);
                let mut first = xb.to_string();
                if let Some(c) = first.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                LegendCell {
                    class,
                    colour: PALETTE.get(usize::from(class)).map(|c| c.to_string()).unwrap_or_default(),
                    x_band: xb.to_string(),
                    y_band: yb.to_string(),
                    count,
                    label: format!(
                        "{first} {}, {yb} {}: {count} {}",
                        x_words.noun(),
                        y_words.noun(),
                        layer.noun_plural
                    ),
                    words: format!("{xb} {}, {yb} {}", x_words.noun(), y_words.noun()),
                }
            })
            .collect();
        let breaks = format!(
            "Thirds of {}: below {}, {} to {}, above {}. Thirds of {}: below {}, {} to {}, above {}.",
            x_words.the(),
            value(Some(b.x_breaks[0]), x_decimals, &x_symbol),
            value(Some(b.x_breaks[0]), x_decimals, &x_symbol),
            value(Some(b.x_breaks[1]), x_decimals, &x_symbol),
            value(Some(b.x_breaks[1]), x_decimals, &x_symbol),
            y_words.the(),
            value(Some(b.y_breaks[0]), y_decimals, &y_symbol),
            value(Some(b.y_breaks[0]), y_decimals, &y_symbol),
            value(Some(b.y_breaks[1]), y_decimals, &y_symbol),
            value(Some(b.y_breaks[1]), y_decimals, &y_symbol),
        );
        BivariateView { colours, legend, breaks }
    });
    Ok(ScatterReport {
        spec: ScatterSpec {
            x_label,
            y_label,
            x_decimals,
            y_decimals,
            x_breaks: classes.as_ref().map(|b| b.x_breaks),
            y_breaks: classes.as_ref().map(|b| b.y_breaks),
            points,
            highlighted: None,
            selected: None,
        },
        pearson: r,
        spearman: rho,
        sentence,
        bivariate: bivariate_view,
        sources: vec![x_source, y_source],
    })
}
