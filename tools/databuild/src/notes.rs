//! Bundle-level attribution lines, vintage stamp and method notes (from `SOURCES.md`).

/// The vintage stamp shown in the widget footer.
pub const VINTAGE: &str = "LCR atlas data 2025-11 (IoD2025, Census 2021, ONS Health Index 2015–2021)";

/// Lines that must travel with any view or export.
pub fn attribution() -> Vec<String> {
    [
        "Contains public sector information licensed under the Open Government Licence v3.0.",
        "Source: Office for National Statistics (Census 2011 & 2021, Health Index, population estimates); Ministry of Housing, Communities and Local Government (English Indices of Deprivation 2010/2019/2025).",
        "Contains OS data © Crown copyright and database right 2025 (boundaries).",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Method notes for the bundle as a whole.
pub fn notes() -> Vec<String> {
    let geometry = format!(
        "Geometry: ONS LSOA 2021 boundaries (super generalised) as shared arcs on a {} degree grid; MSOAs, wards (best-fit, approximate) and districts are dissolved from LSOAs when the bundle is loaded.",
        1.0 / crate::geojson::STEPS_PER_DEGREE
    );
    [
        geometry.as_str(),
        "Higher layers and the city region are sums of LSOA numerators over sums of denominators, never averages of rates; estimates are flagged and their method stated.",
        "Older LSOA vintages are converted with the ONS lookups: unchanged copied, merged summed, split shared by Census 2021 population.",
        "Full methods: data/README.md in the widget's repository.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}
