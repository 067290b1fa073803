//! Finding the bundle area a cell names: by code in any layer (trimmed, any case), by a Nomis or
//! Stat-Xplore `E01006512 : Liverpool 001A` cell (the code before the colon), by an LSOA 2011
//! code the ONS lookup converts, or by name (any case, spaces collapsed).
//!
//! A name can belong to several areas (a ward and a district, or two wards called "Church"); the
//! resolver returns every candidate and the caller decides from the rest of the file.

use super::reference::Reference;
use crate::model::bundle::Bundle;
use std::collections::BTreeMap;

/// An area: (layer position in the bundle, area position in the layer).
pub type AreaRef = (usize, usize);

/// What a cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One area of the bundle.
    Area(AreaRef),
    /// A name shared by several areas.
    Names(Vec<AreaRef>),
    /// An LSOA 2011 code of the lookup (upper case), to be converted to LSOA 2021.
    Lsoa2011(String),
    /// Something shaped like an official code that is not an area of the bundle (upper case).
    UnknownCode(String),
    /// A name that no area has.
    UnknownName,
    /// An empty cell.
    Empty,
}

/// True for a GSS-style code: a letter and eight digits (`E01006512`, `S01000001`).
pub fn looks_like_code(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 9 && b.first().is_some_and(u8::is_ascii_alphabetic) && b.iter().skip(1).all(u8::is_ascii_digit)
}

/// A name in comparable form: lower case, single spaces.
pub fn normalise_name(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Singular or plural noun of a layer for messages ("LSOAs", "wards").
pub fn layer_noun(bundle: &Bundle, layer: usize, count: usize) -> String {
    let Some(g) = bundle.geographies.get(layer) else { return "areas".into() };
    let one = count == 1;
    match (g.id.as_str(), one) {
        ("lsoa", true) => "LSOA".into(),
        ("lsoa", false) => "LSOAs".into(),
        ("msoa", true) => "MSOA".into(),
        ("msoa", false) => "MSOAs".into(),
        ("ward", true) => "ward".into(),
        ("lad", true) => "district".into(),
        ("lad", false) => "districts".into(),
        (_, true) => g.noun_plural.strip_suffix('s').unwrap_or(&g.noun_plural).to_string(),
        _ => g.noun_plural.clone(),
    }
}

/// The bundle's areas indexed by code and name, with the LSOA 2011 lookup.
#[derive(Debug, Clone)]
pub struct Areas<'a> {
    /// The bundle whose layers are searched.
    pub bundle: &'a Bundle,
    codes: BTreeMap<String, AreaRef>,
    names: BTreeMap<String, Vec<AreaRef>>,
    lsoa11: BTreeMap<String, Vec<(String, char)>>,
}

