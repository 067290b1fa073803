//! The shipped bundle (data/atlas.json) loads in the widget's own loader without errors, carries
//! the stable ids partner pages rely on, and has complete metadata for every indicator.
#![cfg(not(target_arch = "wasm32"))]

use work_health_atlas::app::Atlas;
use work_health_atlas::model::Dataset;

fn shipped() -> Dataset {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("data/atlas.json exists");
    Dataset::from_json(&bytes).expect("the shipped bundle is valid")
}

#[test]
fn has_the_four_layers_with_the_official_area_counts() {
    let data = shipped();
    let layers: Vec<(&str, usize)> = data.bundle.geographies.iter().map(|g| (g.id.as_str(), g.areas.len())).collect();
    assert_eq!(layers, vec![("lsoa", 1003), ("msoa", 201), ("ward", 158), ("lad", 6)]);
    assert!(data.bundle.geographies.iter().find(|g| g.id == "ward").is_some_and(|g| g.approximate));
    assert!(!data.bundle.meta.synthetic, "the shipped bundle is real data");
}

#[test]
fn carries_the_required_indicator_and_period_ids() {
    let data = shipped();
    let periods = |id: &str| -> Vec<String> {
        data.indicator(id).unwrap_or_else(|| panic!("indicator {id}")).periods.iter().map(|p| p.id.clone()).collect()
    };
    assert_eq!(periods("employment-deprivation"), ["2010", "2019", "2025"]);
    assert_eq!(periods("income-deprivation"), ["2010", "2019", "2025"]);
    assert_eq!(periods("disability"), ["2021"]);
    for id in ["economically-inactive", "unemployed", "bad-health", "unpaid-care"] {
        assert_eq!(periods(id), ["2021"], "{id}");
    }
    assert_eq!(periods("hi-unemployment"), ["2015", "2016", "2017", "2018", "2019", "2020", "2021"]);
    for id in ["households-deprived-1plus", "households-deprived-2plus"] {
        assert_eq!(periods(id), ["2011", "2021"], "{id}");
        for geography in ["lsoa", "msoa", "ward", "lad"] {
            for period in ["2011", "2021"] {
                assert!(data.series(id, geography, period).is_some(), "{id} {period} on {geography}");
            }
        }
    }
    for id in ["employment-deprivation", "income-deprivation", "disability"] {
        for geography in ["lsoa", "msoa", "ward", "lad"] {
            assert!(
                data.series(id, geography, "2025").is_some() || data.series(id, geography, "2021").is_some(),
                "{id} on {geography}"
            );
        }
    }
}

#[test]
fn every_indicator_has_complete_metadata_and_attribution_travels() {
    let data = shipped();
    assert!(data.bundle.meta.attribution.iter().any(|a| a.contains("Open Government Licence v3.0")));
    assert!(data.bundle.meta.attribution.iter().any(|a| a.contains("Crown copyright")));
    for i in &data.bundle.indicators {
        for (field, text) in [
            ("label", &i.label),
            ("title", &i.title),
            ("definition", &i.definition),
            ("source.producer", &i.source.producer),
            ("source.dataset", &i.source.dataset),
            ("source.edition", &i.source.edition),
            ("licence", &i.licence),
            ("geography_vintage", &i.geography_vintage),
        ] {
            assert!(!text.trim().is_empty(), "{}: {field} is empty", i.id);
        }
        for p in &i.periods {
            assert!(!p.label.is_empty() && !p.reference.is_empty(), "{} period {} lacks label/reference", i.id, p.id);
        }
        for s in &i.series {
            assert!(!s.method.trim().is_empty(), "{} {}/{}: method is empty", i.id, s.geography, s.period);
        }
    }
}

#[test]
fn the_default_view_is_employment_deprivation_2025_on_lsoas() {
    let atlas = Atlas::new(shipped(), 800.0, 600.0);
    let state = atlas.state();
    assert_eq!(
        (state.indicator.as_deref(), state.geography.as_str(), state.period.as_deref()),
        (Some("employment-deprivation"), "lsoa", Some("2025"))
    );
    let caption = atlas.caption();
    assert!(caption.source.contains("Indices of Deprivation"), "{}", caption.source);
    assert!(!caption.attribution.is_empty());
    assert_eq!(atlas.legend().iter().filter(|r| !r.no_data).count(), 5);
}

#[test]
fn search_finds_names_codes_and_districts_in_any_spelling() {
    let data = shipped();
    let index = work_health_atlas::app::search::SearchIndex::new(&data);
    let first = |q: &str| index.search(&data, q, 5).into_iter().next().map(|h| (h.geography, h.name, h.code));
    assert_eq!(first("Anfield").map(|h| (h.0, h.1)), Some(("ward".to_string(), "Anfield".to_string())));
    assert_eq!(first("liverpool 031a").map(|h| (h.0, h.1)), Some(("lsoa".to_string(), "Liverpool 031A".to_string())));
    assert_eq!(first("Liverpool  031A").map(|h| h.1), Some("Liverpool 031A".to_string()));
    assert_eq!(first("e01006512").map(|h| h.2), Some("E01006512".to_string()));
    // The official name has a full stop; search ignores punctuation, so either spelling finds it.
    for query in ["st. helens", "St Helens", "ST.HELENS"] {
        assert_eq!(first(query).map(|h| (h.0, h.1)), Some(("lad".to_string(), "St. Helens".to_string())), "{query}");
    }
    assert!(index.search(&data, "zzzz-no-such-place", 5).is_empty());
}

