//! The loaded dataset: a validated bundle with its geometry decoded once into longitude/latitude
//! rings, an index from area code to position, and each layer's adjacency from shared arcs.
//!
//! Invariant: a `Dataset` only exists for a bundle that passed validation without errors, so
//! every arc reference, series length and parent code in it has been checked.
//!
//! A layer's shapes are built when it is first needed ([`Dataset::ensure_layer`]): dissolving a
//! layer stored as `dissolved_from` another, assembling its rings and finding its neighbours are
//! most of the work of loading, and a first view shows one layer (and the district outlines).
//! [`Dataset::from_bundle`] builds every layer at once, for the data builder and for tests.

use super::bundle::{derived_value, Bundle, Geography, Indicator, Series};
use super::dissolve::dissolve;
use super::error::LoadError;
use super::keys::KeyIndex;
use super::topology::{arc_index, assemble_ring, decode_arcs, decode_quantised, LonLat};
use super::validate::{validate, validate_indicators, Issue, Severity};
use crate::geom::contains::ring_contains;
use crate::num::sort_unique;

/// The largest bundle the loader parses (bytes). Larger input is refused before parsing.
pub const MAX_BUNDLE_BYTES: usize = 64 * 1024 * 1024;

/// A polygon: outer ring first, then holes; each ring closed (the rings [`crate::geom`] projects).
pub type Polygon = Vec<Vec<LonLat>>;

/// One area with decoded shape.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaShape {
    /// Polygons in longitude/latitude; empty once the map has projected them (see
    /// [`Dataset::release_rings`]).
    pub polygons: Vec<Polygon>,
    /// Indices (in the same layer) of areas sharing at least one arc with this one, ascending.
    pub neighbours: Vec<usize>,
}

/// A layer's decoded shapes, aligned with `Bundle::geographies[i].areas`.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerShapes {
    /// One entry per area.
    pub areas: Vec<AreaShape>,
}

/// A validated bundle with decoded geometry and lookups.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The bundle as read.
    pub bundle: Bundle,
    /// Decoded shapes per geography, aligned with `bundle.geographies`; `None` until built.
    layers: Vec<Option<LayerShapes>>,
    /// Every arc of the topology decoded to longitude/latitude (borders are drawn from these).
    pub arcs: Vec<Vec<LonLat>>,
    /// Warnings found by validation.
    pub warnings: Vec<Issue>,
    codes: Vec<KeyIndex>,
}

impl Dataset {
    /// Parses, validates and decodes a bundle from JSON bytes.
    ///
    /// # Errors
    /// [`LoadError::TooLarge`] over [`MAX_BUNDLE_BYTES`], [`LoadError::InvalidJson`] when it does not parse
    /// as a bundle, [`LoadError::InvalidData`] with every validation error otherwise.
    pub fn from_json(bytes: &[u8]) -> Result<Dataset, LoadError> {
        if bytes.len() > MAX_BUNDLE_BYTES {
            return Err(LoadError::TooLarge { size: bytes.len(), limit: MAX_BUNDLE_BYTES });
        }
        let bundle: Bundle = serde_json::from_slice(bytes).map_err(|e| LoadError::InvalidJson(e.to_string()))?;
        Dataset::from_bundle(bundle)
    }

