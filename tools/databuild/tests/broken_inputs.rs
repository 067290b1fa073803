//! Deliberately broken raw inputs: each must produce its own located message.

use databuild::diag::{line, Diagnostics};
use databuild::geojson::parse_features;
use databuild::sources::{align, check_counts, numbers};
use databuild::table::Table;
use std::collections::BTreeMap;

fn messages(d: &Diagnostics) -> Vec<String> {
    d.items().iter().map(line).collect()
}

fn has(d: &Diagnostics, needle: &str) -> bool {
    messages(d).iter().any(|m| m.contains(needle))
}

fn index() -> BTreeMap<String, usize> {
    ["E01000001", "E01000002", "E01000003"].iter().enumerate().map(|(i, c)| (c.to_string(), i)).collect()
}

#[test]
fn ragged_row_is_located() {
    let mut d = Diagnostics::default();
    Table::parse("code,n\nE01000001,1\nE01000002,2,9\n", "x.csv", &mut d);
    assert!(has(&d, "error: x.csv:3: ragged row: 3 fields for 2 columns"), "{:?}", messages(&d));
}

#[test]
fn missing_column_is_located_at_the_header() {
    let mut d = Diagnostics::default();
    let t = Table::parse("code,n\nE01000001,1\n", "x.csv", &mut d).expect("parses");
    assert!(t.col("total", &mut d).is_none());
    assert!(has(&d, "x.csv:1: missing column \"total\""));
}

#[test]
fn unknown_duplicate_and_missing_codes_are_located() {
    let mut d = Diagnostics::default();
    let t = Table::parse("code,n\nE01000001,1\nE01000001,2\nE09999999,3\n", "x.csv", &mut d).expect("parses");
    align(&t, 0, &index(), |_| true, &mut d);
    assert!(has(&d, "x.csv:3 column code (E01000001): duplicate area code"));
    assert!(has(&d, "x.csv:4 column code (E09999999): unknown area code"));
    assert!(has(&d, "x.csv (E01000002): area missing from the file"));
    assert!(has(&d, "x.csv (E01000003): area missing from the file"));
}

#[test]
fn non_finite_and_non_numeric_values_are_located() {
    let mut d = Diagnostics::default();
    let t = Table::parse("code,n\nE01000001,NaN\nE01000002,abc\nE01000003,inf\n", "x.csv", &mut d).expect("parses");
    let rows = align(&t, 0, &index(), |_| true, &mut d);
    numbers(&t, &rows, 0, 1, &mut d);
    assert!(has(&d, "x.csv:2 column n (E01000001): non-finite value \"NaN\""));
    assert!(has(&d, "x.csv:3 column n (E01000002): not a number: \"abc\""));
    assert!(has(&d, "x.csv:4 column n (E01000003): non-finite value \"inf\""));
}

#[test]
fn numerator_above_denominator_is_located() {
    let mut d = Diagnostics::default();
    let t = Table::parse("code,n,total\nE01000001,5,10\nE01000002,11,10\nE01000003,0,1\n", "x.csv", &mut d)
        .expect("parses");
    let rows = align(&t, 0, &index(), |_| true, &mut d);
    let num = numbers(&t, &rows, 0, 1, &mut d);
    let den = numbers(&t, &rows, 0, 2, &mut d);
    check_counts(&t, &rows, 0, 1, &num, &den, &mut d);
    assert!(has(&d, "x.csv:3 column n (E01000002): numerator 11 is greater than denominator 10"));
    assert_eq!(d.errors().count(), 1);
}

fn feature(code: &str, ring: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"LSOA21CD":"{code}","LSOA21NM":"X 001A","LAD24CD":"E08000012"}},"geometry":{{"type":"MultiPolygon","coordinates":[[{ring}]]}}}}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

