//! The raster of a map's border lines, kept between repaints of the base picture.
//!
//! Why: an indicator or period switch changes only the fills, and stroking every border of a
//! large map is most of a repaint (at 10,000 areas about two thirds of it in Chromium). The
//! lines are drawn once into an offscreen canvas of the same size and transform, and copied in
//! one `drawImage` while they stay the same; any change of layer, view, size or pixel ratio
//! changes the lines or the canvas and draws them afresh.

use super::painter::CanvasPainter;
use crate::layout::map::BordersKey;
use crate::render::{Item, Painter};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// What the cached raster shows: the lines' key, and the target's size and transform.
#[derive(Default)]
pub struct LinesCache {
    key: Option<BordersKey>,
    size: (u32, u32),
    transform: [f64; 6],
    canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
}

impl LinesCache {
    /// Draws the lines of `key` on `ctx`, from the cache when it shows the same key at this size
    /// and transform; `lines` makes them (stroke items) only when they must be drawn afresh.
    /// Returns false when no offscreen canvas can be had (the caller then strokes directly).
    pub fn draw(&mut self, ctx: &CanvasRenderingContext2d, key: BordersKey, lines: impl FnOnce() -> Vec<Item>) -> bool {
        let Some(target) = ctx.canvas() else { return false };
        let size = (target.width(), target.height());
        let transform = ctx
            .get_transform()
            .map(|m| [m.a(), m.b(), m.c(), m.d(), m.e(), m.f()])
            .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        let fresh = self.canvas.is_some() && self.size == size && self.transform == transform && self.key == Some(key);
        if !fresh {
            // The canvas first: without one the caller strokes the lines, so they are made once.
            if self.canvas.is_none() {
                self.canvas = offscreen_canvas();
            }
            if self.canvas.is_none() {
                return false;
            }
            self.redraw(key, &lines(), size, transform);
        }
        let Some((canvas, _)) = &self.canvas else { return false };
        ctx.save();
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        let _ = ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0);
        ctx.restore();
        true
    }

    fn redraw(&mut self, key: BordersKey, lines: &[Item], size: (u32, u32), t: [f64; 6]) {
        let Some((canvas, ctx)) = &self.canvas else { return };
        canvas.set_width(size.0);
        canvas.set_height(size.1);
        let _ = ctx.set_transform(t[0], t[1], t[2], t[3], t[4], t[5]);
        let mut painter = CanvasPainter::new(ctx);
        for item in lines {
            painter.stroke_item(item);
        }
        self.key = Some(key);
        self.size = size;
        self.transform = t;
    }
}

fn offscreen_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    Some((canvas, ctx))
}
