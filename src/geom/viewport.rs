//! The viewport: a uniform scale and offset from world coordinates to CSS pixels, fitted to the
//! container, with zoom about a point and pan. Its inverse turns pointer positions back into world
//! coordinates for hit-testing.
//!
//! The box may have *insets*: strips along its edges that controls cover (the zoom buttons). The
//! fitted view and `zoom_to` centre in the free part, so no area starts out under a button.

use geo::Rect;

/// Zoom limits relative to the fitted view.
const MIN_ZOOM: f64 = 1.0;
const MAX_ZOOM: f64 = 64.0;
/// Fraction of the container left empty around the fitted bounds.
const FIT_PADDING: f64 = 0.04;

/// World ↔ screen transform. Screen = (world − centre) × scale + size / 2.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Container width in CSS pixels.
    pub width: f64,
    /// Container height in CSS pixels.
    pub height: f64,
    /// World point shown at the container's centre.
    pub center: [f64; 2],
    /// CSS pixels per world unit.
    pub scale: f64,
    /// The scale that fits the bounds; zoom is `scale / fit_scale`.
    pub fit_scale: f64,
    fit_center: [f64; 2],
    insets: Insets,
}

/// CSS pixels along each edge of the box that controls cover; the fitted view avoids them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Insets {
    /// Along the top edge.
    pub top: f64,
    /// Along the right edge.
    pub right: f64,
    /// Along the bottom edge.
    pub bottom: f64,
    /// Along the left edge.
    pub left: f64,
}

impl Insets {
    /// Non-finite or negative sides become 0, and the sides are cut back so at least half of
    /// each dimension stays free (a tiny box still shows a map).
    fn within(self, width: f64, height: f64) -> Insets {
        let side = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let (top, right, bottom, left) = (side(self.top), side(self.right), side(self.bottom), side(self.left));
        let shrink = |a: f64, b: f64, size: f64| {
            let k = if a + b > size / 2.0 { size / 2.0 / (a + b) } else { 1.0 };
            (a * k, b * k)
        };
        let (left, right) = shrink(left, right, width);
        let (top, bottom) = shrink(top, bottom, height);
        Insets { top, right, bottom, left }
    }
}

impl Viewport {
    /// A viewport of the given size showing all of `bounds`.
    ///
    /// # Examples
    /// ```
    /// use geo::{coord, Rect};
    /// use work_health_atlas::geom::Viewport;
    /// let v = Viewport::fit(Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 2.0, y: 1.0 }), 200.0, 200.0);
    /// let [x, y] = v.to_screen([1.0, 0.5]);
    /// assert!((x - 100.0).abs() < 1e-9 && (y - 100.0).abs() < 1e-9);
    /// ```
    pub fn fit(bounds: Rect<f64>, width: f64, height: f64) -> Viewport {
        Viewport::fit_within(bounds, width, height, Insets::default())
    }

    /// A viewport showing all of `bounds` in the part of the box the insets leave free.
    ///
    /// # Examples
    /// ```
    /// use geo::{coord, Rect};
    /// use work_health_atlas::geom::viewport::{Insets, Viewport};
    /// let square = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
    /// let v = Viewport::fit_within(square, 300.0, 200.0, Insets { right: 100.0, ..Insets::default() });
    /// // The square's centre sits in the middle of the free 200 × 200 px on the left.
    /// let [x, y] = v.to_screen([0.5, 0.5]);
    /// assert!((x - 100.0).abs() < 1e-9 && (y - 100.0).abs() < 1e-9);
    /// ```
    pub fn fit_within(bounds: Rect<f64>, width: f64, height: f64, insets: Insets) -> Viewport {
        let width = sanitise_size(width);
        let height = sanitise_size(height);
        let insets = insets.within(width, height);
        let (free_w, free_h) = (width - insets.left - insets.right, height - insets.top - insets.bottom);
        let (bw, bh) = (bounds.width().max(f64::EPSILON), bounds.height().max(f64::EPSILON));
        let scale = ((free_w / bw).min(free_h / bh) * (1.0 - 2.0 * FIT_PADDING)).max(f64::MIN_POSITIVE);
        let mut v =
            Viewport { width, height, center: [0.0, 0.0], scale, fit_scale: scale, fit_center: [0.0; 2], insets };
        v.center = v.centre_for([bounds.center().x, bounds.center().y]);
        v.fit_center = v.center;
        v
    }

