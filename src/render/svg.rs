//! Renders a scene as a standalone SVG document: used for snapshot tests and SVG export. Numbers
//! are rounded to 0.01 px so output is stable across platforms.

use super::scene::{Fill, Painter, Scene};
use crate::format::plain;
use crate::scale::Rgb;
use std::fmt::Write;

/// Colours of the no-data hatching: mid grey lines on a very light ground.
pub const HATCH_GROUND: Rgb = Rgb(0xf2, 0xf2, 0xf2);
/// Line colour of the no-data hatching.
pub const HATCH_LINE: Rgb = Rgb(0x76, 0x76, 0x76);

/// Collects SVG elements.
#[derive(Debug, Default)]
pub struct SvgPainter {
    body: String,
    width: f64,
    height: f64,
}

impl SvgPainter {
    /// The finished document.
    pub fn finish(self) -> String {
        format!(
            concat!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
                "<defs><pattern id=\"nodata\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">",
                "<rect width=\"6\" height=\"6\" fill=\"{ground}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{line}\" stroke-width=\"1.5\"/>",
                "</pattern></defs>{body}</svg>\n"
            ),
            w = num(self.width),
            h = num(self.height),
            ground = HATCH_GROUND,
            line = HATCH_LINE,
            body = self.body
        )
    }
}

/// Renders a scene to an SVG string.
pub fn to_svg(scene: &Scene) -> String {
    let mut painter = SvgPainter::default();
    painter.paint(scene);
    painter.finish()
}

fn num(v: f64) -> String {
    let text = plain(v, 2);
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

fn path_data(paths: &[Vec<[f64; 2]>], closed: bool) -> String {
    let mut d = String::new();
    for path in paths {
        for (i, [x, y]) in path.iter().enumerate() {
            let _ = write!(d, "{}{},{}", if i == 0 { 'M' } else { 'L' }, num(*x), num(*y));
        }
        if closed && !path.is_empty() {
            d.push('Z');
        }
    }
    d
}

impl Painter for SvgPainter {
    fn clear(&mut self, width: f64, height: f64) {
        self.body.clear();
        self.width = width;
        self.height = height;
    }

    fn fill_rings(&mut self, rings: &[Vec<[f64; 2]>], fill: Fill) {
        let fill = match fill {
            Fill::Solid(c) => c.to_string(),
            Fill::Hatched => "url(#nodata)".to_string(),
        };
        let _ = write!(self.body, "<path d=\"{}\" fill=\"{fill}\" fill-rule=\"evenodd\"/>", path_data(rings, true));
    }

    fn stroke_paths(&mut self, paths: &[Vec<[f64; 2]>], stroke: Rgb, width: f64, closed: bool) {
        let _ = write!(
            self.body,
            "<path d=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{}\" stroke-linejoin=\"round\"/>",
            path_data(paths, closed),
            num(width)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Item;

    #[test]
    fn empty_scene_is_a_valid_document() {
        let svg = to_svg(&Scene { width: 20.0, height: 10.0, items: vec![] });
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\""));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn areas_use_even_odd_and_hatching() {
        let ring = vec![[0.0, 0.0], [1.234, 0.0], [0.0, 1.0], [0.0, 0.0]];
        let scene = Scene {
            width: 2.0,
            height: 2.0,
            items: vec![Item::Area { area: 0, rings: vec![ring], fill: Fill::Hatched }],
        };
        let svg = to_svg(&scene);
        assert!(svg.contains("d=\"M0,0L1.23,0L0,1L0,0Z\" fill=\"url(#nodata)\" fill-rule=\"evenodd\""), "{svg}");
    }
}
