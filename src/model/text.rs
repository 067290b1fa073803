//! Control characters in a bundle's text. Every name, label and provenance line ends up as text
//! in the page, in CSV files and in SVG; a NUL, an escape or a line break inside one can split a
//! CSV row (so that a later cell starts a new row with a formula), corrupt an SVG, or hide text
//! from a reader. The schema's text is one line of printable characters, so validation refuses any
//! control character (Unicode category Cc: C0, DEL and C1) and says where it is.

use super::bundle::Bundle;

/// The first control character in `text`, if any.
///
/// # Examples
/// ```
/// use work_health_atlas::model::text::control_character;
/// assert_eq!(control_character("Norton South & Preston Brook"), None);
/// assert_eq!(control_character("Hub\n=4+4"), Some('\n'));
/// assert_eq!(control_character("\u{1b}[31m"), Some('\u{1b}'));
/// ```
pub fn control_character(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

/// The id of an item in a location, or its index when the id is empty.
pub(super) fn label_or_index(id: &str, index: usize) -> String {
    if id.is_empty() {
        index.to_string()
    } else {
        id.to_string()
    }
}

/// Collects control characters with their locations; a location is only written out when one is
/// found (a bundle has thousands of clean names).
#[derive(Default)]
struct Finder(Vec<(String, char)>);

impl Finder {
    /// Checks `fields` (name, text) of the item at `base()`; names start with `.` or `[`.
    fn fields(&mut self, base: &dyn Fn() -> String, fields: &[(&str, &str)]) {
        for (name, text) in fields {
            if let Some(c) = control_character(text) {
                self.0.push((format!("{}{name}", base()), c));
            }
        }
    }

    /// Checks a list of lines at `base()`.
    fn lines(&mut self, base: &dyn Fn() -> String, lines: &[String]) {
        for (i, line) in lines.iter().enumerate() {
            self.fields(&|| format!("{}[{i}]", base()), &[("", line)]);
        }
    }
}

/// The text fields holding a control character: `(location, character)`, in bundle order, with
/// locations in the notation validation uses (`geographies[lsoa].areas[3].name`).
pub fn control_characters(bundle: &Bundle) -> Vec<(String, char)> {
    let mut f = Finder::default();
    let m = &bundle.meta;
    f.fields(
        &String::new,
        &[
            ("schema", &bundle.schema),
            ("meta.title", &m.title),
            ("meta.licence", &m.licence),
            ("meta.vintage", &m.vintage),
        ],
    );
    f.lines(&|| "meta.attribution".into(), &m.attribution);
    f.lines(&|| "meta.notes".into(), &m.notes);
    for (gi, g) in bundle.geographies.iter().enumerate() {
        let at = || format!("geographies[{}]", label_or_index(&g.id, gi));
        let child = g.dissolved_from.as_deref().unwrap_or_default();
        f.fields(
            &at,
            &[
                (".id", &g.id),
                (".label", &g.label),
                (".noun_plural", &g.noun_plural),
                (".vintage", &g.vintage),
                (".note", &g.note),
                (".dissolved_from", child),
            ],
        );
        for (ai, area) in g.areas.iter().enumerate() {
            let here = || format!("{}.areas[{ai}]", at());
            f.fields(&here, &[(".code", &area.code), (".name", &area.name)]);
            for (layer, parent) in &area.parents {
                f.fields(&|| format!("{}.parents.{layer}", here()), &[("", parent)]);
            }
        }
    }
    for (ci, c) in bundle.comparators.iter().enumerate() {
        f.fields(&|| format!("comparators[{ci}]"), &[(".code", &c.code), (".name", &c.name)]);
    }
    for (ii, ind) in bundle.indicators.iter().enumerate() {
        let at = || format!("indicators[{}]", label_or_index(&ind.id, ii));
        f.fields(
            &at,
            &[
                (".id", &ind.id),
                (".label", &ind.label),
                (".title", &ind.title),
                (".definition", &ind.definition),
                (".licence", &ind.licence),
                (".geography_vintage", &ind.geography_vintage),
                (".source.producer", &ind.source.producer),
                (".source.dataset", &ind.source.dataset),
                (".source.edition", &ind.source.edition),
                (".unit.symbol", &ind.unit.symbol),
                (".unit.label", &ind.unit.label),
            ],
        );
        for (pi, p) in ind.periods.iter().enumerate() {
            let note = p.change_note.as_deref().unwrap_or_default();
            f.fields(
                &|| format!("{}.periods[{pi}]", at()),
                &[(".id", &p.id), (".label", &p.label), (".reference", &p.reference), (".change_note", note)],
            );
        }
        for (si, s) in ind.series.iter().enumerate() {
            f.fields(
                &|| format!("{}.series[{si}]", at()),
                &[(".geography", &s.geography), (".period", &s.period), (".method", &s.method)],
            );
        }
        for (vi, v) in ind.comparator_values.iter().enumerate() {
            f.fields(
                &|| format!("{}.comparator_values[{vi}]", at()),
                &[(".code", &v.code), (".period", &v.period), (".method", &v.method)],
            );
        }
    }
    f.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        serde_json::from_str(
            r#"{"schema":"work-health-atlas/bundle","version":1,
            "meta":{"title":"t","licence":"l","attribution":["a"]},
            "topology":{"scale":[1,1],"translate":[0,0],"arcs":[]},
            "geographies":[{"id":"lsoa","label":"LSOA","noun_plural":"areas","vintage":"2021",
              "areas":[{"code":"A","name":"Alpha","polygons":[]}]}]}"#,
        )
        .expect("a valid test bundle")
    }

    #[test]
    fn plain_text_has_no_control_characters() {
        assert!(control_characters(&bundle()).is_empty());
        assert_eq!(control_character(""), None);
        assert_eq!(control_character("Café – ‡ 95%"), None);
    }

    #[test]
    fn every_control_character_is_located() {
        let mut b = bundle();
        b.meta.attribution.push("call 0800\r\n=4+4".into());
        b.geographies[0].areas[0].name = "Al\u{0}pha".into();
        b.meta.vintage = "\u{9b}2J".into();
        let found = control_characters(&b);
        assert_eq!(
            found,
            vec![
                ("meta.vintage".to_string(), '\u{9b}'),
                ("meta.attribution[1]".to_string(), '\r'),
                ("geographies[lsoa].areas[0].name".to_string(), '\u{0}'),
            ]
        );
    }
}