    /// The view centre that puts world point `p` in the middle of the free part of the box.
    fn centre_for(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let i = self.insets;
        [x - (i.left - i.right) / 2.0 / self.scale, y - (i.top - i.bottom) / 2.0 / self.scale]
    }

    /// The part of the box no control covers: `[left, top, right, bottom]` in CSS pixels.
    pub fn free_box(&self) -> [f64; 4] {
        let i = self.insets;
        [i.left, i.top, self.width - i.right, self.height - i.bottom]
    }

    /// The current zoom relative to the fitted view (1 = fitted).
    pub fn zoom(&self) -> f64 {
        self.scale / self.fit_scale
    }

    /// World → CSS pixels.
    pub fn to_screen(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [(x - self.center[0]) * self.scale + self.width / 2.0, (y - self.center[1]) * self.scale + self.height / 2.0]
    }

    /// CSS pixels → world.
    pub fn to_world(&self, [sx, sy]: [f64; 2]) -> [f64; 2] {
        [(sx - self.width / 2.0) / self.scale + self.center[0], (sy - self.height / 2.0) / self.scale + self.center[1]]
    }

    /// Multiplies the zoom by `factor`, keeping the world point under `(sx, sy)` where it is.
    /// The zoom stays within 1×–64× of the fitted view.
    pub fn zoom_at(&mut self, factor: f64, sx: f64, sy: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor = self.to_world([sx, sy]);
        let zoom = (self.zoom() * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.scale = self.fit_scale * zoom;
        // Solve to_screen(anchor) == (sx, sy) for the new centre.
        self.center =
            [anchor[0] - (sx - self.width / 2.0) / self.scale, anchor[1] - (sy - self.height / 2.0) / self.scale];
    }

    /// Moves the view by a drag of `(dx, dy)` CSS pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.center[0] -= dx / self.scale;
            self.center[1] -= dy / self.scale;
        }
    }

    /// Back to the fitted view.
    pub fn reset(&mut self) {
        self.scale = self.fit_scale;
        self.center = self.fit_center;
    }

    /// Centres on `rect` and zooms so that it fills about `fraction` of the box (within the
    /// zoom limits); used when an area is chosen from outside the map.
    pub fn zoom_to(&mut self, rect: Rect<f64>, fraction: f64) {
        let fraction = if fraction.is_finite() { fraction.clamp(0.05, 1.0) } else { 0.5 };
        let (w, h) = (rect.width().max(f64::EPSILON), rect.height().max(f64::EPSILON));
        let [left, top, right, bottom] = self.free_box();
        let scale = ((right - left) * fraction / w).min((bottom - top) * fraction / h);
        let zoom = (scale / self.fit_scale).clamp(MIN_ZOOM, MAX_ZOOM);
        self.scale = self.fit_scale * zoom;
        self.center = self.centre_for([rect.center().x, rect.center().y]);
    }

    /// Changes the container size or the insets, keeping the same zoom and centre — or, when
    /// the view is still the fitted one, fitting again (so the whole region stays in view).
    pub fn resize(&mut self, bounds: Rect<f64>, width: f64, height: f64, insets: Insets) {
        let fitted = self.scale == self.fit_scale && self.center == self.fit_center;
        let zoom = self.zoom();
        let center = self.center;
        *self = Viewport::fit_within(bounds, width, height, insets);
        if !fitted {
            self.scale = self.fit_scale * zoom;
            self.center = center;
        }
    }

    /// The insets in use.
    pub fn insets(&self) -> Insets {
        self.insets
    }
}

