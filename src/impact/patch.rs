//! Patches: a named set of the smallest areas where a Community Innovation Team works, with the
//! interventions it made. A patch is built from codes or names of any layer — a ward or a district
//! stands for all the smallest areas inside it — whether typed, pasted, clicked or supplied by the
//! host page as JSON. Everything from outside is checked and every problem is reported with where
//! it is, not just the first.

use super::tables::BundleTables;
use crate::model::validate::{Issue, Severity};
use serde::{Deserialize, Serialize};

/// The longest name or label accepted (characters).
pub const MAX_NAME: usize = 120;
/// The longest intervention note accepted (characters).
pub const MAX_NOTE: usize = 1_000;
/// The most interventions a patch may carry.
pub const MAX_INTERVENTIONS: usize = 50;
/// The most entries a patch file or a pasted list may have.
pub const MAX_ENTRIES: usize = 5_000;

/// Something done in the patch from a start period on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// What it was, e.g. "Work and wellbeing hub".
    pub name: String,
    /// When it started: a year (`2023`) or a month (`2023-04`), compared with period ids.
    pub start: String,
    /// Anything else worth knowing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A named set of the smallest areas (codes of [`BundleTables::base`]), in the base layer's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    /// Name for people, e.g. "North Huyton CIT patch".
    pub name: String,
    /// Area codes. On input these may be of any layer (or names); a loaded patch holds base codes.
    pub areas: Vec<String>,
    /// Interventions, in the order given.
    #[serde(default)]
    pub interventions: Vec<Intervention>,
}

/// What a list of codes or names resolved to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Resolution {
    /// Base-layer area indices, ascending, without repeats.
    pub members: Vec<usize>,
    /// One line per entry that stood for several areas ("Anfield (ward): 6 LSOAs").
    pub expanded: Vec<String>,
    /// Entries that matched nothing, as given.
    pub unknown: Vec<String>,
}

/// Splits pasted text into entries: one per line, or separated by commas, semicolons or tabs.
pub fn split_entries(text: &str) -> Vec<&str> {
    text.split(['\n', '\r', ',', ';', '\t']).map(str::trim).filter(|e| !e.is_empty()).take(MAX_ENTRIES).collect()
}

/// Resolves entries — codes of any layer, else exact names (ignoring case), smallest layer
/// first — to base-layer areas.
pub fn resolve<'a>(tables: &BundleTables, entries: impl IntoIterator<Item = &'a str>) -> Resolution {
    let mut out = Resolution::default();
    for entry in entries.into_iter().take(MAX_ENTRIES) {
        let by_code = (0..tables.layers.len()).find_map(|l| tables.area_index(l, entry).map(|a| (l, a)));
        let found = by_code.or_else(|| {
            (0..tables.layers.len()).find_map(|l| {
                let a = tables.layers[l].areas.iter().position(|a| a.name.eq_ignore_ascii_case(entry))?;
                Some((l, a))
            })
        });
        let Some((layer, area)) = found else {
            out.unknown.push(entry.to_string());
            continue;
        };
        let code = tables.layers[layer].areas[area].code.clone();
        let members = tables.members_of(layer, &code);
        if layer > 0 {
            let l = &tables.layers[layer];
            out.expanded.push(format!(
                "{} ({}): {} {}",
                l.areas[area].name,
                l.label,
                members.len(),
                tables.base().noun_plural
            ));
        }
        out.members.extend(members);
    }
    out.members.sort_unstable();
    out.members.dedup();
    out
}

/// Whether `text` is a period-like id: `YYYY` or `YYYY-MM`.
pub fn is_period_id(text: &str) -> bool {
    let b = text.as_bytes();
    let year = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => year,
        7 => year && b[4] == b'-' && two_digits(&b[5..7]).is_some_and(|m| (1..=12).contains(&m)),
        _ => false,
    }
}

/// The number written by two ASCII digits.
pub fn two_digits(b: &[u8]) -> Option<u8> {
    match b {
        [t, u] if t.is_ascii_digit() && u.is_ascii_digit() => Some((t - b'0') * 10 + (u - b'0')),
        _ => None,
    }
}

fn issue(location: String, message: impl Into<String>) -> Issue {
    Issue { severity: Severity::Error, location, message: message.into() }
}