impl<'a> Areas<'a> {
    /// Indexes every layer of `bundle` and the lookup of `reference`.
    pub fn new(bundle: &'a Bundle, reference: &Reference) -> Areas<'a> {
        let mut codes = BTreeMap::new();
        let mut names: BTreeMap<String, Vec<AreaRef>> = BTreeMap::new();
        for (l, g) in bundle.geographies.iter().enumerate() {
            for (a, area) in g.areas.iter().enumerate() {
                codes.entry(area.code.trim().to_ascii_uppercase()).or_insert((l, a));
                names.entry(normalise_name(&area.name)).or_default().push((l, a));
            }
        }
        Areas { bundle, codes, names, lsoa11: reference.lsoa11_index() }
    }

    /// Position of the layer with this id.
    pub fn layer(&self, id: &str) -> Option<usize> {
        self.bundle.geographies.iter().position(|g| g.id == id)
    }

    /// The LSOA 2021 targets of an LSOA 2011 code (upper case) with their change codes.
    pub fn lsoa11_targets(&self, code: &str) -> &[(String, char)] {
        self.lsoa11.get(code).map_or(&[], Vec::as_slice)
    }

    /// Every LSOA 2011 code of the lookup with its LSOA 2021 targets.
    pub fn lsoa11_lookup(&self) -> impl Iterator<Item = (&str, &[(String, char)])> {
        self.lsoa11.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The area with this code (upper case).
    pub fn by_code(&self, code: &str) -> Option<AreaRef> {
        self.codes.get(code).copied()
    }

    /// Resolves a cell. With `boundaries_2011` (the file says its LSOAs are 2011 ones) every
    /// `E01` code is read as an LSOA 2011 code, even one that is unchanged in 2021.
    pub fn resolve(&self, cell: &str, boundaries_2011: bool) -> Found {
        let text = cell.trim();
        if text.is_empty() {
            return Found::Empty;
        }
        let code = match text.split_once(':') {
            Some((before, _)) if looks_like_code(before.trim()) => before.trim(),
            _ => text,
        };
        let upper = code.to_ascii_uppercase();
        let old_lsoa = upper.starts_with("E01") && looks_like_code(&upper);
        if boundaries_2011 && old_lsoa {
            return if self.lsoa11.contains_key(&upper) { Found::Lsoa2011(upper) } else { Found::UnknownCode(upper) };
        }
        if let Some(found) = self.codes.get(&upper) {
            return Found::Area(*found);
        }
        if old_lsoa && self.lsoa11.contains_key(&upper) {
            return Found::Lsoa2011(upper);
        }
        if looks_like_code(&upper) {
            return Found::UnknownCode(upper);
        }
        match self.names.get(&normalise_name(text)).map(Vec::as_slice) {
            Some([one]) => Found::Area(*one),
            Some(many) if !many.is_empty() => Found::Names(many.to_vec()),
            _ => Found::UnknownName,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bundle::{Area, Geography, Parents};

    fn area(code: &str, name: &str) -> Area {
        Area { code: code.into(), name: name.into(), parents: Parents::new(), polygons: vec![] }
    }

    fn layer(id: &str, areas: Vec<Area>) -> Geography {
        Geography {
            id: id.into(),
            label: id.into(),
            noun_plural: format!("{id}s"),
            vintage: String::new(),
            approximate: false,
            note: String::new(),
            dissolved_from: None,
            areas,
        }
    }

    fn bundle() -> Bundle {
        let mut b: Bundle = serde_json::from_str(
            r#"{"schema":"work-health-atlas/bundle","version":1,"meta":{"title":"t","licence":"l","attribution":[]},
            "topology":{"scale":[1,1],"translate":[0,0],"arcs":[]},"geographies":[]}"#,
        )
        .expect("bundle");
        b.geographies = vec![
            layer("lsoa", vec![area("E01006512", "Liverpool 001A"), area("E01035000", "Liverpool 060A")]),
            layer("ward", vec![area("E05000001", "Anfield"), area("E05000002", "Church"), area("E05000003", "Church")]),
            layer("lad", vec![area("E08000012", "Liverpool"), area("E08000013", "Anfield")]),
        ];
        b
    }

    fn reference() -> Reference {
        Reference {
            lsoa11_to_lsoa21: vec![
                ("E01006512".into(), "E01006512".into(), "U".into()),
                ("E01006999".into(), "E01035000".into(), "M".into()),
            ],
            ..Reference::default()
        }
    }

    #[test]
    fn codes_in_any_case_and_nomis_cells() {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        assert_eq!(areas.resolve(" e01006512 ", false), Found::Area((0, 0)));
        assert_eq!(areas.resolve("E01006512 : Liverpool 001A", false), Found::Area((0, 0)));
        assert_eq!(areas.resolve("E08000012", false), Found::Area((2, 0)));
        assert_eq!(areas.resolve("", false), Found::Empty);
    }

    #[test]
    fn names_unique_shared_and_unknown() {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        assert_eq!(areas.resolve("liverpool   001a", false), Found::Area((0, 0)));
        assert_eq!(areas.resolve("Anfield", false), Found::Names(vec![(1, 0), (2, 1)]));
        assert_eq!(areas.resolve("Church", false), Found::Names(vec![(1, 1), (1, 2)]));
        assert_eq!(areas.resolve("<script>alert(1)</script>", false), Found::UnknownName);
    }

    #[test]
    fn old_and_unknown_codes() {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        assert_eq!(areas.resolve("E01006999", false), Found::Lsoa2011("E01006999".into()));
        assert_eq!(areas.resolve("E01099999", false), Found::UnknownCode("E01099999".into()));
        assert_eq!(areas.resolve("S01000001 : Somewhere", false), Found::UnknownCode("S01000001".into()));
        // A file on 2011 boundaries: an unchanged code is read as 2011 too, an unlisted one is unknown.
        assert_eq!(areas.resolve("E01006512", true), Found::Lsoa2011("E01006512".into()));
        assert_eq!(areas.resolve("E01035000", true), Found::UnknownCode("E01035000".into()));
        assert_eq!(areas.resolve("E08000012", true), Found::Area((2, 0)));
        assert_eq!(areas.lsoa11_targets("E01006999"), &[("E01035000".to_string(), 'M')]);
    }

    #[test]
    fn layer_nouns() {
        let b = bundle();
        assert_eq!(layer_noun(&b, 0, 2), "LSOAs");
        assert_eq!(layer_noun(&b, 1, 1), "ward");
        assert_eq!(layer_noun(&b, 2, 1), "district");
        assert_eq!(layer_noun(&b, 9, 1), "areas");
    }
}