fn sanitise_size(v: f64) -> f64 {
    if v.is_finite() && v >= 1.0 {
        v
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::coord;

    fn unit_view() -> Viewport {
        Viewport::fit(Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 }), 100.0, 100.0)
    }

    #[test]
    fn screen_and_world_are_inverse() {
        let v = unit_view();
        let w = v.to_world(v.to_screen([0.3, 0.7]));
        assert!((w[0] - 0.3).abs() < 1e-12 && (w[1] - 0.7).abs() < 1e-12);
    }

    #[test]
    fn zoom_at_keeps_the_anchor_fixed() {
        let mut v = unit_view();
        let before = v.to_world([20.0, 80.0]);
        v.zoom_at(2.0, 20.0, 80.0);
        let after = v.to_world([20.0, 80.0]);
        assert!((before[0] - after[0]).abs() < 1e-12 && (before[1] - after[1]).abs() < 1e-12);
        assert!((v.zoom() - 2.0).abs() < 1e-12);
    }

    #[test]
    fn zoom_is_clamped_and_reset_restores() {
        let mut v = unit_view();
        v.zoom_at(0.1, 50.0, 50.0);
        assert!((v.zoom() - 1.0).abs() < 1e-12);
        v.zoom_at(1e6, 50.0, 50.0);
        assert!((v.zoom() - 64.0).abs() < 1e-9);
        v.pan(10.0, 10.0);
        v.reset();
        assert_eq!(v, unit_view());
    }

    #[test]
    fn degenerate_sizes_and_factors_are_harmless() {
        let mut v = Viewport::fit(Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 0.0, y: 0.0 }), f64::NAN, -5.0);
        assert_eq!((v.width, v.height), (1.0, 1.0));
        v.zoom_at(f64::NAN, 0.0, 0.0);
        v.pan(f64::INFINITY, 0.0);
        assert!(v.scale.is_finite() && v.center[0].is_finite());
    }

    #[test]
    fn zoom_to_centres_and_clamps() {
        let mut v = unit_view();
        v.zoom_to(Rect::new(coord! { x: 0.1, y: 0.1 }, coord! { x: 0.2, y: 0.2 }), 0.5);
        assert!((v.scale - 500.0).abs() < 1e-9, "the 0.1-wide box fills half of 100 px: {}", v.scale);
        let [x, y] = v.to_screen([0.15, 0.15]);
        assert!((x - 50.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
        v.zoom_to(Rect::new(coord! { x: 0.5, y: 0.5 }, coord! { x: 0.5, y: 0.5 }), 0.5);
        assert!((v.zoom() - 64.0).abs() < 1e-9, "a point zooms to the limit");
    }

    #[test]
    fn resize_keeps_zoom() {
        let bounds = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
        let mut v = Viewport::fit(bounds, 100.0, 100.0);
        v.zoom_at(4.0, 50.0, 50.0);
        v.resize(bounds, 300.0, 200.0, Insets::default());
        assert!((v.zoom() - 4.0).abs() < 1e-12);
        assert_eq!(v.width, 300.0);
    }

    #[test]
    fn a_fitted_view_refits_clear_of_the_insets() {
        let bounds = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
        let mut v = Viewport::fit(bounds, 200.0, 100.0);
        v.resize(bounds, 200.0, 100.0, Insets { right: 60.0, ..Insets::default() });
        // The whole square lies left of the 60 px strip, and reset comes back to that view.
        let [right, _] = v.to_screen([1.0, 1.0]);
        assert!(right <= 140.0 + 1e-9, "{right}");
        v.pan(30.0, 0.0);
        v.reset();
        assert!((v.to_screen([1.0, 1.0])[0] - right).abs() < 1e-9);
        assert_eq!(v.free_box(), [0.0, 0.0, 140.0, 100.0]);
    }

    #[test]
    fn zoom_to_centres_in_the_free_box() {
        let bounds = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
        let mut v = Viewport::fit_within(bounds, 200.0, 100.0, Insets { left: 40.0, ..Insets::default() });
        v.zoom_to(Rect::new(coord! { x: 0.4, y: 0.4 }, coord! { x: 0.6, y: 0.6 }), 0.5);
        let [x, y] = v.to_screen([0.5, 0.5]);
        assert!((x - 120.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9, "{x}, {y}");
    }

    #[test]
    fn insets_never_take_more_than_half_the_box() {
        let bounds = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
        let v =
            Viewport::fit_within(bounds, 100.0, 100.0, Insets { left: 500.0, right: f64::NAN, top: -3.0, bottom: 0.0 });
        let [left, top, right, bottom] = v.free_box();
        assert!((right - left - 50.0).abs() < 1e-9 && top == 0.0 && bottom == 100.0);
        assert!(v.scale.is_finite() && v.scale > 0.0);
    }
}
