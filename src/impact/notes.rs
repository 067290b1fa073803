//! Co-researcher notes: what residents and team members observed about an area or a patch at a
//! period ("the jobs fair opened here"), loaded from a JSON file the host page supplies or drafted
//! in the browser. Notes are shown as pins on the map and marks on the charts, and go into every
//! export, so they are checked here: every problem is reported with its place, a bad note is set
//! aside without losing the good ones, and text is only ever shown as text.

use super::patch::{check_label, is_period_id, two_digits, MAX_NAME};
use super::tables::BundleTables;
use crate::model::validate::{Issue, Severity};
use serde::{Deserialize, Serialize};

/// The longest note text (characters).
pub const MAX_TEXT: usize = 2_000;
/// The most notes a file may hold.
pub const MAX_NOTES: usize = 1_000;

/// One note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The area it is about (a code of any layer), or none for a patch note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The patch it is about (by name), or none for an area note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<String>,
    /// The period it concerns (`YYYY` or `YYYY-MM`).
    pub period: String,
    /// What was observed.
    pub text: String,
    /// Who wrote it.
    pub author: String,
    /// When it was written (`YYYY-MM-DD`).
    pub date: String,
}

/// A note's one-line label for its pin on the map and the map picture's key:
/// "Note 2: Sam Lee, 2024-03 (Anfield): The food bank moved".
pub fn note_label(tables: &BundleTables, number: usize, note: &Note) -> String {
    let about = match (&note.area, &note.patch) {
        (Some(code), _) => tables.area_name(code).unwrap_or(code).to_string(),
        (None, Some(patch)) => format!("patch {patch}"),
        (None, None) => "the patch".to_string(),
    };
    format!("Note {number}: {}, {} ({about}): {}", note.author, note.period, note.text)
}

/// A notes file: `{"notes": [...]}` (a bare array is accepted too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesFile {
    /// The notes.
    pub notes: Vec<Note>,
}

/// Notes that passed, and the problems of those that did not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadedNotes {
    /// Valid notes, in file order.
    pub notes: Vec<Note>,
    /// Every problem, located (`notes[2].date`).
    pub problems: Vec<Issue>,
}

fn problem(location: String, message: impl Into<String>) -> Issue {
    Issue { severity: Severity::Error, location, message: message.into() }
}

/// Whether `text` is a plausible `YYYY-MM-DD` date.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && two_digits(&b[5..7]).is_some_and(|m| (1..=12).contains(&m))
        && two_digits(&b[8..10]).is_some_and(|d| (1..=31).contains(&d))
}

/// Checks one note; problems are pushed with `at` as the location prefix.
pub fn check_note(tables: &BundleTables, note: &Note, at: &str, problems: &mut Vec<Issue>) {
    match (&note.area, &note.patch) {
        (None, None) => problems.push(problem(at.to_string(), "names neither an area nor a patch")),
        (Some(code), _) if (0..tables.layers.len()).all(|l| tables.area_index(l, code).is_none()) => {
            problems.push(problem(format!("{at}.area"), format!("\"{code}\" is not an area code in this data")));
        }
        _ => {}
    }
    if let Some(patch) = &note.patch {
        check_label(patch, &format!("{at}.patch"), MAX_NAME, problems);
    }
    if !is_period_id(&note.period) {
        problems.push(problem(format!("{at}.period"), "must be a year (2023) or a month (2023-04)"));
    }
    check_label(&note.text, &format!("{at}.text"), MAX_TEXT, problems);
    check_label(&note.author, &format!("{at}.author"), MAX_NAME, problems);
    if !is_date(&note.date) {
        problems.push(problem(format!("{at}.date"), "must be a date like 2025-03-14"));
    }
}

/// Reads notes JSON. A note with problems is left out and its problems reported; the others load.
pub fn load_notes(tables: &BundleTables, json: &str) -> LoadedNotes {
    let mut out = LoadedNotes::default();
    // Read as plain JSON first so one malformed note is reported on its own, not as a failure
    // of the whole file.
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(problem("notes".into(), format!("not JSON: {e}")));
            return out;
        }
    };
    let items = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut map) if map.len() == 1 => match map.remove("notes") {
            Some(serde_json::Value::Array(items)) => items,
            _ => {
                out.problems.push(problem("notes".into(), "expected {\"notes\": [...]}"));
                return out;
            }
        },
        _ => {
            out.problems.push(problem("notes".into(), "expected {\"notes\": [...]} or a list of notes"));
            return out;
        }
    };
    let raw = items.into_iter().map(|v| serde_json::from_value(v).map_err(|e| e.to_string())).collect();
    check_notes(tables, raw)
}

/// Checks notes already read one by one (`Err` for one that did not have a note's shape). A
/// note with problems is left out and its problems reported; the others are kept.
pub fn check_notes(tables: &BundleTables, raw: Vec<Result<Note, String>>) -> LoadedNotes {
    let mut out = LoadedNotes::default();
    if raw.len() > MAX_NOTES {
        out.problems.push(problem("notes".into(), format!("has more than {MAX_NOTES} notes; the rest were not read")));
    }
    for (i, note) in raw.into_iter().enumerate().take(MAX_NOTES) {
        let at = format!("notes[{i}]");
        match note {
            Ok(note) => {
                let before = out.problems.len();
                check_note(tables, &note, &at, &mut out.problems);
                if out.problems.len() == before {
                    out.notes.push(note);
                }
            }
            Err(e) => out.problems.push(problem(at, e)),
        }
    }
    out
}
