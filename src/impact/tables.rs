//! [`BundleTables`]: the tables of a bundle without its shapes — each layer's area codes, names
//! and parents and every indicator with its series — which is what the impact analyses read, plus
//! look-ups by code. (Named for what it holds; "panel" is the UI's word for the analysis pane.)
//!
//! The browser builds it from the bundle object the page already parsed for the map (the map
//! module has validated that bundle); natively it comes from a [`Bundle`]. Every look-up is
//! bounds-checked, so a series shorter than its layer reads as "no figure", never a panic.

use crate::model::bundle::{Bundle, BundleMeta, Comparator, Indicator, Parents, Series};
use crate::model::dataset::derive_values;
use crate::model::keys::KeyIndex;
use serde::Deserialize;

/// An area without its shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AreaRef {
    /// Official code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Codes of the containing areas by geography id.
    #[serde(default)]
    pub parents: Parents,
}

/// A layer's areas, in the order its series are aligned with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Layer {
    /// Geography id (`lsoa`, `ward`, …).
    pub id: String,
    /// Label for people.
    pub label: String,
    /// Plural noun ("LSOAs").
    pub noun_plural: String,
    /// Boundary vintage.
    #[serde(default)]
    pub vintage: String,
    /// The areas.
    pub areas: Vec<AreaRef>,
}

/// The wire form the browser passes: the bundle's own fields (shapes and topology are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct TablesInput {
    /// Provenance.
    pub meta: BundleMeta,
    /// Layers, smallest first.
    pub geographies: Vec<Layer>,
    /// Comparator areas.
    #[serde(default)]
    pub comparators: Vec<Comparator>,
    /// Indicators with their series.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// The analyses' view of a bundle: its tables, without shapes.
#[derive(Debug, Clone)]
pub struct BundleTables {
    /// Provenance (attribution is carried into every export).
    pub meta: BundleMeta,
    /// Layers, smallest first; patches are made of the first layer's areas.
    pub layers: Vec<Layer>,
    /// Comparator areas.
    pub comparators: Vec<Comparator>,
    /// Indicators, with every series' values filled in from counts where the bundle omitted them.
    pub indicators: Vec<Indicator>,
    codes: Vec<KeyIndex>,
}

impl BundleTables {
    /// The tables from the wire form.
    ///
    /// # Errors
    /// A message when there is no layer to build patches from.
    pub fn new(mut input: TablesInput) -> Result<BundleTables, String> {
        if input.geographies.first().is_none_or(|l| l.areas.is_empty()) {
            return Err("the data has no areas to build a patch from".to_string());
        }
        derive_values(&mut input.indicators);
        let codes = input.geographies.iter().map(|g| KeyIndex::new(g.areas.iter().map(|a| a.code.as_str()))).collect();
        Ok(BundleTables {
            meta: input.meta,
            layers: input.geographies,
            comparators: input.comparators,
            indicators: input.indicators,
            codes,
        })
    }

    /// The tables of a loaded bundle (whose values are already derived).
    ///
    /// # Errors
    /// As [`BundleTables::new`].
    pub fn from_bundle(bundle: &Bundle) -> Result<BundleTables, String> {
        let layers = bundle
            .geographies
            .iter()
            .map(|g| Layer {
                id: g.id.clone(),
                label: g.label.clone(),
                noun_plural: g.noun_plural.clone(),
                vintage: g.vintage.clone(),
                areas: g
                    .areas
                    .iter()
                    .map(|a| AreaRef { code: a.code.clone(), name: a.name.clone(), parents: a.parents.clone() })
                    .collect(),
            })
            .collect();
        BundleTables::new(TablesInput {
            meta: bundle.meta.clone(),
            geographies: layers,
            comparators: bundle.comparators.clone(),
            indicators: bundle.indicators.clone(),
        })
    }

    /// The layer patches are made of (the smallest).
    pub fn base(&self) -> &Layer {
        // `new` refuses tables without layers.
        &self.layers[0]
    }

    /// Index of a layer by id.
    pub fn layer_index(&self, id: &str) -> Option<usize> {
        self.layers.iter().position(|l| l.id == id)
    }

    /// Index of an area in a layer by code.
    pub fn area_index(&self, layer: usize, code: &str) -> Option<usize> {
        self.codes.get(layer)?.get(code)
    }

    /// The name of the area with `code`, of whichever layer has it first.
    pub fn area_name(&self, code: &str) -> Option<&str> {
        (0..self.layers.len()).find_map(|l| Some(self.layers[l].areas[self.area_index(l, code)?].name.as_str()))
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// An indicator's series for a layer and period.
    pub fn series<'a>(&self, indicator: &'a Indicator, layer: &str, period: &str) -> Option<&'a Series> {
        indicator.series.iter().find(|s| s.geography == layer && s.period == period)
    }

    /// The base-layer areas inside area `code` of layer `layer` (the area itself on the base layer).
    pub fn members_of(&self, layer: usize, code: &str) -> Vec<usize> {
        if layer == 0 {
            return self.area_index(0, code).into_iter().collect();
        }
        let Some(id) = self.layers.get(layer).map(|l| l.id.as_str()) else { return Vec::new() };
        (0..self.base().areas.len())
            .filter(|&a| self.base().areas[a].parents.get(id).is_some_and(|p| p == code))
            .collect()
    }

    /// The district (or other named parent layer) name of a base area, for tables.
    pub fn parent_name(&self, area: usize, layer_id: &str) -> String {
        let Some(code) = self.base().areas.get(area).and_then(|a| a.parents.get(layer_id)) else {
            return String::new();
        };
        let Some(layer) = self.layer_index(layer_id) else { return String::new() };
        self.area_index(layer, code).map(|i| self.layers[layer].areas[i].name.clone()).unwrap_or_default()
    }

    /// Codes of the areas of layer `layer_id` that contain (or are) the given base areas,
    /// without repeats, in layer order — what the map outlines when it shows another layer.
    pub fn codes_on_layer(&self, members: &[usize], layer_id: &str) -> Vec<String> {
        let Some(layer) = self.layer_index(layer_id) else { return Vec::new() };
        let mut hit = vec![false; self.layers[layer].areas.len()];
        for &m in members {
            let Some(area) = self.base().areas.get(m) else { continue };
            let code = if layer == 0 { Some(&area.code) } else { area.parents.get(layer_id) };
            if let Some(i) = code.and_then(|c| self.area_index(layer, c)) {
                hit[i] = true;
            }
        }
        hit.iter().enumerate().filter(|(_, h)| **h).map(|(i, _)| self.layers[layer].areas[i].code.clone()).collect()
    }

    /// The area of layer `layer_id` that is, contains or — for an area of a coarser layer — lies
    /// in the area `code` (of any layer; the first such in layer order), e.g. where to pin a note
    /// about a ward while the map shows LSOAs.
    pub fn area_on_layer(&self, code: &str, layer_id: &str) -> Option<String> {
        let layer = self.layer_index(layer_id)?;
        if self.area_index(layer, code).is_some() {
            return Some(code.to_string());
        }
        let (source, area) = (0..self.layers.len()).find_map(|l| Some((l, self.area_index(l, code)?)))?;
        if let Some(parent) = self.layers[source].areas[area].parents.get(layer_id) {
            return Some(parent.clone());
        }
        let source_id = &self.layers[source].id;
        self.layers[layer]
            .areas
            .iter()
            .find(|a| a.parents.get(source_id).is_some_and(|p| p == code))
            .map(|a| a.code.clone())
    }
}
