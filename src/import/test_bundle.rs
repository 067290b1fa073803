//! A SYNTHETIC bundle and reference for the importer's unit tests: four LSOAs (two per district)
//! with their MSOAs, wards and districts, residents aged 16–64, and a small LSOA 2011 lookup with
//! unchanged, merged and split codes. Made up; never shipped.

use super::reference::{Reference, Residents};
use crate::model::bundle::{Area, Bundle, Geography, Parents};

fn area(code: &str, name: &str, parents: &[(&str, &str)], polygons: Vec<Vec<Vec<i64>>>) -> Area {
    Area {
        code: code.into(),
        name: name.into(),
        parents: parents.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Parents>(),
        polygons,
    }
}

fn layer(id: &str, noun: &str, dissolved: bool, areas: Vec<Area>) -> Geography {
    Geography {
        id: id.into(),
        label: format!("{id} (synthetic)"),
        noun_plural: noun.into(),
        vintage: "synthetic".into(),
        approximate: false,
        note: String::new(),
        dissolved_from: dissolved.then(|| "lsoa".to_string()),
        areas,
    }
}

/// The SYNTHETIC bundle: LSOAs E01000001–4 ("Alpha 001A/B", "Beta 001A/B"), MSOAs E02000001–2,
/// wards E05000001 "Westward" and E05000002 "Twin", districts E08000001 "Alpha" and E08000002
/// "Twin"; comparators E47000004 and E92000001; one shipped indicator `employment-deprivation`.
pub fn bundle() -> Bundle {
    let mut b: Bundle = serde_json::from_str(
        r#"{"schema":"work-health-atlas/bundle","version":1,
        "meta":{"title":"synthetic","licence":"none","attribution":["synthetic"],"synthetic":true},
        "topology":{"scale":[0.001,0.001],"translate":[-3,53],"arcs":[
          [[0,0],[10,0],[0,10],[-10,0],[0,-10]],[[10,0],[10,0],[0,10],[-10,0],[0,-10]],
          [[20,0],[10,0],[0,10],[-10,0],[0,-10]],[[30,0],[10,0],[0,10],[-10,0],[0,-10]]]},
        "geographies":[],
        "comparators":[{"code":"E47000004","name":"Liverpool City Region"},{"code":"E92000001","name":"England"}],
        "indicators":[{"id":"employment-deprivation","label":"Employment deprivation","title":"t","definition":"d",
          "unit":{"symbol":"%","label":"%","multiplier":100},"decimals":1,"polarity":"higher-is-worse","theme":"work",
          "source":{"producer":"p","dataset":"d","edition":"e"},"licence":"l","geography_vintage":"v",
          "periods":[{"id":"2025","label":"2025","reference":"r"}],
          "series":[{"geography":"lad","period":"2025","values":[10.0,20.0],"method":"m"}]}]}"#,
    )
    .expect("the synthetic bundle parses");
    let lsoa = |code: &str, name: &str, m: &str, w: &str, d: &str, arc: i64| {
        area(code, name, &[("msoa", m), ("ward", w), ("lad", d)], vec![vec![vec![arc]]])
    };
    b.geographies = vec![
        layer(
            "lsoa",
            "neighbourhoods",
            false,
            vec![
                lsoa("E01000001", "Alpha 001A", "E02000001", "E05000001", "E08000001", 0),
                lsoa("E01000002", "Alpha 001B", "E02000001", "E05000001", "E08000001", 1),
                lsoa("E01000003", "Beta 001A", "E02000002", "E05000002", "E08000002", 2),
                lsoa("E01000004", "Beta 001B", "E02000002", "E05000002", "E08000002", 3),
            ],
        ),
        layer(
            "msoa",
            "areas",
            true,
            vec![
                area("E02000001", "Alpha 001", &[("lad", "E08000001")], vec![]),
                area("E02000002", "Beta 001", &[("lad", "E08000002")], vec![]),
            ],
        ),
        layer(
            "ward",
            "wards",
            true,
            vec![
                area("E05000001", "Westward", &[("lad", "E08000001")], vec![]),
                area("E05000002", "Twin", &[("lad", "E08000002")], vec![]),
            ],
        ),
        layer(
            "lad",
            "districts",
            true,
            vec![area("E08000001", "Alpha", &[], vec![]), area("E08000002", "Twin", &[], vec![])],
        ),
    ];
    b
}

/// Residents aged 16–64 (1000, 800, 1200, 600) and a lookup: E01000001 unchanged, E01000095 and
/// E01000096 merged into E01000002, E01000099 split into E01000003 and E01000004.
pub fn reference() -> Reference {
    let codes = ["E01000001", "E01000002", "E01000003", "E01000004"];
    let rows = [
        ("E01000001", "E01000001", "U"),
        ("E01000095", "E01000002", "M"),
        ("E01000096", "E01000002", "M"),
        ("E01000099", "E01000003", "S"),
        ("E01000099", "E01000004", "S"),
    ];
    Reference {
        schema: super::reference::SCHEMA_ID.into(),
        version: 1,
        attribution: vec!["synthetic".into()],
        residents_16_64: Residents {
            geography: "lsoa".into(),
            source: "synthetic".into(),
            codes: codes.iter().map(|c| c.to_string()).collect(),
            values: vec![Some(1000.0), Some(800.0), Some(1200.0), Some(600.0)],
        },
        lsoa11_to_lsoa21: rows.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect(),
    }
}

#[test]
fn the_test_bundle_is_valid() {
    let errors: Vec<_> = crate::model::validate::validate(&bundle())
        .into_iter()
        .filter(|i| i.severity == crate::model::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
