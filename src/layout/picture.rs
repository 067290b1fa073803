//! An exported chart as one picture for a report or a funding bid: its title, the chart, its key
//! (a sample of each line, rule or pin beside its label), footnotes (what ‡ and the markers mean)
//! and the caption lines (source, period, licence). Laid out once for a width, then drawn with
//! plotters on any backend: SVG for the vector file. (The PNG is composed by the page around the
//! chart drawn at 2× by the code that draws it on screen, with the same key rows and notes, so no
//! chart is compiled for a second backend.) Every text wraps at spaces to the picture's width, a
//! word longer than a line is broken, so nothing is clipped; widths come from a `measure`
//! function (the browser's own text measurement in the chart module). Coordinates are CSS pixels.

use crate::scale::Rgb;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::Serialize;

/// Space around the picture and between its parts.
const MARGIN: u32 = 12;
/// Font size and line height of the title, the key and the notes.
const TITLE: (u32, u32) = (16, 21);
const KEY: (u32, u32) = (12, 17);
const NOTE: (u32, u32) = (11, 15);
/// Width of a key's sample and the gap after it.
const SAMPLE: u32 = 28;
const GAP: u32 = 8;
const INK: RGBColor = RGBColor(0x0b, 0x0c, 0x0c);
const MUTED: RGBColor = RGBColor(0x50, 0x5a, 0x5f);

/// What a key row shows beside its label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Sample {
    /// A line of `colour`, `width` px, dashed with `dash` px (0 = solid), with a round (the
    /// chart's main series) or square marker.
    Line {
        /// Colour.
        colour: Rgb,
        /// Dash length in pixels, 0 for solid.
        dash: u32,
        /// Line width in pixels.
        width: u32,
        /// Round marker (else square).
        round: bool,
    },
    /// A solid vertical rule (an intervention's start).
    Rule(Rgb),
    /// A dashed vertical rule (a definition change ‡, or the start in the event study).
    DashedRule(Rgb),
    /// A round pin (a note, or a point estimate).
    Pin(Rgb),
    /// A filled square (a class's colour).
    Block(Rgb),
}

/// One row of a picture's key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyRow {
    /// The sample drawn before the label.
    pub sample: Sample,
    /// The label.
    pub label: String,
}

/// The words of a picture around its chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PictureText {
    /// Title (wrapped, bold).
    pub title: String,
    /// Key rows, in order.
    pub key: Vec<KeyRow>,
    /// Footnotes and caption lines, in order, each wrapped.
    pub notes: Vec<String>,
}

/// A picture laid out for a width: wrapped lines and where each part goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
    /// Where the chart starts.
    pub chart_top: u32,
    /// The chart's height.
    pub chart_height: u32,
    /// The title's lines.
    pub title: Vec<String>,
    /// Each key row's sample and wrapped label lines.
    pub key: Vec<(Sample, Vec<String>)>,
    /// The notes' lines.
    pub notes: Vec<String>,
}

/// Measures text: `(text, font size in px, bold)` → width in px.
pub type Measure<'a> = &'a dyn Fn(&str, u32, bool) -> f64;

