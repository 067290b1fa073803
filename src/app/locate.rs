//! Choosing an area from outside the map: a search result (any layer) or a postcode. The map
//! switches to the result's layer when the indicator has figures there; otherwise it selects the
//! area of the current layer that contains it. Either way the area is selected and zoomed to.

use super::atlas::Atlas;
use super::describe::AreaInfo;
use crate::model::postcodes::{PostcodeFile, PostcodeIndex};
use crate::Error;
use serde::Serialize;

/// What a postcode search found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostcodeAnswer {
    /// The postcode in standard form.
    pub postcode: String,
    /// Its LSOA 2021 code.
    pub lsoa: String,
    /// True when the LSOA is estimated (a postcode newer than the ONS lookup).
    pub estimated: bool,
    /// The selected area of the current layer.
    pub area: AreaInfo,
    /// A sentence for people: "L4 0TH is in Anfield (wards)."
    pub message: String,
}

/// What choosing a search result showed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chosen {
    /// The selected area: the result itself, or the current layer's area containing it.
    pub area: AreaInfo,
    /// A sentence for people: "Showing Anfield, Liverpool." or "Everton East has no figures for
    /// this indicator; showing Liverpool 018, Liverpool, which contains it."
    pub message: String,
}

impl Atlas {
    /// Selects a search result's area, as [`Atlas::locate`], and says what is shown.
    ///
    /// # Errors
    /// [`Error::UnknownArea`] when no layer has the code.
    pub fn choose(&mut self, code: &str) -> Result<Chosen, Error> {
        let area = self.locate(code)?;
        let message = if area.code == code {
            format!("Showing {}.", area.heading)
        } else {
            let name = (0..self.data.bundle.geographies.len())
                .find_map(|g| {
                    Some(self.data.bundle.geographies[g].areas.get(self.data.area_index(g, code)?)?.name.clone())
                })
                .unwrap_or_else(|| code.to_string());
            format!("{name} has no figures for this indicator; showing {}, which contains it.", area.heading)
        };
        Ok(Chosen { area, message })
    }

    /// Selects the area with `code` in whichever layer has it (see the module docs).
    ///
    /// # Errors
    /// [`Error::UnknownArea`] when no layer has the code.
    pub fn locate(&mut self, code: &str) -> Result<AreaInfo, Error> {
        if self.data.area_index(self.geography, code).is_some() {
            return self.select_code(code);
        }
        let (geography, area) = (0..self.data.bundle.geographies.len())
            .find_map(|g| self.data.area_index(g, code).map(|a| (g, a)))
            .ok_or_else(|| Error::UnknownArea(code.to_string()))?;
        if self.indicator_has(geography) || self.current_indicator().is_none() {
            self.switch_geography(geography);
            return self.select_code(code);
        }
        // The indicator has no figures on that layer: select the current layer's area holding it.
        let current = self.geography_id().to_string();
        let parent = self.data.bundle.geographies[geography].areas[area].parents.get(&current).cloned();
        match parent {
            Some(parent) => self.select_code(&parent),
            None => {
                self.switch_geography(geography);
                self.select_code(code)
            }
        }
    }

    /// Installs the postcode index (fetched by the page on first use).
    ///
    /// # Errors
    /// [`Error::InvalidStructure`] when the file is not a valid index.
    pub fn load_postcodes(&mut self, file: PostcodeFile) -> Result<usize, Error> {
        let index = PostcodeIndex::from_file(file).map_err(Error::InvalidStructure)?;
        let count = index.len();
        self.postcodes = Some(index);
        Ok(count)
    }

    /// Whether the postcode index is loaded.
    pub fn has_postcodes(&self) -> bool {
        self.postcodes.is_some()
    }

    /// Selects the area of the current layer containing a postcode's LSOA.
    ///
    /// # Errors
    /// [`Error::UnknownPostcode`] with a sentence for people when the postcode is unknown or the
    /// index is not loaded; [`Error::UnknownArea`] if the bundle lacks the LSOA.
    pub fn locate_postcode(&mut self, query: &str) -> Result<PostcodeAnswer, Error> {
        let shown = query.trim().to_ascii_uppercase();
        let index =
            self.postcodes.as_ref().ok_or_else(|| Error::UnknownPostcode("postcodes are not loaded yet".into()))?;
        let found = index.lookup(query).ok_or_else(|| {
            Error::UnknownPostcode(format!(
                "{shown} is not a live Liverpool City Region postcode in the lookup (ONS NSPL / OS Code-Point Open)"
            ))
        })?;
        let current = self.geography_id().to_string();
        let lsoa_layer = self.data.geography_index("lsoa").ok_or_else(|| Error::UnknownArea(found.lsoa.clone()))?;
        let lsoa =
            self.data.area_index(lsoa_layer, &found.lsoa).ok_or_else(|| Error::UnknownArea(found.lsoa.clone()))?;
        let code = if current == "lsoa" {
            found.lsoa.clone()
        } else {
            self.data.bundle.geographies[lsoa_layer].areas[lsoa]
                .parents
                .get(&current)
                .cloned()
                .ok_or_else(|| Error::UnknownArea(found.lsoa.clone()))?
        };
        let area = self.select_code(&code)?;
        let noun = self.data.bundle.geographies[self.geography].noun_plural.clone();
        let mut message = format!("{} is in {} ({noun}).", found.postcode, area.heading);
        if found.estimated {
            message.push_str(" Its neighbourhood is estimated from the nearest coded postcode.");
        }
        Ok(PostcodeAnswer { postcode: found.postcode, lsoa: found.lsoa, estimated: found.estimated, area, message })
    }
}
