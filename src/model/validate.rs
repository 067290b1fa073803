//! Collect-all validation of a bundle: every problem is reported with its location, not just the
//! first. Errors block a load; warnings are kept and exposed to the page.
//!
//! Locations are paths a person can follow in the JSON, with ids and codes instead of bare
//! indices where they exist, e.g. `indicators[employment-deprivation].series[lsoa/2025].values[12] (E01006512)`.

use super::bundle::{Bundle, Geography, Indicator, SCHEMA_ID, SCHEMA_VERSION};
use super::keys::KeySet;
use super::text::label_or_index;
use super::topology::arc_index;
use crate::format::plain;
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The bundle can be used; the problem is shown to whoever asks.
    Warning,
    /// The bundle must not be used.
    Error,
}

/// One problem found in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the bundle, as a readable path.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind} at {}: {}", self.location, self.message)
    }
}

/// Largest absolute longitude/latitude accepted; anything beyond is not on Earth.
const MAX_LON: f64 = 180.0;
const MAX_LAT: f64 = 90.0;
/// Most decimals an indicator may ask for.
const MAX_DECIMALS: u8 = 6;

#[derive(Default)]
struct Report(Vec<Issue>);

impl Report {
    fn error(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, location.into(), message.into());
    }
    fn warn(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, location.into(), message.into());
    }
    fn push(&mut self, severity: Severity, location: String, message: String) {
        self.0.push(Issue { severity, location, message });
    }
}

/// Checks a parsed bundle and returns every problem found, errors and warnings together.
///
/// # Examples
/// ```
/// use work_health_atlas::model::validate::{validate, Severity};
/// let bundle = serde_json::from_str(r#"{"schema":"work-health-atlas/bundle","version":1,
///   "meta":{"title":"t","licence":"l","attribution":[]},
///   "topology":{"scale":[1,1],"translate":[0,0],"arcs":[]},"geographies":[]}"#).unwrap();
/// let issues = validate(&bundle);
/// assert!(issues.iter().any(|i| i.severity == Severity::Error && i.location == "geographies"));
/// ```
pub fn validate(bundle: &Bundle) -> Vec<Issue> {
    let mut report = Report::default();
    if bundle.schema != SCHEMA_ID {
        report.error("schema", format!("expected \"{SCHEMA_ID}\", found \"{}\"", bundle.schema));
    }
    if bundle.version != SCHEMA_VERSION {
        report.error(
            "version",
            format!("this widget reads version {SCHEMA_VERSION}, the bundle is version {}", bundle.version),
        );
    }
    if bundle.meta.attribution.is_empty() {
        report.warn("meta.attribution", "no attribution lines; the licence may require one");
    }
    // Natively only (the data builder, tests, and any Rust reader): in the browser the element
    // runs the same check on page bundles before they reach the core (www/lib/bundle-fields.js),
    // since this walk over every field would add 2 kB to the default download, and the embedded
    // bundle was checked here when it was built.
    #[cfg(not(target_arch = "wasm32"))]
    for (location, c) in super::text::control_characters(bundle) {
        report.error(location, format!("holds the control character U+{:04X}; text must be printable", u32::from(c)));
    }
    let arc_lengths = check_topology(bundle, &mut report);
    check_geographies(bundle, &arc_lengths, &mut report);
    check_comparators(bundle, &mut report);
    check_indicators(bundle, &mut report);
    report.0
}

/// The indicators' part of [`validate`] alone: what indicators added to a loaded dataset are
/// checked with (its geometry was checked at load, and building layers has changed it since).
pub fn validate_indicators(bundle: &Bundle) -> Vec<Issue> {
    let mut report = Report::default();
    check_indicators(bundle, &mut report);
    report.0
}

// Called from `validate` and `validate_indicators`: kept out of line so that a module built at
// opt-level 3 (the importer) carries one copy of the indicator checks, not two.
#[inline(never)]
fn check_indicators(bundle: &Bundle, report: &mut Report) {
    let (_, duplicates) = KeySet::with_duplicates(bundle.indicators.iter().map(|i| i.id.as_str()));
    for id in duplicates {
        report.error(format!("indicators[{id}]"), format!("duplicate indicator id \"{id}\""));
    }
    for (i, indicator) in bundle.indicators.iter().enumerate() {
        let location = format!("indicators[{}]", label_or_index(&indicator.id, i));
        check_indicator(bundle, indicator, &location, report);
    }
}

