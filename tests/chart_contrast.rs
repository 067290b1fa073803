//! WCAG 2.2 1.4.11 (non-text contrast) for the charts: every line, bar outline and marker a reader
//! needs to understand a chart has at least 3:1 against what it is drawn on. Charts are drawn on
//! white whatever the page's theme, so white is the background (and, for the profile's markers,
//! the bars they sit on).

use work_health_atlas::app::trend::{AREA_COLOUR, DISTRICT_COLOUR};
use work_health_atlas::impact::chart::{COMPARISON_COLOUR, PATCH_COLOUR};
use work_health_atlas::layout::districts::OTHER_DISTRICTS;
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
