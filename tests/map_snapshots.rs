//! SVG snapshots of the map's canonical states on the SYNTHETIC grid bundle: default, hovered,
//! selected, change mode and no data. Base and overlay scenes are drawn by the same SVG painter the
//! widget uses for export, so a change in layout, classification or colours shows up here.
//! Review changes with `cargo insta review`; with `CI` set insta never writes snapshots.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::synthetic::{cell_code, grid_bundle};
use work_health_atlas::app::Atlas;
use work_health_atlas::model::Dataset;
use work_health_atlas::render::svg::to_svg;

fn atlas(missing: &[(usize, usize)]) -> Atlas {
    Atlas::new(Dataset::from_bundle(grid_bundle(4, 3, missing)).expect("valid synthetic bundle"), 320.0, 240.0)
}

fn both(a: &Atlas) -> String {
    format!("{}\n{}", to_svg(&a.base_scene()), to_svg(&a.overlay_scene()))
}

#[test]
fn default_view() {
    insta::assert_snapshot!("default", both(&atlas(&[])));
}

#[test]
fn hovered_area() {
    let mut a = atlas(&[]);
    let [x, y] = a.screen_point_of(&cell_code(4, 1, 1)).expect("point");
    a.hover_at(x, y);
    insta::assert_snapshot!("hovered", both(&a));
}

#[test]
fn selected_area() {
    let mut a = atlas(&[]);
    let [x, y] = a.screen_point_of(&cell_code(4, 2, 2)).expect("point");
    a.select_at(x, y);
    insta::assert_snapshot!("selected", both(&a));
}

#[test]
fn change_mode() {
    let mut a = atlas(&[]);
    a.set_change(Some("2019")).expect("2019 to 2025 is comparable in the synthetic bundle");
    let legend: Vec<String> = a.legend().into_iter().map(|row| format!("{} {}", row.colour, row.label)).collect();
    insta::assert_snapshot!("change", format!("{}\n{}", legend.join("\n"), both(&a)));
}

#[test]
fn no_data_is_hatched() {
    let a = atlas(&[(0, 0), (3, 2)]);
    let svg = both(&a);
    assert_eq!(svg.matches("url(#nodata)").count(), 2);
    insta::assert_snapshot!("no_data", svg);
}
