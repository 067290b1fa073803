//! The raster of a map's border lines, kept between repaints of the base picture.
//!
//! Why: an indicator or period switch changes only the fills, and stroking every border of a
//! large map is most of a repaint (at 10,000 areas about two thirds of it in Chromium). The
//! lines are drawn once into an offscreen canvas of the same size and transform, and copied in
//! one `drawImage` while they stay the same; any change of layer, view, size or pixel ratio
//! changes the lines or the canvas and draws them afresh.

use super::painter::CanvasPainter;
use crate::render::{Item, Painter};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// What the cached raster shows: the line items, and the target's size and transform.
#[derive(Default)]
pub struct LinesCache {
    key: Vec<Item>,
    size: (u32, u32),
    transform: [f64; 6],
    canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
}

impl LinesCache {
    /// Draws `lines` (stroke items) on `ctx`, from the cache when it shows exactly these lines at
    /// this size and transform. Returns false when no offscreen canvas can be had (the caller
    /// then strokes directly).
    pub fn draw(&mut self, ctx: &CanvasRenderingContext2d, lines: &[&Item]) -> bool {
        let Some(target) = ctx.canvas() else { return false };
        let size = (target.width(), target.height());
        let transform = ctx
            .get_transform()
            .map(|m| [m.a(), m.b(), m.c(), m.d(), m.e(), m.f()])
            .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        let fresh = self.canvas.is_some()
            && self.size == size
            && self.transform == transform
            && self.key.len() == lines.len()
            && self.key.iter().zip(lines).all(|(a, b)| a == *b);
        if !fresh && !self.redraw(lines, size, transform) {
            return false;
        }
        let Some((canvas, _)) = &self.canvas else { return false };
        ctx.save();
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        let _ = ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0);
        ctx.restore();
        true
    }

    fn redraw(&mut self, lines: &[&Item], size: (u32, u32), t: [f64; 6]) -> bool {
        if self.canvas.is_none() {
            self.canvas = offscreen_canvas();
        }
        let Some((canvas, ctx)) = &self.canvas else { return false };
        canvas.set_width(size.0);
        canvas.set_height(size.1);
        let _ = ctx.set_transform(t[0], t[1], t[2], t[3], t[4], t[5]);
        let mut painter = CanvasPainter::new(ctx);
        for item in lines {
            painter.stroke_item(item);
        }
        self.key = lines.iter().map(|&item| item.clone()).collect();
        self.size = size;
        self.transform = t;
        true
    }
}

fn offscreen_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    Some((canvas, ctx))
}
