//! Scripted interaction sessions on the pure `Atlas` state machine with a SYNTHETIC grid bundle:
//! defaults, hover, selection, zoom, view changes and errors, as the browser shell drives them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::synthetic::{cell_code, grid_bundle, grid_bundle_with};
use work_health_atlas::app::Atlas;
use work_health_atlas::model::Dataset;
use work_health_atlas::render::{Fill, Item};

const W: f64 = 400.0;
const H: f64 = 300.0;

fn atlas(missing: &[(usize, usize)]) -> Atlas {
    let data = Dataset::from_bundle(grid_bundle(4, 3, missing)).expect("the synthetic bundle is valid");
    Atlas::new(data, W, H)
}

#[test]
fn default_view_is_the_smallest_layer_and_latest_period() {
    let a = atlas(&[]);
    let state = a.state();
    assert_eq!(state.indicator.as_deref(), Some("employment-deprivation"));
    assert_eq!(state.geography, "lsoa");
    assert_eq!(state.period.as_deref(), Some("2025"));
    assert_eq!(state.area, None);
    assert!(a.caption().synthetic);
    assert!(a.caption().title.contains("S2025"), "{}", a.caption().title);
}

#[test]
fn hover_reports_the_area_under_the_pointer_and_only_changes_the_overlay() {
    let mut a = atlas(&[]);
    let base_before = a.base_scene();
    let overlay_before = a.overlay_scene();
    let code = cell_code(4, 2, 1);
    let [x, y] = a.screen_point_of(&code).expect("a point inside the cell");
    assert!(a.hover_at(x, y));
    let info = a.hovered_info().expect("an area is hovered");
    assert_eq!(info.code, code);
    assert_eq!(info.district.as_deref(), Some("Eastshire"));
    assert_eq!(info.value_text, "2.8%", "(10 + 3 × 6) / 1000");
    assert_eq!(a.base_scene(), base_before, "hover must not change the base scene");
    assert_ne!(a.overlay_scene(), overlay_before);
    assert!(!a.hover_at(x + 0.5, y), "same area: no change");
    assert!(a.clear_hover());
    assert!(!a.hover_at(-50.0, -50.0), "outside the map nothing is hovered");
}

#[test]
fn click_selects_and_selection_by_code_works() {
    let mut a = atlas(&[]);
    let code = cell_code(4, 0, 0);
    let [x, y] = a.screen_point_of(&code).expect("point");
    assert_eq!(a.select_at(x, y).map(|i| i.code), Some(code.clone()));
    assert_eq!(a.state().area, Some(code));
    assert_eq!(a.select_code("E99999999").map_err(|e| e.code()), Err("unknown-area"));
    a.clear_selection();
    assert_eq!(a.state().area, None);
}

#[test]
fn zoom_keeps_the_point_under_the_cursor_and_reset_restores() {
    let mut a = atlas(&[]);
    let code = cell_code(4, 3, 2);
    let [x, y] = a.screen_point_of(&code).expect("point");
    a.zoom_at(4.0, x, y);
    assert!((a.viewport().zoom() - 4.0).abs() < 1e-9);
    assert!(a.hover_at(x, y));
    assert_eq!(a.hovered_info().map(|i| i.code), Some(code));
    a.reset_view();
    assert!((a.viewport().zoom() - 1.0).abs() < 1e-9);
}

#[test]
fn missing_values_are_hatched_and_get_a_legend_row() {
    let a = atlas(&[(1, 1)]);
    let hatched =
        a.base_scene().items.iter().filter(|item| matches!(item, Item::Area { fill: Fill::Hatched, .. })).count();
    assert_eq!(hatched, 1);
    let legend = a.legend();
    assert!(legend.last().is_some_and(|row| row.no_data && row.label == "No data"));
    assert_eq!(legend.iter().filter(|row| !row.no_data).count(), 5);
}

