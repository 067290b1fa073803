//! Where an area is, in words a resident knows: a neighbourhood (LSOA) is "in Linacre ward,
//! Sefton", a ward or an MSOA is in its district. LSOA names ("Sefton 037D") say nothing about the
//! place; the ward and district they sit in do.

use super::atlas::DISTRICT_GEOGRAPHY as DISTRICT;
use crate::model::Dataset;

/// The layer id of wards, named as an LSOA's context.
pub(super) const WARD: &str = "ward";

/// The name of the `parent_layer` area that holds area `area` of layer `geography`, if any.
fn parent_name(data: &Dataset, geography: usize, area: usize, parent_layer: &str) -> Option<String> {
    let code = data.bundle.geographies.get(geography)?.areas.get(area)?.parents.get(parent_layer)?;
    let layer = data.geography_index(parent_layer)?;
    Some(data.bundle.geographies[layer].areas.get(data.area_index(layer, code)?)?.name.clone())
}

/// "in Linacre ward, Sefton" for an LSOA, "Sefton" for an area in a district, or None (a
/// district, or an area whose parents the bundle does not name).
pub fn context(data: &Dataset, geography: usize, area: usize) -> Option<String> {
    context_in(parent_name(data, geography, area, WARD), parent_name(data, geography, area, DISTRICT))
}

/// The context of an area in `ward` and `district` (either may be unknown), as [`context`]; for
/// callers that already hold the district's name.
pub fn context_in(ward: Option<String>, district: Option<String>) -> Option<String> {
    match (ward, district) {
        (Some(ward), Some(district)) => Some(format!("in {ward} ward, {district}")),
        (Some(ward), None) => Some(format!("in {ward} ward")),
        (None, district) => district,
    }
}

/// The name of the ward that holds area `area` of layer `geography`, if the bundle names one.
pub fn ward_of(data: &Dataset, geography: usize, area: usize) -> Option<String> {
    parent_name(data, geography, area, WARD)
}

/// An area's name with its context: "Sefton 037D, in Linacre ward, Sefton", "Anfield,
/// Liverpool", or the name alone (a district, or a context that only repeats the name).
pub fn name_in_place(name: &str, context: Option<&str>) -> String {
    match context {
        Some(context) if context != name => format!("{name}, {context}"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_their_place_once() {
        assert_eq!(
            name_in_place("Sefton 037D", Some("in Linacre ward, Sefton")),
            "Sefton 037D, in Linacre ward, Sefton"
        );
        assert_eq!(name_in_place("Anfield", Some("Liverpool")), "Anfield, Liverpool");
        assert_eq!(name_in_place("Wirral", Some("Wirral")), "Wirral");
        assert_eq!(name_in_place("Wirral", None), "Wirral");
    }
}
