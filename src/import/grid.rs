//! The figures of a file arranged for building series: one value per (layer, category, period,
//! area), after the checks that need the whole file — which kind of period most rows use, which
//! layer most areas are on, names shared by several areas, duplicate rows — and after LSOA 2011
//! codes are converted to LSOA 2021 ([`super::convert`]).
//!
//! Category slot 0 is everyone (a file without breakdown, or a breakdown's "Total" rows); slot
//! `i + 1` is category `i`.

use super::areas::{layer_noun, AreaRef, Areas, Found};
use super::convert::{self, Old};
pub use super::figures::{Cell, LayerFigures};
use super::period::{Mark, PeriodKey, PeriodKind};
use super::problem::{Kind, Problems};
use super::reading::{Category, Measure, Observation, Reading, Slot};
use super::reference::Reference;
use std::collections::BTreeMap;

const UNKNOWN_HINT: &str = "not an area of the Liverpool City Region layers (LSOA 2021, MSOA 2021, wards, districts); a 2011 code given as 2021?";
const UNKNOWN_CODE: Kind = Kind::error("unknown-code", UNKNOWN_HINT);
const UNKNOWN_CODES: Kind = Kind::error("unknown-codes", UNKNOWN_HINT);
const UNKNOWN_NAME: Kind =
    Kind::error("unknown-name", "check the spelling against the atlas's area names, or use the area code");
const AMBIGUOUS_NAME: Kind = Kind::error("ambiguous-name", "use the area code");
const EMPTY_AREA: Kind = Kind::error("empty-area", "give an area code or name");
const MIXED_PERIODS: Kind =
    Kind::error("mixed-periods", "give every row the same kind of period: all months, all quarters or all years");
const OTHER_LAYER: Kind =
    Kind::error("other-layer", "keep one geography per file (download LSOAs, or wards, or districts)");
const DUPLICATE: Kind = Kind::error("duplicate", "keep one row per area and period; remove the later copy");
const RATE_2011: Kind = Kind::error(
    "rate-on-2011-boundaries",
    "give counts (numerator and denominator columns) or LSOA 2021 codes; the atlas converts counts only",
);
const TOO_MANY_CATEGORIES: Kind =
    Kind::error("too-many-categories", "download at most 20 breakdown categories per file, or none");
const TOO_MANY_PERIODS: Kind =
    Kind::error("too-many-periods", "split the file: at most 240 periods (20 years of months) are read at once");
const WITHHELD: Kind = Kind::warning(
    "withheld",
    "withheld figures show as no data, never as zero; areas containing them show no data too",
);

/// Most breakdown categories read from one file; each becomes an indicator.
pub const MAX_CATEGORIES: usize = 20;
/// Most periods read from one file (the latest are kept).
pub const MAX_PERIODS: usize = 240;

/// Everything the series builder needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Kind of the periods.
    pub kind: Option<PeriodKind>,
    /// Periods in time order, with the strongest mark any row gave them.
    pub periods: Vec<(PeriodKey, Mark)>,
    /// Category slots (1 + number of breakdown categories).
    pub categories: usize,
    /// Layers given in the file, in bundle order.
    pub layers: Vec<LayerFigures>,
    /// Rows (lines) with at least one figure kept.
    pub rows_kept: usize,
    /// Figures withheld by the publisher.
    pub withheld: usize,
    /// LSOA 2011 codes converted.
    pub converted: usize,
}

/// Where a row's figure goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Area(AreaRef),
    Old(String),
}

fn category_slot(c: Category) -> usize {
    match c {
        Category::All | Category::Total => 0,
        Category::One(i) => i + 1,
    }
}

/// The period kind most rows use (ties go to the finer kind).
fn majority_kind(rows: &[Observation]) -> Option<PeriodKind> {
    let mut counts = [0usize; 3];
    for (key, _) in rows.iter().filter_map(|o| o.period) {
        counts[key.kind() as usize] += 1;
    }
    [PeriodKind::Year, PeriodKind::Quarter, PeriodKind::Month]
        .into_iter()
        .filter(|k| counts[*k as usize] > 0)
        .max_by_key(|k| (counts[*k as usize], *k))
}

