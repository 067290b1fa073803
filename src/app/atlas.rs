//! [`Atlas`]: one widget instance's state. It owns the dataset and its projected geometry, knows
//! the current indicator, geography, period, classification and change mode, the viewport, hover
//! and selection, and lays out the base and overlay scenes. Every operation takes plain numbers
//! or short strings; describing areas for people lives in `describe`.

use super::search::SearchIndex;
use crate::geom::viewport::Insets;
use crate::geom::Viewport;
use crate::layout::{map, MapGeometry};
use crate::model::bundle::{Indicator, Polarity};
use crate::model::postcodes::PostcodeIndex;
use crate::model::Dataset;
use crate::render::{Fill, Scene};
use crate::scale::breaks::{Method, MAX_CLASSES, MIN_CLASSES};
use crate::scale::colour::Diverging;
use crate::scale::Choropleth;
use crate::Error;
use geo::{coord, Rect};
use serde::Serialize;
use std::cell::OnceCell;

/// Indicator shown first when the page does not choose one.
pub const DEFAULT_INDICATOR: &str = "employment-deprivation";
/// Geography id of the district layer drawn over every map.
pub const DISTRICT_GEOGRAPHY: &str = "lad";
/// Classes shown by default.
pub const DEFAULT_CLASSES: usize = 5;
/// Share of the map box an area fills when chosen from outside the map.
const ZOOM_TO_FRACTION: f64 = 0.45;

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
    /// Classification method id.
    pub method: String,
    /// Number of classes.
    pub classes: usize,
    /// In change mode, the earlier period id (the change runs from it to `period`).
    pub change_from: Option<String>,
}

/// One widget's state.
#[derive(Debug, Clone)]
pub struct Atlas {
    pub(super) data: Dataset,
    geometry: MapGeometry,
    pub(super) indicator: Option<usize>,
    pub(super) geography: usize,
    pub(super) period: Option<String>,
    pub(super) method: Method,
    pub(super) classes: usize,
    pub(super) change_from: Option<String>,
    viewport: Viewport,
    pub(super) choropleth: Option<Choropleth>,
    pub(super) values: Vec<Option<f64>>,
    fills: Vec<Fill>,
    pub(super) hovered: Option<usize>,
    pub(super) selected: Option<usize>,
    pub(super) focused: Option<usize>,
    /// Built on the first search, not before the first paint (names of every layer, ~1,370).
    search: OnceCell<SearchIndex>,
    pub(super) postcodes: Option<PostcodeIndex>,
    /// Areas of the current layer outlined as a patch and as its comparison group.
    marked: map::Marked,
    /// Counted up whenever the fills or the outlines change, so an [`Update`](super::Update) can
    /// tell without comparing them.
    pub(super) fills_revision: u32,
    pub(super) marks_revision: u32,
    /// What the page was last told is shown (see `update`).
    pub(super) last_shown: Option<super::update::Shown>,
    /// Whether place names are drawn (see `labels`).
    pub(super) labels_on: bool,
    /// The names last placed, with what they were placed for (see `labels`).
    pub(super) placed_names: Option<(super::labels::NamesKey, crate::layout::labels::Labels)>,
}

