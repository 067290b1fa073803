//! Which place names the map shows: district names over the whole region, ward names once the
//! map is zoomed in far enough for a ward to be more than a speck. Placing them is
//! [`crate::layout::labels::place`]; this chooses the layer and keeps the names clear of the
//! selection's outline. The names are drawn on the canvas, so screen readers do not meet them
//! twice: the sentences and the table already say where each area is.

use super::atlas::{Atlas, DISTRICT_GEOGRAPHY};
use super::place::WARD;
use crate::geom::contains::contains;
use crate::geom::Viewport;
use crate::layout::labels::{insertion_sort, place, Candidate, Labels, Room};
use crate::layout::map::area_rings;
use geo::coord;

/// From this zoom (relative to the whole region) wards are named instead of districts.
pub const WARD_NAMES_FROM_ZOOM: f64 = 2.5;
/// District names: few and large.
const DISTRICT_SIZE: f64 = 14.0;
/// Ward names.
const WARD_SIZE: f64 = 12.0;

/// What the placed names depend on besides the bundle's shapes and names: the view, the shown
/// layer and the selection (names keep clear of its outline).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct NamesKey {
    viewport: Viewport,
    geography: usize,
    selected: Option<usize>,
}

impl Atlas {
    /// The place names to draw in the current view (none when they are switched off).
    /// `em_width` measures a name at a font size of 1 px. The names are placed again only when
    /// the view, layer or selection changed: an indicator or period switch reuses them.
    pub fn labels(&mut self, em_width: impl Fn(&str) -> f64) -> &Labels {
        static NONE: Labels = Labels { size: 0.0, labels: Vec::new() };
        if !self.labels_on {
            return &NONE;
        }
        let key = NamesKey { viewport: *self.viewport(), geography: self.geography, selected: self.selected };
        if self.placed_names.as_ref().is_none_or(|(placed, _)| *placed != key) {
            let names = self.place_names(em_width);
            self.placed_names = Some((key, names));
        }
        self.placed_names.as_ref().map_or(&NONE, |(_, names)| names)
    }

    fn place_names(&mut self, em_width: impl Fn(&str) -> f64) -> Labels {
        let zoom = self.viewport().zoom();
        let ward = self.data.geography_index(WARD).filter(|_| zoom >= WARD_NAMES_FROM_ZOOM);
        // A ward layer that cannot be built leaves the district names, not an empty map.
        let ward = ward.filter(|&w| self.ensure_layer(w).is_ok());
        let (layer, size) = match ward {
            Some(w) => (w, WARD_SIZE),
            None => match self.data.geography_index(DISTRICT_GEOGRAPHY) {
                Some(d) => (d, DISTRICT_SIZE),
                None => return Labels::default(),
            },
        };
        let viewport = *self.viewport();
        let avoid = self
            .selected
            .and_then(|area| self.geometry_of(self.geography)?.projected.areas.get(area))
            .map(|shape| area_rings(shape, &viewport))
            .unwrap_or_default();
        let (Some(geometry), Some(areas)) = (self.geometry_of(layer), self.data.bundle.geographies.get(layer)) else {
            return Labels::default();
        };
        let [left, top, right, bottom] = viewport.free_box();
        let candidates: Vec<Candidate<'_>> = geometry
            .interior_points()
            .iter()
            .zip(&geometry.projected.boxes)
            .zip(geometry.projected.areas.iter().zip(&areas.areas))
            .filter_map(|((point, bounds), (shape, area))| {
                let bounds = (*bounds)?;
                let [x0, y0] = viewport.to_screen([bounds.min().x, bounds.min().y]);
                let [x1, y1] = viewport.to_screen([bounds.max().x, bounds.max().y]);
                if x1 < left || x0 > right || y1 < top || y0 > bottom {
                    return None;
                }
                let centre = viewport.to_screen((*point)?);
                let at = places(centre, [x0, y0, x1, y1], |[sx, sy]| {
                    let [wx, wy] = viewport.to_world([sx, sy]);
                    contains(shape, coord! { x: wx, y: wy })
                });
                Some(Candidate { text: area.name.as_str(), at, rank: bounds.width() * bounds.height() })
            })
            .collect();
        place(&candidates, size, em_width, Room { free: viewport.free_box(), avoid: &avoid })
    }

    /// Shows or hides the place names.
    pub fn set_labels(&mut self, on: bool) {
        self.labels_on = on;
    }
}

/// Where an area's name may sit: its interior point, then points of a grid over its screen box
/// (`[x0, y0, x1, y1]`) that lie inside it, nearest the interior point first.
fn places(centre: [f64; 2], bounds: [f64; 4], inside: impl Fn([f64; 2]) -> bool) -> Vec<[f64; 2]> {
    const STEPS: u32 = 6;
    let grid = (0..STEPS * STEPS).map(|k| {
        let (i, j) = (f64::from(k % STEPS) + 0.5, f64::from(k / STEPS) + 0.5);
        let n = f64::from(STEPS);
        [bounds[0] + (bounds[2] - bounds[0]) * i / n, bounds[1] + (bounds[3] - bounds[1]) * j / n]
    });
    let mut more: Vec<[f64; 2]> = grid.filter(|&p| inside(p)).collect();
    let away = |p: &[f64; 2]| (p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2);
    insertion_sort(&mut more, |a, b| away(a) < away(b));
    std::iter::once(centre).chain(more).collect()
}

#[cfg(test)]
mod tests {
    use crate::app::Atlas;
    use crate::model::Dataset;

    fn em(text: &str) -> f64 {
        text.chars().count() as f64 * 0.6
    }

    fn shipped() -> Atlas {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("shipped bundle");
        Atlas::new(Dataset::from_json(&bytes).expect("valid"), 1300.0, 460.0)
    }

    #[test]
    fn the_whole_region_is_named_by_district_and_a_close_view_by_ward() {
        let mut atlas = shipped();
        let names: Vec<String> = atlas.labels(em).labels.iter().map(|l| l.text.clone()).collect();
        assert_eq!(names.len(), 6, "every district named: {names:?}");
        assert!(names.iter().any(|n| n == "Liverpool") && names.iter().any(|n| n.starts_with("St")));
        atlas.locate("E05015297").expect("Everton East");
        let wards = atlas.labels(em).clone();
        assert!(wards.labels.len() >= 3, "{wards:?}");
        assert!(wards.labels.iter().all(|l| !["Liverpool", "Wirral"].contains(&l.text.as_str())));
    }

    #[test]
    fn names_can_be_switched_off() {
        let mut atlas = shipped();
        atlas.set_labels(false);
        assert!(atlas.labels(em).labels.is_empty());
    }
}