/// An arc's point count and its first and last quantised positions (for ring checks).
#[derive(Debug, Clone, Copy)]
struct ArcEnds {
    len: usize,
    start: [i64; 2],
    end: [i64; 2],
}

fn arc_ends(arc: &[[i64; 2]]) -> ArcEnds {
    let (mut x, mut y) = (0i64, 0i64);
    let mut start = [0, 0];
    for (j, &[dx, dy]) in arc.iter().enumerate() {
        x = x.saturating_add(dx);
        y = y.saturating_add(dy);
        if j == 0 {
            start = [x, y];
        }
    }
    ArcEnds { len: arc.len(), start, end: [x, y] }
}

/// Checks the arcs and returns each arc's length and ends (for reference and closure checks).
fn check_topology(bundle: &Bundle, report: &mut Report) -> Vec<ArcEnds> {
    let t = &bundle.topology;
    let ends: Vec<ArcEnds> = t.arcs.iter().map(|a| arc_ends(a)).collect();
    let finite = t.scale.iter().chain(t.translate.iter()).all(|v| v.is_finite());
    if !finite || t.scale.iter().any(|&s| s <= 0.0) {
        report.error("topology", "scale must be positive and finite, translate finite");
        return ends;
    }
    for (i, arc) in t.arcs.iter().enumerate() {
        // Locations are written only for a problem: formatting one per arc and ring cost more than
        // the checks (a cold load of 10,000 areas).
        let location = || format!("topology.arcs[{i}]");
        if arc.len() < 2 {
            report.error(location(), format!("an arc needs at least 2 points, found {}", arc.len()));
            continue;
        }
        let (mut x, mut y) = (0i64, 0i64);
        for (j, &[dx, dy]) in arc.iter().enumerate() {
            x = x.saturating_add(dx);
            y = y.saturating_add(dy);
            let lon = x as f64 * t.scale[0] + t.translate[0];
            let lat = y as f64 * t.scale[1] + t.translate[1];
            if lon.abs() > MAX_LON || lat.abs() > MAX_LAT {
                report.error(
                    format!("{}[{j}]", location()),
                    format!("position ({}, {}) is outside longitude ±180 / latitude ±90", plain(lon, 5), plain(lat, 5)),
                );
                break;
            }
        }
    }
    ends
}

fn check_geographies(bundle: &Bundle, arc_lengths: &[ArcEnds], report: &mut Report) {
    if bundle.geographies.is_empty() {
        report.error("geographies", "the bundle has no geography layer to draw");
    }
    let (_, duplicates) = KeySet::with_duplicates(bundle.geographies.iter().map(|g| g.id.as_str()));
    for id in duplicates {
        report.error(format!("geographies[{id}]"), format!("duplicate geography id \"{id}\""));
    }
    let codes_by_geography: Vec<(&str, KeySet)> = bundle
        .geographies
        .iter()
        .map(|g| (g.id.as_str(), KeySet::new(g.areas.iter().map(|a| a.code.as_str()))))
        .collect();
    for (gi, geography) in bundle.geographies.iter().enumerate() {
        let location = format!("geographies[{}]", label_or_index(&geography.id, gi));
        if geography.id.is_empty() {
            report.error(&location, "geography id is empty");
        }
        if geography.areas.is_empty() {
            report.error(&location, "the layer has no areas");
        }
        if let Some(child) = &geography.dissolved_from {
            check_dissolved(bundle, geography, child, &location, report);
        }
        check_areas(geography, &location, arc_lengths, &codes_by_geography, report);
    }
}

fn check_areas(
    geography: &Geography,
    location: &str,
    arc_lengths: &[ArcEnds],
    codes_by_geography: &[(&str, KeySet)],
    report: &mut Report,
) {
    let (_, duplicates) = KeySet::with_duplicates(geography.areas.iter().map(|a| a.code.as_str()));
    for code in duplicates {
        report.error(format!("{location}.areas[{code}]"), format!("duplicate area code \"{code}\""));
    }
    for (ai, area) in geography.areas.iter().enumerate() {
        let at = || format!("{location}.areas[{}]", label_or_index(&area.code, ai));
        if area.code.is_empty() {
            report.error(at(), "area code is empty");
        }
        if area.name.trim().is_empty() {
            report.error(at(), "area name is empty");
        }
        for (parent_geography, parent_code) in &area.parents {
            match codes_by_geography.iter().find(|(id, _)| *id == parent_geography).map(|(_, codes)| codes) {
                None => report.error(
                    format!("{}.parents.{parent_geography}", at()),
                    format!("unknown geography \"{parent_geography}\""),
                ),
                Some(codes) if !codes.contains(parent_code.as_str()) => report.error(
                    format!("{}.parents.{parent_geography}", at()),
                    format!("\"{parent_code}\" is not an area of \"{parent_geography}\""),
                ),
                Some(_) => {}
            }
        }
        if geography.dissolved_from.is_some() {
            if !area.polygons.is_empty() {
                report.error(at(), "a layer with dissolved_from must not store polygons");
            }
        } else if area.polygons.is_empty() {
            report.error(at(), "area has no polygons (empty geometry)");
        }
        for (pi, polygon) in area.polygons.iter().enumerate() {
            if polygon.is_empty() {
                report.error(format!("{}.polygons[{pi}]", at()), "polygon has no rings");
            }
            for (ri, ring) in polygon.iter().enumerate() {
                check_ring(ring, &|| format!("{}.polygons[{pi}][{ri}]", at()), arc_lengths, report);
            }
        }
    }
}

