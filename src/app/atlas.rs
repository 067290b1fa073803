//! [`Atlas`]: one widget instance's state. It owns the dataset and its projected geometry, knows
//! the current indicator, geography and period, the viewport, hover and selection, and lays out
//! the base and overlay scenes. Every operation takes plain numbers or short strings.

use super::format;
use crate::geom::Viewport;
use crate::layout::{map, MapGeometry};
use crate::model::bundle::{Indicator, Polarity};
use crate::model::Dataset;
use crate::render::{Fill, Scene};
use crate::scale::Choropleth;
use crate::Error;
use geo::{coord, Rect};
use serde::Serialize;

/// Indicator shown first when the page does not choose one.
pub const DEFAULT_INDICATOR: &str = "employment-deprivation";
/// Geography id of the district layer drawn over every map.
pub const DISTRICT_GEOGRAPHY: &str = "lad";
/// Number of classes until the map controls arrive.
const CLASSES: usize = 5;

/// What is shown, by stable ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ViewState {
    /// Indicator id, if the bundle has indicators.
    pub indicator: Option<String>,
    /// Geography id.
    pub geography: String,
    /// Period id, if an indicator is shown.
    pub period: Option<String>,
    /// Selected area code.
    pub area: Option<String>,
}

/// What a tooltip or an event says about an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaInfo {
    /// Area code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// Geography id of the layer.
    pub geography: String,
    /// Name of the containing district, when the area is smaller than a district.
    pub district: Option<String>,
    /// Value in display units.
    pub value: Option<f64>,
    /// Value formatted with unit, or "no data".
    pub value_text: String,
    /// Period label, e.g. "IoD2025".
    pub period: Option<String>,
}

/// One legend row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    /// CSS colour, or empty for the hatched no-data swatch.
    pub colour: String,
    /// Range text, e.g. "12.0% to 18.4%".
    pub label: String,
    /// True for the no-data row.
    pub no_data: bool,
}

/// The words under the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caption {
    /// Active title.
    pub title: String,
    /// Indicator definition.
    pub definition: String,
    /// Producer, dataset, edition.
    pub source: String,
    /// Reference period of the data.
    pub period: String,
    /// Boundary vintage of the layer (with "approximate" where so).
    pub geography: String,
    /// Attribution lines of the bundle.
    pub attribution: Vec<String>,
    /// Data vintage stamp.
    pub vintage: String,
    /// True for synthetic test data.
    pub synthetic: bool,
}

/// One widget's state.
#[derive(Debug, Clone)]
pub struct Atlas {
    data: Dataset,
    geometry: MapGeometry,
    indicator: Option<usize>,
    geography: usize,
    period: Option<String>,
    viewport: Viewport,
    choropleth: Option<Choropleth>,
    fills: Vec<Fill>,
    hovered: Option<usize>,
    selected: Option<usize>,
}

impl Atlas {
    /// A widget showing the default view of `data` in a box of `width` × `height` CSS pixels.
    pub fn new(data: Dataset, width: f64, height: f64) -> Atlas {
        let geometry = MapGeometry::new(&data);
        let placeholder = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
        let mut atlas = Atlas {
            viewport: Viewport::fit(placeholder, width, height),
            data,
            geometry,
            indicator: None,
            geography: 0,
            period: None,
            choropleth: None,
            fills: Vec::new(),
            hovered: None,
            selected: None,
        };
        atlas.choose_defaults();
        atlas.fit();
        atlas
    }

