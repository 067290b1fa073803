//! Folding overlay files into the build (`databuild build --overlay FILE.json`, `make data
//! OVERLAYS=…`): each overlay is checked with the importer's own
//! `work_health_atlas::import::check_overlay` against the bundle as built from the raw folder,
//! exactly as the browser checks an overlay it loads, and the indicators that pass are appended.
//! Every problem becomes a build diagnostic naming the overlay file, so a bad overlay stops the
//! build like a bad raw input does.

use crate::build::omit_derivable_values;
use crate::diag::Diagnostics;
use work_health_atlas::import::check_overlay;
use work_health_atlas::model::bundle::{Bundle, Indicator};

/// One overlay file: the name used in messages (its path) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayText {
    /// The file's path as given, named in every problem.
    pub origin: String,
    /// The file's contents.
    pub text: String,
}

/// True when an indicator's label or edition says it holds SYNTHETIC test figures (the importer
/// labels them so), the test the browser uses before saving an overlay.
pub fn says_synthetic(indicator: &Indicator) -> bool {
    let text = format!("{} {}", indicator.label, indicator.source.edition);
    text.to_lowercase().contains("synthetic")
}

/// Checks every overlay against `bundle` (as built, before any overlay is added) and appends the
/// indicators that pass, in the order given, in the builder's compact form (values the widget
/// derives from the counts are omitted). Problems go to `diags`: an overlay that is not an
/// overlay, an indicator the bundle's validation refuses, an id the bundle already has or that
/// another overlay also adds are errors. Returns one line per overlay saying what was added.
pub fn fold(bundle: &mut Bundle, overlays: &[OverlayText], diags: &mut Diagnostics) -> Vec<String> {
    let mut added: Vec<(usize, Indicator)> = Vec::new();
    let mut report = Vec::new();
    for (n, overlay) in overlays.iter().enumerate() {
        let checked = check_overlay(bundle, &overlay.text, &overlay.origin);
        for problem in &checked.problems {
            diags.problem(problem);
        }
        let mut ids = Vec::new();
        for indicator in checked.indicators {
            let location = format!("{} indicators[{}]", overlay.origin, indicator.id);
            // check_overlay refuses the bundle's own ids and repeats within one overlay; two
            // overlays adding the same id is left to the caller.
            if let Some((other, _)) = added.iter().find(|(_, a)| a.id == indicator.id) {
                let first = &overlays[*other].origin;
                diags.error(
                    location,
                    format!("{first} also adds an indicator with this id; give one of them another id"),
                );
                continue;
            }
            if says_synthetic(&indicator) {
                diags.warn(location, "holds SYNTHETIC test figures, not real ones (they are labelled so)");
            }
            ids.push(indicator.id.clone());
            added.push((n, indicator));
        }
        if ids.is_empty() && checked.problems.is_empty() {
            diags.warn(overlay.origin.clone(), "the overlay holds no indicators; nothing was added");
        }
        report.push(format!("{}: added {} indicator(s): {}", overlay.origin, ids.len(), ids.join(" ")));
    }
    for (_, mut indicator) in added {
        omit_derivable_values(&mut indicator);
        bundle.indicators.push(indicator);
    }
    report
}
