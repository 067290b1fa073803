//! Paints scenes on a 2D canvas context. The element sets the context's transform to the device
//! pixel ratio, so everything here is in CSS pixels.

use super::lines_cache::LinesCache;
use crate::layout::map::BordersKey;
use crate::render::svg::{HATCH_GROUND, HATCH_LINE};
use crate::render::{Fill, Item, Painter, Scene};
use crate::scale::Rgb;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule};

/// Spacing of the no-data hatching, in CSS pixels.
const HATCH_SPACING: f64 = 6.0;
/// Most rings in one batched fill: enough to cut the number of fills by two orders of magnitude,
/// few enough that one path stays cheap to rasterise (one path of 35,000 rings is several times
/// slower than 140 paths of 256, measured with `make bench`).
const BATCH_RINGS: usize = 256;
/// Most paths (border arcs, outlines) in one batched stroke.
const BATCH_PATHS: usize = 64;

/// A painter drawing on one canvas context.
pub struct CanvasPainter<'a> {
    ctx: &'a CanvasRenderingContext2d,
}

impl<'a> CanvasPainter<'a> {
    /// Wraps a context.
    pub fn new(ctx: &'a CanvasRenderingContext2d) -> CanvasPainter<'a> {
        CanvasPainter { ctx }
    }

    fn trace(&self, paths: &[Vec<[f64; 2]>], closed: bool) {
        self.trace_each(paths.iter(), closed);
    }

    fn trace_each<'p>(&self, paths: impl Iterator<Item = &'p Vec<[f64; 2]>>, closed: bool) {
        self.ctx.begin_path();
        for path in paths {
            let mut points = path.iter();
            if let Some([x, y]) = points.next() {
                self.ctx.move_to(*x, *y);
                for [x, y] in points {
                    self.ctx.line_to(*x, *y);
                }
                if closed {
                    self.ctx.close_path();
                }
            }
        }
    }

    /// Diagonal lines over the bounding box of the current clip.
    fn hatch<'p>(&self, rings: impl Iterator<Item = &'p Vec<[f64; 2]>>) {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for [x, y] in rings.flatten() {
            x0 = x0.min(*x);
            y0 = y0.min(*y);
            x1 = x1.max(*x);
            y1 = y1.max(*y);
        }
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return;
        }
        self.ctx.set_stroke_style_str(&HATCH_LINE.to_string());
        self.ctx.set_line_width(1.0);
        self.ctx.begin_path();
        let height = y1 - y0;
        // Lines at 45°: start on a grid anchored at the canvas origin so neighbouring areas line up.
        let mut start = ((x0 - height) / HATCH_SPACING).floor() * HATCH_SPACING;
        while start <= x1 {
            self.ctx.move_to(start, y1);
            self.ctx.line_to(start + height, y0);
            start += HATCH_SPACING;
        }
        self.ctx.stroke();
    }
}

impl CanvasPainter<'_> {
    /// Fills a set of rings as one path with one fill (even-odd, so holes stay open). The rings are
    /// left open: `fill` and `clip` close every subpath themselves, and an explicit `closePath` a
    /// ring made Chromium's path building about half as fast again (half of an indicator switch's
    /// main-thread time at 35,000 areas).
    fn fill_batch(&self, rings: &[&Vec<[f64; 2]>], fill: Fill) {
        self.trace_each(rings.iter().copied(), false);
        match fill {
            Fill::Solid(colour) => {
                self.ctx.set_fill_style_str(&colour.to_string());
                self.ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
            }
            Fill::Hatched => {
                self.ctx.set_fill_style_str(&HATCH_GROUND.to_string());
                self.ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
                self.ctx.save();
                self.ctx.clip_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
                self.hatch(rings.iter().copied());
                self.ctx.restore();
            }
        }
    }
}

impl Painter for CanvasPainter<'_> {
    fn clear(&mut self, width: f64, height: f64) {
        self.ctx.clear_rect(0.0, 0.0, width, height);
    }

    fn fill_rings(&mut self, rings: &[Vec<[f64; 2]>], fill: Fill) {
        let refs: Vec<&Vec<[f64; 2]>> = rings.iter().collect();
        self.fill_batch(&refs, fill);
    }

    /// Strokes in batches of [`BATCH_PATHS`]: one stroke of every border of a large map takes
    /// Chromium's rasteriser several times longer than many smaller ones (a full repaint at
    /// 10,000 areas went from about 150 ms to 110 ms).
    fn stroke_paths(&mut self, paths: &[Vec<[f64; 2]>], stroke: Rgb, width: f64, closed: bool) {
        self.ctx.set_stroke_style_str(&stroke.to_string());
        self.ctx.set_line_width(width);
        self.ctx.set_line_join("round");
        for chunk in paths.chunks(BATCH_PATHS) {
            self.trace(chunk, closed);
            self.ctx.stroke();
        }
    }

    /// Fills, then lines and outlines in scene order.
    fn paint(&mut self, scene: &Scene) {
        self.clear(scene.width, scene.height);
        self.fill_areas(scene);
        for item in &scene.items {
            self.stroke_item(item);
        }
    }
}

impl CanvasPainter<'_> {
    /// Areas never overlap, so their fill order does not matter: areas of one class are filled
    /// together, up to [`BATCH_RINGS`] rings a path (about 10 fills a frame for the LCR instead of
    /// one per area — the bench's biggest raster cost).
    fn fill_areas(&self, scene: &Scene) {
        let mut batches: Vec<(Fill, Vec<&Vec<[f64; 2]>>)> = Vec::new();
        for item in &scene.items {
            if let Item::Area { rings, fill, .. } = item {
                match batches.iter_mut().find(|(f, _)| f == fill) {
                    Some((_, all)) => all.extend(rings.iter()),
                    None => batches.push((*fill, rings.iter().collect())),
                }
            }
        }
        for (fill, rings) in &batches {
            for chunk in rings.chunks(BATCH_RINGS) {
                self.fill_batch(chunk, *fill);
            }
        }
    }

    /// The map's base picture: `fills`, then the border lines of `key` from `cache` (see
    /// `lines_cache`); `lines` makes them only when the cache cannot show them.
    pub fn paint_with_lines_cache(
        &mut self,
        fills: &Scene,
        key: BordersKey,
        lines: impl Fn() -> Vec<Item>,
        cache: &mut LinesCache,
    ) {
        self.clear(fills.width, fills.height);
        self.fill_areas(fills);
        if !cache.draw(self.ctx, key, &lines) {
            for item in &lines() {
                self.stroke_item(item);
            }
        }
    }
}