#[test]
fn view_changes_validate_ids_and_fall_back_to_an_available_period() {
    let mut a = atlas(&[]);
    assert_eq!(a.set_view(Some("nope"), None, None).map_err(|e| e.code()), Err("unknown-indicator"));
    assert_eq!(a.set_view(None, Some("nope"), None).map_err(|e| e.code()), Err("unknown-geography"));
    assert_eq!(a.set_view(None, None, Some("1999")).map_err(|e| e.code()), Err("unknown-period"));
    assert_eq!(a.state().geography, "lsoa", "failed changes change nothing");
    a.set_view(None, None, Some("2019")).expect("2019 exists on LSOAs");
    assert_eq!(a.state().period.as_deref(), Some("2019"));
    a.set_view(None, Some("lad"), None).expect("the district layer exists");
    assert_eq!(a.state().period.as_deref(), Some("2025"), "districts only have 2025");
    let [x, y] = a.screen_point_of("E08000001").expect("point");
    a.hover_at(x, y);
    assert_eq!(a.hovered_info().map(|i| i.name), Some("Westshire".to_string()));
}

#[test]
fn districts_stored_without_shapes_are_dissolved_from_their_lsoas() {
    let stored = Dataset::from_bundle(grid_bundle(4, 3, &[])).expect("valid");
    let dissolved = Dataset::from_bundle(grid_bundle_with(4, 3, &[], true)).expect("valid");
    let lad = dissolved.geography_index("lad").expect("lad");
    for area in 0..2 {
        let ring = |d: &Dataset| {
            let mut points = d.layer(lad).expect("built").areas[area].polygons[0][0].clone();
            points.pop();
            points.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
            points
        };
        assert_eq!(ring(&dissolved), ring(&stored), "district {area} has the same outline either way");
    }
    assert_eq!(
        dissolved.layer(lad).expect("built").areas[0].neighbours,
        vec![1],
        "adjacency holds for dissolved layers"
    );
}

#[test]
fn values_left_out_are_derived_from_counts() {
    let mut bundle = grid_bundle(4, 3, &[]);
    let series = &mut bundle.indicators[0].series[0];
    let n = series.values.len();
    series.numerators = Some((0..n).map(|k| Some((k % 3) as f64 + 1.0)).collect());
    series.denominators = Some(vec![Some(3.0); n]);
    series.values = Vec::new();
    let data = Dataset::from_bundle(bundle).expect("valid");
    let values = &data.bundle.indicators[0].series[0].values;
    assert_eq!(values[0], Some(33.3), "1 / 3 × 100 to one decimal");
    assert_eq!(values[2], Some(100.0));
}

#[test]
fn an_indicator_without_the_current_layer_moves_to_a_layer_it_has_and_keeps_the_selection() {
    let mut bundle = grid_bundle(4, 3, &[]);
    // A second indicator with district figures only.
    let mut districts_only = bundle.indicators[0].clone();
    districts_only.id = "districts-only".into();
    districts_only.series.retain(|s| s.geography == "lad");
    bundle.indicators.push(districts_only);
    let mut a = Atlas::new(Dataset::from_bundle(bundle).expect("valid"), W, H);
    a.select_code(&cell_code(4, 3, 0)).expect("cell exists");
    a.set_view(Some("districts-only"), None, None).expect("known indicator");
    let state = a.state();
    assert_eq!((state.geography.as_str(), state.period.as_deref()), ("lad", Some("2025")));
    assert_eq!(state.area.as_deref(), Some("E08000002"), "the selected cell's district stays selected");
    // The forced move is said (the page puts it in the live region).
    let lsoa_plural = a.data().bundle.geographies[0].noun_plural.clone();
    assert_eq!(
        a.layer_note("lsoa"),
        Some(format!("{} is not available for {lsoa_plural}; showing districts.", a.data().bundle.indicators[1].label))
    );
    assert_eq!(a.layer_note("lad"), None, "no move from the layer shown");
    assert_eq!(a.layer_note("nowhere"), None);
    // A layer the user chose (the indicator has it) is not a forced move.
    a.set_view(Some("employment-deprivation"), Some("lsoa"), None).expect("known");
    assert_eq!(a.layer_note("lad"), None);
}