#[test]
fn broken_geometry_is_located() {
    let good = "[[0,0],[1,0],[0,1],[0,0]]";
    let text = collection(&[
        feature("E01000001", good),
        feature("E01000001", good),
        feature("E01000002", "[[0,0],[1,0],[0,1]]"),
        feature("E01000003", "[[0,0],[1,null],[0,1],[0,0]]"),
        r#"{"type":"Feature","properties":{"LSOA21CD":"E01000004"},"geometry":null}"#.to_string(),
    ]);
    let mut d = Diagnostics::default();
    let features = parse_features(&text, "b.geojson", &mut d);
    assert_eq!(features.len(), 1);
    assert!(has(&d, "b.geojson features[1] (E01000001): duplicate code E01000001"));
    assert!(has(&d, "b.geojson features[2] (E01000002) polygon[0] ring[0]: ring is not closed"));
    // The geojson crate refuses the geometry as a whole: located at the feature, with its reason.
    assert!(
        has(&d, "b.geojson features[3] (E01000003): invalid geometry: invalid type: null, expected f64"),
        "{:?}",
        messages(&d)
    );
    assert!(has(&d, "b.geojson features[4] (E01000004): empty geometry"));
}

#[test]
fn features_and_geometries_that_are_not_polygons_are_located() {
    let text = collection(&[
        r#"{"properties":{"LSOA21CD":"E01000001"},"geometry":null}"#.to_string(),
        r#"{"type":"Feature","properties":{"LSOA21CD":"E01000002"},"geometry":{"type":"Point","coordinates":[0,0]}}"#
            .to_string(),
        r#"{"type":"Feature","properties":{"LSOA21CD":"E01000003"},"geometry":{"type":"Polygonal","coordinates":[]}}"#
            .to_string(),
        feature("E01000004", "[[0,0],[1],[0,1],[0,0]]"),
        feature("E01000005", "[[0,0],[1,0],[0,1],[0,0]]"),
    ]);
    let mut d = Diagnostics::default();
    let features = parse_features(&text, "b.geojson", &mut d);
    assert_eq!(features.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["E01000005"]);
    assert!(has(&d, "error: b.geojson features[0]: not a GeoJSON feature: missing field `type`"), "{:?}", messages(&d));
    assert!(has(&d, "error: b.geojson features[1] (E01000002): unsupported geometry type \"Point\""));
    assert!(has(&d, "error: b.geojson features[2] (E01000003): invalid geometry: unknown variant `Polygonal`"));
    assert!(has(
        &d,
        "error: b.geojson features[3] (E01000004) polygon[0] ring[0] point[1]: position [1.0] is not a finite"
    ));
}

#[test]
fn nan_literal_in_geojson_is_a_located_json_error() {
    let text = collection(&[feature("E01000001", "[[0,0],[NaN,0],[0,1],[0,0]]")]);
    let mut d = Diagnostics::default();
    parse_features(&text, "b.geojson", &mut d);
    assert!(has(&d, "error: b.geojson:1:"), "{:?}", messages(&d));
}

#[test]
fn a_part_collapsing_on_the_grid_is_dropped_with_a_warning_unless_it_is_the_only_one() {
    // 1e-5 degrees is a tenth of a grid step: the tiny triangles fall on a single grid point.
    let tiny = "[[[0,0],[0.00001,0],[0,0.00001],[0,0]]]";
    let square = "[[[1,1],[2,1],[2,2],[1,2],[1,1]]]";
    let multi = |code: &str, polygons: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{"LSOA21CD":"{code}"}},"geometry":{{"type":"MultiPolygon","coordinates":[{polygons}]}}}}"#
        )
    };
    let text = collection(&[multi("E01000001", &format!("{square},{tiny}")), multi("E01000002", tiny)]);
    let mut d = Diagnostics::default();
    let features = parse_features(&text, "b.geojson", &mut d);
    assert_eq!(features.len(), 1);
    assert_eq!(features[0].polygons.len(), 1, "the square stays");
    assert!(has(&d, "warning: b.geojson features[0] (E01000001) polygon[1]: collapses to 1 distinct point(s) at 0.0001 degrees; dropped"));
    assert!(has(&d, "error: b.geojson features[1] (E01000002): every polygon collapses"), "{:?}", messages(&d));
    assert_eq!(d.errors().count(), 1, "{:?}", messages(&d));
}