/// A layer built by dissolving a smaller one: the smaller layer must exist, store its own shapes,
/// and give every area of this layer at least one member.
fn check_dissolved(bundle: &Bundle, geography: &Geography, child: &str, location: &str, report: &mut Report) {
    let Some(members) = bundle.geographies.iter().find(|g| g.id == child) else {
        report.error(format!("{location}.dissolved_from"), format!("unknown geography \"{child}\""));
        return;
    };
    if members.dissolved_from.is_some() || members.id == geography.id {
        report
            .error(format!("{location}.dissolved_from"), format!("\"{child}\" must be a layer that stores its shapes"));
        return;
    }
    let covered = KeySet::new(members.areas.iter().filter_map(|a| a.parents.get(&geography.id)).map(String::as_str));
    for area in &geography.areas {
        if !covered.contains(area.code.as_str()) {
            report.error(
                format!("{location}.areas[{}]", area.code),
                format!("no area of \"{child}\" names it as its parent, so it has no shape"),
            );
        }
    }
}

/// Checks one ring; `location` writes where it is, for a problem.
fn check_ring(ring: &[i64], location: &dyn Fn() -> String, arcs: &[ArcEnds], report: &mut Report) {
    if ring.is_empty() {
        report.error(location(), "ring has no arcs");
        return;
    }
    let mut points = 0usize;
    let mut first: Option<[i64; 2]> = None;
    let mut cursor: Option<[i64; 2]> = None;
    for (k, &reference) in ring.iter().enumerate() {
        let (index, reversed) = arc_index(reference);
        let Some(arc) = arcs.get(index) else {
            report.error(location(), format!("arc reference {reference} is out of range ({} arcs)", arcs.len()));
            return;
        };
        if arc.len == 0 {
            return; // reported with the arc
        }
        points += arc.len.saturating_sub(usize::from(points > 0));
        let (start, end) = if reversed { (arc.end, arc.start) } else { (arc.start, arc.end) };
        if cursor.is_some_and(|c| c != start) {
            report.error(
                location(),
                format!("arc {k} (reference {reference}) does not start where the previous one ends"),
            );
            return;
        }
        first.get_or_insert(start);
        cursor = Some(end);
    }
    if points < 4 {
        report.error(location(), format!("a closed ring needs at least 4 points, found {points}"));
    } else if first != cursor {
        report.error(location(), "the ring is not closed: its last arc does not end where its first begins");
    }
}

fn check_comparators(bundle: &Bundle, report: &mut Report) {
    let (_, duplicates) = KeySet::with_duplicates(bundle.comparators.iter().map(|c| c.code.as_str()));
    for code in duplicates {
        report.error(format!("comparators[{code}]"), format!("duplicate comparator code \"{code}\""));
    }
}

