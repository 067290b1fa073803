//! What the controls offer: indicators grouped by theme with their periods and geographies, the
//! geography layers, and the classification methods.

use super::atlas::Atlas;
use crate::model::bundle::Theme;
use serde::Serialize;

/// A period as the controls show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodEntry {
    /// Stable id.
    pub id: String,
    /// Label for people.
    pub label: String,
}

/// An indicator as the controls show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorEntry {
    /// Stable id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Theme label for grouping ("Work", "Health", …).
    pub theme: String,
    /// Periods in time order.
    pub periods: Vec<PeriodEntry>,
    /// Geography ids with figures.
    pub geographies: Vec<String>,
}

/// A geography layer as the controls show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeographyEntry {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: String,
}

/// Everything the controls need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalogue {
    /// Indicators sorted by theme, in bundle order within a theme.
    pub indicators: Vec<IndicatorEntry>,
    /// Layers, smallest first.
    pub geographies: Vec<GeographyEntry>,
    /// Classification methods `[id, label]`.
    pub methods: Vec<[String; 2]>,
}

/// Label of a theme.
pub fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::Work => "Work",
        Theme::Health => "Health",
        Theme::Care => "Care",
        Theme::Deprivation => "Deprivation",
    }
}

impl Atlas {
    /// What to say when choosing the current indicator moved the map off layer `from`, which has
    /// no figures for it: "Economically inactive is not available for wards; showing districts."
    /// `None` when the map is still on `from`, or `from` has the indicator (the user chose the
    /// new layer).
    pub fn layer_note(&self, from: &str) -> Option<String> {
        let layers = &self.data.bundle.geographies;
        let was = layers.iter().position(|g| g.id == from).filter(|&g| g != self.geography)?;
        if self.indicator_has(was) {
            return None;
        }
        Some(format!(
            "{} is not available for {}; showing {}.",
            self.current_indicator()?.label,
            layers[was].noun_plural,
            layers.get(self.geography)?.noun_plural
        ))
    }

    /// The controls' options.
    pub fn catalogue(&self) -> Catalogue {
        let mut indicators: Vec<(Theme, usize, IndicatorEntry)> = self
            .data
            .bundle
            .indicators
            .iter()
            .enumerate()
            .map(|(order, i)| {
                let geographies = self
                    .data
                    .bundle
                    .geographies
                    .iter()
                    .filter(|g| i.series.iter().any(|s| s.geography == g.id))
                    .map(|g| g.id.clone())
                    .collect();
                let periods =
                    i.periods.iter().map(|p| PeriodEntry { id: p.id.clone(), label: p.label.clone() }).collect();
                let entry = IndicatorEntry {
                    id: i.id.clone(),
                    label: i.label.clone(),
                    theme: theme_label(i.theme).to_string(),
                    periods,
                    geographies,
                };
                (i.theme, order, entry)
            })
            .collect();
        crate::num::sort_with(&mut indicators, |a, b| (a.0, a.1) < (b.0, b.1));
        Catalogue {
            indicators: indicators.into_iter().map(|(_, _, e)| e).collect(),
            geographies: self
                .data
                .bundle
                .geographies
                .iter()
                .map(|g| GeographyEntry { id: g.id.clone(), label: g.label.clone() })
                .collect(),
            methods: [
                ("quantile", "Quantiles"),
                ("equal-interval", "Equal intervals"),
                ("natural-breaks", "Natural breaks"),
            ]
            .into_iter()
            .map(|(id, label)| [id.to_string(), label.to_string()])
            .collect(),
        }
    }
}
