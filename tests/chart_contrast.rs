//! WCAG 2.2 1.4.11 (non-text contrast) for the charts: every line, bar outline and marker a reader
//! needs to understand a chart has at least 3:1 against what it is drawn on. Charts are drawn on
//! white whatever the page's theme, so white is the background (and, for the profile's markers,
//! the bars they sit on).

use work_health_atlas::app::trend::{AREA_COLOUR, DISTRICT_COLOUR};
use work_health_atlas::impact::chart::{COMPARISON_COLOUR, PATCH_COLOUR};
use work_health_atlas::layout::districts::OTHER_DISTRICTS;
use work_health_atlas::layout::map::{COMPARISON_OUTLINE, PATCH_OUTLINE, SELECTED_OUTLINE};
use work_health_atlas::layout::profile::{BAR_OUTLINE, MARKERS, MIDDLE_FILL, RANGE_FILL};
use work_health_atlas::layout::trend::CHANGE_RULE;
use work_health_atlas::layout::trend_spec::{ENGLAND_COLOUR, REGION_COLOUR};
use work_health_atlas::scale::Rgb;

const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const NON_TEXT: f64 = 3.0;

fn assert_contrast(name: &str, colour: Rgb, background: Rgb) {
    let ratio = colour.contrast(background);
    assert!(ratio >= NON_TEXT, "{name} {colour} is {ratio:.2}:1 on {background}, below {NON_TEXT}:1");
}

#[test]
fn trend_lines_and_the_definition_change_rule_stand_out_from_white() {
    for (name, colour) in [
        ("area line", AREA_COLOUR),
        ("district line", DISTRICT_COLOUR),
        ("city region line", REGION_COLOUR),
        ("England line", ENGLAND_COLOUR),
        ("patch line", PATCH_COLOUR),
        ("comparison group line", COMPARISON_COLOUR),
        ("‡ definition change rule", CHANGE_RULE),
    ] {
        assert_contrast(name, colour, WHITE);
    }
}

/// Simulated colour-vision deficiencies (Machado, Oliveira and Fernandes 2009, severity 1.0), as
/// matrices on linear sRGB; the first is normal vision.
const VISIONS: [(&str, [[f64; 3]; 3]); 4] = [
    ("normal vision", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
    ("protanopia", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    (
        "deuteranopia",
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    ),
    ("tritanopia", [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
];

/// CIELAB (D65) of a colour as seen through `vision`.
fn lab(c: Rgb, vision: &[[f64; 3]; 3]) -> [f64; 3] {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let rgb = [channel(c.0), channel(c.1), channel(c.2)];
    let [r, g, b] = vision.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0));
    let xyz = [
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    ];
    let f = xyz.map(|t| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 });
    [116.0 * f[1] - 16.0, 500.0 * (f[0] - f[1]), 200.0 * (f[1] - f[2])]
}

/// CIE76 colour difference (ΔE*ab) between two colours seen through `vision`.
fn delta_e(a: Rgb, b: Rgb, vision: &[[f64; 3]; 3]) -> f64 {
    let (a, b) = (lab(a, vision), lab(b, vision));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// ΔE above which two line colours read as different at a glance (2.3 is just noticeable).
const DISTINCT: f64 = 15.0;

#[test]
fn the_patch_colour_differs_clearly_from_every_comparator_in_every_vision() {
    // Everything the patch's line, outline or pins are drawn beside: the trend chart's lines
    // (the area's, its district's, the city region's, England's, the comparison group's), the ‡
    // rule, and the map's outlines of the selected area and the comparison areas. (The district
    // panel's grey lines never share a chart with the patch.)
    let beside = [
        ("area line", AREA_COLOUR),
        ("district line", DISTRICT_COLOUR),
        ("city region line", REGION_COLOUR),
        ("England line", ENGLAND_COLOUR),
        ("comparison group line", COMPARISON_COLOUR),
        ("‡ rule", CHANGE_RULE),
        ("selected area's outline", SELECTED_OUTLINE),
        ("comparison areas' outline", COMPARISON_OUTLINE),
    ];
    assert_eq!(PATCH_OUTLINE, PATCH_COLOUR, "the map outlines the patch in its chart colour");
    for (vision, matrix) in &VISIONS {
        for (name, colour) in beside {
            let d = delta_e(PATCH_COLOUR, colour, matrix);
            assert!(d >= DISTINCT, "patch {PATCH_COLOUR} vs {name} {colour} under {vision}: ΔE {d:.1} < {DISTINCT}");
        }
    }
    // The check can fail: the purple the patch had was ΔE 7 from the district's line under
    // protanopia, and a colour against itself is 0.
    assert!(delta_e(Rgb(0x91, 0x2b, 0x88), DISTRICT_COLOUR, &VISIONS[1].1) < DISTINCT);
    assert!(delta_e(PATCH_COLOUR, PATCH_COLOUR, &VISIONS[0].1) < 1e-9);
}

#[test]
fn the_patch_colour_carries_white_text_and_serves_as_text() {
    // Pressed patch buttons and note pins put white text on it; the patch count is text in it.
    assert!(PATCH_COLOUR.contrast(WHITE) >= 4.5, "{PATCH_COLOUR} on white is below 4.5:1");
}

#[test]
fn district_panels_other_lines_stand_out_from_white() {
    assert_contrast("other districts' lines", OTHER_DISTRICTS, WHITE);
}

#[test]
fn profile_bars_are_outlined_at_3_to_1_and_the_range_bar_reads_lighter() {
    // The fills may be light: the outline carries the bars' ends, against the paper and both fills.
    for (name, background) in [("white", WHITE), ("the range fill", RANGE_FILL), ("the middle-half fill", MIDDLE_FILL)]
    {
        assert_contrast(&format!("bar outline on {name}"), BAR_OUTLINE, background);
    }
    assert!(
        RANGE_FILL.luminance() > MIDDLE_FILL.luminance(),
        "the lowest-to-highest bar ({RANGE_FILL}) must read lighter than the middle half ({MIDDLE_FILL})"
    );
}

#[test]
fn profile_markers_stand_out_from_white_and_both_bars() {
    for (comparison, colour) in MARKERS {
        for (name, background) in
            [("white", WHITE), ("the range fill", RANGE_FILL), ("the middle-half fill", MIDDLE_FILL)]
        {
            assert_contrast(&format!("{comparison} marker on {name}"), colour, background);
        }
    }
}
