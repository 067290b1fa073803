//! Exported chart pictures drawn natively as SVG with the same code the chart module runs: text
//! is escaped exactly once and the document is well-formed XML, long text wraps instead of
//! running off the picture, and the patch chart's picture carries its key (every line), its
//! intervention marker and a footnote for ‡. SYNTHETIC values.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use plotters::prelude::*;
use work_health_atlas::layout::picture::{draw_picture, lay_out, PictureText};
use work_health_atlas::layout::picture_chart::PictureChart;
use work_health_atlas::layout::trend::{LineStyle, TrendLine, TrendMarker, TrendPoint, TrendSpec};
use work_health_atlas::layout::trend_spec::{ENGLAND_COLOUR, PATCH_COLOUR};

/// About what DejaVu Sans measures: 0.6 em a character (bold a little wider).
fn measure(text: &str, px: u32, bold: bool) -> f64 {
    text.chars().count() as f64 * f64::from(px) * if bold { 0.66 } else { 0.6 }
}

fn picture(chart: &PictureChart, title: &str, caption: &[&str], width: u32) -> String {
    support::fonts::register();
    let (key, mut notes) = chart.key();
    notes.extend(caption.iter().map(|s| s.to_string()));
    let layout = lay_out(&PictureText { title: title.into(), key, notes }, width, 240, &measure);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (layout.width, layout.height)).into_drawing_area();
        draw_picture(&root, &layout, |area| chart.draw(area)).expect("the picture draws");
    }
    out
}

fn patch_chart(label: &str) -> PictureChart {
    let point = |v: f64| TrendPoint { value: Some(v), lower: Some(v - 1.0), upper: Some(v + 1.0) };
    PictureChart::Trend(TrendSpec {
        periods: vec!["2015".into(), "2019".into(), "2025".into()],
        y_label: "% (SYNTHETIC)".into(),
        from_zero: true,
        changes: vec![2],
        lines: vec![
            TrendLine {
                label: "England".into(),
                colour: ENGLAND_COLOUR,
                style: LineStyle::Comparator(3),
                points: vec![point(10.0), point(11.0), point(12.0)],
            },
            TrendLine {
                label: label.into(),
                colour: PATCH_COLOUR,
                style: LineStyle::Primary,
                points: vec![point(20.0), point(18.0), point(15.0)],
            },
        ],
        decimals: 1,
        markers: vec![TrendMarker { x: 1.5, label: "Hub & café".into(), note: false }],
    })
}

