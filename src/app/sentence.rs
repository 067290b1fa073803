//! The plain-English sentence a screen reader hears for the focused or selected area, and that
//! the charts' text alternatives repeat: name, value with unit and period, interval, "about 1 in
//! N", how it compares with the city region and England (significance at 95%), and its trend.
//!
//! "Anfield: 31.5% — share of working-age residents out of work on benefits (IoD2025, data mostly
//! about 2021–23), about 1 in 3; 95% confidence interval 29.9% to 33.1%; significantly higher than
//! Liverpool City Region (20.3%); recent trend cannot be calculated (fewer than 5 points)."

use super::atlas::Atlas;
use crate::model::bundle::Polarity;

/// "1 in N" for a percentage between 1% and 60% (where it helps); `None` otherwise.
///
/// # Examples
/// ```
/// use work_health_atlas::app::sentence::one_in;
/// assert_eq!(one_in(31.5), Some(3));
/// assert_eq!(one_in(0.5), None);
/// ```
pub fn one_in(percent: f64) -> Option<u32> {
    (1.0..=60.0).contains(&percent).then(|| (100.0 / percent).round() as u32)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

impl Atlas {
    /// The sentence for an area of the current layer.
    pub fn sentence(&self, area: usize) -> Option<String> {
        let info = self.info(area)?;
        let Some(indicator) = self.current_indicator() else { return Some(info.name) };
        let mut parts = Vec::new();
        let period = self.period.as_ref().and_then(|id| indicator.periods.iter().find(|p| &p.id == id));
        let when = match (self.change_from.is_some(), period) {
            (false, Some(p)) => format!(" ({}, {})", p.label, p.reference),
            (_, _) => info.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default(),
        };
        let what = if self.change_from.is_some() {
            format!("change in {}", lower_first(&indicator.title))
        } else {
            lower_first(&indicator.title)
        };
        let mut first = format!("{}: {} — {what}{when}", info.name, info.value_text);
        if let (Some(v), false, "%") = (info.value, self.change_from.is_some(), indicator.unit.symbol.trim()) {
            if let Some(n) = one_in(v) {
                first.push_str(&format!(", about 1 in {n}"));
            }
        }
        parts.push(first);
        if info.value.is_some() && self.change_from.is_none() {
            if let Some(summary) = self.summary_for(area) {
                if !summary.interval_text.starts_with("No confidence") {
                    parts.push(summary.interval_text.clone());
                }
                for b in &summary.benchmarks {
                    let word = b.word_95.as_str();
                    parts.push(match word {
                        "worse" | "better" | "higher" | "lower" => {
                            let direction = match (word, indicator.polarity) {
                                ("higher" | "lower", _) => word,
                                ("worse", Polarity::HigherIsWorse) | ("better", Polarity::HigherIsBetter) => "higher",
                                _ => "lower",
                            };
                            // "…, worse" says which way is bad; "…, higher" would only repeat itself.
                            let judgement = if word == direction { String::new() } else { format!(", {word}") };
                            format!(
                                "significantly {direction} than {} ({}){judgement}",
                                b.comparator, b.comparator_value
                            )
                        }
                        "similar" => format!("similar to {} ({})", b.comparator, b.comparator_value),
                        _ => format!("not compared with {} ({}): no interval", b.comparator, b.comparator_value),
                    });
                }
                if let Some(trend) = &summary.recent_trend {
                    parts.push(format!("recent trend {trend}"));
                }
            }
        }
        Some(format!("{}.", parts.join("; ")))
    }

    /// The sentence for the focused area, else the selected one.
    pub fn current_sentence(&self) -> Option<String> {
        self.focused.or(self.selected).and_then(|a| self.sentence(a))
    }
}