/// Checks a name: present, not too long, no control characters.
pub fn check_label(text: &str, location: &str, max: usize, problems: &mut Vec<Issue>) {
    if text.trim().is_empty() {
        problems.push(issue(location.to_string(), "is empty"));
    } else if text.chars().count() > max {
        problems.push(issue(location.to_string(), format!("is longer than {max} characters")));
    } else if text.chars().any(|c| c.is_control() && c != '\n') {
        problems.push(issue(location.to_string(), "contains control characters"));
    }
}

/// Checks interventions; every problem is reported.
pub fn check_interventions(interventions: &[Intervention], problems: &mut Vec<Issue>) {
    if interventions.len() > MAX_INTERVENTIONS {
        problems.push(issue("interventions".into(), format!("has more than {MAX_INTERVENTIONS} entries")));
    }
    for (i, x) in interventions.iter().enumerate() {
        check_label(&x.name, &format!("interventions[{i}].name"), MAX_NAME, problems);
        if !is_period_id(&x.start) {
            problems.push(issue(format!("interventions[{i}].start"), "must be a year (2023) or a month (2023-04)"));
        }
        // The note is optional, but what there is gets the labels' checks (length, no NUL or
        // escape characters, which would reach the JSON and CSV exports).
        if let Some(note) = x.note.as_deref().filter(|n| !n.trim().is_empty()) {
            check_label(note, &format!("interventions[{i}].note"), MAX_NOTE, problems);
        }
    }
}

/// Reads a patch from JSON text (e.g. supplied by the host page); see [`check_patch`].
///
/// # Errors
/// Every problem found, located (`areas[3]`, `interventions[0].start`).
pub fn load_patch(tables: &BundleTables, json: &str) -> Result<Patch, Vec<Issue>> {
    let patch: Patch = serde_json::from_str(json).map_err(|e| vec![issue("patch".into(), e.to_string())])?;
    check_patch(tables, patch)
}

/// Checks a patch and resolves its areas (codes or names of any layer) to base codes.
///
/// # Errors
/// Every problem found, located (`areas[3]`, `interventions[0].start`).
pub fn check_patch(tables: &BundleTables, patch: Patch) -> Result<Patch, Vec<Issue>> {
    let mut problems = Vec::new();
    check_label(&patch.name, "name", MAX_NAME, &mut problems);
    if patch.areas.is_empty() {
        problems.push(issue("areas".into(), "lists no areas"));
    }
    if patch.areas.len() > MAX_ENTRIES {
        problems.push(issue("areas".into(), format!("has more than {MAX_ENTRIES} entries")));
    }
    let mut members = Vec::new();
    for (i, entry) in patch.areas.iter().enumerate().take(MAX_ENTRIES) {
        let found = resolve(tables, [entry.as_str()]);
        if found.members.is_empty() {
            problems
                .push(issue(format!("areas[{i}]"), format!("\"{entry}\" is not an area code or name in this data")));
        }
        members.extend(found.members);
    }
    check_interventions(&patch.interventions, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    members.sort_unstable();
    members.dedup();
    Ok(Patch { areas: codes(tables, &members), ..patch })
}

/// Base-layer codes of member indices.
pub fn codes(tables: &BundleTables, members: &[usize]) -> Vec<String> {
    members.iter().filter_map(|&m| tables.base().areas.get(m).map(|a| a.code.clone())).collect()
}

/// Member indices of a loaded patch's base codes (unknown codes are skipped).
pub fn members(tables: &BundleTables, patch: &Patch) -> Vec<usize> {
    let mut m: Vec<usize> = patch.areas.iter().filter_map(|c| tables.area_index(0, c)).collect();
    m.sort_unstable();
    m.dedup();
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intervention(name: &str, note: Option<&str>) -> Intervention {
        Intervention { name: name.into(), start: "2023-04".into(), note: note.map(Into::into) }
    }

    #[test]
    fn intervention_notes_get_the_labels_checks() {
        let mut problems = Vec::new();
        check_interventions(
            &[
                intervention("Hub", Some("Weekly drop-in")),
                intervention("Hub", Some("")),
                intervention("Hub", None),
                intervention("Hub", Some("NUL\u{0} here")),
                intervention("Esc\u{1b}[31m", Some("ok")),
            ],
            &mut problems,
        );
        let located: Vec<&str> = problems.iter().map(|p| p.location.as_str()).collect();
        assert_eq!(located, ["interventions[3].note", "interventions[4].name"]);
        assert!(problems.iter().all(|p| p.message == "contains control characters"));
    }
}