fn check_indicator(bundle: &Bundle, indicator: &Indicator, location: &str, report: &mut Report) {
    for (field, text) in [
        ("label", &indicator.label),
        ("title", &indicator.title),
        ("definition", &indicator.definition),
        ("licence", &indicator.licence),
        ("geography_vintage", &indicator.geography_vintage),
        ("source.producer", &indicator.source.producer),
        ("source.dataset", &indicator.source.dataset),
        ("source.edition", &indicator.source.edition),
    ] {
        if text.trim().is_empty() {
            report.error(format!("{location}.{field}"), "required metadata is empty");
        }
    }
    if indicator.decimals > MAX_DECIMALS {
        report.error(
            format!("{location}.decimals"),
            format!("at most {MAX_DECIMALS} decimals, found {}", indicator.decimals),
        );
    }
    if !(indicator.unit.multiplier.is_finite() && indicator.unit.multiplier > 0.0) {
        report.error(format!("{location}.unit.multiplier"), "must be positive and finite");
    }
    let (periods, duplicates) = KeySet::with_duplicates(indicator.periods.iter().map(|p| p.id.as_str()));
    for id in duplicates {
        report.error(format!("{location}.periods[{id}]"), format!("duplicate period id \"{id}\""));
    }
    if indicator.periods.iter().any(|p| p.id.is_empty()) {
        report.error(format!("{location}.periods"), "a period id is empty");
    }
    if indicator.series.is_empty() {
        report.error(location, "indicator has no series");
    }
    let is_proportion = indicator.unit.is_percentage();
    let keys: Vec<String> = indicator.series.iter().map(|s| format!("{}/{}", s.geography, s.period)).collect();
    let (_, duplicates) = KeySet::with_duplicates(keys.iter().map(String::as_str));
    for key in duplicates {
        report.error(format!("{location}.series[{key}]"), "duplicate series for this geography and period");
    }
    for series in &indicator.series {
        let at = format!("{location}.series[{}/{}]", series.geography, series.period);
        if !periods.contains(&series.period) {
            report.error(&at, format!("unknown period \"{}\"", series.period));
        }
        let Some(geography) = bundle.geographies.iter().find(|g| g.id == series.geography) else {
            report.error(&at, format!("unknown geography \"{}\"", series.geography));
            continue;
        };
        let n = geography.areas.len();
        let code = |i: usize| geography.areas.get(i).map(|a| a.code.as_str()).unwrap_or("?");
        if series.values.is_empty() {
            // Values may be left out when they can be derived from the counts.
            if series.numerators.is_none() || series.denominators.is_none() {
                report
                    .error(&at, "values are missing and there are no numerators and denominators to derive them from");
            }
        } else {
            check_vector(&series.values, "values", n, &at, &code, report);
        }
        if let Some(numerators) = &series.numerators {
            check_vector(numerators, "numerators", n, &at, &code, report);
        }
        if let Some(denominators) = &series.denominators {
            check_vector(denominators, "denominators", n, &at, &code, report);
            for (i, d) in denominators.iter().enumerate() {
                if matches!(d, Some(d) if *d < 0.0) {
                    report.error(format!("{at}.denominators[{i}] ({})", code(i)), "denominator is negative");
                }
            }
            if let (Some(numerators), true) = (&series.numerators, is_proportion) {
                for (i, (num, den)) in numerators.iter().zip(denominators).enumerate() {
                    if let (Some(num), Some(den)) = (num, den) {
                        if num > den {
                            report.error(
                                format!("{at}.numerators[{i}] ({})", code(i)),
                                format!("numerator {} is greater than denominator {}", plain(*num, 6), plain(*den, 6)),
                            );
                        }
                    }
                }
            }
        }
        if series.values.iter().all(Option::is_none) && !series.values.is_empty() {
            report.warn(&at, "every value is missing");
        }
    }
    let comparators = KeySet::new(bundle.comparators.iter().map(|c| c.code.as_str()));
    for (i, value) in indicator.comparator_values.iter().enumerate() {
        let at = format!("{location}.comparator_values[{i}] ({}/{})", value.code, value.period);
        if !comparators.contains(&value.code) {
            report.error(&at, format!("unknown comparator \"{}\"", value.code));
        }
        if !periods.contains(&value.period) {
            report.error(&at, format!("unknown period \"{}\"", value.period));
        }
        if !value.value.is_finite() {
            report.error(&at, "value is not a finite number");
        }
    }
}