/// A small XML well-formedness check: tags nest and close, attributes are quoted, and every `&`
/// starts one of XML's entities. Returns the text of each `<text>` element, entities decoded.
fn xml_texts(svg: &str) -> Result<Vec<String>, String> {
    let entity_ok = |s: &str| {
        s.match_indices('&').all(|(i, _)| {
            let rest = &s[i..];
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| rest.starts_with(e))
                || (rest.starts_with("&#") && rest.find(';').is_some_and(|end| end < 10))
        })
    };
    let decode = |s: &str| {
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
    };
    let mut stack: Vec<String> = Vec::new();
    let mut texts = Vec::new();
    let mut rest = svg.trim_start();
    if let Some(decl) = rest.strip_prefix("<?xml") {
        rest = &decl[decl.find("?>").ok_or("unclosed declaration")? + 2..];
    }
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if text.contains('>') || !entity_ok(text) {
            return Err(format!("bad character data: {text:?}"));
        }
        if stack.last().is_some_and(|t| t == "text") {
            texts.push(decode(text.trim()));
        }
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        if tag.contains('<') {
            return Err(format!("'<' inside a tag: {tag:?}"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name.trim()) {
                return Err(format!("</{name}> closes nothing open"));
            }
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body.split_whitespace().next().ok_or("empty tag")?.to_string();
            // Attributes: name="value" pairs, values free of '<' and of stray '&'.
            let attrs = body[name.len()..].trim();
            if attrs.matches('"').count() % 2 != 0 || !entity_ok(attrs) {
                return Err(format!("bad attributes in <{name}>: {attrs:?}"));
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    if !stack.is_empty() || !rest.trim().is_empty() {
        return Err(format!("unclosed elements {stack:?} or trailing text {rest:?}"));
    }
    Ok(texts)
}

#[test]
fn the_xml_check_can_fail() {
    assert!(xml_texts("<svg><text>a & b</text></svg>").is_err(), "a bare &");
    assert!(xml_texts("<svg><text>a</svg>").is_err(), "unclosed text");
    assert_eq!(xml_texts("<svg><text>a &amp;amp; b</text></svg>").unwrap(), ["a &amp; b"]);
}

#[test]
fn svg_text_is_escaped_exactly_once_and_parses() {
    let hostile = r#"Norton South & Preston Brook <"quoted"> 'it's'"#;
    let svg = picture(&patch_chart(hostile), hostile, &["Contains data © Census 2011 & 2021."], 640);
    let texts = xml_texts(&svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let all = texts.join(" | ");
    assert!(texts.iter().any(|t| t.contains("Norton South & Preston Brook")), "{all}");
    assert!(all.contains(r#"<"quoted">"#) && all.contains("'it's'"), "{all}");
    assert!(texts.iter().any(|t| t.contains("Census 2011 & 2021")), "{all}");
    assert!(texts.iter().any(|t| t.contains("Hub & café: intervention start")), "{all}");
    assert!(!all.contains("&amp;") && !all.contains("&lt;"), "text escaped twice: {all}");
    assert!(!svg.contains("&amp;amp;"), "escaped twice in the source");
}

#[test]
fn the_patch_picture_has_its_key_marker_and_a_footnote_for_the_double_dagger() {
    let svg =
        picture(&patch_chart("Bootle patch"), "Employment deprivation: Bootle patch", &["Source: SYNTHETIC."], 640);
    let texts = xml_texts(&svg).expect("well-formed");
    let has = |s: &str| texts.iter().any(|t| t.contains(s));
    assert!(has("Bootle patch") && has("England"), "a key row for each line: {texts:?}");
    assert!(has("Hub & café: intervention start"), "the marker's key row: {texts:?}");
    assert!(texts.iter().filter(|t| t.contains("Hub & café")).count() >= 2, "the marker's label on the chart too");
    assert!(has("‡ Definition or boundaries changed"), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("‡ The definition")), "a footnote for ‡: {texts:?}");
    // The patch line and its key sample in the patch colour; the marker's rule is dark.
    assert!(svg.matches("#008098").count() >= 4);
}

#[test]
fn long_titles_notes_and_labels_wrap_within_the_picture() {
    let long = "A very long patch name that goes on and on, well past what one line of a narrow picture can hold";
    let width = 320;
    let svg = picture(&patch_chart(long), long, &[long], width);
    let texts = xml_texts(&svg).expect("well-formed");
    // The laid-out lines each fit at the size they are drawn, and each is drawn.
    let chart = patch_chart(long);
    let (key, mut notes) = chart.key();
    notes.push(long.into());
    let layout = lay_out(&PictureText { title: long.into(), key, notes }, width, 240, &measure);
    assert!(layout.title.len() >= 2 && layout.key[0].1.len() >= 2, "{layout:?}");
    let fits = |lines: &[String], px: u32, bold: bool, room: u32| {
        for line in lines {
            assert!(measure(line, px, bold) <= f64::from(room), "{line:?} is wider than {room} px");
            assert!(texts.iter().any(|t| t == line), "{line:?} is drawn");
        }
    };
    fits(&layout.title, 16, true, width - 24);
    for (_, lines) in &layout.key {
        fits(lines, 12, false, width - 24 - 36);
    }
    fits(&layout.notes, 11, false, width - 24);
    let height: u32 =
        svg.split("height=\"").nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse().ok()).expect("height");
    let narrow = height;
    let wide = picture(&patch_chart(long), long, &[long], 1200);
    let wide_height: u32 =
        wide.split("height=\"").nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse().ok()).expect("height");
    assert!(narrow > wide_height, "wrapping adds lines, so height: {narrow} vs {wide_height}");
}

#[test]
fn every_kind_of_chart_makes_a_well_formed_picture() {
    // A chart that presents its backend itself would close the SVG before its key and notes.
    let profile: work_health_atlas::layout::profile::ProfileSpec = serde_json::from_str(
        r#"{"area":"A & B","layer":"LSOA","rows":[{"label":"Work","period":"2025","value":5.0,"value_text":"5.0%",
        "region":8.0,"region_text":"8.0%","min":1.0,"q1":4.0,"q3":12.0,"max":30.0,"comparison":"lower","glyph":"▼"}]}"#,
    )
    .expect("a profile");
    let districts: work_health_atlas::layout::districts::DistrictSpec = serde_json::from_str(
        r#"{"indicator":"x","label":"Work & health","unit":"%","periods":["2019","2025"],"decimals":1,
        "districts":[{"code":"E1","name":"Sefton","values":[1.0,2.0],"texts":["1.0","2.0"]},
                     {"code":"E2","name":"Wirral","values":[2.0,3.0],"texts":["2.0","3.0"]}],
        "accent":[213,62,15]}"#,
    )
    .expect("districts");
    let did: work_health_atlas::layout::did::DidChart = serde_json::from_str(
        r#"{"before":"IoD2019","after":"IoD2025","y_label":"%","decimals":1,"patch":[10.0,11.0],
        "comparison":[13.0,16.0],"difference":-2.0,"lower":-5.0,"upper":1.0}"#,
    )
    .expect("a DiD chart");
    for chart in
        [PictureChart::Profile(profile), PictureChart::Districts(districts), PictureChart::Did(did), patch_chart("P")]
    {
        let svg = picture(&chart, "Title & more", &["Source: SYNTHETIC."], 640);
        let texts = xml_texts(&svg).unwrap_or_else(|e| panic!("{chart:?}: {e}"));
        assert_eq!(texts.last().map(String::as_str), Some("Source: SYNTHETIC."), "{chart:?}: the caption comes last");
    }
}
