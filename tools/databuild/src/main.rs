//! `databuild` command line: `build` writes `data/` from the raw folder, folding in any overlay
//! files given with `--overlay`; `import` turns a downloaded CSV (Nomis, Stat-Xplore, community
//! template) into an overlay file with the importer the browser runs (see data/README.md); `pack`
//! writes a bundle's JSON in the packed form the widget embeds and reads fastest as `src`.

use databuild::build::build_all_with;
use databuild::cli::Flags;
use databuild::diag::{line, Diagnostics};
use databuild::output::gzip_len;
use databuild::overlays::OverlayText;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  databuild build [--raw DIR] [--out DIR] [--overlay OVERLAY.json]...
      DIR defaults: --raw ../shared/data/raw (relative to the workspace root), --out data;
      each --overlay file's indicators are checked and added to the bundle
  databuild import --input FILE.csv --out OVERLAY.json [--meta META.json] [--bundle data/atlas.json]
                   [--lookups data/lookups.json]
      reads a Nomis, Stat-Xplore or community-template CSV into an overlay file (see data/README.md)
  databuild pack --input BUNDLE.json --out BUNDLE.bin
      checks a bundle as the widget does and writes it in packed form (a faster `src`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => run_build(&args[1..]),
        Some("import") => databuild::import::run(&args[1..]),
        Some("pack") => run_pack(&args[1..]),
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

/// Packs a bundle after the widget's own checks, so a packed `src` fails here, not on a page.
fn run_pack(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--input", "--out"], &[], USAGE)?;
    let (Some(input), Some(out)) = (flags.one("--input"), flags.one("--out")) else {
        return Err(USAGE.to_string());
    };
    let text = std::fs::read(input).map_err(|e| format!("error: {input}: {e}"))?;
    let bundle: work_health_atlas::model::Bundle =
        serde_json::from_slice(&text).map_err(|e| format!("error: {input}: {e}"))?;
    // The widget's own checks, on a copy: loading dissolves layers and derives values in place.
    let dataset =
        work_health_atlas::model::Dataset::from_bundle(bundle.clone()).map_err(|e| format!("error: {input}: {e}"))?;
    for warning in &dataset.warnings {
        eprintln!("warning: {input}: {warning}");
    }
    let packed = work_health_atlas::model::packed::encode(&bundle);
    write(Path::new(out), &packed)?;
    println!("{out}: {} bytes raw, {} bytes gzip", packed.len(), gzip_len(&packed));
    Ok(())
}

fn run_build(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--raw", "--out"], &["--overlay"], USAGE)?;
    let root = databuild::workspace_root();
    let raw = flags.one("--raw").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/raw"));
    let out = flags.one("--out").map(PathBuf::from).unwrap_or_else(|| root.join("data"));
    let overlays = flags
        .all("--overlay")
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| format!("error: overlay {path}: {e}"))?;
            Ok(OverlayText { origin: path.clone(), text })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut diags = Diagnostics::default();
    let built = build_all_with(&raw, &overlays, &mut diags);
    for w in diags.warnings() {
        eprintln!("{}", line(w));
    }
    let errors: Vec<String> = diags.errors().map(line).collect();
    let Some(built) = built.filter(|_| errors.is_empty()) else {
        return Err(format!("{}\nbuild failed: {} error(s)", errors.join("\n"), errors.len()));
    };
    write(&out.join("atlas.json"), &built.atlas)?;
    write(&out.join("atlas.bin"), &built.packed)?;
    write(&out.join("atlas-first.bin"), &built.first_view)?;
    write(&out.join("atlas-more.bin"), &built.more)?;
    write(&out.join("postcodes.json"), &built.postcodes)?;
    write(&out.join("lookups.json"), &built.lookups)?;
    println!("{} warning(s)", diags.warnings().count());
    for folded in &built.folded {
        println!("{folded}");
    }
    for (name, bytes) in [
        ("atlas.json", &built.atlas),
        ("atlas.bin", &built.packed),
        ("atlas-first.bin", &built.first_view),
        ("atlas-more.bin", &built.more),
        ("postcodes.json", &built.postcodes),
        ("lookups.json", &built.lookups),
    ] {
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
