//! `databuild import`: reads one CSV — a Nomis API or web download, a Stat-Xplore export, or the
//! community template — with the same importer the browser's *Add data* panel runs
//! (`work_health_atlas::import::import_file`), prints every problem and the summary, and writes the
//! indicators as an overlay file (`work-health-atlas/overlay` version 1), which
//! `databuild build --overlay` folds into `data/` and the atlas can load with `series-src`.
//!
//! Nothing is written when no indicator could be made; rows with errors are left out of an
//! overlay that is written, and counted.

use crate::cli::Flags;
use crate::diag::problem_line;
use crate::overlays::says_synthetic;
use std::path::{Path, PathBuf};
use work_health_atlas::import::{self as shared, Imported, Problem, Reference, SeriesMeta, Severity};
use work_health_atlas::model::bundle::Bundle;

/// Usage of the subcommand.
pub const USAGE: &str = "usage: databuild import --input FILE.csv --out OVERLAY.json [--meta META.json] \
[--bundle data/atlas.json] [--lookups data/lookups.json]
  --input    the CSV: a Nomis API or web download, a Stat-Xplore export, or the community template
  --out      the overlay file to write (work-health-atlas/overlay version 1)
  --meta     a SeriesMeta JSON describing the figures; needed for the community template and for
             files of a dataset the atlas does not recognise
  --bundle   the atlas's own bundle, without overlays (default data/atlas.json under the workspace root)
  --lookups  the reference data (default data/lookups.json under the workspace root)";

/// The `--meta` format, shown when a description is needed or cannot be read.
pub const META_FORMAT: &str = r#"--meta takes a SeriesMeta JSON file:
  {
    "name": "People helped into work",
    "unit": "%",                      (or a unit word such as "people")
    "polarity": "higher-is-better",   (or "higher-is-worse", "neither")
    "source": "Our employment project",
    "licence": "CC BY 4.0",
    "id": "people-helped-into-work",  (optional; made from the name when absent)
    "theme": "work"                   (optional: "work", "health", "care" or "deprivation")
  }"#;

/// Paths given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The CSV to import.
    pub input: PathBuf,
    /// The overlay file to write.
    pub out: PathBuf,
    /// The description of unrecognised figures, when given.
    pub meta: Option<PathBuf>,
    /// The atlas's bundle (the areas and the shipped indicator ids).
    pub bundle: PathBuf,
    /// The reference data (residents aged 16–64, the LSOA 2011 → 2021 lookup).
    pub lookups: PathBuf,
}

impl Options {
    /// Parses the flags; `--input` and `--out` are required, `--bundle` and `--lookups` default
    /// to `data/` under the workspace root.
    ///
    /// # Errors
    /// Unknown, repeated or missing flags, with the usage.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let flags = Flags::parse(args, &["--input", "--out", "--meta", "--bundle", "--lookups"], &[], USAGE)?;
        let required =
            |name: &str| flags.one(name).map(PathBuf::from).ok_or_else(|| format!("missing {name}\n{USAGE}"));
        let data = |name: &str, file: &str| {
            flags.one(name).map(PathBuf::from).unwrap_or_else(|| crate::workspace_root().join("data").join(file))
        };
        Ok(Options {
            input: required("--input")?,
            out: required("--out")?,
            meta: flags.one("--meta").map(PathBuf::from),
            bundle: data("--bundle", "atlas.json"),
            lookups: data("--lookups", "lookups.json"),
        })
    }
}

/// The result of importing, before anything is written.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What the importer made and found.
    pub imported: Imported,
    /// The overlay file's text; `None` when no indicator was made.
    pub overlay: Option<String>,
    /// True when an indicator says it holds SYNTHETIC test figures (the overlay says so too).
    pub synthetic: bool,
    /// Warnings of the overlay check (e.g. a month with no figures at all), located in the
    /// overlay as the build will report them.
    pub overlay_notes: Vec<Problem>,
}

impl Outcome {
    /// Every problem (errors and warnings) as printed lines, in the importer's order, then the
    /// overlay check's warnings.
    pub fn problem_lines(&self) -> Vec<String> {
        self.imported.problems.iter().chain(&self.overlay_notes).map(problem_line).collect()
    }

    /// Rows left out because of errors. Exact from the summary's sentence (which counts every
    /// line, listed or not); else the distinct lines of the errors listed.
    pub fn rows_left_out(&self) -> usize {
        let listed = self
            .imported
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .filter_map(|p| p.line)
            .collect::<std::collections::BTreeSet<u32>>()
            .len();
        let stated = self
            .imported
            .summary
            .iter()
            .find(|s| s.contains("left out because of errors"))
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.replace(',', "").parse::<usize>().ok());
        stated.unwrap_or(0).max(listed)
    }

    /// Why nothing can be written, when no indicator was made.
    pub fn failure(&self, input: &Path) -> Option<String> {
        if self.overlay.is_some() {
            return None;
        }
        let file = input.display();
        Some(match &self.imported.needs_meta {
            Some(suggested) => {
                let mut suggested = serde_json::to_value(suggested).unwrap_or_default();
                if let Some(fields) = suggested.as_object_mut() {
                    fields.retain(|_, v| !v.is_null());
                }
                let suggested = serde_json::to_string_pretty(&suggested).unwrap_or_default();
                format!(
                    "nothing written: {file} is not a dataset the atlas recognises, so its figures need a \
                     description (--meta META.json).\n{META_FORMAT}\nA start for this file (complete the \
                     source and licence, check the unit and polarity):\n{suggested}"
                )
            }
            None => format!("nothing written: no indicator could be made from {file}; see the problems listed above"),
        })
    }
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("error: {what} {}: {e}", path.display()))
}

