//! What a repaint of the map draws and what it reuses, on the shipped bundle: vertices nearer
//! than half a pixel to the last one drawn are left out (every line keeps its ends, so rings close
//! and borders meet; a border shorter than half a pixel is not drawn), the borders' key changes
//! with the view and layer but not with the indicator, and the place names are placed again only
//! when the view, layer or selection change. And, on a SYNTHETIC bundle, no dark district
//! borders where the bundle has no districts.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::cell::Cell;
use work_health_atlas::app::Atlas;
use work_health_atlas::model::Dataset;
use work_health_atlas::render::{Item, Scene};

fn shipped() -> Atlas {
    shipped_in(568.0, 460.0)
}

fn shipped_in(width: f64, height: f64) -> Atlas {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.bin")).expect("shipped bundle");
    let bundle = work_health_atlas::model::packed::decode(&bytes).expect("decodes");
    Atlas::new(Dataset::from_bundle(bundle).expect("valid"), width, height)
}

/// Every drawn line: area rings and border paths.
fn lines(scene: &Scene) -> Vec<&Vec<[f64; 2]>> {
    scene
        .items
        .iter()
        .flat_map(|item| match item {
            Item::Area { rings, .. } => rings.iter().collect::<Vec<_>>(),
            Item::Lines { paths, .. } => paths.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn step([ax, ay]: [f64; 2], [bx, by]: [f64; 2]) -> f64 {
    (ax - bx).abs().max((ay - by).abs())
}

#[test]
fn no_vertex_is_drawn_within_half_a_pixel_of_the_last_but_every_line_keeps_its_ends() {
    // The bundle's vertices are about 2 px apart when the region fills 568 px; in a thumbnail
    // a fifth of that size most fall within half a pixel of their neighbour.
    let mut atlas = shipped_in(120.0, 100.0);
    let whole = atlas.base_scene();
    // Zoomed in as far as the map goes, a grid step of the bundle is several pixels: all is drawn.
    let (w, h) = (atlas.viewport().width, atlas.viewport().height);
    for _ in 0..8 {
        atlas.zoom_at(2.0, w / 2.0, h / 2.0);
    }
    let close = atlas.base_scene();
    // Border paths are every arc at any view (fills are culled to the screen): compare those.
    let border_vertices = |scene: &Scene| -> usize {
        scene
            .items
            .iter()
            .map(|item| match item {
                Item::Lines { paths, .. } => paths.iter().map(Vec::len).sum(),
                _ => 0,
            })
            .sum()
    };
    let (drawn, all) = (border_vertices(&whole), border_vertices(&close));
    assert!(drawn * 5 < all * 4, "the whole region draws {drawn} of {all} border vertices");
    for line in lines(&whole) {
        assert!(line.len() >= 2, "a line keeps both its ends");
        let inner = &line[..line.len() - 1];
        for pair in inner.windows(2) {
            assert!(step(pair[0], pair[1]) >= 0.5, "{:?} drawn within half a pixel of {:?}", pair[1], pair[0]);
        }
    }
    for ring in whole.items.iter().filter_map(|item| match item {
        Item::Area { rings, .. } => Some(rings),
        _ => None,
    }) {
        for r in ring {
            assert_eq!(r.first(), r.last(), "a ring stays closed");
        }
    }
}

#[test]
fn the_base_picture_is_its_fills_then_its_borders() {
    let atlas = shipped();
    let mut parts = atlas.fill_scene();
    parts.items.extend(atlas.border_items());
    assert_eq!(parts, atlas.base_scene());
}

#[test]
fn an_indicator_switch_keeps_the_borders_and_a_pan_or_layer_change_does_not() {
    let mut atlas = shipped();
    let key = atlas.borders_key();
    let borders = atlas.border_items();
    atlas.set_view(Some("income-deprivation"), None, None).expect("shipped indicator");
    assert_eq!(atlas.borders_key(), key);
    assert_eq!(atlas.border_items(), borders, "equal keys, equal borders");
    atlas.pan(3.0, 0.0);
    assert_ne!(atlas.borders_key(), key);
    atlas.pan(-3.0, 0.0);
    atlas.set_view(None, Some("msoa"), None).expect("shipped layer");
    assert_ne!(atlas.borders_key(), key);
}

#[test]
fn place_names_are_placed_again_only_when_the_view_layer_or_selection_change() {
    let mut atlas = shipped();
    let measured = Cell::new(0);
    let em = |text: &str| {
        measured.set(measured.get() + 1);
        text.chars().count() as f64 * 0.6
    };
    let first = atlas.labels(em).clone();
    assert!(!first.labels.is_empty());
    let after_first = measured.get();
    assert!(after_first > 0);
    atlas.set_view(Some("income-deprivation"), None, None).expect("shipped indicator");
    assert_eq!(*atlas.labels(em), first, "same names after an indicator switch");
    assert_eq!(measured.get(), after_first, "nothing measured again");
    atlas.pan(40.0, 0.0);
    let moved = atlas.labels(em).clone();
    assert!(measured.get() > after_first, "a pan places them again");
    assert_ne!(moved, first);
    let (w, h) = (atlas.viewport().width, atlas.viewport().height);
    assert!(atlas.select_at(w / 2.0, h / 2.0).is_some(), "an area in the middle of the map");
    let before = measured.get();
    atlas.labels(em);
    assert!(measured.get() > before, "a selection places them again");
    atlas.set_labels(false);
    assert!(atlas.labels(em).labels.is_empty());
}

#[test]
fn a_bundle_without_districts_gets_only_the_thin_white_borders() {
    use support::synthetic::grid_bundle;
    use work_health_atlas::app::atlas::DISTRICT_GEOGRAPHY;
    let strokes = |bundle| {
        let atlas = Atlas::new(Dataset::from_bundle(bundle).expect("valid synthetic bundle"), 320.0, 240.0);
        atlas
            .border_items()
            .iter()
            .filter_map(|item| match item {
                Item::Lines { stroke, width, .. } => Some((*stroke, *width)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let with = strokes(grid_bundle(4, 3, &[]));
    assert_eq!(with.len(), 2, "area borders, then district borders: {with:?}");
    let mut without = grid_bundle(4, 3, &[]);
    without.geographies.retain(|g| g.id != DISTRICT_GEOGRAPHY);
    for indicator in &mut without.indicators {
        indicator.series.retain(|s| s.geography != DISTRICT_GEOGRAPHY);
    }
    for area in &mut without.geographies[0].areas {
        area.parents.clear();
    }
    assert_eq!(strokes(without), vec![with[0]], "only the thin white area borders");
}
