//! `databuild` command line: `build` writes the bundle from the raw folder; `nomis` adds a
//! monthly series from a Nomis bulk CSV to an existing bundle.

use databuild::build::build_all;
use databuild::diag::{line, Diagnostics};
use databuild::output::gzip_len;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  databuild build [--raw DIR] [--out DIR]
      DIR defaults: --raw ../shared/data/raw (relative to the workspace root), --out data
  databuild nomis --input FILE.csv --meta META.json --out OUT.json [--bundle data/atlas.json]
      adds a monthly per-LSOA count from a Nomis CSV (see data/README.md)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => run_build(&args[1..]),
        Some("nomis") => databuild::nomis::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name`, if given.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn run_build(args: &[String]) -> Result<(), String> {
    let root = databuild::workspace_root();
    let raw = flag(args, "--raw").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/raw"));
    let out = flag(args, "--out").map(PathBuf::from).unwrap_or_else(|| root.join("data"));
    let mut diags = Diagnostics::default();
    let built = build_all(&raw, &mut diags);
    for w in diags.warnings() {
        eprintln!("{}", line(w));
    }
    let errors: Vec<String> = diags.errors().map(line).collect();
    let Some(built) = built.filter(|_| errors.is_empty()) else {
        return Err(format!("{}\nbuild failed: {} error(s)", errors.join("\n"), errors.len()));
    };
    write(&out.join("atlas.json"), &built.atlas)?;
    write(&out.join("postcodes.json"), &built.postcodes)?;
    write(&out.join("lookups.json"), &built.lookups)?;
    println!("{} warning(s)", diags.warnings().count());
    for (name, bytes) in
        [("atlas.json", &built.atlas), ("postcodes.json", &built.postcodes), ("lookups.json", &built.lookups)]
    {
        println!("{name}: {} bytes raw, {} bytes gzip", bytes.len(), gzip_len(bytes));
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
