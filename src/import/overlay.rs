//! Overlay files: indicators added from imported files, saved as JSON so a partner site can host
//! them and every visitor sees them beside the atlas's own. Checking an overlay applies the
//! bundle's own validation to each indicator, so an overlay can never bring in what a bundle
//! could not (ragged series, unknown areas or periods, control characters).
//!
//! The caller checks against the atlas's bundle *without* earlier overlays: an overlay indicator
//! may not take the id of one the atlas ships, so it can never replace official figures.

use super::problem::{Kind, Problems};
use super::Checked;
use crate::model::bundle::{Bundle, BundleMeta, Indicator, Topology};
use crate::model::text::control_characters;
use crate::model::validate::{validate, Severity as IssueSeverity};
use serde::{Deserialize, Serialize};

/// The value of an overlay's `schema`.
pub const OVERLAY_SCHEMA: &str = "work-health-atlas/overlay";
/// The overlay version written and read.
pub const OVERLAY_VERSION: u32 = 1;

const NOT_OVERLAY: Kind = Kind::error("not-overlay", "load an overlay file saved by the atlas's import panel");
const BAD_INDICATOR: Kind = Kind::error("overlay-indicator", "import the source file again and save a new overlay");
const SHIPPED_ID: Kind =
    Kind::error("replaces-shipped", "an overlay adds indicators; give this one another id to keep both");
const INVALID: Kind = Kind::error("overlay-invalid", "import the source file again and save a new overlay");
const NOTE: Kind = Kind::warning("overlay-note", "the indicator was added; the note says what to look at");

#[derive(Serialize)]
struct OverlayOut<'a> {
    schema: &'a str,
    version: u32,
    synthetic: bool,
    indicators: &'a [Indicator],
}

#[derive(Deserialize)]
struct OverlayIn {
    schema: String,
    version: u32,
    #[serde(default)]
    indicators: Vec<serde_json::Value>,
}

/// Serialises an overlay file (compact JSON).
///
/// # Examples
/// ```
/// use work_health_atlas::import::overlay_json;
/// assert_eq!(overlay_json(&[], true), r#"{"schema":"work-health-atlas/overlay","version":1,"synthetic":true,"indicators":[]}"#);
/// ```
pub fn overlay_json(indicators: &[Indicator], synthetic: bool) -> String {
    let out = OverlayOut { schema: OVERLAY_SCHEMA, version: OVERLAY_VERSION, synthetic, indicators };
    serde_json::to_string(&out).unwrap_or_default()
}

/// True for ids of lower-case letters, digits and hyphens (ids go into embed attributes and links).
fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The id a location such as `indicators[claimant-rate].series[lsoa/2024-01]` is about.
fn indicator_of(location: &str) -> Option<&str> {
    location.strip_prefix("indicators[")?.split_once(']').map(|(id, _)| id)
}

