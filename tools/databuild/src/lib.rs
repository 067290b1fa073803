//! The Work & Health Atlas data builder: reads public source files (ONS, MHCLG) from a raw folder
//! and writes the widget's data bundle (`data/atlas.json`), postcode index
//! (`data/postcodes.json`) and importer reference data (`data/lookups.json`), deterministically,
//! after checking every input. Overlay files can be folded into the bundle ([`overlays`]).
//!
//! Added data goes through the importer the browser runs (`work_health_atlas::import`): the
//! [`import`] subcommand turns a downloaded CSV into an overlay file with it, and [`overlays`]
//! checks overlays with it — there is no second importer here.

pub mod aggregate;
pub mod areas;
pub mod build;
pub mod census;
pub mod cli;
pub mod comparators;
pub mod convert;
pub mod deprivation;
pub mod diag;
pub mod geojson;
pub mod geometry;
pub mod health_index;
pub mod household;
pub mod imd;
pub mod import;
pub mod lookups;
pub mod meta;
pub mod notes;
pub mod output;
pub mod overlays;
pub mod population;
pub mod postcodes;
pub mod sources;
pub mod splits;
pub mod table;
pub mod topo;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