    /// Validates and decodes an already parsed bundle, building every layer's shapes.
    ///
    /// # Errors
    /// [`LoadError::InvalidData`] with every validation error, or every area that cannot be dissolved.
    pub fn from_bundle(bundle: Bundle) -> Result<Dataset, LoadError> {
        let mut data = Dataset::load(bundle)?;
        let mut problems = Vec::new();
        let mut failed = vec![false; data.layers.len()];
        for g in 0..data.layers.len() {
            // A layer dissolved from one that failed would only repeat that layer's problems.
            if data.member_of(g).is_some_and(|m| failed[m]) {
                failed[g] = true;
                continue;
            }
            if let Err(LoadError::InvalidData(issues)) = data.ensure_layer(g) {
                failed[g] = true;
                problems.extend(issues);
            }
        }
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(LoadError::InvalidData(problems))
        }
    }

    /// Validates a bundle and decodes its arcs; each layer's shapes are built by
    /// [`Dataset::ensure_layer`] when first needed.
    ///
    /// # Errors
    /// [`LoadError::InvalidData`] with every validation error.
    pub fn load(mut bundle: Bundle) -> Result<Dataset, LoadError> {
        let (errors, warnings): (Vec<Issue>, Vec<Issue>) =
            validate(&bundle).into_iter().partition(|i| i.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(LoadError::InvalidData(errors));
        }
        derive_values(&mut bundle.indicators);
        let arcs = decode_arcs(&bundle.topology);
        let codes = bundle.geographies.iter().map(|g| KeyIndex::new(g.areas.iter().map(|a| a.code.as_str()))).collect();
        let layers = vec![None; bundle.geographies.len()];
        Ok(Dataset { bundle, layers, arcs, warnings, codes })
    }

    /// Puts indicators that arrive after the first view (a packed bundle's extension sections,
    /// [`super::packed::decode_sections`]) in their places, every indicator checked as at load
    /// (the geometry was checked then). On any error the dataset is left as it was.
    ///
    /// # Errors
    /// [`LoadError::InvalidData`] with every validation error (a position beyond the list is one).
    pub fn insert_indicators(&mut self, more: Vec<(usize, Indicator)>) -> Result<(), LoadError> {
        let before = self.bundle.indicators.clone();
        if let Err(message) = super::packed::insert_indicators(&mut self.bundle.indicators, more) {
            self.bundle.indicators = before;
            return Err(LoadError::InvalidData(vec![Issue {
                severity: Severity::Error,
                location: "indicators".into(),
                message,
            }]));
        }
        let errors: Vec<Issue> =
            validate_indicators(&self.bundle).into_iter().filter(|i| i.severity == Severity::Error).collect();
        if !errors.is_empty() {
            self.bundle.indicators = before;
            return Err(LoadError::InvalidData(errors));
        }
        derive_values(&mut self.bundle.indicators);
        Ok(())
    }

    /// The layer a `dissolved_from` layer is made of.
    fn member_of(&self, geography: usize) -> Option<usize> {
        let id = self.bundle.geographies.get(geography)?.dissolved_from.as_ref()?;
        self.geography_index(id).filter(|&m| m != geography)
    }

    /// The shapes of a layer, once built.
    pub fn layer(&self, geography: usize) -> Option<&LayerShapes> {
        self.layers.get(geography)?.as_ref()
    }

    /// Builds a layer's shapes if they are not built yet: dissolves a `dissolved_from` layer from
    /// its members (built first), assembles the rings, finds neighbours and checks that every
    /// hole lies in its polygon.
    ///
    /// # Errors
    /// [`LoadError::InvalidData`] naming every area that cannot be dissolved or has a stray hole; the
    /// layer then stays unbuilt. [`LoadError::UnknownGeography`] for an index past the last layer.
    pub fn ensure_layer(&mut self, geography: usize) -> Result<(), LoadError> {
        match self.layers.get(geography) {
            None => return Err(LoadError::UnknownGeography(geography.to_string())),
            Some(Some(_)) => return Ok(()),
            Some(None) => {}
        }
        if let Some(member) = self.member_of(geography) {
            self.ensure_layer(member)?;
            dissolve_layer(&mut self.bundle, geography, member)?;
        }
        let g = &self.bundle.geographies[geography];
        let arcs = &self.arcs;
        let polygons = g.areas.iter().map(|a| {
            a.polygons.iter().map(|p| p.iter().filter_map(|ring| assemble_ring(arcs, ring)).collect()).collect()
        });
        let neighbours = adjacency(g.areas.iter().map(|a| &a.polygons), arcs.len());
        let shapes = LayerShapes {
            areas: polygons.zip(neighbours).map(|(polygons, neighbours)| AreaShape { polygons, neighbours }).collect(),
        };
        check_nesting(g, &shapes)?;
        self.layers[geography] = Some(shapes);
        Ok(())
    }

    /// Drops a built layer's longitude/latitude rings, keeping its neighbours, once the map
    /// holds them projected ([`crate::layout::geometry::MapGeometry`]): nothing else reads them
    /// after the layer is built, and at the LCR scale they were a tenth of the map module's
    /// memory. The layer stays built; its `polygons` are empty from then on.
    pub fn release_rings(&mut self, geography: usize) {
        if let Some(Some(layer)) = self.layers.get_mut(geography) {
            for area in &mut layer.areas {
                area.polygons = Vec::new();
            }
        }
    }

    /// Index of a geography by id.
    pub fn geography_index(&self, id: &str) -> Option<usize> {
        self.bundle.geographies.iter().position(|g| g.id == id)
    }

    /// Index of an area within a geography by code.
    pub fn area_index(&self, geography: usize, code: &str) -> Option<usize> {
        self.codes.get(geography)?.get(code)
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.bundle.indicators.iter().find(|i| i.id == id)
    }

    /// The series of an indicator for a geography and period, if the bundle has it.
    pub fn series(&self, indicator: &str, geography: &str, period: &str) -> Option<&Series> {
        self.indicator(indicator)?.series.iter().find(|s| s.geography == geography && s.period == period)
    }
}

