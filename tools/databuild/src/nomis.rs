//! Nomis CSV importer (`databuild nomis`): adds a monthly count per LSOA (period ids `YYYY-MM`)
//! from a Nomis CSV download to an existing bundle, with sums for every higher layer and the
//! city region, so a new month of e.g. the claimant count needs no code change.
//!
//! Every problem in the CSV is reported with its location (`file:line column NAME (code)`) before
//! anything is written; the finished bundle must pass the widget's own validation.

pub mod layout;
pub mod meta;
pub mod month;
pub mod series;

use crate::diag::Diagnostics;
use crate::table::Table;
use meta::NomisMeta;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use work_health_atlas::model::bundle::Bundle;
use work_health_atlas::model::validate::{validate, Severity};

/// Usage of the subcommand.
pub const USAGE: &str =
    "usage: databuild nomis --input FILE.csv --meta META.json --out OUT.json [--bundle data/atlas.json]
  --input   Nomis CSV: columns GEOGRAPHY_CODE, DATE_CODE/DATE/DATE_NAME, OBS_VALUE (any case, _ or space)
  --meta    indicator metadata JSON (see data/README.md, \"Adding a monthly series (Nomis)\")
  --out     bundle to write (may be the same file as --bundle)
  --bundle  bundle to add the series to (default: data/atlas.json under the workspace root)";

/// Paths given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Bundle read.
    pub bundle: PathBuf,
    /// Nomis CSV.
    pub input: PathBuf,
    /// Metadata JSON.
    pub meta: PathBuf,
    /// Bundle written.
    pub out: PathBuf,
}

impl Options {
    /// Parses `--name value` pairs; unknown or missing flags are errors with the usage.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut given: BTreeMap<&str, PathBuf> = BTreeMap::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let name = match flag.as_str() {
                n @ ("--bundle" | "--input" | "--meta" | "--out") => n,
                other => return Err(format!("unknown argument \"{other}\"\n{USAGE}")),
            };
            let value = it.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"))?;
            given.insert(name, PathBuf::from(value));
        }
        let mut take = |name: &str| given.remove(name).ok_or_else(|| format!("missing {name}\n{USAGE}"));
        let (input, meta, out) = (take("--input")?, take("--meta")?, take("--out")?);
        let bundle = take("--bundle").unwrap_or_else(|_| crate::workspace_root().join("data/atlas.json"));
        Ok(Options { bundle, input, meta, out })
    }
}

/// A successful import, not yet written.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new bundle, serialised exactly as the builder writes bundles.
    pub bytes: Vec<u8>,
    /// The new bundle.
    pub bundle: Bundle,
    /// What was done, for people.
    pub summary: Vec<String>,
    /// Validation warnings of the new bundle.
    pub warnings: Vec<String>,
}

/// Adds the counts of `csv` (named `csv_name` in messages) to `bundle` as indicator `meta.id`.
/// Returns every error found (CSV and bundle validation) instead of a bundle when any is found.
pub fn import(mut bundle: Bundle, csv: &str, csv_name: &str, meta: &NomisMeta) -> Result<Imported, Vec<String>> {
    let mut diags = Diagnostics::default();
    let lsoa: BTreeMap<String, usize> = bundle
        .geographies
        .iter()
        .find(|g| g.id == series::LSOA)
        .map(|g| g.areas.iter().enumerate().map(|(i, a)| (a.code.clone(), i)).collect())
        .unwrap_or_default();
    let obs = Table::parse(csv, csv_name, &mut diags).and_then(|t| layout::read(&t, &lsoa, &mut diags));
    let mut errors: Vec<String> = diags.errors().map(crate::diag::line).collect();
    let Some(obs) = obs.filter(|_| errors.is_empty()) else { return Err(errors) };
    let months: Vec<month::Month> = obs.months.keys().copied().collect();
    errors.extend(meta.unused_change_notes(&months, "metadata"));
    if !errors.is_empty() {
        return Err(errors);
    }
    let indicator = series::indicator(&bundle, meta, &obs).map_err(|e| vec![e])?;
    let summary = summary(&obs, &indicator);
    series::insert(&mut bundle, indicator);
    let (errors, warnings): (Vec<_>, Vec<_>) =
        validate(&bundle).into_iter().partition(|i| i.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(errors.iter().map(|i| format!("error: bundle {}: {}", i.location, i.message)).collect());
    }
    if let Err(e) = work_health_atlas::model::Dataset::from_bundle(bundle.clone()) {
        return Err(vec![format!("error: bundle: the widget cannot load the result: {e}")]);
    }
    let bytes =
        crate::output::to_json(&bundle).map_err(|e| vec![format!("error: cannot serialise the bundle: {e}")])?;
    let warnings = warnings.iter().map(|i| format!("warning: bundle {}: {}", i.location, i.message)).collect();
    Ok(Imported { bytes, bundle, summary, warnings })
}

fn summary(obs: &layout::Observations, ind: &work_health_atlas::model::bundle::Indicator) -> Vec<String> {
    let mut lines = vec![format!(
        "indicator {}: {} month(s) {}, {} count row(s) read, {} other-measure row(s) skipped",
        ind.id,
        ind.periods.len(),
        ind.periods.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(" "),
        obs.rows_used,
        obs.rows_skipped
    )];
    for (month, counts) in &obs.months {
        let present = counts.iter().flatten().count();
        lines.push(format!("  {}: {present} of {} LSOAs have a count", month.id(), counts.len()));
    }
    lines
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("error: {}: {e}", path.display()))
}

/// Reads the three inputs and imports; nothing is written.
pub fn import_files(opts: &Options) -> Result<Imported, String> {
    let bundle: Bundle = serde_json::from_slice(&read(&opts.bundle)?)
        .map_err(|e| format!("error: {}: not a bundle: {e}", opts.bundle.display()))?;
    let meta = NomisMeta::parse(&read(&opts.meta)?, &opts.meta.display().to_string())?;
    // Codes, dates and counts are ASCII; a stray non-UTF-8 byte in a name must not stop the import.
    let csv = String::from_utf8_lossy(&read(&opts.input)?).into_owned();
    import(bundle, &csv, &opts.input.display().to_string(), &meta).map_err(|errors| {
        format!("{}\nnomis import failed: {} error(s); nothing written", errors.join("\n"), errors.len())
    })
}

/// Writes through a temporary file so a failed write never leaves half a bundle at `path`.
fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("error: {}: {e}", dir.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| format!("error: {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("error: {}: {e}", path.display()))
}

/// Runs the `nomis` subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = Options::parse(args)?;
    let imported = import_files(&opts)?;
    for w in &imported.warnings {
        eprintln!("{w}");
    }
    write(&opts.out, &imported.bytes)?;
    for line in &imported.summary {
        println!("{line}");
    }
    println!(
        "{}: {} bytes raw, {} bytes gzip",
        opts.out.display(),
        imported.bytes.len(),
        crate::output::gzip_len(&imported.bytes)
    );
    Ok(())
}