/// `text` broken into lines no wider than `width` (at spaces; a word wider than a line is split
/// between characters). Never empty lines, and no line but a single too-wide character exceeds
/// `width`.
///
/// # Examples
/// ```
/// use work_health_atlas::layout::picture::wrap;
/// let lines = wrap("one two three", 40.0, &|t: &str| t.chars().count() as f64 * 5.0);
/// assert_eq!(lines, ["one two", "three"]);
/// ```
pub fn wrap(text: &str, width: f64, measure: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if measure(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line (a long code or address): split it between characters.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if measure(&next) > width && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays out `text` around a chart of `chart_height` in a picture `width` wide.
pub fn lay_out(text: &PictureText, width: u32, chart_height: u32, measure: Measure<'_>) -> Layout {
    let inner = f64::from(width.saturating_sub(2 * MARGIN).max(40));
    let title = wrap(&text.title, inner, &|t| measure(t, TITLE.0, true));
    let label_width = (inner - f64::from(SAMPLE + GAP)).max(20.0);
    let key: Vec<(Sample, Vec<String>)> =
        text.key.iter().map(|row| (row.sample, wrap(&row.label, label_width, &|t| measure(t, KEY.0, false)))).collect();
    let notes: Vec<String> = text.notes.iter().flat_map(|n| wrap(n, inner, &|t| measure(t, NOTE.0, false))).collect();
    let chart_top = MARGIN + title.len() as u32 * TITLE.1 + GAP;
    let key_lines: u32 = key.iter().map(|(_, lines)| lines.len().max(1) as u32).sum();
    let key_height = if key.is_empty() { 0 } else { GAP + key_lines * KEY.1 };
    let notes_height = if notes.is_empty() { 0 } else { GAP + notes.len() as u32 * NOTE.1 };
    let height = chart_top + chart_height + key_height + notes_height + MARGIN;
    Layout { width, height, chart_top, chart_height, title, key, notes }
}

/// Draws a key row's sample with its top-left at (x, y), one key line high.
fn draw_sample<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sample: Sample,
    (x, y): (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let colour = |c: Rgb| RGBColor(c.0, c.1, c.2);
    let mid = y + KEY.1 as i32 / 2;
    let w = SAMPLE as i32;
    match sample {
        Sample::Line { colour: c, dash, width, round } => {
            let style = colour(c).stroke_width(width);
            if dash == 0 {
                area.draw(&PathElement::new(vec![(x, mid), (x + w, mid)], style))?;
            } else {
                let step = dash as i32;
                let mut at = x;
                while at < x + w {
                    area.draw(&PathElement::new(vec![(at, mid), ((at + step).min(x + w), mid)], style))?;
                    at += 2 * step;
                }
            }
            if round {
                area.draw(&Circle::new((x + w / 2, mid), 4, colour(c).filled()))?;
            } else {
                area.draw(&Rectangle::new([(x + w / 2 - 3, mid - 3), (x + w / 2 + 3, mid + 3)], colour(c).filled()))?;
            }
        }
        Sample::Rule(c) => {
            area.draw(&PathElement::new(vec![(x + w / 2, y + 1), (x + w / 2, y + 15)], colour(c).stroke_width(2)))?
        }
        Sample::DashedRule(c) => {
            for top in [y + 1, y + 7, y + 13] {
                area.draw(&PathElement::new(vec![(x + w / 2, top), (x + w / 2, top + 3)], colour(c).stroke_width(1)))?;
            }
        }
        Sample::Pin(c) => area.draw(&Circle::new((x + w / 2, mid), 5, colour(c).filled()))?,
        Sample::Block(c) => {
            area.draw(&Rectangle::new([(x + 6, mid - 6), (x + w - 6, mid + 6)], colour(c).filled()))?;
            area.draw(&Rectangle::new([(x + 6, mid - 6), (x + w - 6, mid + 6)], INK.stroke_width(1)))?;
        }
    }
    Ok(())
}

/// Draws the picture on `root` (of `layout`'s size), with `chart` drawing the chart in its place.
///
/// # Errors
/// The backend's drawing error, or the chart's, as text.
pub fn draw_picture<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chart: impl FnOnce(&DrawingArea<DB, Shift>) -> Result<(), String>,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let left = MARGIN as i32;
    let mut y = MARGIN as i32;
    let title = ("sans-serif", TITLE.0).into_font().style(FontStyle::Bold).color(&INK);
    for line in &layout.title {
        root.draw(&Text::new(line.clone(), (left, y), title.clone())).map_err(err)?;
        y += TITLE.1 as i32;
    }
    let area = root.clone().shrink((0, layout.chart_top), (layout.width, layout.chart_height.max(1)));
    chart(&area)?;
    y = (layout.chart_top + layout.chart_height) as i32;
    if !layout.key.is_empty() {
        y += GAP as i32;
    }
    let label = ("sans-serif", KEY.0).into_font().color(&INK);
    for (sample, lines) in &layout.key {
        draw_sample(root, *sample, (left, y)).map_err(err)?;
        for line in lines {
            root.draw(&Text::new(line.clone(), (left + (SAMPLE + GAP) as i32, y + 2), label.clone())).map_err(err)?;
            y += KEY.1 as i32;
        }
        if lines.is_empty() {
            y += KEY.1 as i32;
        }
    }
    if !layout.notes.is_empty() {
        y += GAP as i32;
    }
    let note = ("sans-serif", NOTE.0).into_font().color(&MUTED);
    for line in &layout.notes {
        root.draw(&Text::new(line.clone(), (left, y + 2), note.clone())).map_err(err)?;
        y += NOTE.1 as i32;
    }
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 6 px wide at 12 px, in proportion at other sizes.
    fn fixed(text: &str, px: u32, _bold: bool) -> f64 {
        text.chars().count() as f64 * f64::from(px) / 2.0
    }

    #[test]
    fn wrap_breaks_at_spaces_and_splits_overlong_words() {
        let measure = |t: &str| t.chars().count() as f64;
        assert!(wrap("", 10.0, &measure).is_empty());
        assert_eq!(wrap("short", 10.0, &measure), ["short"]);
        assert_eq!(wrap("aaa bbb ccc", 7.0, &measure), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij k", 4.0, &measure), ["abcd", "efgh", "ij k"]);
        // Whitespace runs and line breaks collapse to single spaces.
        assert_eq!(wrap(" a \n b ", 10.0, &measure), ["a b"]);
        for line in wrap("Norton South & Preston Brook, a long ward name", 12.0, &measure) {
            assert!(measure(&line) <= 12.0, "{line}");
        }
    }

    #[test]
    fn layout_grows_with_wrapped_text_and_keeps_everything() {
        let short = PictureText { title: "Title".into(), key: vec![], notes: vec!["Source: x.".into()] };
        let a = lay_out(&short, 400, 200, &fixed);
        assert_eq!((a.title.len(), a.notes.len()), (1, 1));
        assert_eq!(a.chart_top, MARGIN + TITLE.1 + GAP);
        assert!(a.height > a.chart_top + 200);
        let long = PictureText {
            title: "A title long enough to need two lines at this width, or more".into(),
            key: vec![KeyRow {
                sample: Sample::Pin(Rgb(0, 0x80, 0x98)),
                label: "Note 1: Sam Lee, 2024-03 (Anfield): the food bank moved to the church hall on the corner"
                    .into(),
            }],
            notes: vec!["Source: x.".into()],
        };
        let b = lay_out(&long, 300, 200, &fixed);
        assert!(b.title.len() >= 2, "{:?}", b.title);
        assert!(b.key[0].1.len() >= 2, "{:?}", b.key);
        assert!(b.height > a.height);
        let words = |lines: &[String]| lines.join(" ");
        assert_eq!(words(&b.key[0].1), long.key[0].label, "no word is lost");
        for line in b.title.iter() {
            assert!(fixed(line, TITLE.0, true) <= f64::from(300 - 2 * MARGIN), "{line}");
        }
    }
}