#[test]
fn a_postcode_selects_the_area_of_the_current_layer_that_contains_it() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/postcodes.json")).expect("index");
    let mut atlas = Atlas::new(shipped(), 800.0, 600.0);
    let file = serde_json::from_str(&text).expect("the shipped index is JSON");
    atlas.load_postcodes(file).expect("the shipped index is valid");
    let on_lsoas = atlas.locate_postcode("l40th").expect("L4 0TH is in the lookup");
    assert_eq!(on_lsoas.postcode, "L4 0TH");
    assert_eq!(on_lsoas.area.code, on_lsoas.lsoa);
    atlas.set_view(None, Some("ward"), None).expect("wards exist");
    let on_wards = atlas.locate_postcode("L4 0TH").expect("found");
    assert_eq!(on_wards.area.geography, "ward");
    assert!(on_wards.message.starts_with("L4 0TH is in "), "{}", on_wards.message);
    let unknown = atlas.locate_postcode("SW1A 1AA").expect_err("not in LCR");
    assert_eq!(unknown.code(), "unknown-postcode");
}

#[test]
fn sentences_say_the_direction_and_add_the_judgement_only_when_it_is_new() {
    // Employment deprivation: higher is worse, so a "worse" benchmark reads "significantly higher
    // than …, worse"; each sentence agrees with the area's own benchmark lines. Wards, because
    // LSOAs ship no denominators and so have no interval to compare.
    let mut atlas = Atlas::new(shipped(), 800.0, 600.0);
    atlas.set_view(None, Some("ward"), None).expect("the ward layer exists");
    let wards = atlas.data().bundle.geographies.iter().find(|g| g.id == "ward").map_or(0, |g| g.areas.len());
    let mut seen = std::collections::BTreeSet::new();
    for area in 0..wards {
        let (Some(sentence), Some(summary)) = (atlas.sentence(area), atlas.summary_for(area)) else { continue };
        for b in &summary.benchmarks {
            let expected = match b.word_95.as_str() {
                "worse" => format!("significantly higher than {} ({}), worse", b.comparator, b.comparator_value),
                "better" => format!("significantly lower than {} ({}), better", b.comparator, b.comparator_value),
                "similar" => format!("similar to {} ({})", b.comparator, b.comparator_value),
                "not compared" => format!("not compared with {} ({}): no interval", b.comparator, b.comparator_value),
                other => panic!("employment deprivation is judged better/worse, not {other}"),
            };
            assert!(sentence.contains(&expected), "{sentence}\nmissing: {expected}");
            seen.insert(b.word_95.clone());
        }
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), ["better", "similar", "worse"]);
}

#[test]
fn the_packed_bundle_every_module_reads_is_the_json_bundle() {
    // The map, analysis and import modules all read data/atlas.bin; partners read and write the
    // JSON schema. Both must hold exactly the same bundle.
    let root = env!("CARGO_MANIFEST_DIR");
    let json = std::fs::read(format!("{root}/data/atlas.json")).expect("data/atlas.json exists");
    let packed = std::fs::read(format!("{root}/data/atlas.bin")).expect("data/atlas.bin exists");
    let from_json: work_health_atlas::model::Bundle = serde_json::from_slice(&json).expect("the JSON bundle parses");
    let from_packed = work_health_atlas::model::packed::decode(&packed).expect("the packed bundle decodes");
    assert!(from_packed == from_json, "data/atlas.bin and data/atlas.json hold different bundles");
}

#[test]
fn the_embedded_first_view_and_the_rest_make_the_whole_bundle() {
    // The map module embeds data/atlas-first.bin (the indicator shown first) and fetches
    // data/atlas-more.bin after its first paint; together they are data/atlas.bin.
    use work_health_atlas::app::atlas::DEFAULT_INDICATOR;
    use work_health_atlas::model::packed;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |name: &str| std::fs::read(format!("{root}/data/{name}")).expect("data file exists");
    let (first, more, whole) = (read("atlas-first.bin"), read("atlas-more.bin"), read("atlas.bin"));
    let whole = packed::decode(&whole).expect("the whole bundle decodes");
    let head = packed::decode(&first).expect("the first part decodes alone");
    assert_eq!(head.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [DEFAULT_INDICATOR]);
    assert!(
        packed::decode(&[first.as_slice(), &more].concat()) == Ok(whole.clone()),
        "first ++ more differs from atlas.bin"
    );

    // The widget's way: a map of the first part, the rest added after; the view stays.
    let data = Dataset::load(head).expect("the first part loads");
    let mut atlas = Atlas::load(data, 800.0, 600.0).expect("atlas");
    atlas.select_code("E01006512").expect("an LSOA");
    let before = atlas.state();
    atlas.insert_indicators(packed::decode_sections(&more).expect("sections")).expect("the rest fits");
    assert_eq!(atlas.state(), before);
    let ids: Vec<String> = atlas.data().bundle.indicators.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, whole.indicators.iter().map(|i| i.id.clone()).collect::<Vec<_>>());
    atlas.set_view(Some("income-deprivation"), None, None).expect("an indicator of the rest is shown");
    // Added twice: the ids are then duplicated, which validation refuses, and nothing changes.
    let again = atlas.insert_indicators(packed::decode_sections(&more).expect("sections"));
    assert!(again.is_err());
    assert_eq!(atlas.data().bundle.indicators.len(), whole.indicators.len());
}