/// Checks an overlay against `bundle` (the atlas's bundle without earlier overlays); `origin`
/// names the overlay in problems (a file name or URL). Indicators that pass are returned
/// unchanged; every problem of the others is listed.
///
/// # Examples
/// ```
/// use work_health_atlas::import::check_overlay;
/// # let bundle: work_health_atlas::model::Bundle = serde_json::from_str(include_str!("../../data/atlas.json")).unwrap();
/// let checked = check_overlay(&bundle, "{\"schema\":\"something\"}", "overlay.json");
/// assert!(checked.indicators.is_empty());
/// assert_eq!(checked.problems[0].place, "overlay.json");
/// ```
pub fn check_overlay(bundle: &Bundle, overlay_json: &str, origin: &str) -> Checked {
    let mut problems = Problems::new(origin);
    let parsed: OverlayIn = match serde_json::from_str(overlay_json) {
        Ok(p) => p,
        Err(e) => {
            problems.file(NOT_OVERLAY, None, None, format!("not an overlay file: {e}"));
            return Checked { indicators: Vec::new(), problems: problems.finish() };
        }
    };
    if parsed.schema != OVERLAY_SCHEMA || parsed.version != OVERLAY_VERSION {
        let found = format!("{} version {}", parsed.schema, parsed.version);
        let message = format!("expected {OVERLAY_SCHEMA} version {OVERLAY_VERSION}");
        problems.file(NOT_OVERLAY, Some("schema"), Some(&found), message);
        return Checked { indicators: Vec::new(), problems: problems.finish() };
    }
    let mut candidates: Vec<Indicator> = Vec::new();
    for (i, value) in parsed.indicators.into_iter().enumerate() {
        let column = format!("indicators[{i}]");
        let indicator: Indicator = match serde_json::from_value(value) {
            Ok(ind) => ind,
            Err(e) => {
                problems.file(BAD_INDICATOR, Some(&column), None, format!("not an indicator: {e}"));
                continue;
            }
        };
        let id = indicator.id.as_str();
        if !is_plain_id(id) {
            problems.file(BAD_INDICATOR, Some(&column), Some(id), "the id must be lower-case letters, digits and -");
        } else if let Some(own) = bundle.indicators.iter().find(|s| s.id == id) {
            problems.file(SHIPPED_ID, Some(&column), Some(id), format!("would replace the atlas's own {}", own.label));
        } else if candidates.iter().any(|c| c.id == id) {
            problems.file(BAD_INDICATOR, Some(&column), Some(id), "the overlay has two indicators with this id");
        } else {
            candidates.push(indicator);
        }
    }
    // The bundle's validation, on a copy holding only the candidates, so every issue located
    // at `indicators[<id>]` is about one of them.
    let trial = Bundle {
        schema: bundle.schema.clone(),
        version: bundle.version,
        meta: bundle.meta.clone(),
        topology: bundle.topology.clone(),
        geographies: bundle.geographies.clone(),
        comparators: bundle.comparators.clone(),
        indicators: candidates,
    };
    let mut issues: Vec<(String, String, bool)> = validate(&trial)
        .into_iter()
        .filter(|i| indicator_of(&i.location).is_some())
        .map(|i| (i.location, i.message, i.severity == IssueSeverity::Error))
        .collect();
    let text_only = Bundle {
        schema: String::new(),
        version: 0,
        meta: BundleMeta {
            title: String::new(),
            licence: String::new(),
            attribution: Vec::new(),
            notes: Vec::new(),
            synthetic: false,
            vintage: String::new(),
        },
        topology: Topology { scale: [1.0, 1.0], translate: [0.0, 0.0], arcs: Vec::new() },
        geographies: Vec::new(),
        comparators: Vec::new(),
        indicators: trial.indicators,
    };
    for (location, c) in control_characters(&text_only) {
        let message = format!("holds the control character U+{:04X}; text must be printable", u32::from(c));
        if !issues.iter().any(|(l, m, _)| *l == location && *m == message) {
            issues.push((location, message, true));
        }
    }
    let mut accepted = Vec::new();
    for indicator in text_only.indicators {
        let mine = |location: &str| indicator_of(location) == Some(indicator.id.as_str());
        let rejected = issues.iter().any(|(l, _, error)| *error && mine(l));
        for (location, message, error) in issues.iter().filter(|(l, _, _)| mine(l)) {
            let kind = if *error { INVALID } else { NOTE };
            problems.file(kind, Some(location), None, message.clone());
        }
        if !rejected {
            accepted.push(indicator);
        }
    }
    Checked { indicators: accepted, problems: problems.finish() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_bundle::bundle;

    fn indicator(id: &str) -> Indicator {
        let mut ind = bundle().indicators.remove(0);
        ind.id = id.into();
        ind
    }

    #[test]
    fn empty_one_and_two_indicators_round_trip() {
        let b = bundle();
        for list in [vec![], vec![indicator("a")], vec![indicator("a"), indicator("b")]] {
            let checked = check_overlay(&b, &overlay_json(&list, false), "o.json");
            assert!(checked.problems.is_empty(), "{:?}", checked.problems);
            assert_eq!(checked.indicators, list);
        }
    }

    #[test]
    fn shipped_duplicate_and_odd_ids_are_refused() {
        let b = bundle();
        let list = vec![indicator("employment-deprivation"), indicator("x"), indicator("x"), indicator("Bad Id")];
        let checked = check_overlay(&b, &overlay_json(&list, false), "o.json");
        assert_eq!(checked.indicators, vec![indicator("x")]);
        let messages: Vec<&str> = checked.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "would replace the atlas's own Employment deprivation",
                "the overlay has two indicators with this id",
                "the id must be lower-case letters, digits and -"
            ]
        );
    }

    #[test]
    fn invalid_indicators_are_refused_with_their_locations() {
        let b = bundle();
        let mut ragged = indicator("ragged");
        ragged.series[0].values.push(Some(1.0));
        let mut control = indicator("control");
        control.label = "Bad\u{1b}label".into();
        let good = indicator("good");
        let checked = check_overlay(&b, &overlay_json(&[ragged, control, good.clone()], false), "o.json");
        assert_eq!(checked.indicators, vec![good]);
        let columns: Vec<&str> = checked.problems.iter().filter_map(|p| p.column.as_deref()).collect();
        assert!(columns.contains(&"indicators[ragged].series[lad/2025].values"), "{columns:?}");
        assert!(columns.contains(&"indicators[control].label"), "{columns:?}");
        assert_eq!(
            checked.problems.iter().filter(|p| p.column.as_deref() == Some("indicators[control].label")).count(),
            1
        );
    }

    #[test]
    fn what_is_not_an_overlay() {
        let b = bundle();
        for text in [
            "",
            "null",
            "[]",
            "{\"schema\":\"work-health-atlas/overlay\",\"version\":2,\"indicators\":[]}",
            "{\"schema\":\"work-health-atlas/bundle\",\"version\":1}",
        ] {
            let checked = check_overlay(&b, text, "o.json");
            assert!(checked.indicators.is_empty());
            assert_eq!(checked.problems.len(), 1, "{text}: {:?}", checked.problems);
        }
        let broken = "{\"schema\":\"work-health-atlas/overlay\",\"version\":1,\"indicators\":[{\"id\":\"x\"}]}";
        let checked = check_overlay(&b, broken, "o.json");
        assert_eq!(checked.problems[0].column.as_deref(), Some("indicators[0]"));
    }
}