    /// The dataset.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    fn choose_defaults(&mut self) {
        let indicators = &self.data.bundle.indicators;
        self.indicator = indicators.iter().position(|i| i.id == DEFAULT_INDICATOR).or(if indicators.is_empty() {
            None
        } else {
            Some(0)
        });
        match self.current_indicator().cloned() {
            Some(indicator) => {
                // The smallest layer the indicator has (geographies are stored smallest first).
                self.geography = self
                    .data
                    .bundle
                    .geographies
                    .iter()
                    .position(|g| indicator.series.iter().any(|s| s.geography == g.id))
                    .unwrap_or(0);
                self.period = self.latest_period(&indicator);
            }
            None => {
                self.geography = self.data.geography_index(DISTRICT_GEOGRAPHY).unwrap_or(0);
                self.period = None;
            }
        }
        self.recolour();
    }

    fn current_indicator(&self) -> Option<&Indicator> {
        self.indicator.and_then(|i| self.data.bundle.indicators.get(i))
    }

    fn geography_id(&self) -> &str {
        self.data.bundle.geographies.get(self.geography).map(|g| g.id.as_str()).unwrap_or("")
    }

    /// The latest period with a series on the current geography.
    fn latest_period(&self, indicator: &Indicator) -> Option<String> {
        let geography = self.geography_id();
        indicator
            .periods
            .iter()
            .rev()
            .find(|p| indicator.series.iter().any(|s| s.geography == geography && s.period == p.id))
            .map(|p| p.id.clone())
    }

    fn values(&self) -> Vec<Option<f64>> {
        let n = self.data.bundle.geographies.get(self.geography).map_or(0, |g| g.areas.len());
        match (self.current_indicator(), &self.period) {
            (Some(indicator), Some(period)) => self
                .data
                .series(&indicator.id, self.geography_id(), period)
                .map(|s| s.values.clone())
                .unwrap_or_else(|| vec![None; n]),
            _ => vec![None; n],
        }
    }

    fn recolour(&mut self) {
        let values = self.values();
        match self.current_indicator() {
            Some(indicator) => {
                let finite: Vec<f64> = values.iter().flatten().copied().collect();
                let higher_is_darker = indicator.polarity != Polarity::HigherIsBetter;
                let choropleth = Choropleth::quantiles(&finite, CLASSES, higher_is_darker);
                self.fills =
                    values.iter().map(|v| choropleth.colour_of(*v).map_or(Fill::Hatched, Fill::Solid)).collect();
                self.choropleth = Some(choropleth);
            }
            None => {
                // Geometry only: one calm neutral fill so the outlines read as a map.
                self.fills = vec![Fill::Solid(crate::scale::Rgb(0xe8, 0xee, 0xf4)); values.len()];
                self.choropleth = None;
            }
        }
    }

    fn fit(&mut self) {
        if let Some(bounds) = self.geometry.layers.get(self.geography).and_then(|l| l.projected.bounds) {
            self.viewport = Viewport::fit(bounds, self.viewport.width, self.viewport.height);
        }
    }

    /// Changes what is shown. `None` keeps the current choice. An unknown id is an error and
    /// changes nothing. A period the new indicator lacks falls back to its latest period.
    ///
    /// # Errors
    /// [`Error::UnknownIndicator`], [`Error::UnknownGeography`] or [`Error::UnknownPeriod`].
    pub fn set_view(
        &mut self,
        indicator: Option<&str>,
        geography: Option<&str>,
        period: Option<&str>,
    ) -> Result<(), Error> {
        let new_indicator = match indicator {
            Some(id) => Some(
                self.data
                    .bundle
                    .indicators
                    .iter()
                    .position(|i| i.id == id)
                    .ok_or_else(|| Error::UnknownIndicator(id.to_string()))?,
            ),
            None => self.indicator,
        };
        let new_geography = match geography {
            Some(id) => self.data.geography_index(id).ok_or_else(|| Error::UnknownGeography(id.to_string()))?,
            None => self.geography,
        };
        if let (Some(p), Some(i)) = (period, new_indicator.and_then(|i| self.data.bundle.indicators.get(i))) {
            if !i.periods.iter().any(|q| q.id == p) {
                return Err(Error::UnknownPeriod(p.to_string()));
            }
        }
        let geography_changed = new_geography != self.geography;
        self.indicator = new_indicator;
        self.geography = new_geography;
        if let Some(p) = period {
            self.period = Some(p.to_string());
        }
        if let Some(indicator) = self.current_indicator().cloned() {
            let geography = self.geography_id().to_string();
            let has = |p: &String| indicator.series.iter().any(|s| s.geography == geography && &s.period == p);
            if !self.period.as_ref().is_some_and(has) {
                self.period = self.latest_period(&indicator);
            }
        }
        if geography_changed {
            self.hovered = None;
            self.selected = None;
            self.fit();
        }
        self.recolour();
        Ok(())
    }

    /// The current view by ids.
    pub fn state(&self) -> ViewState {
        ViewState {
            indicator: self.current_indicator().map(|i| i.id.clone()),
            geography: self.geography_id().to_string(),
            period: self.period.clone(),
            area: self.selected.and_then(|a| self.area_code(a)),
        }
    }

    fn area_code(&self, area: usize) -> Option<String> {
        Some(self.data.bundle.geographies.get(self.geography)?.areas.get(area)?.code.clone())
    }

    /// Resizes the map box (CSS pixels), keeping zoom and centre.
    pub fn resize(&mut self, width: f64, height: f64) {
        match self.geometry.layers.get(self.geography).and_then(|l| l.projected.bounds) {
            Some(bounds) => self.viewport.resize(bounds, width, height),
            None => {
                self.viewport =
                    Viewport::fit(Rect::new(coord! {x: 0.0, y: 0.0}, coord! {x: 1.0, y: 1.0}), width, height)
            }
        }
    }

    /// The viewport.
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// Zooms by `factor` about a point in CSS pixels.
    pub fn zoom_at(&mut self, factor: f64, x: f64, y: f64) {
        self.viewport.zoom_at(factor, x, y);
    }

    /// Pans by a drag in CSS pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.viewport.pan(dx, dy);
    }

    /// Back to the fitted view.
    pub fn reset_view(&mut self) {
        self.viewport.reset();
    }

    /// Fills, area borders and district borders.
    pub fn base_scene(&self) -> Scene {
        let districts = self.data.geography_index(DISTRICT_GEOGRAPHY);
        map::base_scene(&self.geometry, self.geography, districts, &self.viewport, &self.fills)
    }

    /// Hover and selection outlines.
    pub fn overlay_scene(&self) -> Scene {
        map::overlay_scene(&self.geometry, self.geography, &self.viewport, self.hovered, self.selected)
    }

    /// The area under a point in CSS pixels.
    pub fn area_at(&self, x: f64, y: f64) -> Option<usize> {
        let layer = self.geometry.layers.get(self.geography)?;
        layer.hit.area_at(&layer.projected, self.viewport.to_world([x, y]))
    }

    /// A point inside an area of the current layer, in CSS pixels of the map box (for automation,
    /// tests and keyboard focus). `None` for an unknown code.
    pub fn screen_point_of(&self, code: &str) -> Option<[f64; 2]> {
        let area = self.data.area_index(self.geography, code)?;
        let shape = self.geometry.layers.get(self.geography)?.projected.areas.get(area)?;
        Some(self.viewport.to_screen(crate::geom::interior::interior_point(shape)?))
    }

    /// Updates the hovered area from a pointer position; returns true when it changed (so the
    /// overlay needs repainting).
    pub fn hover_at(&mut self, x: f64, y: f64) -> bool {
        let area = self.area_at(x, y);
        let changed = area != self.hovered;
        self.hovered = area;
        changed
    }

    /// Clears the hover (pointer left the map); true when something was hovered.
    pub fn clear_hover(&mut self) -> bool {
        self.hovered.take().is_some()
    }

    /// Information about the hovered area.
    pub fn hovered_info(&self) -> Option<AreaInfo> {
        self.hovered.and_then(|a| self.info(a))
    }

    /// Selects the area at a point; `None` (and no selection) when the point is outside every area.
    pub fn select_at(&mut self, x: f64, y: f64) -> Option<AreaInfo> {
        self.selected = self.area_at(x, y);
        self.selected.and_then(|a| self.info(a))
    }

    /// Selects an area of the current layer by code.
    ///
    /// # Errors
    /// [`Error::UnknownArea`] when the layer has no such code.
    pub fn select_code(&mut self, code: &str) -> Result<AreaInfo, Error> {
        let area = self.data.area_index(self.geography, code).ok_or_else(|| Error::UnknownArea(code.to_string()))?;
        self.selected = Some(area);
        self.info(area).ok_or_else(|| Error::UnknownArea(code.to_string()))
    }

    /// Clears the selection.
    pub fn clear_selection(&mut self) {
        self.selected = None;
    }

    /// Information about the selected area.
    pub fn selected_info(&self) -> Option<AreaInfo> {
        self.selected.and_then(|a| self.info(a))
    }

    /// Information about an area of the current layer.
    pub fn info(&self, area: usize) -> Option<AreaInfo> {
        let geography = self.data.bundle.geographies.get(self.geography)?;
        let record = geography.areas.get(area)?;
        let district = record.parents.get(DISTRICT_GEOGRAPHY).and_then(|code| {
            let lad = self.data.geography_index(DISTRICT_GEOGRAPHY)?;
            let index = self.data.area_index(lad, code)?;
            Some(self.data.bundle.geographies[lad].areas[index].name.clone())
        });
        let value = self.values().get(area).copied().flatten();
        let indicator = self.current_indicator();
        let value_text = match indicator {
            Some(i) => format::value(value, i.decimals, &i.unit.symbol),
            None => String::new(),
        };
        let period = indicator.and_then(|i| {
            let id = self.period.as_ref()?;
            i.periods.iter().find(|p| &p.id == id).map(|p| p.label.clone())
        });
        Some(AreaInfo {
            code: record.code.clone(),
            name: record.name.clone(),
            geography: geography.id.clone(),
            district,
            value,
            value_text,
            period,
        })
    }

    /// Legend rows: one per class, then "no data" when any area lacks a value.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let (Some(indicator), Some(choropleth)) = (self.current_indicator(), &self.choropleth) else {
            return Vec::new();
        };
        let fmt = |v: f64| format::value(Some(v), indicator.decimals, &indicator.unit.symbol);
        let mut rows: Vec<LegendEntry> = (0..choropleth.scale.classes())
            .filter_map(|class| {
                let [lo, hi] = choropleth.scale.extent(class)?;
                let colour = choropleth.colours.get(class)?.to_string();
                let label = if lo == hi { fmt(lo) } else { format!("{} to {}", fmt(lo), fmt(hi)) };
                Some(LegendEntry { colour, label, no_data: false })
            })
            .collect();
        if self.fills.contains(&Fill::Hatched) {
            rows.push(LegendEntry { colour: String::new(), label: "No data".to_string(), no_data: true });
        }
        rows
    }

    /// Title, definition, source, period, vintage and attribution of the current view.
    pub fn caption(&self) -> Caption {
        let meta = &self.data.bundle.meta;
        let geography = self.data.bundle.geographies.get(self.geography);
        let mut geography_text = geography.map(|g| g.vintage.clone()).unwrap_or_default();
        if geography.is_some_and(|g| g.approximate) {
            geography_text.push_str(" (approximate boundaries)");
        }
        match self.current_indicator() {
            Some(indicator) => {
                let period = self.period.as_ref().and_then(|id| indicator.periods.iter().find(|p| &p.id == id));
                let period_label = period.map(|p| p.label.as_str()).unwrap_or("");
                let layer = geography.map(|g| g.noun_plural.as_str()).unwrap_or("");
                Caption {
                    title: format!("{}, {} ({})", indicator.title, period_label, layer),
                    definition: indicator.definition.clone(),
                    source: format!(
                        "{}, {} ({})",
                        indicator.source.producer, indicator.source.dataset, indicator.source.edition
                    ),
                    period: period.map(|p| format!("{}: {}", p.label, p.reference)).unwrap_or_default(),
                    geography: geography_text,
                    attribution: meta.attribution.clone(),
                    vintage: meta.vintage.clone(),
                    synthetic: meta.synthetic,
                }
            }
            None => Caption {
                title: format!("{}: {}", meta.title, geography.map(|g| g.label.as_str()).unwrap_or("")),
                definition: String::new(),
                source: String::new(),
                period: String::new(),
                geography: geography_text,
                attribution: meta.attribution.clone(),
                vintage: meta.vintage.clone(),
                synthetic: meta.synthetic,
            },
        }
    }
}