#[test]
fn search_names_neighbourhoods_in_their_ward_and_offers_close_matches() {
    let data = shipped();
    let index = work_health_atlas::app::search::SearchIndex::new(&data);
    let hit = index.search(&data, "Sefton 037D", 5).into_iter().next().expect("Sefton 037D is found");
    assert_eq!(hit.context, "in Linacre ward, Sefton");
    assert!(!hit.close);
    let ward = index.search(&data, "Linacre", 5).into_iter().next().expect("Linacre ward is found");
    assert_eq!((ward.geography.as_str(), ward.context.as_str()), ("ward", "Sefton"));
    // A typing slip still finds the place, marked as a close match.
    let close: Vec<String> = index.search(&data, "Evertn", 5).into_iter().filter(|h| h.close).map(|h| h.name).collect();
    assert_eq!(close, ["Everton East", "Everton North", "Everton West"]);
    assert_eq!(index.search(&data, "Linacer", 5).first().map(|h| (h.name.as_str(), h.close)), Some(("Linacre", true)));
    // Short queries and nonsense get no guesses.
    assert!(index.search(&data, "Evr", 5).is_empty());
    assert!(index.search(&data, "zzzz-no-such-place", 5).is_empty());
}

#[test]
fn a_neighbourhood_is_headed_with_its_ward_and_district() {
    let data = shipped();
    let code = work_health_atlas::app::search::SearchIndex::new(&data).search(&data, "Sefton 037D", 1)[0].code.clone();
    let mut atlas = Atlas::new(data, 800.0, 600.0);
    let chosen = atlas.choose(&code).expect("the LSOA can be chosen");
    assert_eq!(chosen.area.heading, "Sefton 037D, in Linacre ward, Sefton");
    assert_eq!(chosen.message, "Showing Sefton 037D, in Linacre ward, Sefton.");
}

#[test]
fn one_period_has_no_recent_trend_and_no_interval_says_what_the_atlas_holds() {
    let mut atlas = Atlas::new(shipped(), 800.0, 600.0);
    // Disability: Census 2021 only, so no recent-trend line (it could only say it cannot be).
    atlas.set_view(Some("disability"), Some("ward"), None).expect("disability on wards");
    let summary = atlas.summary_for(0).expect("a summary");
    assert_eq!(summary.recent_trend, None);
    assert!(!atlas.sentence(0).unwrap_or_default().contains("recent trend"));
    // Employment deprivation has three periods: the line stays.
    atlas.set_view(Some("employment-deprivation"), Some("ward"), None).expect("known");
    assert!(atlas.summary_for(0).and_then(|s| s.recent_trend).is_some());
    assert!(atlas.sentence(0).unwrap_or_default().contains("recent trend "));
    // Census percentages without counts: the atlas holds only percentages (not "the source
    // publishes no counts", which is untrue: ONS publishes them, this atlas does not hold them).
    atlas.set_view(Some("economically-inactive"), Some("msoa"), None).expect("known");
    let summary = atlas.summary_for(0).expect("a summary");
    assert_eq!(summary.interval_text, "No confidence interval: this atlas holds only percentages for this indicator");
    let sentence = atlas.sentence(0).unwrap_or_default();
    assert!(!sentence.contains("publishes no counts") && !sentence.contains("No confidence"), "{sentence}");
}

#[test]
fn choosing_an_indicator_that_the_layer_lacks_says_which_layer_is_shown() {
    let mut atlas = Atlas::new(shipped(), 800.0, 600.0);
    atlas.set_view(Some("employment-deprivation"), Some("ward"), None).expect("known");
    atlas.set_view(Some("economically-inactive"), None, None).expect("known");
    assert_eq!(atlas.state().geography, "lad");
    assert_eq!(
        atlas.layer_note("ward").as_deref(),
        Some("Economically inactive is not available for wards; showing districts.")
    );
}

#[test]
fn disability_says_it_is_a_crude_rate() {
    // Census disability is not age-standardised: areas with older residents score higher partly
    // for their age. The definition (shown under the map and in every export) says so.
    let data = shipped();
    let definition = &data.indicator("disability").expect("disability").definition;
    assert!(definition.contains("A crude rate, not age-standardised"), "{definition}");
}
