//! Bundle-level attribution lines, vintage stamp and method notes (from `SOURCES.md`).

use std::collections::BTreeSet;
use work_health_atlas::model::bundle::Indicator;

/// The vintage stamp shown in the widget footer.
pub const VINTAGE: &str = "LCR atlas data 2025-11 (IoD2025, Census 2021, ONS Health Index 2015–2021)";

/// Lines that must travel with any view or export. The source line is derived from the
/// indicators shipped ([`source_line`]), so it names exactly the releases the bundle uses: an
/// indicator added (or dropped) later changes it without anyone editing a list.
pub fn attribution(indicators: &[Indicator]) -> Vec<String> {
    vec![
        "Contains public sector information licensed under the Open Government Licence v3.0.".to_string(),
        source_line(indicators),
        "Contains OS data © Crown copyright and database right 2025 (boundaries).".to_string(),
    ]
}

/// "Source: producer (release years, …); …" over the periods that hold figures. A period label
/// "Census 2021", "IoD2019"/"ID2010" or "Health Index 2018" names its release family and year;
/// any other label falls back to the indicator's dataset. Producers and families keep the order
/// they first appear in; years are listed in order, the last joined with "&".
pub fn source_line(indicators: &[Indicator]) -> String {
    let mut producers: Vec<(&str, Vec<Release>)> = Vec::new();
    for ind in indicators {
        let used =
            |p: &str| ind.series.iter().any(|s| s.period == p) || ind.comparator_values.iter().any(|c| c.period == p);
        let producer = ind.source.producer.as_str();
        let at = match producers.iter().position(|(p, _)| *p == producer) {
            Some(i) => i,
            None => {
                producers.push((producer, Vec::new()));
                producers.len() - 1
            }
        };
        for period in ind.periods.iter().filter(|p| used(&p.id)) {
            let (family, year) = release(&period.label).unwrap_or((ind.source.dataset.as_str(), None));
            let families = &mut producers[at].1;
            let entry = match families.iter().position(|(f, _)| f == family) {
                Some(i) => &mut families[i],
                None => {
                    families.push((family.to_string(), BTreeSet::new()));
                    families.last_mut().expect("just pushed")
                }
            };
            entry.1.extend(year);
        }
    }
    let parts: Vec<String> = producers
        .iter()
        .filter(|(_, families)| !families.is_empty())
        .map(|(producer, families)| {
            let names: Vec<String> = families
                .iter()
                .map(|(family, years)| match years_text(years) {
                    Some(y) => format!("{family} {y}"),
                    None => family.clone(),
                })
                .collect();
            format!("{producer} ({})", names.join(", "))
        })
        .collect();
    format!("Source: {}.", parts.join("; "))
}

/// A release family and the years of it in use, e.g. ("Census", {2011, 2021}).
type Release = (String, BTreeSet<u32>);

/// The release family (and year, where it names one) of a period label.
fn release(label: &str) -> Option<(&'static str, Option<u32>)> {
    let year = |s: &str| s.trim().parse::<u32>().ok().filter(|y| (1900..=2100).contains(y));
    if let Some(rest) = label.strip_prefix("Census ") {
        return Some(("Census", Some(year(rest)?)));
    }
    if let Some(rest) = label.strip_prefix("IoD").or_else(|| label.strip_prefix("ID")) {
        return Some(("English Indices of Deprivation", Some(year(rest)?)));
    }
    if label.starts_with("Health Index ") {
        return Some(("Health Index", None));
    }
    None
}

/// "2021", "2011 & 2021", "2010, 2019 & 2025"; `None` for no years.
fn years_text(years: &BTreeSet<u32>) -> Option<String> {
    let list: Vec<String> = years.iter().map(u32::to_string).collect();
    match list.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} & {last}", rest.join(", "))),
    }
}

/// Method notes for the bundle as a whole.
pub fn notes() -> Vec<String> {
    let geometry = format!(
        "Geometry: ONS LSOA 2021 boundaries (super generalised) as shared arcs on a {} degree grid; MSOAs, wards (best-fit, approximate) and districts are dissolved from LSOAs when the bundle is loaded.",
        1.0 / crate::geojson::STEPS_PER_DEGREE
    );
    [
        geometry.as_str(),
        "Higher layers and the city region are sums of LSOA numerators over sums of denominators, never averages of rates (IoD2025 districts: MHCLG's published figures); estimates are flagged and their method stated.",
        "Older LSOA vintages are converted with the ONS lookups: unchanged copied, merged summed, split shared by Census 2021 population (full precision; estimated).",
        "Full methods: data/README.md in the widget's repository.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use work_health_atlas::model::bundle::{Polarity, Series, Source, Theme, Unit};

    fn indicator(producer: &str, periods: &[&str]) -> Indicator {
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
            source: Source { producer: producer.into(), dataset: "Some dataset".into(), edition: text() },
            licence: text(),
            geography_vintage: text(),
            periods: periods.iter().map(|p| crate::meta::period(p, p, "r", None)).collect(),
            series: periods
                .iter()
                .map(|p| Series {
                    geography: "lsoa".into(),
                    period: p.to_string(),
                    values: vec![Some(1.0)],
                    numerators: None,
                    denominators: None,
                    estimated: false,
                    method: "m".into(),
                })
                .collect(),
            comparator_values: Vec::new(),
        }
    }

    #[test]
    fn the_source_line_names_the_releases_the_indicators_use() {
        let mut shipped = vec![
            indicator("ONS", &["Census 2021"]),
            indicator("ONS", &["Health Index 2015", "Health Index 2016"]),
            indicator("MHCLG", &["ID2010", "IoD2019", "IoD2025"]),
        ];
        assert_eq!(
            source_line(&shipped),
            "Source: ONS (Census 2021, Health Index); MHCLG (English Indices of Deprivation 2010, 2019 & 2025)."
        );
        // An indicator with a Census 2011 period (household deprivation) brings Census 2011 back.
        shipped.push(indicator("ONS", &["Census 2011", "Census 2021"]));
        assert!(source_line(&shipped).contains("ONS (Census 2011 & 2021, Health Index)"), "{}", source_line(&shipped));
        // A period without figures is not a source used; other labels name the dataset.
        let mut unused = indicator("ONS", &["Census 2001"]);
        unused.series.clear();
        let other = indicator("DWP", &["2024-03"]);
        assert_eq!(source_line(&[unused, other]), "Source: DWP (Some dataset).");
    }
}
