//! The map's two display lists. The *base* scene holds the area fills, the layer's own borders and
//! the district borders drawn over them; it changes only when the view or the data change. The
//! *overlay* scene holds the hover and selection outlines, so hovering repaints only the overlay.
//!
//! Coordinates out of here are CSS pixels of the map's box.

use super::geometry::{LayerGeometry, MapGeometry};
use crate::geom::Viewport;
use crate::render::{Fill, Item, Scene};
use crate::scale::Rgb;
use geo::{Coord, Rect};

/// Border between areas of the shown layer: white, thin, so classes stay readable.
pub const AREA_BORDER: Rgb = Rgb(0xff, 0xff, 0xff);
/// District borders over the fills.
pub const DISTRICT_BORDER: Rgb = Rgb(0x1f, 0x1f, 0x1f);
/// Outline of the hovered area.
pub const HOVER_OUTLINE: Rgb = Rgb(0x0b, 0x0c, 0x0c);
/// Outline of the selected area (the accent colour).
pub const SELECTED_OUTLINE: Rgb = Rgb(0xd5, 0x3e, 0x0f);
/// Keyboard focus: a thick black outline on a yellow halo (the GOV.UK focus style), visible on
/// every fill.
pub const FOCUS_OUTLINE: Rgb = Rgb(0x0b, 0x0c, 0x0c);
/// The focus halo.
pub const FOCUS_HALO: Rgb = Rgb(0xff, 0xdd, 0x00);
/// Outline of a patch's areas (the patch's colour on charts).
pub const PATCH_OUTLINE: Rgb = super::trend_spec::PATCH_COLOUR;
/// Outline of a patch's matched comparison areas.
pub const COMPARISON_OUTLINE: Rgb = Rgb(0x00, 0x5a, 0x30);

/// Areas outlined as a patch and as its comparison group (indices in the shown layer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    /// The patch.
    pub patch: Vec<usize>,
    /// Its comparison areas.
    pub comparison: Vec<usize>,
}

/// Vertices nearer than this to the last one drawn, along both axes (CSS pixels), are left out:
/// they cannot move an edge by more than half a pixel, and at 35,000 areas on one screen most of
/// an area's vertices fall inside one pixel. A line's last point is always kept, so rings close
/// and neighbouring borders still meet.
const MIN_STEP: f64 = 0.5;

/// What the base picture's border lines depend on: the shown layer, the district layer drawn
/// over it and the view. Equal keys give equal lines, so their raster can be kept (`lines_cache`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BordersKey {
    layer: usize,
    districts: Option<usize>,
    viewport: Viewport,
}

impl BordersKey {
    /// The key of the borders of `layer` with `districts` drawn over, in `viewport`.
    pub fn new(layer: usize, districts: Option<usize>, viewport: &Viewport) -> BordersKey {
        BordersKey { layer, districts, viewport: *viewport }
    }
}

/// The fills, area borders and district borders for one layer.
///
/// `fills` is aligned with the layer's areas; a missing entry is drawn hatched (no data).
/// `districts` is the layer whose borders are drawn dark on top (none without one).
pub fn base_scene(
    geometry: &MapGeometry,
    layer: usize,
    districts: Option<usize>,
    viewport: &Viewport,
    fills: &[Fill],
) -> Scene {
    let mut scene = fill_scene(geometry, layer, viewport, fills);
    scene.items.extend(border_items(geometry, &BordersKey::new(layer, districts, viewport)));
    scene
}

/// The area fills of one layer (see [`base_scene`]), without the borders.
pub fn fill_scene(geometry: &MapGeometry, layer: usize, viewport: &Viewport, fills: &[Fill]) -> Scene {
    let mut scene = Scene { width: viewport.width, height: viewport.height, items: Vec::new() };
    let Some(shown) = geometry.layer(layer) else { return scene };
    let visible = screen_rect(viewport);
    for (area, shape) in shown.projected.areas.iter().enumerate() {
        if !on_screen(shown, area, viewport, &visible) {
            continue;
        }
        let rings = area_rings(shape, viewport);
        let fill = fills.get(area).copied().unwrap_or(Fill::Hatched);
        scene.items.push(Item::Area { area, rings, fill });
    }
    scene
}

/// The area borders and the district borders over them (see [`base_scene`]).
pub fn border_items(geometry: &MapGeometry, key: &BordersKey) -> Vec<Item> {
    let Some(shown) = geometry.layer(key.layer) else { return Vec::new() };
    let viewport = &key.viewport;
    let area_width = if shown.projected.areas.len() > 300 { 0.5 } else { 0.8 };
    let areas = Item::Lines { paths: mesh_paths(geometry, shown, viewport), stroke: AREA_BORDER, width: area_width };
    // District borders dark over the layer (the district layer itself: its own borders, so the
    // districts read as districts). A bundle without a district layer gets none: drawing the
    // shown layer's borders dark instead turned a map of 35,000 small areas black.
    let districts = key.districts.and_then(|d| geometry.layer(d)).map(|districts| Item::Lines {
        paths: mesh_paths(geometry, districts, viewport),
        stroke: DISTRICT_BORDER,
        width: 1.4,
    });
    std::iter::once(areas).chain(districts).collect()
}

