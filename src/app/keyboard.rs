//! Keyboard navigation of the map: arrow keys move a focus ring to the neighbouring area in that
//! direction (neighbours are areas sharing a border arc in the data), Enter selects the focused
//! area, Escape clears focus and selection. The focused area is kept in view by panning.
//!
//! Direction: among the focused area's neighbours, the one whose interior point lies closest to
//! the pressed direction (within 70° of it) wins; ties go to the nearer one. With no focus yet,
//! the selected area, or else the area nearest the middle of the map, takes it.

use super::atlas::Atlas;
use super::describe::AreaInfo;
use crate::geom::interior::interior_point;

/// Smallest cosine between the pressed direction and a neighbour's direction (≈ 70°).
const MIN_COSINE: f64 = 0.34;
/// Margin (CSS px) inside which the focused area's point must stay; closer to the edge pans.
const KEEP_IN_VIEW: f64 = 40.0;

impl Atlas {
    /// World position of an area's interior point in the current layer.
    fn area_point(&self, area: usize) -> Option<[f64; 2]> {
        interior_point(self.layer_geometry()?.projected.areas.get(area)?)
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

    /// Moves the keyboard focus one area in direction `(dx, dy)` (screen axes: +x right, +y down)
    /// and returns the focused area. Without a neighbour in that direction the focus stays.
    pub fn focus_move(&mut self, dx: f64, dy: f64) -> Option<AreaInfo> {
        let Some(from) = self.focused.or(self.selected) else {
            self.focused = self.central_area();
            self.keep_focus_in_view();
            return self.focused.and_then(|a| self.info(a));
        };
        let origin = self.area_point(from)?;
        let length = dx.hypot(dy);
        let neighbours = self.data.layer(self.geography)?.areas.get(from)?.neighbours.clone();
        let best = neighbours
            .iter()
            .filter_map(|&n| {
                let p = self.area_point(n)?;
                let (vx, vy) = (p[0] - origin[0], p[1] - origin[1]);
                let distance = vx.hypot(vy);
                if distance == 0.0 || length == 0.0 {
                    return None;
                }
                let cosine = (vx * dx + vy * dy) / (distance * length);
                (cosine >= MIN_COSINE).then_some((n, cosine, distance))
            })
            // Prefer the best-aligned neighbour; among near-equal alignments, the nearer one.
            .max_by(|a, b| (a.1 - a.2 * 1e-3).total_cmp(&(b.1 - b.2 * 1e-3)));
        self.focused = Some(best.map_or(from, |(n, _, _)| n));
        self.keep_focus_in_view();
        self.focused.and_then(|a| self.info(a))
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
