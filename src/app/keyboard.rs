//! Keyboard navigation of the map: arrow keys move a focus ring to the next area in that
//! direction, Enter selects the focused area, Escape clears focus and selection. The focused area
//! is kept in view by panning.
//!
//! Which area a press leads to is [`next_area`]: a shared-border neighbour in that direction if
//! there is one, else the nearest area that way across water, so every area can be reached. With
//! no focus yet, the selected area, or else the area nearest the middle of the map, takes it.
//! A press that cannot move (nothing at all lies that way) says so, in [`FocusStep::edge`], so
//! the page never repeats the same area silently.

use super::atlas::Atlas;
use super::describe::AreaInfo;
use super::direction::{compass_word, next_area};
use serde::Serialize;

/// Margin (CSS px) inside which the focused area's point must stay; closer to the edge pans.
const KEEP_IN_VIEW: f64 = 40.0;

/// What one arrow-key press did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusStep {
    /// The focused area after the press: the new one, or the same one at the region's edge.
    /// `None` only when the layer has no areas to focus.
    pub area: Option<AreaInfo>,
    /// What to say now: the new area's short description ("Anfield, 31.5%, highest fifth"), or
    /// at the edge the `edge` sentence.
    pub announcement: Option<String>,
    /// At the region's edge, where the focus stays: "No area further west."; `None` after a move.
    pub edge: Option<String>,
}

impl Atlas {
    /// World position of an area's interior point in the current layer.
    fn area_point(&self, area: usize) -> Option<[f64; 2]> {
        self.layer_geometry()?.interior_points().get(area).copied().flatten()
    }