/// The layer most resolved rows are on (LSOA 2011 codes count for the LSOA layer).
fn majority_layer(found: &[&Found], lsoa: Option<usize>) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for f in found {
        let layer = match f {
            Found::Area((l, _)) => Some(*l),
            Found::Lsoa2011(_) => lsoa,
            _ => None,
        };
        if let Some(l) = layer {
            *counts.entry(l).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(l, n)| (*n, std::cmp::Reverse(*l))).map(|(l, _)| l)
}

/// Arranges the rows of `reading`, reporting every problem that needs the whole file. With
/// `mixed_layers` (the template) rows may be on any layer; otherwise rows off the main layer
/// are errors.
pub fn collect(
    areas: &Areas,
    reference: &Reference,
    reading: &Reading,
    mixed_layers: bool,
    problems: &mut Problems,
) -> Grid {
    let bundle = areas.bundle;
    let lsoa = areas.layer("lsoa");
    let kind = majority_kind(&reading.rows);
    let mut cache: BTreeMap<&str, Found> = BTreeMap::new();
    for o in &reading.rows {
        cache.entry(o.area.as_str()).or_insert_with(|| areas.resolve(&o.area, reading.boundaries_2011));
    }
    let found: Vec<&Found> = reading.rows.iter().filter_map(|o| cache.get(o.area.as_str())).collect();
    let main = majority_layer(&found, lsoa);
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut unknown_rows = 0usize;
    let mut first_line: BTreeMap<(usize, Target, PeriodKey), u32> = BTreeMap::new();
    let mut accepted: Vec<(usize, Target, PeriodKey, Cell)> = Vec::new();
    let mut marks: BTreeMap<PeriodKey, Mark> = BTreeMap::new();
    for (o, f) in reading.rows.iter().zip(&found) {
        let area_column = reading.column(o.area_column);
        let target = match f {
            Found::Empty => {
                problems.at(EMPTY_AREA, o.line, area_column, "", "no area");
                None
            }
            Found::UnknownCode(code) => {
                problems.at(UNKNOWN_CODE, o.line, area_column, &o.area, "unknown area code");
                unknown_rows += 1;
                if unknown_seen.insert(code.as_str()) {
                    unknown.push(code.clone());
                }
                None
            }
            Found::UnknownName => {
                problems.at(UNKNOWN_NAME, o.line, area_column, &o.area, "no area has this name");
                None
            }
            Found::Names(candidates) => {
                let in_main: Vec<&AreaRef> = candidates.iter().filter(|(l, _)| Some(*l) == main).collect();
                match in_main.as_slice() {
                    [one] => Some(Target::Area(**one)),
                    _ => {
                        let mut layers: Vec<String> =
                            candidates.iter().map(|(l, _)| layer_noun(bundle, *l, 1)).collect();
                        layers.dedup();
                        let message = format!("the name of {} areas ({})", candidates.len(), layers.join(", "));
                        problems.at(AMBIGUOUS_NAME, o.line, area_column, &o.area, message);
                        None
                    }
                }
            }
            Found::Area(at) => Some(Target::Area(*at)),
            Found::Lsoa2011(code) => Some(Target::Old(code.clone())),
        };
        let layer = match &target {
            Some(Target::Area((l, _))) => Some(*l),
            Some(Target::Old(_)) => lsoa,
            None => None,
        };
        let target = match (target, layer) {
            (Some(_), Some(l)) if !mixed_layers && Some(l) != main => {
                let main_noun = main.map_or("areas".to_string(), |m| layer_noun(bundle, m, 2));
                let message = format!("this file is by {main_noun}; this is a {}", layer_noun(bundle, l, 1));
                problems.at(OTHER_LAYER, o.line, area_column, &o.area, message);
                None
            }
            (Some(Target::Old(_)), _) if reading.measure == Measure::Values => {
                let message = "rates cannot be converted between boundaries; give counts";
                problems.at(RATE_2011, o.line, area_column, &o.area, message);
                None
            }
            (target, _) => target,
        };
        let Some((key, mark)) = o.period else { continue };
        if Some(key.kind()) != kind {
            let expected = kind.map_or("", |k| k.noun(1));
            let message = format!("mixed period kinds: the file is by {expected}; this is a {}", key.kind().noun(1));
            problems.at(MIXED_PERIODS, o.line, reading.column(o.period_column), &o.period_text, message);
            continue;
        }
        let (Some(target), Some(slot)) = (target, o.slot) else { continue };
        let category = category_slot(o.category);
        if category > MAX_CATEGORIES {
            let name = reading.categories.get(category - 1).map_or("", String::as_str);
            let column = reading.category_column.as_deref().unwrap_or("");
            problems.at(TOO_MANY_CATEGORIES, o.line, column, name, format!("more than {MAX_CATEGORIES} categories"));
            continue;
        }
        match first_line.get(&(category, target.clone(), key)) {
            Some(first) => {
                let message = format!("same area and period as line {first}");
                problems.at(DUPLICATE, o.line, area_column, &o.area, message);
                continue;
            }
            None => {
                first_line.insert((category, target.clone(), key), o.line);
            }
        }
        let entry = marks.entry(key).or_default();
        *entry = (*entry).max(mark);
        accepted.push((category, target, key, Cell { slot, line: o.line }));
    }
    if !unknown.is_empty() {
        let listed: Vec<&str> = unknown.iter().take(10).map(String::as_str).collect();
        let more = if unknown.len() > 10 { ", …" } else { "" };
        let message = format!(
            "{} rows name {} codes that are not areas of the atlas: {}{more}",
            crate::format::count(unknown_rows as f64),
            crate::format::count(unknown.len() as f64),
            listed.join(", ")
        );
        problems.file(UNKNOWN_CODES, None, listed.first().copied(), message);
    }
    let mut periods: Vec<(PeriodKey, Mark)> = marks.into_iter().collect();
    let dropped = periods.len().saturating_sub(MAX_PERIODS);
    periods.drain(..dropped);
    let categories = 1 + reading.categories.len().min(MAX_CATEGORIES);
    let mut layers: Vec<LayerFigures> = Vec::new();
    let mut kept_lines: Vec<u32> = Vec::new();
    let mut withheld_lines: Vec<u32> = Vec::new();
    let mut old = Old::default();
    for (category, target, key, cell) in accepted {
        let Ok(period) = periods.binary_search_by(|(k, _)| k.cmp(&key)) else {
            let message = format!("more than {MAX_PERIODS} periods; only the latest are read");
            problems.at(TOO_MANY_PERIODS, cell.line, "", &key.label(), message);
            continue;
        };
        if cell.slot == Slot::Withheld {
            withheld_lines.push(cell.line);
        } else {
            kept_lines.push(cell.line);
        }
        let (layer, area) = match target {
            Target::Area(at) => at,
            Target::Old(code) => {
                old.insert(category, period, code, cell);
                continue;
            }
        };
        figures_of(&mut layers, bundle, layer, periods.len(), categories).set(category, period, area, cell);
    }
    let converted = match lsoa {
        Some(l) if !old.is_empty() => {
            let figures = figures_of(&mut layers, bundle, l, periods.len(), categories);
            convert::into_lsoa21(areas, reference, &old, figures, problems)
        }
        _ => 0,
    };
    layers.sort_by_key(|f| f.layer);
    if !withheld_lines.is_empty() {
        report_withheld(&mut withheld_lines, problems);
    }
    kept_lines.sort_unstable();
    kept_lines.dedup();
    Grid { kind, periods, categories, layers, rows_kept: kept_lines.len(), withheld: withheld_lines.len(), converted }
}

