//! A plotters backend wrapper that measures text with the canvas's own `measureText`. plotters'
//! default browser text measurement creates a `<span>` and sets a `style` attribute on it, which a
//! strict Content-Security-Policy (`style-src 'self'`) blocks and reports as a violation; the
//! canvas measures the same text without touching the page.
//!
//! On a canvas it also reports the size the drawing is laid out in: CSS pixels, not device pixels.
//! plotters-canvas takes its size from the canvas's backing store (`width` × `height`, which the
//! page makes CSS size × devicePixelRatio for sharp lines), while the page has already scaled the
//! context by that ratio; laying out in backing-store pixels as well scaled the drawing twice, and
//! only its top-left corner showed at any ratio but 1. Everything else is delegated.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use web_sys::CanvasRenderingContext2d;

/// `inner` with text measured on `ctx`.
pub struct Measured<B> {
    inner: B,
    ctx: CanvasRenderingContext2d,
    /// The size the drawing is laid out in (see the module doc).
    size: (u32, u32),
}

impl<B> Measured<B> {
    /// Wraps a backend laid out in `size` (CSS pixels on a canvas; the document size in SVG);
    /// `ctx` is any 2D context (its `font` is changed while measuring).
    pub fn new(inner: B, ctx: CanvasRenderingContext2d, size: (u32, u32)) -> Measured<B> {
        Measured { inner, ctx, size }
    }
}

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let size = style.size();
        self.ctx.set_font(&format!("{} {}px {}", style.style().as_str(), size, style.family().as_str()));
        // If measuring fails, an average glyph of 0.6 em is a safe estimate for label layout.
        let width = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(text.chars().count() as f64 * size * 0.6);
        Ok((width.ceil().max(0.0) as u32, size.ceil().max(0.0) as u32))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (w, h): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, (w, h), src)
    }
}