    /// The area nearest the middle of the map box.
    fn central_area(&self) -> Option<usize> {
        let viewport = *self.viewport();
        let middle = viewport.to_world([viewport.width / 2.0, viewport.height / 2.0]);
        if let Some(area) = self.layer_geometry().and_then(|l| l.hit.area_at(&l.projected, middle)) {
            return Some(area);
        }
        let count = self.layer_geometry()?.projected.areas.len();
        (0..count)
            .filter_map(|a| self.area_point(a).map(|p| (a, (p[0] - middle[0]).hypot(p[1] - middle[1]))))
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(a, _)| a)
    }

    /// The area of the current layer that a press in direction `(dx, dy)` (screen axes: +x
    /// right, +y down) leads to from area `from`, without moving anything; `None` when no area
    /// lies that way (the region's edge) or `from` is not an area of the layer. See
    /// [`next_area`].
    pub fn focus_target(&self, from: usize, dx: f64, dy: f64) -> Option<usize> {
        let points = self.layer_geometry()?.interior_points();
        let neighbours = &self.data.layer(self.geography)?.areas.get(from)?.neighbours;
        next_area(points, neighbours, from, dx, dy)
    }

    /// Moves the keyboard focus one area in direction `(dx, dy)` (screen axes: +x right, +y
    /// down) and says what happened: the focused area, the words to announce, and whether the
    /// focus is at the region's edge (nothing at all lies that way, so it stayed). The first
    /// press places the focus on the selected area, else the one nearest the middle of the map.
    pub fn focus_step(&mut self, dx: f64, dy: f64) -> FocusStep {
        let Some(from) = self.focused.or(self.selected) else {
            self.focused = self.central_area();
            return self.finish_step(None);
        };
        let target = self.focus_target(from, dx, dy);
        self.focused = Some(target.unwrap_or(from));
        let edge = match target {
            Some(_) => None,
            None => compass_word(dx, dy).map(|word| format!("No area further {word}.")),
        };
        self.finish_step(edge)
    }

    /// Keeps the focused area in view and describes it.
    fn finish_step(&mut self, edge: Option<String>) -> FocusStep {
        self.keep_focus_in_view();
        let announcement = edge.clone().or_else(|| self.focused.and_then(|a| self.short_description(a)));
        FocusStep { area: self.focused.and_then(|a| self.info(a)), announcement, edge }
    }

    /// Moves the keyboard focus one area in direction `(dx, dy)` and returns the focused area
    /// (the same one at the region's edge); [`Atlas::focus_step`] also says why it stayed.
    pub fn focus_move(&mut self, dx: f64, dy: f64) -> Option<AreaInfo> {
        self.focus_step(dx, dy).area
    }

    /// Pans so that the focused area's interior point is inside the map box.
    fn keep_focus_in_view(&mut self) {
        let Some(point) = self.focused.and_then(|a| self.area_point(a)) else { return };
        let viewport = self.viewport_mut();
        let [x, y] = viewport.to_screen(point);
        let (w, h) = (viewport.width, viewport.height);
        let margin = KEEP_IN_VIEW.min(w / 4.0).min(h / 4.0);
        let dx = if x < margin {
            margin - x
        } else if x > w - margin {
            (w - margin) - x
        } else {
            0.0
        };
        let dy = if y < margin {
            margin - y
        } else if y > h - margin {
            (h - margin) - y
        } else {
            0.0
        };
        viewport.pan(dx, dy);
    }

    /// Selects the focused area (Enter); returns it.
    pub fn select_focused(&mut self) -> Option<AreaInfo> {
        self.selected = self.focused;
        self.selected.and_then(|a| self.info(a))
    }

    /// Clears keyboard focus and selection (Escape); true when something was cleared.
    pub fn clear_focus(&mut self) -> bool {
        let had = self.focused.is_some() || self.selected.is_some();
        self.focused = None;
        self.selected = None;
        had
    }

    /// The focused area's details.
    pub fn focused_info(&self) -> Option<AreaInfo> {
        self.focused.and_then(|a| self.info(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    use crate::model::dataset::tests::TWO_SQUARES as TWO_SQUARES_AND_ISLAND;

    fn atlas() -> Atlas {
        let data = Dataset::from_json(TWO_SQUARES_AND_ISLAND.as_bytes()).expect("valid synthetic bundle");
        Atlas::new(data, 400.0, 300.0)
    }

    fn name(step: &FocusStep) -> Option<&str> {
        step.area.as_ref().map(|a| a.name.as_str())
    }

    #[test]
    fn neighbours_first_then_across_the_water() {
        let a = atlas();
        assert_eq!(a.focus_target(0, 1.0, 0.0), Some(1), "West → East shares a border");
        assert_eq!(a.focus_target(1, 1.0, 0.0), Some(2), "East → Island across the water");
        assert_eq!(a.focus_target(2, 0.0, 1.0), Some(1), "and back south");
        assert_eq!(a.focus_target(0, -1.0, 0.0), None, "nothing west of West");
        assert_eq!(a.focus_target(9, 1.0, 0.0), None, "not an area");
    }

    #[test]
    fn a_press_moves_or_reports_the_edge() {
        let mut a = atlas();
        assert!(a.select_code("A").is_ok());
        let step = a.focus_step(-1.0, 0.0);
        assert_eq!(name(&step), Some("West"), "the focus stays");
        assert_eq!(step.edge.as_deref(), Some("No area further west."));
        assert_eq!(step.announcement, step.edge);
        let step = a.focus_step(1.0, 0.0);
        assert_eq!((name(&step), step.edge.as_deref()), (Some("East"), None));
        assert_eq!(step.announcement.as_deref(), Some("East"), "no indicator: the name alone");
        let step = a.focus_step(0.0, -1.0);
        assert_eq!((name(&step), step.edge.as_deref()), (Some("Island"), None));
        let step = a.focus_step(0.0, -1.0);
        assert_eq!(step.edge.as_deref(), Some("No area further north."));
    }

    #[test]
    fn the_first_press_focuses_an_area_and_focus_move_follows_focus_step() {
        let mut a = atlas();
        let first = a.focus_step(1.0, 0.0);
        assert!(first.area.is_some() && first.edge.is_none());
        let focused = a.focused_info();
        assert_eq!(first.area, focused);
        let mut b = a.clone();
        assert_eq!(a.focus_move(1.0, 0.0), b.focus_step(1.0, 0.0).area);
    }

    #[test]
    fn a_zero_direction_keeps_the_focus_without_claiming_an_edge() {
        let mut a = atlas();
        assert!(a.select_code("B").is_ok());
        let step = a.focus_step(0.0, 0.0);
        assert_eq!((name(&step), step.edge.as_deref()), (Some("East"), None));
    }
}