/// Each hole must lie inside its polygon's outer ring (tested at the middle of the hole's first
/// edge, by the even-odd rule the painters use).
fn check_nesting(geography: &Geography, shapes: &LayerShapes) -> Result<(), LoadError> {
    let mut problems = Vec::new();
    for (area, shape) in geography.areas.iter().zip(&shapes.areas) {
        for (p, polygon) in shape.polygons.iter().enumerate() {
            let Some((outer, holes)) = polygon.split_first() else { continue };
            for (h, hole) in holes.iter().enumerate() {
                let (Some(a), Some(b)) = (hole.first(), hole.get(1)) else { continue };
                let probe = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
                if !ring_contains(outer.iter().copied(), probe) {
                    problems.push(Issue {
                        severity: Severity::Error,
                        location: format!(
                            "geographies[{}].areas[{}].polygons[{p}][{}]",
                            geography.id,
                            area.code,
                            h + 1
                        ),
                        message: "this hole lies outside its polygon's outer ring".to_string(),
                    });
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoadError::InvalidData(problems))
    }
}

/// Builds the shapes of layer `g`, stored as `dissolved_from` layer `child` (validation has checked
/// that the member layer exists and covers every area).
fn dissolve_layer(bundle: &mut Bundle, g: usize, child: usize) -> Result<(), LoadError> {
    let arcs = decode_quantised(&bundle.topology);
    let mut problems = Vec::new();
    let id = bundle.geographies[g].id.clone();
    let parents = KeyIndex::new(bundle.geographies[g].areas.iter().map(|a| a.code.as_str()));
    let mut members: Vec<Vec<&Vec<Vec<Vec<i64>>>>> = vec![Vec::new(); bundle.geographies[g].areas.len()];
    for area in &bundle.geographies[child].areas {
        if let Some(parent) = area.parents.get(&id).and_then(|code| parents.get(code)) {
            members[parent].push(&area.polygons);
        }
    }
    let shapes: Vec<Result<Vec<Vec<Vec<i64>>>, String>> = members.iter().map(|m| dissolve(&arcs, m)).collect();
    for (area, shape) in bundle.geographies[g].areas.iter_mut().zip(shapes) {
        match shape {
            Ok(polygons) if !polygons.is_empty() => area.polygons = polygons,
            Ok(_) => problems
                .push((format!("geographies[{id}].areas[{}]", area.code), "dissolving gave no shape".to_string())),
            Err(message) => problems.push((format!("geographies[{id}].areas[{}]", area.code), message)),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoadError::InvalidData(
            problems
                .into_iter()
                .map(|(location, message)| Issue { severity: Severity::Error, location, message })
                .collect(),
        ))
    }
}

/// Fills series stored without values from their counts ([`derived_value`]); also used by the
/// impact analyses' bundle tables, which read the bundle as the page holds it.
pub(crate) fn derive_values(indicators: &mut [Indicator]) {
    for indicator in indicators {
        let (multiplier, decimals) = (indicator.unit.multiplier, indicator.decimals);
        for series in indicator.series.iter_mut().filter(|s| s.values.is_empty()) {
            if let (Some(numerators), Some(denominators)) = (&series.numerators, &series.denominators) {
                series.values = numerators
                    .iter()
                    .zip(denominators)
                    .map(|(n, d)| derived_value(*n, *d, multiplier, decimals))
                    .collect();
            }
        }
    }
}

/// Areas are neighbours when their rings use the same arc (in either direction).
fn adjacency<'a>(areas: impl Iterator<Item = &'a Vec<Vec<Vec<i64>>>>, arcs: usize) -> Vec<Vec<usize>> {
    // The areas using each arc, grouped by arc with a counting sort: arc indices are dense and
    // checked against the topology at load, and a comparison sort of these (arc, area) pairs was
    // a tenth of the first paint. Areas are visited in order, so each arc's run is in area order.
    let mut uses: Vec<(usize, usize)> = Vec::new();
    let mut count = 0;
    for (area, polygons) in areas.enumerate() {
        count += 1;
        uses.extend(
            polygons.iter().flatten().flatten().map(|r| (arc_index(*r).0, area)).filter(|&(arc, _)| arc < arcs),
        );
    }
    let mut starts = vec![0usize; arcs + 1];
    for &(arc, _) in &uses {
        starts[arc + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut by_arc = vec![0usize; uses.len()];
    for &(arc, area) in &uses {
        by_arc[next[arc]] = area;
        next[arc] += 1;
    }
    let mut neighbours = vec![Vec::new(); count];
    for run in starts.windows(2).map(|w| &by_arc[w[0]..w[1]]) {
        for &a in run {
            neighbours[a].extend(run.iter().copied().filter(|&b| b != a));
        }
    }
    for list in &mut neighbours {
        sort_unique(list);
    }
    neighbours
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Two unit squares side by side sharing the arc x = 1, plus one island far away (which
    /// borders nothing, as the Wirral borders nothing across the Mersey). Shared by the tests of
    /// the layers built from it (geometry, keyboard).
    pub(crate) const TWO_SQUARES: &str = r#"{
      "schema": "work-health-atlas/bundle", "version": 1,
      "meta": {"title": "Synthetic test bundle", "licence": "none", "attribution": ["synthetic"], "synthetic": true},
      "topology": {"scale": [0.001, 0.001], "translate": [-3.0, 53.0], "arcs": [
        [[1000, 0], [0, 1000]],
        [[1000, 1000], [-1000, 0], [0, -1000], [1000, 0]],
        [[1000, 0], [1000, 0], [0, 1000], [-1000, 0]],
        [[5000, 5000], [100, 0], [0, 100], [-100, 0], [0, -100]]
      ]},
      "geographies": [{"id": "lsoa", "label": "LSOA", "noun_plural": "LSOAs", "vintage": "test", "areas": [
        {"code": "A", "name": "West", "polygons": [[[0, 1]]]},
        {"code": "B", "name": "East", "polygons": [[[2, -1]]]},
        {"code": "C", "name": "Island", "polygons": [[[3]]]}
      ]}]
    }"#;

    #[test]
    fn loads_decodes_and_indexes() {
        let data = Dataset::from_json(TWO_SQUARES.as_bytes()).expect("valid synthetic bundle");
        assert_eq!(data.geography_index("lsoa"), Some(0));
        assert_eq!(data.area_index(0, "B"), Some(1));
        assert_eq!(data.area_index(0, "Z"), None);
        let west = &data.layer(0).expect("built").areas[0].polygons[0][0];
        assert_eq!(west.first(), west.last());
        assert_eq!(west.len(), 5);
    }

    #[test]
    fn neighbours_come_from_shared_arcs() {
        let data = Dataset::from_json(TWO_SQUARES.as_bytes()).expect("valid synthetic bundle");
        let n: Vec<&Vec<usize>> = data.layer(0).expect("built").areas.iter().map(|a| &a.neighbours).collect();
        assert_eq!(n, vec![&vec![1], &vec![0], &vec![]]);
    }

    #[test]
    fn not_json_is_invalid_json() {
        let err = Dataset::from_json(b"{ nope").expect_err("must fail");
        assert_eq!(err.code(), "invalid-json");
    }

    #[test]
    fn bad_arc_reference_is_invalid_data_with_location() {
        let broken = TWO_SQUARES.replace("[[[3]]]", "[[[9]]]");
        let err = Dataset::from_json(broken.as_bytes()).expect_err("must fail");
        assert_eq!(err.code(), "invalid-data");
        assert!(err.to_string().contains("geographies[lsoa].areas[C].polygons[0][0]"), "{err}");
    }
}
