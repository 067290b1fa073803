//! Keyboard reach on the SHIPPED bundle (data/atlas.json): from the first focus, arrow keys alone
//! reach every area of every layer, across the Mersey too, and a press that cannot move says it
//! is at the region's edge instead of silently repeating the same area (WCAG 2.1.1 Keyboard).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::VecDeque;
use work_health_atlas::app::Atlas;
use work_health_atlas::model::Dataset;

const LAYERS: [&str; 4] = ["lsoa", "msoa", "ward", "lad"];
/// The four arrow keys as (dx, dy) in screen axes: left, right, up, down.
const ARROWS: [(f64, f64); 4] = [(-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0)];
const LIVERPOOL: &str = "E08000012";
const WIRRAL: &str = "E08000015";

fn shipped() -> Atlas {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("data/atlas.json exists");
    let data = Dataset::from_json(&bytes).expect("the shipped bundle is valid");
    Atlas::new(data, 800.0, 600.0)
}

/// Shows `layer` and returns its index among the bundle's geographies.
fn show(atlas: &mut Atlas, layer: &str) -> usize {
    atlas.set_view(None, Some(layer), None).unwrap_or_else(|e| panic!("{layer}: {e}"));
    atlas.data().geography_index(layer).unwrap_or_else(|| panic!("{layer} is a layer"))
}

fn codes(atlas: &Atlas, geography: usize) -> Vec<String> {
    atlas.data().bundle.geographies[geography].areas.iter().map(|a| a.code.clone()).collect()
}

/// The area the first arrow press focuses (no focus, nothing selected: the central area).
fn start(atlas: &mut Atlas, geography: usize) -> usize {
    let step = atlas.focus_step(1.0, 0.0);
    let code = step.area.expect("the first press focuses an area").code;
    atlas.data().area_index(geography, &code).expect("the focused area is in the layer")
}

#[test]
fn every_area_of_every_layer_is_reachable_from_the_start_focus() {
    let mut atlas = shipped();
    for layer in LAYERS {
        let geography = show(&mut atlas, layer);
        let codes = codes(&atlas, geography);
        let first = start(&mut atlas, geography);
        // Breadth-first over "area × arrow key → next area", in a fixed order: repeatable.
        let mut reached = vec![false; codes.len()];
        reached[first] = true;
        let mut queue = VecDeque::from([first]);
        while let Some(area) = queue.pop_front() {
            for (dx, dy) in ARROWS {
                if let Some(next) = atlas.focus_target(area, dx, dy) {
                    if !reached[next] {
                        reached[next] = true;
                        queue.push_back(next);
                    }
                }
            }
        }
        let missed: Vec<&String> = codes.iter().zip(&reached).filter(|(_, r)| !**r).map(|(c, _)| c).collect();
        println!("{layer}: {} of {} areas reached from {}", codes.len() - missed.len(), codes.len(), codes[first]);
        assert!(
            missed.is_empty(),
            "{layer}: {} areas unreachable, e.g. {:?}",
            missed.len(),
            &missed[..missed.len().min(10)]
        );
    }
}

#[test]
fn left_from_the_westmost_liverpool_lsoa_crosses_the_mersey_to_the_wirral() {
    let mut atlas = shipped();
    let geography = show(&mut atlas, "lsoa");
    let district = |atlas: &Atlas, code: &str| {
        let area = atlas.data().area_index(geography, code)?;
        atlas.data().bundle.geographies[geography].areas[area].parents.get("lad").cloned()
    };
    let westmost = codes(&atlas, geography)
        .into_iter()
        .filter(|code| district(&atlas, code).as_deref() == Some(LIVERPOOL))
        .filter_map(|code| Some((atlas.screen_point_of(&code)?[0], code)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, code)| code)
        .expect("Liverpool has LSOAs");
    atlas.select_code(&westmost).expect("a Liverpool LSOA");
    let step = atlas.focus_step(-1.0, 0.0);
    assert_eq!(step.edge, None, "the Wirral lies west of Liverpool");
    let landed = step.area.expect("the focus moved");
    println!("ArrowLeft from {westmost} lands in {} {} ({:?})", landed.code, landed.name, landed.district);
    assert_eq!(district(&atlas, &landed.code).as_deref(), Some(WIRRAL), "{} is not on the Wirral", landed.name);
}

#[test]
fn no_press_from_any_area_goes_nowhere_silently() {
    let mut atlas = shipped();
    for layer in LAYERS {
        let geography = show(&mut atlas, layer);
        let mut edges = Vec::new();
        let codes = codes(&atlas, geography);
        for (from, code) in codes.iter().enumerate() {
            for (dx, dy) in ARROWS {
                // Start each press from `code`: selected, nothing focused.
                atlas.clear_focus();
                atlas.select_code(code).expect("an area of the layer");
                let step = atlas.focus_step(dx, dy);
                let landed = step.area.as_ref().map(|a| a.code.as_str());
                let target = atlas.focus_target(from, dx, dy).map(|t| codes[t].clone());
                match (&step.edge, target) {
                    (None, Some(target)) => {
                        assert_ne!(landed, Some(code.as_str()), "{layer} {code} ({dx}, {dy}) moved nowhere");
                        assert_eq!(landed, Some(target.as_str()), "{layer} {code} ({dx}, {dy})");
                        let words = step.announcement.as_deref().unwrap_or("");
                        let name = step.area.as_ref().map_or("", |a| a.name.as_str());
                        assert!(words.starts_with(name) && words.len() > name.len(), "{words:?}");
                        assert!(!words.contains("trend"), "{words:?}");
                    }
                    (Some(edge), None) => {
                        assert_eq!(landed, Some(code.as_str()), "at the edge the focus stays");
                        assert!(edge.starts_with("No area further "), "{edge}");
                        assert_eq!(step.announcement.as_ref(), Some(edge));
                        edges.push(format!("{code} {edge}"));
                    }
                    (edge, target) => panic!("{layer} {code} ({dx}, {dy}): edge {edge:?} but target {target:?}"),
                }
            }
        }
        println!("{layer}: {} presses at the edge: {edges:?}", edges.len());
        // Only the areas furthest out in some direction have nothing beyond them.
        assert!(edges.len() <= ARROWS.len(), "{layer}: {edges:?}");
    }
}

#[test]
fn the_first_announcement_names_the_area_its_value_and_its_fifth() {
    let mut atlas = shipped();
    show(&mut atlas, "lsoa");
    let step = atlas.focus_step(0.0, 1.0);
    let area = step.area.expect("the first press focuses an area");
    let words = step.announcement.expect("an announcement");
    println!("first announcement: {words}");
    // The default view: employment deprivation in five quantile classes.
    assert!(words.starts_with(&format!("{}, {}, ", area.name, area.value_text)), "{words}");
    assert!(words.ends_with(" fifth"), "{words}");
}
