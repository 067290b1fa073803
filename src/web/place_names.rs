//! Draws the map's place names on the base canvas: dark text on a white halo, so a name reads on
//! the palest and the darkest class alike (the halo is the same white as the area borders).

use crate::layout::labels::{Labels, HALO};
use web_sys::CanvasRenderingContext2d;

/// The names' font family: the widget's own default (`atlas.css`).
const FAMILY: &str = "system-ui, sans-serif";
/// Text colour (the widget's text colour, 19:1 on the white halo).
const INK: &str = "#0b0c0c";

/// The CSS font at a whole number of pixels (formatting an `f64` would pull float printing into
/// the map module: ~20 kB).
fn font(size: f64) -> String {
    let px = size.round().clamp(1.0, 200.0) as u32;
    format!("600 {px}px {FAMILY}")
}

/// A text's width at a font size of 1 px, measured at 100 px for precision. The font is set on the
/// first measurement: most repaints reuse the placed names and measure nothing, and every change
/// of `ctx.font` makes the browser parse it and match the font again.
pub(super) fn em_width(ctx: &CanvasRenderingContext2d) -> impl Fn(&str) -> f64 + '_ {
    let font_set = std::cell::Cell::new(false);
    move |text| {
        if !font_set.replace(true) {
            ctx.set_font(&font(100.0));
        }
        ctx.measure_text(text).map_or(text.chars().count() as f64 * 60.0, |m| m.width()) / 100.0
    }
}

/// Draws the names: every halo first, then every text, so no halo covers a neighbour's letters.
pub(super) fn draw(ctx: &CanvasRenderingContext2d, labels: &Labels) {
    if labels.labels.is_empty() {
        return;
    }
    ctx.set_font(&font(labels.size));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_line_join("round");
    ctx.set_line_width(2.0 * HALO);
    ctx.set_stroke_style_str("#ffffff");
    for label in &labels.labels {
        let _ = ctx.stroke_text(&label.text, label.at[0], label.at[1]);
    }
    ctx.set_fill_style_str(INK);
    for label in &labels.labels {
        let _ = ctx.fill_text(&label.text, label.at[0], label.at[1]);
    }
}
