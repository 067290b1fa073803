//! Census 2021 indicators: `disability` (LSOA counts, TS038) and the percent-only topics
//! `economically-inactive`, `unemployed`, `bad-health` and `unpaid-care` (MSOA and district
//! percentages as ONS published them; the city-region figure is a population-weighted estimate).

use crate::aggregate::{counts_series, higher_series, region_value, round, Counts, RateSpec};
use crate::areas::{Layers, DISTRICTS};
use crate::comparators::{weighted_percent, ENGLAND, LCR};
use crate::deprivation::Inputs;
use crate::diag::Diagnostics;
use crate::meta::{self, Text, ONS};
use crate::sources::{align, check_counts, numbers};
use crate::table::Table;
use std::collections::BTreeMap;
use work_health_atlas::model::bundle::{ComparatorValue, Indicator, Polarity, Series, Theme};

/// TS038 by LSOA.
pub const DISABILITY: &str = "census/census2021_disability_lsoa21_lcr.csv";
/// Topic percentages by MSOA.
pub const TOPICS_MSOA: &str = "census/census2021_topics_pct_msoa21_lcr.csv";
/// Topic percentages by district, region and country.
pub const TOPICS_LAD: &str = "census/census2021_topics_pct_lad21_ew.csv";

/// All Census 2021 indicators.
pub fn indicators(inp: &Inputs, diags: &mut Diagnostics) -> Vec<Indicator> {
    let lad = Table::read(inp.raw, TOPICS_LAD, diags);
    let msoa = Table::read(inp.raw, TOPICS_MSOA, diags);
    let lad_pct = lad.as_ref().map(|t| percents(t, "area_code", diags)).unwrap_or_default();
    let msoa_pct = msoa.as_ref().map(|t| percents(t, "msoa21_code", diags)).unwrap_or_default();
    let mut out = vec![disability(inp, &lad_pct, diags)];
    for topic in TOPICS {
        out.push(topic_indicator(inp, &topic, &msoa_pct, &lad_pct, diags));
    }
    out
}

/// (area code, category code) → (percent, file:line) from a long-format topics table.
type Percents = BTreeMap<(String, String), (f64, String)>;

fn percents(t: &Table, code_col: &str, diags: &mut Diagnostics) -> Percents {
    let mut out = Percents::new();
    let Some([c_code, c_cat, c_pct]) = t.cols([code_col, "category_code", "percent"], diags) else {
        return out;
    };
    for row in &t.rows {
        let code = t.text(row, c_code).to_string();
        let cat = t.text(row, c_cat).to_string();
        let Some(v) = t.num(row, c_pct, &code, diags) else { continue };
        if !(0.0..=100.0).contains(&v) {
            diags.error(t.loc(row, c_pct, Some(&code)), format!("percentage {v} outside 0–100"));
        }
        if out.insert((code.clone(), cat), (v, format!("{}:{}", t.name, row.line))).is_some() {
            diags.error(t.loc(row, c_cat, Some(&code)), "duplicate area and category");
        }
    }
    out
}

fn disability(inp: &Inputs, lad_pct: &Percents, diags: &mut Diagnostics) -> Indicator {
    let mut ind = meta::shell(
        Text {
            id: "disability",
            label: "Disability",
            title: "Share of residents who are disabled",
            definition: "The percentage of usual residents who are disabled under the Equality Act 2010 — a long-term physical or mental health condition or illness that limits day-to-day activities a little or a lot — as reported in the 2021 Census. A crude rate, not age-standardised: areas with more older residents have higher rates partly because of their age.",
            unit: meta::percent("% of usual residents"),
            decimals: 1,
            polarity: Polarity::Neither,
            theme: Theme::Health,
            source: (ONS, "Census 2021, TS038 Disability", "Census 2021"),
            vintage: "Published on LSOA 2021; higher layers summed from LSOAs.",
        },
        vec![meta::census_2021()],
    );
    let mut counts = Counts::default();
    if let Some(t) = Table::read(inp.raw, DISABILITY, diags) {
        if let Some([c_code, c_cat, c_n, c_total]) =
            t.cols(["lsoa21_code", "disability", "n", "total_residents"], diags)
        {
            let rows = align(&t, c_code, inp.index, |r| t.text(r, c_cat) == "Disabled under the Equality Act", diags);
            counts.num = numbers(&t, &rows, c_code, c_n, diags);
            counts.den = numbers(&t, &rows, c_code, c_total, diags);
            check_counts(&t, &rows, c_code, c_n, &counts.num, &counts.den, diags);
        }
    }
    let spec = RateSpec {
        period: "2021",
        multiplier: 100.0,
        decimals: 1,
        estimated: false,
        method: "Sum of the LSOAs' disabled residents over the sum of their usual residents (Census 2021 TS038).",
    };
    ind.series.push(counts_series("lsoa", &counts, &spec, "Disabled residents ÷ all usual residents, as published (Census 2021 TS038; ONS applies cell key perturbation to small counts)."));
    ind.series.extend(higher_series(inp.layers, &counts, &spec));
    if let Some(v) = region_value(&counts, &spec, spec.method) {
        ind.comparator_values.push(v);
    }
    if let Some((v, _)) = lad_pct.get(&(ENGLAND.to_string(), "disability_3a-001".to_string())) {
        ind.comparator_values.push(published(
            ENGLAND,
            "2021",
            *v,
            "Published percentage for England (ONS Census 2021, TS038, rounded to 1 decimal).",
        ));
    } else {
        diags.error(format!("{TOPICS_LAD} ({ENGLAND})"), "England row for disability_3a-001 missing");
    }
    ind
}

