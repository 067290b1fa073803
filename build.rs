//! Link settings of the browser modules.
//!
//! The shadow stack: rustc gives a wasm module a 1 MiB stack at the start of its linear memory,
//! and every page pays for it in memory. Only data whose address is taken lives there (locals
//! and calls use the engine's own stack), so the widget's modules use a few kB of it: measured
//! in Chromium as the lowest byte written below the stack's top after a busy session (select,
//! four indicators, three layers, every chart tab, CSV, PNG and SVG exports, hover), the map
//! module went 4.7 kB deep, the chart module 2.9 kB and the analysis module 6.1 kB. 128 kB is
//! twenty times that and saves 0.9 MB per module. The data importer keeps the default: it reads
//! JSON of any nesting a page may give it. An overflow traps (the stack comes first, so it runs
//! out below address 0), which the element reports and recovers from like a panic.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    if wasm && std::env::var_os("CARGO_FEATURE_IMPORT_SHELL").is_none() {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size=131072");
    }
}
