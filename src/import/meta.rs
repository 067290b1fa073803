//! What a person says about figures the importer does not recognise (the community template, or
//! a count file from an unknown dataset): name, unit, polarity, source and licence. Every field
//! ends up as text in the page, CSV exports and SVG, so control characters are refused, as the
//! bundle's own validation refuses them; markup and formula-like text are kept as plain text.

use super::problem::{Kind, Problems};
use super::reading::Measure;
use crate::model::bundle::{Polarity, Theme};
use crate::model::text::control_character;
use serde::{Deserialize, Serialize};

/// Longest accepted meta field, in characters.
const MAX_CHARS: usize = 200;
/// Longest generated id.
const MAX_ID: usize = 60;

const BAD_META: Kind = Kind::error("meta", "fix the description of the figures and import again");

/// Metadata for figures the importer does not recognise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesMeta {
    /// Indicator id; a slug of `name` when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Name, e.g. "People helped into work".
    pub name: String,
    /// `%`, or a unit word such as "people".
    pub unit: String,
    /// Whether higher is worse, better or neither.
    pub polarity: Polarity,
    /// Who produced the figures.
    pub source: String,
    /// Licence of the figures.
    pub licence: String,
    /// Theme for grouping (work when absent).
    #[serde(default)]
    pub theme: Option<Theme>,
}

/// Lower-case letters, digits and single hyphens, e.g. `people-helped-into-work`.
///
/// # Examples
/// ```
/// use work_health_atlas::import::meta::slug;
/// assert_eq!(slug("  People helped (into) WORK!  "), "people-helped-into-work");
/// assert_eq!(slug("<script>"), "script");
/// ```
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= MAX_ID {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The indicator id for `wanted`: its slug, prefixed `added-` when the bundle ships that id.
pub fn free_id(wanted: &str, shipped: &[&str]) -> String {
    let base = match slug(wanted) {
        s if s.is_empty() => "indicator".to_string(),
        s => s,
    };
    if shipped.contains(&base.as_str()) {
        format!("added-{base}")
    } else {
        base
    }
}

/// Reports every problem with the meta's fields; true when it can be used.
pub fn check(meta: &SeriesMeta, problems: &mut Problems) -> bool {
    let before = problems.count(BAD_META);
    let id = meta.id.as_deref().unwrap_or("");
    for (field, text, required) in [
        ("meta.name", meta.name.as_str(), true),
        ("meta.unit", meta.unit.as_str(), true),
        ("meta.source", meta.source.as_str(), true),
        ("meta.licence", meta.licence.as_str(), true),
        ("meta.id", id, false),
    ] {
        if let Some(c) = control_character(text) {
            let message = format!("holds the control character U+{:04X}; text must be printable", u32::from(c));
            problems.file(BAD_META, Some(field), Some(text), message);
        } else if required && text.trim().is_empty() {
            problems.file(BAD_META, Some(field), None, "required");
        } else if text.chars().count() > MAX_CHARS {
            problems.file(BAD_META, Some(field), Some(text), format!("longer than {MAX_CHARS} characters"));
        }
    }
    problems.count(BAD_META) == before
}

/// A readable name from a file name: no folders or extension, `_` and `-` as spaces.
fn name_from_file(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let mut stem = base;
    for ext in [".csv", ".txt", ".data"] {
        if stem.to_ascii_lowercase().ends_with(ext) {
            stem = stem.get(..stem.len() - ext.len()).unwrap_or(stem);
        }
    }
    let words: Vec<&str> = stem
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Added figures".to_string(),
    }
}

/// A starting point for the person to complete: the name from the file's title or name, a unit
/// to suit the figures; source and licence are left for them to give (template) or suggested
/// (Nomis, Stat-Xplore).
pub fn suggestion(file_name: &str, title: Option<&str>, measure: Measure, publisher: Option<&str>) -> SeriesMeta {
    let title: Option<String> = title
        .map(|t| t.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty());
    let unit = match measure {
        Measure::Ratios => "%",
        Measure::Counts => "people",
        Measure::Values => "",
    };
    SeriesMeta {
        id: None,
        name: title.unwrap_or_else(|| name_from_file(file_name)).chars().take(MAX_CHARS).collect(),
        unit: unit.to_string(),
        polarity: Polarity::Neither,
        source: publisher.unwrap_or("").to_string(),
        licence: if publisher.is_some() { "Open Government Licence v3.0".to_string() } else { String::new() },
        theme: Some(Theme::Work),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> SeriesMeta {
        SeriesMeta {
            id: None,
            name: "People helped".into(),
            unit: "people".into(),
            polarity: Polarity::HigherIsBetter,
            source: "Our project".into(),
            licence: "CC BY 4.0".into(),
            theme: None,
        }
    }

    #[test]
    fn slugs_and_free_ids() {
        assert_eq!(slug(""), "");
        assert_eq!(slug("Claimant rate"), "claimant-rate");
        assert_eq!(slug("--a--b--"), "a-b");
        assert_eq!(slug(&"x".repeat(500)).len(), MAX_ID);
        assert_eq!(free_id("Employment deprivation", &["employment-deprivation"]), "added-employment-deprivation");
        assert_eq!(free_id("!!!", &[]), "indicator");
    }

    #[test]
    fn meta_checks_every_field() {
        let mut p = Problems::new("f.csv");
        assert!(check(&meta(), &mut p));
        let mut bad = meta();
        bad.name = "Line\nbreak".into();
        bad.source = " ".into();
        bad.licence = "l".repeat(MAX_CHARS + 1);
        bad.id = Some("\u{1b}[31m".into());
        let mut p = Problems::new("f.csv");
        assert!(!check(&bad, &mut p));
        let columns: Vec<Option<String>> = p.finish().into_iter().map(|x| x.column).collect();
        assert_eq!(
            columns,
            ["meta.name", "meta.source", "meta.licence", "meta.id"].map(|c| Some(c.to_string())).to_vec()
        );
    }

    #[test]
    fn markup_in_meta_is_just_text() {
        let mut m = meta();
        m.name = "<script>alert(1)</script> =HYPERLINK(\"x\")".into();
        assert!(check(&m, &mut Problems::new("f.csv")));
    }

    #[test]
    fn suggestions_from_file_names_and_titles() {
        let s = suggestion("C:\\Users\\me\\people_helped-into work.CSV", None, Measure::Ratios, None);
        assert_eq!((s.name.as_str(), s.unit.as_str(), s.source.as_str()), ("People helped into work", "%", ""));
        let s = suggestion("x.csv", Some("Jobseeker's Allowance\u{7}"), Measure::Counts, Some("Nomis"));
        assert_eq!(
            (s.name.as_str(), s.unit.as_str(), s.licence.as_str()),
            ("Jobseeker's Allowance", "people", "Open Government Licence v3.0")
        );
        assert_eq!(suggestion(".csv", None, Measure::Values, None).name, "Added figures");
    }
}