fn check_vector<'a>(
    vector: &[Option<f64>],
    name: &str,
    expected: usize,
    location: &str,
    code: &dyn Fn(usize) -> &'a str,
    report: &mut Report,
) {
    if vector.len() != expected {
        report.error(
            format!("{location}.{name}"),
            format!("ragged series: {} entries for {expected} areas", vector.len()),
        );
    }
    for (i, v) in vector.iter().enumerate() {
        if matches!(v, Some(v) if !v.is_finite()) {
            report.error(format!("{location}.{name}[{i}] ({})", code(i)), "value is not a finite number");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A SYNTHETIC valid bundle: one square area, one indicator with counts.
    fn bundle() -> Bundle {
        serde_json::from_str(
            r#"{"schema":"work-health-atlas/bundle","version":1,
            "meta":{"title":"synthetic","licence":"none","attribution":["synthetic"],"synthetic":true},
            "topology":{"scale":[0.001,0.001],"translate":[-3,53],"arcs":[[[0,0],[10,0],[0,10],[-10,0],[0,-10]]]},
            "geographies":[{"id":"lsoa","label":"L","noun_plural":"ls","vintage":"v","areas":[
              {"code":"E01000001","name":"One","polygons":[[[0]]]}]}],
            "comparators":[{"code":"E92000001","name":"England"}],
            "indicators":[{"id":"x","label":"X","title":"X","definition":"d","unit":{"symbol":"%","label":"%","multiplier":100},
              "decimals":1,"polarity":"neither","theme":"work","source":{"producer":"p","dataset":"d","edition":"e"},
              "licence":"l","geography_vintage":"v","periods":[{"id":"2021","label":"2021","reference":"r"}],
              "series":[{"geography":"lsoa","period":"2021","values":[10.0],"numerators":[1],"denominators":[10],"method":"m"}],
              "comparator_values":[{"code":"E92000001","period":"2021","value":5.0,"method":"m"}]}]}"#,
        )
        .expect("the synthetic bundle parses")
    }

    fn errors(b: &Bundle) -> Vec<String> {
        validate(b).into_iter().filter(|i| i.severity == Severity::Error).map(|i| i.to_string()).collect()
    }

    #[test]
    fn a_valid_bundle_has_no_errors() {
        assert_eq!(errors(&bundle()), Vec::<String>::new());
    }

    #[test]
    fn ragged_series_is_located() {
        let mut b = bundle();
        b.indicators[0].series[0].values.push(Some(1.0));
        assert_eq!(
            errors(&b),
            vec!["error at indicators[x].series[lsoa/2021].values: ragged series: 2 entries for 1 areas"]
        );
    }

    #[test]
    fn numerator_above_denominator_and_non_finite_values_are_located() {
        let mut b = bundle();
        b.indicators[0].series[0].numerators = Some(vec![Some(11.0)]);
        b.indicators[0].series[0].values = vec![Some(f64::NAN)];
        let e = errors(&b);
        assert!(
            e.contains(
                &"error at indicators[x].series[lsoa/2021].values[0] (E01000001): value is not a finite number"
                    .to_string()
            ),
            "{e:?}"
        );
        assert!(e.contains(&"error at indicators[x].series[lsoa/2021].numerators[0] (E01000001): numerator 11 is greater than denominator 10".to_string()), "{e:?}");
    }

    #[test]
    fn control_characters_in_text_are_located_errors() {
        let mut b = bundle();
        b.meta.title = "Atlas\u{0}".into();
        b.geographies[0].areas[0].name = "Line\nbreak".into();
        let e = errors(&b);
        assert!(e.iter().any(|m| m.starts_with("error at meta.title") && m.contains("U+0000")), "{e:?}");
        assert!(e.iter().any(|m| m.contains(".areas[0].name") && m.contains("U+000A")), "{e:?}");
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let mut b = bundle();
        let copy = b.geographies[0].areas[0].clone();
        b.geographies[0].areas.push(copy);
        b.geographies[0].areas[1].polygons = vec![];
        b.indicators[0].series[0].geography = "nope".into();
        b.indicators[0].comparator_values[0].code = "K00000000".into();
        let e = errors(&b);
        assert!(e.iter().any(|m| m.contains("duplicate area code \"E01000001\"")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("empty geometry")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("unknown geography \"nope\"")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("unknown comparator \"K00000000\"")), "{e:?}");
    }

    #[test]
    fn geometry_problems_are_located() {
        let mut b = bundle();
        b.topology.arcs.push(vec![[0, 0]]);
        b.topology.arcs.push(vec![[0, 0], [0, 200_000]]);
        b.geographies[0].areas[0].polygons = vec![vec![vec![5]], vec![vec![]]];
        let e = errors(&b);
        assert!(e.contains(&"error at topology.arcs[1]: an arc needs at least 2 points, found 1".to_string()), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("error at topology.arcs[2][1]: position")), "{e:?}");
        assert!(
            e.iter().any(|m| m.starts_with(
                "error at geographies[lsoa].areas[E01000001].polygons[0][0]: arc reference 5 is out of range"
            )),
            "{e:?}"
        );
        assert!(
            e.contains(&"error at geographies[lsoa].areas[E01000001].polygons[1][0]: ring has no arcs".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn wrong_schema_and_version_are_errors() {
        let mut b = bundle();
        b.schema = "something-else".into();
        b.version = 2;
        let e = errors(&b);
        assert_eq!(e.len(), 2, "{e:?}");
    }
}
