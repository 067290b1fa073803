//! ONS Health Index underlying indicators for the six districts, yearly 2015–2021:
//! `hi-unemployment`, `hi-disability`, `hi-life-expectancy`. The source file has no England row,
//! so no England comparator is given (none is invented), and no city-region figure either: the
//! indicators are survey-based rates whose denominators are not in our files.

use crate::aggregate::round;
use crate::areas::{Layers, DISTRICTS};
use crate::diag::Diagnostics;
use crate::meta::{self, Text, ONS};
use crate::table::Table;
use std::collections::BTreeMap;
use std::path::Path;
use work_health_atlas::model::bundle::{Indicator, Period, Polarity, Series, Theme, Unit};

/// The raw file (all English districts).
pub const FILE: &str = "health/ons_health_index_selected_indicators_ltla21_england_2015_2021.csv";
/// Years covered.
pub const YEARS: [u32; 7] = [2015, 2016, 2017, 2018, 2019, 2020, 2021];

const VINTAGE: &str = "Local authority districts (2021 boundaries; the six LCR districts are unchanged since 2009). District figures only.";

fn specs() -> Vec<(&'static str, Text<'static>)> {
    vec![
        (
            "Unemployment",
            Text {
                id: "hi-unemployment",
                label: "Unemployment (Health Index)",
                title: "Unemployment rate",
                definition: "The percentage of economically active residents aged 16 and over who are unemployed, as used in the ONS Health Index (Healthy Places: economic and working conditions), from survey-based estimates.",
                unit: meta::percent("% of economically active residents"),
                decimals: 1,
                polarity: Polarity::HigherIsWorse,
                theme: Theme::Work,
                source: (ONS, "Health Index for England, underlying indicator \"Unemployment\"", "2015–2021 release"),
                vintage: VINTAGE,
            },
        ),
        (
            "Disability",
            Text {
                id: "hi-disability",
                label: "Disability (Health Index)",
                title: "Share of people who are disabled",
                definition: "The percentage of people who are disabled, as used in the ONS Health Index (Healthy People: difficulties in daily life), from survey-based estimates.",
                unit: meta::percent("% of people"),
                decimals: 1,
                polarity: Polarity::Neither,
                theme: Theme::Health,
                source: (ONS, "Health Index for England, underlying indicator \"Disability\"", "2015–2021 release"),
                vintage: VINTAGE,
            },
        ),
        (
            "Life expectancy",
            Text {
                id: "hi-life-expectancy",
                label: "Life expectancy (Health Index)",
                title: "Life expectancy at birth",
                definition: "Life expectancy at birth in years, as used in the ONS Health Index (Healthy People: mortality).",
                unit: Unit { symbol: " years".into(), label: "years".into(), multiplier: 1.0 },
                decimals: 1,
                polarity: Polarity::HigherIsBetter,
                theme: Theme::Health,
                source: (ONS, "Health Index for England, underlying indicator \"Life expectancy\"", "2015–2021 release"),
                vintage: VINTAGE,
            },
        ),
    ]
}

/// The Health Index indicators.
pub fn indicators(raw: &Path, layers: &Layers, diags: &mut Diagnostics) -> Vec<Indicator> {
    let Some(t) = Table::read(raw, FILE, diags) else {
        return Vec::new();
    };
    let Some([c_code, c_year, c_ind, c_value]) = t.cols(["ltla21_code", "year", "indicator", "value"], diags) else {
        return Vec::new();
    };
    // (indicator, district, year) → value, for the six districts only.
    let mut values: BTreeMap<(String, String, u32), f64> = BTreeMap::new();
    for row in &t.rows {
        let code = t.text(row, c_code);
        if !DISTRICTS.iter().any(|d| d.0 == code) {
            continue;
        }
        let Some(year) = t.num(row, c_year, code, diags) else { continue };
        let Some(v) = t.num(row, c_value, code, diags) else { continue };
        if year.fract() != 0.0 || !YEARS.contains(&(year as u32)) {
            diags.error(t.loc(row, c_year, Some(code)), format!("unexpected year {year}"));
            continue;
        }
        let key = (t.text(row, c_ind).to_string(), code.to_string(), year as u32);
        if values.insert(key, v).is_some() {
            diags.error(t.loc(row, c_ind, Some(code)), "duplicate district, year and indicator");
        }
    }
    let Some(lad) = layers.get("lad") else { return Vec::new() };
    specs()
        .into_iter()
        .map(|(name, text)| {
            // Rounded once, from the published full-precision value, to the decimals shown.
            let places = u32::from(text.decimals);
            let periods: Vec<Period> = YEARS
                .iter()
                .map(|y| meta::period(&y.to_string(), &format!("Health Index {y}"), &format!("Health Index year {y} (underlying data about {y} or the latest period available then)"), None))
                .collect();
            let mut ind = meta::shell(text, periods);
            for y in YEARS {
                let vals: Vec<Option<f64>> = lad
                    .codes
                    .iter()
                    .map(|code| {
                        let v = values.get(&(name.to_string(), code.clone(), y)).copied();
                        if v.is_none() {
                            diags.error(format!("{FILE} ({code})"), format!("no \"{name}\" value for {y}: ragged series"));
                        }
                        v.map(|v| round(v, places))
                    })
                    .collect();
                ind.series.push(Series {
                    geography: "lad".into(),
                    period: y.to_string(),
                    values: vals,
                    numerators: None,
                    denominators: None,
                    estimated: false,
                    method: "As published in the ONS Health Index underlying indicators (raw values). The file has no England or city-region row, so no comparator is shown.".into(),
                });
            }
            ind
        })
        .collect()
}