#[test]
fn the_table_lists_every_area_with_rank_and_no_data() {
    let a = atlas(&[(0, 0)]);
    let rows = a.table_rows();
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[0].value_text, "no data");
    assert_eq!(rows[0].rank, None);
    let top = rows.iter().find(|r| r.rank == Some(1)).expect("a top row");
    assert_eq!(top.code, cell_code(4, 3, 2), "the last cell has the highest synthetic value");
    assert!(rows.iter().all(|r| r.comparison == "not compared"), "synthetic values have no counts");
}

#[test]
fn the_csv_export_is_a_plain_table_with_a_sidecar() {
    let atlas = atlas(&[(0, 0)]);
    let csv = atlas.export_csv();
    let body = csv.strip_prefix('\u{FEFF}').expect("a byte order mark");
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines[0],
        "code,name,district,value,numerator,denominator,lower_95,upper_95,compared_with_city_region,data_status"
    );
    assert_eq!(lines.len() - 1, 12, "one row per area");
    assert!(lines[1].starts_with(&format!("{},Synthetic 000,Westshire,,", cell_code(4, 0, 0))), "{}", lines[1]);
    assert!(lines[1..].iter().all(|l| l.ends_with(",SYNTHETIC test data — not real figures")), "{body}");
    let meta: serde_json::Value = serde_json::from_str(&atlas.export_csv_metadata("grid.csv")).expect("valid JSON");
    assert_eq!(meta["url"], "grid.csv");
    assert!(meta["dc:title"].as_str().is_some_and(|t| t.starts_with("Synthetic share out of work, S2025")), "{meta}");
    assert_eq!(meta["rdfs:comment"][0], "SYNTHETIC test data — not real figures");
    assert!(meta["dc:license"].as_str().is_some_and(|l| !l.is_empty()), "{meta}");
}

/// The grid bundle with a ward layer (each ward one district's cells) stored without shapes.
fn with_wards(mut bundle: work_health_atlas::model::Bundle) -> work_health_atlas::model::Bundle {
    let mut wards = bundle.geographies[1].clone();
    wards.id = "ward".into();
    wards.dissolved_from = Some("lsoa".into());
    for area in &mut wards.areas {
        area.code = area.code.replace("E08", "E05");
        area.polygons.clear();
    }
    for cell in &mut bundle.geographies[0].areas {
        let ward = cell.parents["lad"].replace("E08", "E05");
        cell.parents.insert("ward".into(), ward);
    }
    bundle.geographies.insert(1, wards);
    bundle
}

#[test]
fn layers_are_built_when_first_shown_and_draw_as_if_built_at_once() {
    let bundle = with_wards(grid_bundle_with(4, 3, &[], true));
    let mut eager = Atlas::new(Dataset::from_bundle(bundle.clone()).expect("valid"), W, H);
    let data = Dataset::load(bundle).expect("valid");
    assert!((0..3).all(|g| data.layer(g).is_none()), "loading builds no layer");
    let mut lazy = Atlas::load(data, W, H).expect("the first view builds");
    let built = |a: &Atlas| (0..3).map(|g| a.data().layer(g).is_some()).collect::<Vec<_>>();
    assert_eq!(built(&lazy), vec![true, false, true], "the shown layer and the district outlines only");
    assert_eq!(lazy.base_scene(), eager.base_scene(), "the first view draws the same");
    lazy.set_view(None, Some("ward"), None).expect("wards build when chosen");
    eager.set_view(None, Some("ward"), None).expect("wards");
    assert_eq!(built(&lazy), vec![true, true, true]);
    assert_eq!(lazy.base_scene(), eager.base_scene(), "a layer built later draws the same");
    assert_eq!(lazy.data().layer(1).expect("built").areas[0].neighbours, vec![1], "with its neighbours");
    // The map holds the rings projected; the dataset keeps no second copy of a built layer's.
    for a in [&lazy, &eager] {
        assert!((0..3).all(|g| a.data().layer(g).expect("built").areas.iter().all(|s| s.polygons.is_empty())));
    }
    let second = lazy.data().bundle.geographies[1].areas[1].code.clone();
    let [x, y] = lazy.screen_point_of(&second).expect("a ward on the map");
    assert_eq!(lazy.area_at(x, y), Some(1), "and finds areas by them");
}

