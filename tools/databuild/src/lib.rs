//! The Work & Health Atlas data builder: reads public source files (ONS, MHCLG) from a raw folder
//! and writes the widget's data bundle (`data/atlas.json`) and postcode index
//! (`data/postcodes.json`), deterministically, after checking every input.

pub mod aggregate;
pub mod areas;
pub mod build;
pub mod census;
pub mod comparators;
pub mod convert;
pub mod deprivation;
pub mod diag;
pub mod geojson;
pub mod geometry;
pub mod health_index;
pub mod imd;
pub mod lookups;
pub mod meta;
pub mod nomis;
pub mod notes;
pub mod output;
pub mod population;
pub mod postcodes;
pub mod sources;
pub mod table;
pub mod topo;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