/// The overlay's highlighted areas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Under the pointer.
    pub hovered: Option<usize>,
    /// Selected.
    pub selected: Option<usize>,
    /// Keyboard focus.
    pub focused: Option<usize>,
}

/// Outlines of the marked (patch, comparison), selected, hovered and keyboard-focused areas, in
/// that order (focus on top).
pub fn overlay_scene(
    geometry: &MapGeometry,
    layer: usize,
    viewport: &Viewport,
    highlights: Highlights,
    marked: &Marked,
) -> Scene {
    let mut scene = Scene { width: viewport.width, height: viewport.height, items: Vec::new() };
    let Some(shown) = geometry.layer(layer) else { return scene };
    // One loop for every outline, so the marked areas add no drawing code of their own.
    let marked = marked
        .comparison
        .iter()
        .map(|&a| (a, COMPARISON_OUTLINE, 2.5))
        .chain(marked.patch.iter().map(|&a| (a, PATCH_OUTLINE, 2.5)));
    let single = [(highlights.selected, SELECTED_OUTLINE, 3.0), (highlights.hovered, HOVER_OUTLINE, 2.0)]
        .into_iter()
        .filter_map(|(area, stroke, width)| Some((area?, stroke, width)));
    for (area, stroke, width) in marked.chain(single) {
        if let Some(shape) = shown.projected.areas.get(area) {
            scene.items.push(Item::Outline { rings: area_rings(shape, viewport), stroke, width, halo: true });
        }
    }
    if let Some(shape) = highlights.focused.and_then(|a| shown.projected.areas.get(a)) {
        let rings = area_rings(shape, viewport);
        scene.items.push(Item::Lines { paths: rings.clone(), stroke: FOCUS_HALO, width: 7.0 });
        scene.items.push(Item::Outline { rings, stroke: FOCUS_OUTLINE, width: 3.0, halo: false });
    }
    scene
}

fn screen_rect(viewport: &Viewport) -> Rect<f64> {
    Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: viewport.width, y: viewport.height })
}

/// Viewport culling: true when the area's bounding box touches the visible box.
fn on_screen(layer: &LayerGeometry, area: usize, viewport: &Viewport, visible: &Rect<f64>) -> bool {
    let Some(Some(b)) = layer.projected.boxes.get(area) else { return false };
    let [x0, y0] = viewport.to_screen([b.min().x, b.min().y]);
    let [x1, y1] = viewport.to_screen([b.max().x, b.max().y]);
    x1 >= visible.min().x && x0 <= visible.max().x && y1 >= visible.min().y && y0 <= visible.max().y
}

pub(crate) fn area_rings(shape: &geo::MultiPolygon<f64>, viewport: &Viewport) -> Vec<Vec<[f64; 2]>> {
    let ring = |line: &geo::LineString<f64>| screen_line(line.0.iter().map(|c| [c.x, c.y]), viewport);
    shape
        .0
        .iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
        .map(ring)
        .collect()
}

fn mesh_paths(geometry: &MapGeometry, layer: &LayerGeometry, viewport: &Viewport) -> Vec<Vec<[f64; 2]>> {
    layer
        .mesh
        .iter()
        .filter_map(|&i| geometry.arcs.get(i))
        .map(|arc| screen_line(arc.iter().copied(), viewport))
        // A border shorter than half a pixel draws nothing visible.
        .filter(|line| !matches!(line[..], [a, b] if is_short_step(a, b)))
        .collect()
}

fn is_short_step([ax, ay]: [f64; 2], [bx, by]: [f64; 2]) -> bool {
    (ax - bx).abs() < MIN_STEP && (ay - by).abs() < MIN_STEP
}

/// A line's points on screen, less those within [`MIN_STEP`] of the last one kept.
fn screen_line(points: impl ExactSizeIterator<Item = [f64; 2]>, viewport: &Viewport) -> Vec<[f64; 2]> {
    let mut line: Vec<[f64; 2]> = Vec::with_capacity(points.len());
    let mut skipped = None;
    for point in points {
        let [x, y] = viewport.to_screen(point);
        match line.last() {
            Some(&last) if is_short_step(last, [x, y]) => skipped = Some([x, y]),
            _ => {
                line.push([x, y]);
                skipped = None;
            }
        }
    }
    line.extend(skipped);
    line
}