// ---- what changed: the core's updates (src/app/update.rs) ---------------------------------------

use work_health_atlas::app::Update;

/// An atlas with nothing left to report.
fn settled() -> Atlas {
    let mut a = atlas(&[]);
    a.take_update();
    a
}

#[test]
fn nothing_changed_is_an_empty_update() {
    let mut a = settled();
    assert_eq!(a.take_update(), Update::default());
}

#[test]
fn hovering_repaints_only_the_overlay() {
    let mut a = settled();
    assert!(a.hover_code(Some(&cell_code(4, 2, 1))));
    assert_eq!(a.take_update(), Update { overlay: true, ..Update::default() });
    assert!(!a.hover_code(Some(&cell_code(4, 2, 1))), "the same area again is no change");
    assert!(a.hover_code(None));
    assert_eq!(a.take_update(), Update { overlay: true, ..Update::default() });
    assert!(!a.hover_code(Some("E01999999")), "an unknown code hovers nothing");
}

#[test]
fn a_drags_many_pans_are_one_update_of_both_canvases_without_words() {
    let mut a = settled();
    a.pan(10.0, 0.0);
    a.pan(5.0, 3.0);
    assert_eq!(a.take_update(), Update { base: true, overlay: true, ..Update::default() });
    assert_eq!(a.take_update(), Update::default());
}

#[test]
fn a_new_classification_changes_everything_shown() {
    let mut a = settled();
    let classes = if a.state().classes == 3 { 4 } else { 3 };
    a.set_classification(None, Some(classes)).expect("3 and 4 classes are allowed");
    assert_eq!(a.take_update(), Update { base: true, overlay: true, text: true, state: true });
}

#[test]
fn selecting_changes_the_words_and_the_outline_and_zooms() {
    let mut a = settled();
    a.select_code(&cell_code(4, 2, 1)).expect("the cell exists");
    let update = a.take_update();
    assert!(update.overlay && update.text && update.state, "{update:?}");
    // Choosing from outside the map zooms to the area: the base moves too.
    assert!(update.base, "{update:?}");
    // The place names on the base keep clear of the selection's outline: they move with it.
    a.clear_selection();
    assert_eq!(a.take_update(), Update { base: true, overlay: true, text: true, state: true });
    // Without names, a selection leaves the base alone.
    a.set_labels(false);
    assert_eq!(a.take_update(), Update { base: true, overlay: true, ..Update::default() });
    let [x, y] = a.screen_point_of(&cell_code(4, 2, 1)).expect("on screen");
    a.select_at(x, y).expect("an area there");
    assert_eq!(a.take_update(), Update { overlay: true, text: true, state: true, ..Update::default() });
}

#[test]
fn outlining_a_patch_repaints_the_overlay_and_other_fills_the_base() {
    let mut a = settled();
    a.set_marked(&[0, 1], &[]);
    assert_eq!(a.take_update(), Update { overlay: true, ..Update::default() });
    let areas = a.data().bundle.geographies.iter().find(|g| g.id == a.state().geography).map_or(0, |g| g.areas.len());
    a.set_fills(&vec![0x00ff00; areas]);
    assert_eq!(a.take_update(), Update { base: true, overlay: true, ..Update::default() });
}

#[test]
fn choosing_a_search_result_says_what_is_shown() {
    let mut a = atlas(&[]);
    let code = cell_code(4, 2, 1);
    let chosen = a.choose(&code).expect("the cell exists");
    assert_eq!(chosen.area.code, code);
    assert_eq!(chosen.message, format!("Showing {}.", chosen.area.heading));
    assert!(a.choose("E01999999").is_err());
}