/// A percent-only topic.
struct Topic {
    text: fn() -> Text<'static>,
    /// Categories whose percentages are added; `complement` means 100 minus their sum.
    categories: &'static [&'static str],
    complement: bool,
    /// Weight population for the city-region estimate.
    weight: Weight,
    population: &'static str,
}

#[derive(Clone, Copy)]
enum Weight {
    Adults,
    All,
}

const TOPICS: [Topic; 4] = [
    Topic {
        text: || Text {
            id: "economically-inactive",
            label: "Economically inactive",
            title: "Share of residents aged 16 and over who are economically inactive",
            definition: "The percentage of usual residents aged 16 and over who were neither in work nor looking for work in the week before the 2021 Census — including retired people, students, people looking after home or family and people who are long-term sick or disabled.",
            unit: meta::percent("% of residents aged 16+"),
            decimals: 1,
            polarity: Polarity::Neither,
            theme: Theme::Work,
            source: (ONS, "Census 2021, TS066 Economic activity status", "Census 2021"),
            vintage: "Published by ONS as percentages for MSOA 2021 and local authority districts (2021); no LSOA or ward figures.",
        },
        categories: &["economic_activity_status_4a-003"],
        complement: false,
        weight: Weight::Adults,
        population: "usual residents aged 16 and over",
    },
    Topic {
        text: || Text {
            id: "unemployed",
            label: "Unemployed",
            title: "Share of residents aged 16 and over who are unemployed",
            definition: "The percentage of usual residents aged 16 and over who were not in work but were looking for work and could start soon (including full-time students) in the week before the 2021 Census — a share of all residents aged 16+, not the unemployment rate among economically active people.",
            unit: meta::percent("% of residents aged 16+"),
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            source: (ONS, "Census 2021, TS066 Economic activity status", "Census 2021"),
            vintage: "Published by ONS as percentages for MSOA 2021 and local authority districts (2021); no LSOA or ward figures.",
        },
        categories: &["economic_activity_status_4a-002"],
        complement: false,
        weight: Weight::Adults,
        population: "usual residents aged 16 and over",
    },
    Topic {
        text: || Text {
            id: "bad-health",
            label: "Bad or very bad health",
            title: "Share of residents in bad or very bad health",
            definition: "The percentage of usual residents who described their general health as bad or very bad in the 2021 Census.",
            unit: meta::percent("% of usual residents"),
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Health,
            source: (ONS, "Census 2021, TS037 General health", "Census 2021"),
            vintage: "Published by ONS as percentages for MSOA 2021 and local authority districts (2021); no LSOA or ward figures.",
        },
        categories: &["health_in_general_4a-003"],
        complement: false,
        weight: Weight::All,
        population: "all usual residents",
    },
    Topic {
        text: || Text {
            id: "unpaid-care",
            label: "Unpaid carers",
            title: "Share of residents who provide unpaid care",
            definition: "The percentage of usual residents aged 5 and over who look after or support someone because of long-term physical or mental ill health, disability or problems related to old age, for any number of hours a week (Census 2021).",
            unit: meta::percent("% of residents aged 5+"),
            decimals: 1,
            polarity: Polarity::Neither,
            theme: Theme::Care,
            source: (ONS, "Census 2021, TS039 Provision of unpaid care", "Census 2021"),
            vintage: "Published by ONS as percentages for MSOA 2021 and local authority districts (2021); no LSOA or ward figures.",
        },
        categories: &["is_carer_5a-001"],
        complement: true,
        weight: Weight::All,
        population: "usual residents aged 5 and over (city-region weights use all usual residents, as no 5+ count by district is in our files)",
    },
];

fn topic_value(pct: &Percents, code: &str, topic: &Topic) -> Option<f64> {
    let sum: Option<f64> =
        topic.categories.iter().map(|c| pct.get(&(code.to_string(), c.to_string())).map(|v| v.0)).sum();
    sum.map(|s| if topic.complement { 100.0 - s } else { s })
}