/// The figures of `layer`, added when first needed.
fn figures_of<'g>(
    layers: &'g mut Vec<LayerFigures>,
    bundle: &crate::model::bundle::Bundle,
    layer: usize,
    periods: usize,
    categories: usize,
) -> &'g mut LayerFigures {
    let at = match layers.iter().position(|f| f.layer == layer) {
        Some(at) => at,
        None => {
            let n = bundle.geographies.get(layer).map_or(0, |g| g.areas.len());
            layers.push(LayerFigures::new(layer, n, periods, categories));
            layers.len() - 1
        }
    };
    &mut layers[at]
}

/// One warning counting the withheld figures, with their first lines.
fn report_withheld(lines: &mut Vec<u32>, problems: &mut Problems) {
    let count = lines.len();
    lines.sort_unstable();
    lines.dedup();
    let listed: Vec<String> = lines.iter().take(10).map(u32::to_string).collect();
    let more = if lines.len() > 10 { ", …" } else { "" };
    let lines_word = if lines.len() == 1 { "line" } else { "lines" };
    let figures = if count == 1 { "figure" } else { "figures" };
    let message = format!(
        "{} {figures} withheld by the publisher ({lines_word} {}{more}); shown as no data",
        crate::format::count(count as f64),
        listed.join(", ")
    );
    problems.file(WITHHELD, None, None, message);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reading::Measure;
    use crate::import::test_bundle::{bundle, reference};

    fn obs(line: u32, area: &str, period: &str, slot: Slot) -> Observation {
        Observation {
            line,
            area: area.into(),
            area_column: 0,
            period: PeriodKey::parse(period),
            period_column: 1,
            period_text: String::new(),
            category: Category::All,
            slot: Some(slot),
            value_column: 2,
        }
    }

    fn run(rows: Vec<Observation>, mixed: bool) -> (Grid, Vec<crate::import::problem::Problem>) {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        let mut reading = Reading::new(Measure::Counts);
        reading.columns = vec!["area".into(), "period".into(), "value".into()];
        reading.rows = rows;
        let mut problems = Problems::new("f.csv");
        let grid = collect(&areas, &r, &reading, mixed, &mut problems);
        (grid, problems.finish())
    }

    #[test]
    fn nothing_in_nothing_out() {
        let (g, p) = run(vec![], false);
        assert!(g.layers.is_empty() && g.periods.is_empty() && p.is_empty());
        assert_eq!(g.kind, None);
    }

    #[test]
    fn rows_land_in_their_layer_period_and_area() {
        let (g, p) = run(
            vec![obs(2, "E01000001", "2024-02", Slot::Count(5.0)), obs(3, "e01000002", "Jan 2024", Slot::Withheld)],
            false,
        );
        assert!(p.iter().all(|x| x.severity == crate::import::problem::Severity::Warning), "{p:?}");
        assert_eq!(g.periods.iter().map(|(k, _)| k.id()).collect::<Vec<_>>(), ["2024-01", "2024-02"]);
        assert_eq!(g.layers.len(), 1);
        assert_eq!(g.layers[0].get(0, 1, 0), Some(Cell { slot: Slot::Count(5.0), line: 2 }));
        assert_eq!(g.layers[0].get(0, 0, 1), Some(Cell { slot: Slot::Withheld, line: 3 }));
        assert_eq!((g.rows_kept, g.withheld), (1, 1));
        assert_eq!(p.len(), 1, "one withheld warning");
        assert!(p[0].message.starts_with("1 figure withheld"), "{}", p[0].message);
    }

    #[test]
    fn duplicates_name_the_first_line() {
        let (g, p) = run(
            vec![
                obs(2, "E01000001", "2024-01", Slot::Count(5.0)),
                obs(7, "E01000001 : x", "January 2024", Slot::Count(6.0)),
            ],
            false,
        );
        assert_eq!(g.layers[0].get(0, 0, 0).map(|c| c.slot), Some(Slot::Count(5.0)));
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].line, p[0].message.as_str()), (Some(7), "same area and period as line 2"));
    }

    #[test]
    fn mixed_period_kinds_keep_the_majority() {
        let (g, p) = run(
            vec![
                obs(2, "E01000001", "2024-01", Slot::Count(1.0)),
                obs(3, "E01000002", "2024-02", Slot::Count(1.0)),
                obs(4, "E01000003", "2024-Q1", Slot::Count(1.0)),
            ],
            false,
        );
        assert_eq!(g.kind, Some(PeriodKind::Month));
        assert_eq!(g.periods.len(), 2);
        assert_eq!((p.len(), p[0].line), (1, Some(4)));
        assert!(p[0].message.starts_with("mixed period kinds"));
    }

    #[test]
    fn unknown_codes_are_listed_once_in_a_summary() {
        let rows = vec![
            obs(2, "E01000001", "2024-01", Slot::Count(1.0)),
            obs(3, "E01099999", "2024-01", Slot::Count(1.0)),
            obs(4, "S01000001", "2024-01", Slot::Count(1.0)),
            obs(5, "E01099999", "2024-02", Slot::Count(1.0)),
        ];
        let (_, p) = run(rows, false);
        assert_eq!(p.len(), 4, "{p:?}");
        assert_eq!(p[0].line, None);
        assert_eq!(p[0].message, "3 rows name 2 codes that are not areas of the atlas: E01099999, S01000001");
        assert!(p[0].hint.as_deref().unwrap_or("").contains("a 2011 code given as 2021?"));
    }

    #[test]
    fn rows_off_the_main_layer_and_shared_names() {
        let rows = vec![
            obs(2, "E01000001", "2024", Slot::Count(1.0)),
            obs(3, "E01000002", "2024", Slot::Count(1.0)),
            obs(4, "Westward", "2024", Slot::Count(1.0)),
            obs(5, "Twin", "2024", Slot::Count(1.0)),
        ];
        let (g, p) = run(rows.clone(), false);
        assert_eq!(g.layers.len(), 1);
        let messages: Vec<&str> = p.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(messages, ["this file is by LSOAs; this is a ward", "the name of 2 areas (ward, district)"]);
        // The template may mix layers; a shared name still needs its code unless one is on the main layer.
        let (g, p) = run(rows, true);
        assert_eq!(g.layers.iter().map(|l| l.layer).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn at_most_240_periods_and_20_categories() {
        let months: Vec<Observation> = (0..250u32)
            .map(|k| obs(k + 2, "E01000001", &format!("{}-{:02}", 2000 + k / 12, k % 12 + 1), Slot::Count(1.0)))
            .collect();
        let (g, p) = run(months, false);
        assert_eq!(g.periods.len(), MAX_PERIODS);
        assert_eq!(g.periods.first().map(|(k, _)| k.id()), Some("2000-11".to_string()), "the latest are kept");
        assert_eq!(p.iter().filter(|x| x.message.starts_with("more than 240 periods")).count(), 10);
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        let mut reading = Reading::new(Measure::Counts);
        reading.rows = (0..22u32)
            .map(|i| {
                let mut o = obs(i + 2, "E01000001", "2024", Slot::Count(1.0));
                o.category = reading.category(&format!("kind {i}"));
                o
            })
            .collect();
        let mut problems = Problems::new("f.csv");
        let g = collect(&areas, &r, &reading, false, &mut problems);
        assert_eq!(g.categories, MAX_CATEGORIES + 1);
        assert_eq!(problems.finish().len(), 2);
    }

    #[test]
    fn values_on_2011_codes_are_refused() {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        let mut reading = Reading::new(Measure::Values);
        reading.rows = vec![obs(2, "E01000099", "2024", Slot::Value(1.0))];
        let mut problems = Problems::new("f.csv");
        let g = collect(&areas, &r, &reading, true, &mut problems);
        assert!(g.layers.is_empty());
        let p = problems.finish();
        assert_eq!(p[0].message, "rates cannot be converted between boundaries; give counts");
    }
}