#[test]
fn arrow_keys_walk_the_grid_and_say_when_nothing_lies_further() {
    let mut a = atlas(&[]);
    a.select_code(&cell_code(4, 1, 1)).expect("a cell");
    let code = |step: &work_health_atlas::app::FocusStep| step.area.as_ref().map(|i| i.code.clone());
    let west = a.focus_step(-1.0, 0.0);
    assert_eq!((code(&west), west.edge.as_deref()), (Some(cell_code(4, 0, 1)), None));
    let edge = a.focus_step(-1.0, 0.0);
    assert_eq!(code(&edge), Some(cell_code(4, 0, 1)), "the focus stays at the edge");
    assert_eq!(edge.edge.as_deref(), Some("No area further west."));
    assert_eq!(edge.announcement, edge.edge);
    // Rows run northwards with the grid's latitude: up is the next row.
    let north = a.focus_step(0.0, -1.0);
    assert_eq!(code(&north), Some(cell_code(4, 0, 2)));
    assert_eq!(a.focus_step(0.0, -1.0).edge.as_deref(), Some("No area further north."));
    let east = a.focus_step(1.0, 0.0);
    assert_eq!(code(&east), Some(cell_code(4, 1, 2)));
    assert_eq!(a.focused_info().map(|i| i.code), Some(cell_code(4, 1, 2)));
    assert_eq!(a.focus_move(0.0, 1.0).map(|i| i.code), Some(cell_code(4, 1, 1)), "focus_move still answers");
}

#[test]
fn a_focus_move_is_announced_by_name_value_and_class_in_words() {
    let mut a = atlas(&[(0, 0)]);
    let top = a.data().area_index(0, &cell_code(4, 3, 2)).expect("a cell");
    assert_eq!(a.short_description(top).as_deref(), Some("Synthetic 011, 4.3%, highest fifth"));
    let missing = a.data().area_index(0, &cell_code(4, 0, 0)).expect("a cell");
    assert_eq!(a.short_description(missing).as_deref(), Some("Synthetic 000, no data"));
    a.set_classification(Some("equal-interval"), Some(4)).expect("a method");
    assert_eq!(a.short_description(top).as_deref(), Some("Synthetic 011, 4.3%, highest of 4 classes"));
    // Every cell fell by 0.5 points from 2019 to 2025.
    a.set_change(Some("2019")).expect("comparable periods");
    let words = a.short_description(top).unwrap_or_default();
    assert!(words.starts_with("Synthetic 011, down 0.5 percentage points since S2019"), "{words}");
    assert!(!words.contains("trend") && !words.contains("fifth"), "{words}");
    assert_eq!(a.short_description(999), None);
}

#[test]
fn the_first_place_is_said_without_an_ordinal() {
    let a = atlas(&[]);
    let ranks: Vec<String> = (0..12).filter_map(|i| a.info(i).and_then(|info| info.rank_text)).collect();
    assert!(ranks.iter().any(|r| r.starts_with("highest of ")), "{ranks:?}");
    assert!(ranks.iter().any(|r| r.starts_with("lowest of ")), "{ranks:?}");
    assert!(!ranks.iter().any(|r| r.starts_with("1st ")), "{ranks:?}");
}

#[test]
fn zooming_to_a_set_of_areas_shows_them_all() {
    let mut atlas = atlas(&[]);
    let before = atlas.viewport().zoom();
    assert!(!atlas.zoom_to_areas(&[]), "nothing to zoom to");
    assert!(!atlas.zoom_to_areas(&[u32::MAX]), "an index out of range is ignored");
    assert_eq!(atlas.viewport().zoom(), before);
    // Two neighbouring cells of the grid fill most of the view, both inside it.
    assert!(atlas.zoom_to_areas(&[0, 1]));
    assert!(atlas.viewport().zoom() > before);
    for area in [0, 1] {
        let [x, y] = atlas.screen_point_of(&cell_code(4, area, 0)).expect("the area is on screen");
        assert!((0.0..=W).contains(&x) && (0.0..=H).contains(&y), "cell {area} at {x},{y}");
    }
}