fn topic_indicator(
    inp: &Inputs,
    topic: &Topic,
    msoa_pct: &Percents,
    lad_pct: &Percents,
    diags: &mut Diagnostics,
) -> Indicator {
    let text = (topic.text)();
    let id = text.id;
    let mut ind = meta::shell(text, vec![meta::census_2021()]);
    // Every value is rounded once, from the published or estimated figure, to the decimals shown.
    let places = u32::from(ind.decimals);
    let how = if topic.complement {
        "100 minus the published percentage providing no unpaid care"
    } else {
        "the published percentage"
    };
    let layers: &Layers = inp.layers;
    // MSOAs built from their LSOAs because ONS's files lack them have no published percentage.
    let uncoded: Vec<&str> = layers.msoa_uncoded.iter().map(|f| f.2.as_str()).collect();
    if let Some(msoa) = layers.get("msoa") {
        let values = msoa
            .codes
            .iter()
            .map(|code| {
                let v = topic_value(msoa_pct, code, topic);
                if v.is_none() && !uncoded.contains(&code.as_str()) {
                    diags.error(format!("{TOPICS_MSOA} ({code})"), format!("area missing from the file for {id}"));
                }
                v.map(|v| round(v, places))
            })
            .collect();
        let mut method = format!("Census 2021 {how} for each MSOA 2021 (ONS, rounded to 1 decimal; population: {}). No counts are published in our source, so no numerators or denominators.", topic.population);
        if !uncoded.is_empty() {
            let mut names: Vec<&str> = Vec::new();
            for (code, name) in msoa.codes.iter().zip(&msoa.names) {
                if uncoded.contains(&code.as_str()) {
                    names.push(name);
                }
            }
            method.push_str(&format!(
                " None for {}: missing from the ONS MSOA file (built here from its LSOAs).",
                names.join(", ")
            ));
        }
        ind.series.push(Series {
            geography: "msoa".into(),
            period: "2021".into(),
            values,
            numerators: None,
            denominators: None,
            estimated: false,
            method,
        });
    }
    let lad_values: Vec<Option<f64>> = DISTRICTS
        .iter()
        .map(|(code, _)| {
            let v = topic_value(lad_pct, code, topic);
            if v.is_none() {
                diags.error(format!("{TOPICS_LAD} ({code})"), format!("area missing from the file for {id}"));
            }
            v
        })
        .collect();
    ind.series.push(Series {
        geography: "lad".into(),
        period: "2021".into(),
        values: lad_values.iter().map(|v| v.map(|v| round(v, places))).collect(),
        numerators: None,
        denominators: None,
        estimated: false,
        method: format!(
            "Census 2021 {how} for each local authority district (ONS, rounded to 1 decimal; population: {}).",
            topic.population
        ),
    });
    if let Some(v) = topic_value(lad_pct, ENGLAND, topic) {
        ind.comparator_values.push(published(
            ENGLAND,
            "2021",
            round(v, places),
            &format!("Census 2021 {how} for England (ONS, rounded to 1 decimal)."),
        ));
    } else {
        diags.error(format!("{TOPICS_LAD} ({ENGLAND})"), format!("England row missing for {id}"));
    }
    // City region: district percentages weighted by Census 2021 populations summed from LSOAs.
    let pop = match topic.weight {
        Weight::Adults => &inp.pop.adults,
        Weight::All => &inp.pop.total,
    };
    if let Some(lad) = layers.get("lad") {
        let mut weights = vec![0.0; lad.codes.len()];
        for (lsoa, &area) in lad.of_lsoa.iter().enumerate() {
            weights[area] += pop.get(lsoa).copied().unwrap_or(0.0);
        }
        let pairs: Vec<(Option<f64>, Option<f64>)> =
            lad_values.iter().zip(&weights).map(|(v, w)| (*v, Some(*w))).collect();
        if let Some((v, _)) = weighted_percent(&pairs) {
            ind.comparator_values.push(ComparatorValue {
                code: LCR.into(),
                period: "2021".into(),
                value: round(v, places),
                numerator: None,
                denominator: None,
                estimated: true,
                method: format!("Estimate: the six districts' published percentages weighted by their Census 2021 {} (summed from LSOA usual-resident counts). ONS publishes no city-region figure in our sources.", match topic.weight { Weight::Adults => "residents aged 16 and over", Weight::All => "usual residents" }),
            });
        }
    }
    ind
}

fn published(code: &str, period: &str, value: f64, method: &str) -> ComparatorValue {
    ComparatorValue {
        code: code.into(),
        period: period.into(),
        value,
        numerator: None,
        denominator: None,
        estimated: false,
        method: method.into(),
    }
}