fn read_text(path: &Path, what: &str) -> Result<String, String> {
    String::from_utf8(read(path, what)?).map_err(|e| format!("error: {what} {}: not UTF-8 text: {e}", path.display()))
}

/// The file name alone, as the browser sees it: problems then read `file.csv:12`, and the name
/// (not the folder) decides whether the file says SYNTHETIC.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reads the inputs and imports; nothing is written.
///
/// # Errors
/// An input that cannot be read (the CSV, the bundle, the lookups or the meta), or an overlay
/// that fails the importer's own overlay check (a bug, never expected).
pub fn import_files(opts: &Options) -> Result<Outcome, String> {
    // Codes, dates and counts are ASCII; a stray non-UTF-8 byte in a name must not stop the import.
    let text = String::from_utf8_lossy(&read(&opts.input, "input")?).into_owned();
    let bundle: Bundle = serde_json::from_str(&read_text(&opts.bundle, "bundle")?)
        .map_err(|e| format!("error: bundle {}: not a bundle: {e}", opts.bundle.display()))?;
    let reference = Reference::from_json(&read_text(&opts.lookups, "lookups")?)
        .map_err(|e| format!("error: lookups {}: {e}", opts.lookups.display()))?;
    let meta: Option<SeriesMeta> = match &opts.meta {
        Some(path) => Some(
            serde_json::from_str(&read_text(path, "meta")?)
                .map_err(|e| format!("error: meta {}: {e}\n{META_FORMAT}", path.display()))?,
        ),
        None => None,
    };
    let imported = shared::import_file(&bundle, &reference, &file_name(&opts.input), &text, meta.as_ref());
    let synthetic = imported.indicators.iter().any(says_synthetic);
    let overlay = (!imported.indicators.is_empty()).then(|| shared::overlay_json(&imported.indicators, synthetic));
    let mut overlay_notes = Vec::new();
    if let Some(json) = &overlay {
        // The overlay must load wherever it goes: check it as the browser and the build will.
        let checked = shared::check_overlay(&bundle, json, &opts.out.display().to_string());
        let (errors, notes): (Vec<Problem>, Vec<Problem>) =
            checked.problems.into_iter().partition(|p| p.severity == Severity::Error);
        if !errors.is_empty() {
            let lines: Vec<String> = errors.iter().map(problem_line).collect();
            return Err(format!(
                "{}\nnothing written: the overlay made from {} fails the overlay check",
                lines.join("\n"),
                opts.input.display()
            ));
        }
        overlay_notes = notes;
    }
    Ok(Outcome { imported, overlay, synthetic, overlay_notes })
}

/// Writes through a temporary file beside `path`, so a failed write never leaves half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("error: {}: {e}", dir.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| format!("error: {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("error: {}: {e}", path.display())
    })
}

/// Runs the `import` subcommand: problems on stderr, the summary and what was written on stdout.
///
/// # Errors
/// Bad flags, unreadable inputs, or no indicator made (the message says why; nothing is written).
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = Options::parse(args)?;
    let outcome = import_files(&opts)?;
    for line in outcome.problem_lines() {
        eprintln!("{line}");
    }
    for sentence in &outcome.imported.summary {
        println!("{sentence}");
    }
    let Some(json) = &outcome.overlay else {
        return Err(outcome.failure(&opts.input).unwrap_or_default());
    };
    write_atomically(&opts.out, json.as_bytes())?;
    let indicators = &outcome.imported.indicators;
    let ids: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
    println!(
        "wrote {}: {} indicator(s) ({}), {} bytes{}",
        opts.out.display(),
        indicators.len(),
        ids.join(", "),
        json.len(),
        if outcome.synthetic { ", SYNTHETIC" } else { "" }
    );
    let left_out = outcome.rows_left_out();
    if left_out > 0 {
        let rows = if left_out == 1 { "row" } else { "rows" };
        println!("{left_out} {rows} left out because of errors (listed above); the overlay holds the rest");
    }
    println!("fold it into data/ with: make data OVERLAYS={}", opts.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_and_defaults() {
        let o = Options::parse(&args(&["--input", "a.csv", "--out", "o.json"])).expect("parses");
        assert_eq!((o.input, o.out, o.meta), (PathBuf::from("a.csv"), PathBuf::from("o.json"), None));
        assert!(o.bundle.ends_with("data/atlas.json") && o.lookups.ends_with("data/lookups.json"));
        let err = Options::parse(&args(&["--input", "a.csv"])).expect_err("needs --out");
        assert!(err.starts_with("missing --out\nusage: databuild import"), "{err}");
        let err = Options::parse(&args(&["--input", "a.csv", "--out", "o", "--nomis", "x"])).expect_err("unknown");
        assert!(err.starts_with("unknown argument \"--nomis\""), "{err}");
    }

    #[test]
    fn the_meta_format_is_a_series_meta() {
        // The example in META_FORMAT, without its comments, must parse as the importer's type.
        let json: String = META_FORMAT
            .lines()
            .skip(1)
            .map(|l| l.split("  (").next().unwrap_or(l).trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        let meta: SeriesMeta = serde_json::from_str(&json).expect("the example parses");
        assert_eq!(meta.id.as_deref(), Some("people-helped-into-work"));
    }
}
