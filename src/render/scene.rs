//! A scene is an ordered list of shapes in CSS pixels (origin top-left, y down). Painters draw
//! items in order; areas are filled with the even-odd rule so holes stay open.

use crate::scale::Rgb;

/// How an area is filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    /// A solid class colour.
    Solid(Rgb),
    /// Diagonal hatching on a light ground: no data or suppressed, never a class colour.
    Hatched,
}

/// One drawable shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A filled area (rings in CSS pixels, closed).
    Area {
        /// Index of the area in its layer, for hit targets and snapshots.
        area: usize,
        /// Outer rings and holes, filled even-odd.
        rings: Vec<Vec<[f64; 2]>>,
        /// Fill style.
        fill: Fill,
    },
    /// Stroked open polylines (borders drawn once each).
    Lines {
        /// Polylines in CSS pixels.
        paths: Vec<Vec<[f64; 2]>>,
        /// Stroke colour.
        stroke: Rgb,
        /// Stroke width in CSS pixels.
        width: f64,
    },
    /// Stroked closed rings (highlight outlines).
    Outline {
        /// Rings in CSS pixels.
        rings: Vec<Vec<[f64; 2]>>,
        /// Stroke colour.
        stroke: Rgb,
        /// Stroke width in CSS pixels.
        width: f64,
        /// Draw a white halo under the stroke so it reads on dark and light fills alike.
        halo: bool,
    },
}

/// An ordered display list with the size it was laid out for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// Items, drawn in order.
    pub items: Vec<Item>,
}

/// Something that can draw scene items (a canvas, an SVG document, a test recorder).
pub trait Painter {
    /// Clears the drawing surface to transparent.
    fn clear(&mut self, width: f64, height: f64);
    /// Fills rings with the even-odd rule.
    fn fill_rings(&mut self, rings: &[Vec<[f64; 2]>], fill: Fill);
    /// Strokes polylines; `closed` closes each path.
    fn stroke_paths(&mut self, paths: &[Vec<[f64; 2]>], stroke: Rgb, width: f64, closed: bool);

    /// Strokes a line or outline item (halo first); areas are left to the caller, so a painter
    /// that batches fills can still share this.
    fn stroke_item(&mut self, item: &Item) {
        match item {
            Item::Area { .. } => {}
            Item::Lines { paths, stroke, width } => self.stroke_paths(paths, *stroke, *width, false),
            Item::Outline { rings, stroke, width, halo } => {
                if *halo {
                    self.stroke_paths(rings, Rgb(255, 255, 255), width + 2.5, true);
                }
                self.stroke_paths(rings, *stroke, *width, true);
            }
        }
    }

    /// Draws a whole scene after clearing.
    fn paint(&mut self, scene: &Scene) {
        self.clear(scene.width, scene.height);
        for item in &scene.items {
            match item {
                Item::Area { rings, fill, .. } => self.fill_rings(rings, *fill),
                _ => self.stroke_item(item),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Recorder(Vec<String>);

    impl Painter for Recorder {
        fn clear(&mut self, w: f64, h: f64) {
            self.0.push(format!("clear {w}x{h}"));
        }
        fn fill_rings(&mut self, rings: &[Vec<[f64; 2]>], _fill: Fill) {
            self.0.push(format!("fill {}", rings.len()));
        }
        fn stroke_paths(&mut self, paths: &[Vec<[f64; 2]>], _s: Rgb, width: f64, closed: bool) {
            self.0.push(format!("stroke {} {width} {closed}", paths.len()));
        }
    }

    #[test]
    fn empty_scene_only_clears() {
        let mut r = Recorder::default();
        r.paint(&Scene { width: 10.0, height: 5.0, items: vec![] });
        assert_eq!(r.0, vec!["clear 10x5"]);
    }

    #[test]
    fn items_paint_in_order_with_halo_first() {
        let ring = vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];
        let scene = Scene {
            width: 1.0,
            height: 1.0,
            items: vec![
                Item::Area { area: 0, rings: vec![ring.clone()], fill: Fill::Hatched },
                Item::Outline { rings: vec![ring], stroke: Rgb(0, 0, 0), width: 2.0, halo: true },
            ],
        };
        let mut r = Recorder::default();
        r.paint(&scene);
        assert_eq!(r.0, vec!["clear 1x1", "fill 1", "stroke 1 4.5 true", "stroke 1 2 true"]);
    }
}