impl Atlas {
    /// A widget showing the default view of `data` in a box of `width` × `height` CSS pixels.
    pub fn new(mut data: Dataset, width: f64, height: f64) -> Atlas {
        let geometry = MapGeometry::new(&data);
        for g in 0..data.bundle.geographies.len() {
            if geometry.layer(g).is_some() {
                data.release_rings(g);
            }
        }
        let placeholder = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 1.0 });
        let mut atlas = Atlas {
            viewport: Viewport::fit(placeholder, width, height),
            data,
            geometry,
            indicator: None,
            geography: 0,
            period: None,
            method: Method::default(),
            classes: DEFAULT_CLASSES,
            change_from: None,
            choropleth: None,
            values: Vec::new(),
            fills: Vec::new(),
            hovered: None,
            selected: None,
            focused: None,
            search: OnceCell::new(),
            postcodes: None,
            marked: map::Marked::default(),
            fills_revision: 0,
            marks_revision: 0,
            last_shown: None,
            labels_on: true,
            placed_names: None,
        };
        atlas.choose_defaults();
        atlas.fit();
        atlas.take_update();
        atlas
    }

    /// A widget for a dataset whose layers are built when first shown ([`Dataset::load`]): the
    /// default layer and the district outlines are built now, every other layer when it is
    /// chosen.
    ///
    /// # Errors
    /// [`Error::Load`] (invalid data) when one of those two layers cannot be built.
    pub fn load(data: Dataset, width: f64, height: f64) -> Result<Atlas, Error> {
        let mut atlas = Atlas::new(data, width, height);
        atlas.ensure_layer(atlas.geography)?;
        if let Some(districts) = atlas.data.geography_index(DISTRICT_GEOGRAPHY) {
            atlas.ensure_layer(districts)?;
        }
        atlas.fit();
        atlas.take_update();
        Ok(atlas)
    }

    /// Builds a layer's shapes and map geometry if they are not built yet.
    pub(super) fn ensure_layer(&mut self, geography: usize) -> Result<(), Error> {
        // Asked again on every placing of the ward names: a layer already drawn is done.
        if self.geometry.layer(geography).is_some() {
            return Ok(());
        }
        self.data.ensure_layer(geography)?;
        self.geometry.ensure(&self.data, geography);
        // The map keeps the rings projected; the dataset's copy is not read again.
        self.data.release_rings(geography);
        Ok(())
    }

    /// The dataset.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// Adds the indicators that arrive after the first view (see [`Dataset::insert_indicators`]),
    /// keeping the view: the current indicator stays current (its position may move).
    ///
    /// # Errors
    /// [`Error::Load`] when they do not fit the dataset; the atlas is then unchanged.
    pub fn insert_indicators(&mut self, more: Vec<(usize, Indicator)>) -> Result<(), Error> {
        let current = self.current_indicator().map(|i| i.id.clone());
        self.data.insert_indicators(more)?;
        self.indicator = current.and_then(|id| self.data.bundle.indicators.iter().position(|i| i.id == id));
        Ok(())
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

    pub(super) fn current_indicator(&self) -> Option<&Indicator> {
        self.indicator.and_then(|i| self.data.bundle.indicators.get(i))
    }

    pub(super) fn geography_id(&self) -> &str {
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

    fn series_values(&self, period: &str) -> Option<&Vec<Option<f64>>> {
        let indicator = self.current_indicator()?;
        Some(&self.data.series(&indicator.id, self.geography_id(), period)?.values)
    }

    /// Values of the current view: the period's values, or in change mode the difference from the
    /// earlier period (missing where either is missing).
    fn compute_values(&self) -> Vec<Option<f64>> {
        let n = self.data.bundle.geographies.get(self.geography).map_or(0, |g| g.areas.len());
        let Some(current) = self.period.as_deref().and_then(|p| self.series_values(p)) else {
            return vec![None; n];
        };
        // Differences of values shown to d decimals are exact to d decimals: round away the
        // binary noise of the subtraction so a change of -1.6 is not classed as -1.6000000001.
        let factor = 10f64.powi(i32::from(self.current_indicator().map_or(6, |i| i.decimals.min(6))));
        match self.change_from.as_deref().and_then(|p| self.series_values(p)) {
            Some(earlier) => current
                .iter()
                .zip(earlier)
                .map(|(now, then)| match (now, then) {
                    (Some(a), Some(b)) => Some(((a - b) * factor).round() / factor),
                    _ => None,
                })
                .collect(),
            None => current.clone(),
        }
    }

    pub(super) fn recolour(&mut self) {
        self.values = self.compute_values();
        let finite: Vec<f64> = self.values.iter().flatten().copied().collect();
        let choropleth = self.current_indicator().map(|indicator| {
            let decimals = indicator.decimals;
            if self.change_from.is_some() {
                let (scheme, increase_is_worse) = match indicator.polarity {
                    Polarity::HigherIsWorse => (Diverging::RedBlue, true),
                    Polarity::HigherIsBetter => (Diverging::RedBlue, false),
                    Polarity::Neither => (Diverging::OrangePurple, true),
                };
                Choropleth::diverging(&finite, self.method, self.classes, decimals, scheme, increase_is_worse)
            } else {
                let higher_is_darker = indicator.polarity != Polarity::HigherIsBetter;
                Choropleth::sequential(&finite, self.method, self.classes, decimals, higher_is_darker)
            }
        });
        self.fills = match &choropleth {
            Some(c) => self.values.iter().map(|v| c.colour_of(*v).map_or(Fill::Hatched, Fill::Solid)).collect(),
            // Geometry only: one calm neutral fill so the outlines read as a map.
            None => vec![Fill::Solid(crate::scale::Rgb(0xe8, 0xee, 0xf4)); self.values.len()],
        };
        self.choropleth = choropleth;
        self.fills_revision = self.fills_revision.wrapping_add(1);
    }

    fn fit(&mut self) {
        if let Some(bounds) = self.geometry.layer(self.geography).and_then(|l| l.projected.bounds) {
            let v = &self.viewport;
            self.viewport = Viewport::fit_within(bounds, v.width, v.height, v.insets());
        }
    }

    /// Changes what is shown. `None` keeps the current choice. An unknown id is an error and
    /// changes nothing. A period the new indicator lacks falls back to its latest period; change
    /// mode is switched off when the new view cannot show it.
    ///
    /// # Errors
    /// [`Error::UnknownIndicator`], [`Error::UnknownGeography`] or [`Error::UnknownPeriod`];
    /// [`Error::Load`] (invalid data) when a layer shown for the first time cannot be built (see
    /// [`Atlas::load`]).
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
        let mut new_geography = match geography {
            Some(id) => self.data.geography_index(id).ok_or_else(|| Error::UnknownGeography(id.to_string()))?,
            None => self.geography,
        };
        // An indicator without figures on the current layer moves to the next coarser layer it
        // has (or its finest), rather than showing an empty map.
        if geography.is_none() {
            if let Some(i) = new_indicator.and_then(|i| self.data.bundle.indicators.get(i)) {
                let has = |g: usize| {
                    let id = &self.data.bundle.geographies[g].id;
                    i.series.iter().any(|s| &s.geography == id)
                };
                if !has(new_geography) {
                    let count = self.data.bundle.geographies.len();
                    new_geography =
                        (new_geography..count).chain(0..new_geography).find(|&g| has(g)).unwrap_or(new_geography);
                }
            }
        }
        if let (Some(p), Some(i)) = (period, new_indicator.and_then(|i| self.data.bundle.indicators.get(i))) {
            if !i.periods.iter().any(|q| q.id == p) {
                return Err(Error::UnknownPeriod(p.to_string()));
            }
        }
        let geography_changed = new_geography != self.geography;
        if geography_changed {
            // A layer not shown before is built now; one that cannot be built is not shown.
            self.ensure_layer(new_geography)?;
        }
        let indicator_changed = new_indicator != self.indicator;
        let selected_code = self.selected.and_then(|a| self.area_code(a));
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
        if indicator_changed || self.change_check(self.change_from.as_deref()).is_err() {
            self.change_from = None;
        }
        if geography_changed {
            self.marked = map::Marked::default();
            self.marks_revision = self.marks_revision.wrapping_add(1);
            self.hovered = None;
            self.focused = None;
            // Carry the selection to the new layer: the area containing it, if the layer is coarser.
            let new_id = self.geography_id().to_string();
            self.selected = selected_code.and_then(|code| {
                let containing = (0..self.data.bundle.geographies.len()).find_map(|g| {
                    let a = self.data.area_index(g, &code)?;
                    self.data.bundle.geographies[g].areas[a].parents.get(&new_id).cloned()
                });
                self.data.area_index(self.geography, containing.as_deref().unwrap_or(&code))
            });
            self.fit();
        }
        self.recolour();
        Ok(())
    }

    /// Sets the classification method (`quantile`, `equal-interval`, `natural-breaks`) and the
    /// number of classes (3–7); `None` keeps the current choice.
    ///
    /// # Errors
    /// [`Error::UnknownMethod`] or [`Error::InvalidClasses`]; nothing changes then.
    pub fn set_classification(&mut self, method: Option<&str>, classes: Option<usize>) -> Result<(), Error> {
        let method = match method {
            Some(id) => Method::from_id(id).ok_or_else(|| Error::UnknownMethod(id.to_string()))?,
            None => self.method,
        };
        let classes = classes.unwrap_or(self.classes);
        if !(MIN_CLASSES..=MAX_CLASSES).contains(&classes) {
            return Err(Error::InvalidClasses(classes));
        }
        self.method = method;
        self.classes = classes;
        self.recolour();
        Ok(())
    }

    /// Checks that the change from `from` to the current period can be shown.
    fn change_check(&self, from: Option<&str>) -> Result<(), Error> {
        let Some(from) = from else { return Ok(()) };
        let indicator = self.current_indicator().ok_or_else(|| Error::UnknownPeriod(from.to_string()))?;
        let to = self.period.clone().unwrap_or_default();
        let position = |id: &str| indicator.periods.iter().position(|p| p.id == id);
        let start = position(from).ok_or_else(|| Error::UnknownPeriod(from.to_string()))?;
        let end = position(&to).ok_or_else(|| Error::UnknownPeriod(to.clone()))?;
        let refuse = |reason: String| Error::ChangeNotComparable { from: from.to_string(), to: to.clone(), reason };
        if start >= end {
            return Err(refuse(format!("choose a period before {to} to compare with")));
        }
        if self.series_values(from).is_none() {
            return Err(refuse(format!("{from} has no figures for this geography")));
        }
        if let Some(changed) = indicator.periods[start + 1..=end].iter().find(|p| p.change_note.is_some()) {
            return Err(refuse(format!(
                "the definition or boundaries changed at {} (see the note under the map)",
                changed.label
            )));
        }
        Ok(())
    }

    /// Shows the change from an earlier period to the current one (`None` switches it off).
    ///
    /// # Errors
    /// [`Error::UnknownPeriod`] or [`Error::ChangeNotComparable`] with the reason; nothing
    /// changes then.
    pub fn set_change(&mut self, from: Option<&str>) -> Result<(), Error> {
        self.change_check(from)?;
        self.change_from = from.map(str::to_string);
        self.recolour();
        Ok(())
    }

    /// Whether a change from `from` to the current period can be shown, with the reason if not.
    pub fn change_refusal(&self, from: &str) -> Option<String> {
        self.change_check(Some(from)).err().map(|e| e.to_string())
    }

    /// The current view by ids.
    pub fn state(&self) -> ViewState {
        ViewState {
            indicator: self.current_indicator().map(|i| i.id.clone()),
            geography: self.geography_id().to_string(),
            period: self.period.clone(),
            area: self.selected.and_then(|a| self.area_code(a)),
            method: self.method.id().to_string(),
            classes: self.classes,
            change_from: self.change_from.clone(),
        }
    }

    pub(super) fn area_code(&self, area: usize) -> Option<String> {
        Some(self.data.bundle.geographies.get(self.geography)?.areas.get(area)?.code.clone())
    }

    /// Resizes the map box (CSS pixels), keeping zoom and centre.
    pub fn resize(&mut self, width: f64, height: f64) {
        self.resize_within(width, height, self.viewport.insets());
    }

    /// Sets the strips along the map box's edges that controls cover; a view that is still the
    /// fitted one fits again in the free part (see [`Viewport::fit_within`]).
    pub fn set_insets(&mut self, insets: Insets) {
        self.resize_within(self.viewport.width, self.viewport.height, insets);
    }

    fn resize_within(&mut self, width: f64, height: f64, insets: Insets) {
        match self.geometry.layer(self.geography).and_then(|l| l.projected.bounds) {
            Some(bounds) => self.viewport.resize(bounds, width, height, insets),
            None => {
                let unit = Rect::new(coord! {x: 0.0, y: 0.0}, coord! {x: 1.0, y: 1.0});
                self.viewport = Viewport::fit_within(unit, width, height, insets);
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

    /// The base picture's fills alone: [`Atlas::base_scene`] less [`Atlas::border_items`].
    pub fn fill_scene(&self) -> Scene {
        map::fill_scene(&self.geometry, self.geography, &self.viewport, &self.fills)
    }

    /// What the base picture's borders depend on: equal keys, equal [`Atlas::border_items`]. The
    /// district layer counts only once its shapes are built, so the key says which lines exist.
    pub fn borders_key(&self) -> map::BordersKey {
        let districts = self.data.geography_index(DISTRICT_GEOGRAPHY).filter(|&d| self.geometry.layer(d).is_some());
        map::BordersKey::new(self.geography, districts, &self.viewport)
    }

    /// The base picture's area and district borders, drawn over its fills.
    pub fn border_items(&self) -> Vec<crate::render::Item> {
        map::border_items(&self.geometry, &self.borders_key())
    }

    /// Outlines areas of the current layer (by index) as a patch and as its comparison group;
    /// indices out of range are ignored. Cleared when the layer changes (the page sends the new
    /// layer's).
    pub fn set_marked(&mut self, patch: &[u32], comparison: &[u32]) {
        let n = self.fills.len();
        let keep = |list: &[u32]| list.iter().map(|&i| i as usize).filter(|&i| i < n).collect();
        self.marked = map::Marked { patch: keep(patch), comparison: keep(comparison) };
        self.marks_revision = self.marks_revision.wrapping_add(1);
    }

    /// Replaces the fills of the current layer with `colours` (`0xrrggbb` per area; any value
    /// above `0xffffff` is drawn hatched, "no data"), e.g. for the bivariate map; an empty list or
    /// one of the wrong length restores the classes. Any later view change restores them too.
    pub fn set_fills(&mut self, colours: &[u32]) {
        if colours.len() == self.fills.len() && !colours.is_empty() {
            let rgb = |c: u32| crate::scale::Rgb((c >> 16) as u8, (c >> 8) as u8, c as u8);
            self.fills =
                colours.iter().map(|&c| if c > 0xff_ffff { Fill::Hatched } else { Fill::Solid(rgb(c)) }).collect();
            self.fills_revision = self.fills_revision.wrapping_add(1);
        } else {
            self.recolour();
        }
    }

    /// Hover and selection outlines.
    pub fn overlay_scene(&self) -> Scene {
        let highlights = map::Highlights { hovered: self.hovered, selected: self.selected, focused: self.focused };
        map::overlay_scene(&self.geometry, self.geography, &self.viewport, highlights, &self.marked)
    }

    /// The area under a point in CSS pixels.
    pub fn area_at(&self, x: f64, y: f64) -> Option<usize> {
        let layer = self.geometry.layer(self.geography)?;
        layer.hit.area_at(&layer.projected, self.viewport.to_world([x, y]))
    }

    /// A point inside an area of the current layer, in CSS pixels of the map box (for automation,
    /// tests and keyboard focus). `None` for an unknown code.
    pub fn screen_point_of(&self, code: &str) -> Option<[f64; 2]> {
        let area = self.data.area_index(self.geography, code)?;
        let shape = self.geometry.layer(self.geography)?.projected.areas.get(area)?;
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

    /// Hovers the area with `code` on the current layer as if the pointer were on it (e.g. from a
    /// point of the work × health plot); `None` or an unknown code clears the hover. True when the
    /// hovered area changed.
    pub fn hover_code(&mut self, code: Option<&str>) -> bool {
        let area = code.and_then(|c| self.data.area_index(self.geography, c));
        let changed = area != self.hovered;
        self.hovered = area;
        changed
    }

    /// Clears the hover (pointer left the map); true when something was hovered.
    pub fn clear_hover(&mut self) -> bool {
        self.hovered.take().is_some()
    }

    /// Selects the area at a point (no zoom: the user is looking at it); `None` when the point
    /// is outside every area, which clears the selection.
    pub fn select_at(&mut self, x: f64, y: f64) -> Option<super::AreaInfo> {
        self.selected = self.area_at(x, y);
        self.selected.and_then(|a| self.info(a))
    }

    /// Selects an area of the current layer by code and zooms to it (it was chosen from outside
    /// the map, so the map brings it into view).
    ///
    /// # Errors
    /// [`Error::UnknownArea`] when the layer has no such code.
    pub fn select_code(&mut self, code: &str) -> Result<super::AreaInfo, Error> {
        let area = self.data.area_index(self.geography, code).ok_or_else(|| Error::UnknownArea(code.to_string()))?;
        self.selected = Some(area);
        if let Some(Some(rect)) = self.geometry.layer(self.geography).map(|l| l.projected.boxes[area]) {
            self.viewport.zoom_to(rect, ZOOM_TO_FRACTION);
        }
        self.info(area).ok_or_else(|| Error::UnknownArea(code.to_string()))
    }

    /// Zooms to the areas of the current layer with these indices (a patch, its comparison
    /// areas), all in view. Returns false, changing nothing, when none of them has a shape.
    pub fn zoom_to_areas(&mut self, areas: &[u32]) -> bool {
        let Some(layer) = self.geometry.layer(self.geography) else { return false };
        let boxes = areas.iter().filter_map(|&a| layer.projected.boxes.get(a as usize).copied().flatten());
        let Some(union) = boxes.reduce(|a, b| {
            let (min, max) = (a.min(), a.max());
            geo::Rect::new(
                geo::coord! { x: min.x.min(b.min().x), y: min.y.min(b.min().y) },
                geo::coord! { x: max.x.max(b.max().x), y: max.y.max(b.max().y) },
            )
        }) else {
            return false;
        };
        // A set of areas is the subject of the view: it fills most of it.
        self.viewport.zoom_to(union, 0.8);
        true
    }

    /// Clears the selection.
    pub fn clear_selection(&mut self) {
        self.selected = None;
    }

    /// The geometry of the current layer (for keyboard navigation).
    pub(super) fn layer_geometry(&self) -> Option<&crate::layout::geometry::LayerGeometry> {
        self.geometry.layer(self.geography)
    }

    /// The geometry of any built layer (for place names).
    pub(super) fn geometry_of(&self, geography: usize) -> Option<&crate::layout::geometry::LayerGeometry> {
        self.geometry.layer(geography)
    }

    /// Mutable viewport (for keeping the keyboard focus in view).
    pub(super) fn viewport_mut(&mut self) -> &mut Viewport {
        &mut self.viewport
    }

    /// The search index over every layer's names and codes.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(&self.data))
    }

    /// Whether the current indicator has figures on a geography.
    pub(super) fn indicator_has(&self, geography: usize) -> bool {
        let id = self.data.bundle.geographies.get(geography).map(|g| g.id.as_str());
        self.current_indicator().is_some_and(|i| i.series.iter().any(|s| Some(s.geography.as_str()) == id))
    }

    /// Switches to `geography` (keeping indicator and period where possible).
    pub(super) fn switch_geography(&mut self, geography: usize) {
        if geography != self.geography {
            let id = self.data.bundle.geographies[geography].id.clone();
            // The id comes from the dataset itself, so this cannot fail.
            let _ = self.set_view(None, Some(&id), None);
        }
    }
}
