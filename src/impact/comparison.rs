//! Matched comparison and difference-in-differences for a patch and one intervention.
//!
//! 1. **Periods.** Of the outcome's periods that have counts for the smallest areas, *after* is
//!    the first at or after the intervention's start and *before* the last one earlier, judged by
//!    the time each period's figures describe, not when they were published: an edition such as
//!    IoD2025 (`2025`, "data mostly about 2021–23") is before a start in March 2024. A year's
//!    reference years come from its reference text; a month (`2024-03`) or a quarter
//!    (`2024-Q1`) is its own reference. A period is before when it *ends* before the start's
//!    month and after when it begins at or after it; one the start falls inside is neither, and
//!    is left out with a caveat saying so. With nothing after the start, there is no comparison,
//!    and the words say so ("No figures describe the time after March 2024 yet"). A year whose
//!    reference names no year keeps the rule by id: before when it begins before the start.
//! 2. **Matching.** Every area outside the patch that has the outcome's counts in both periods is a
//!    candidate. Areas are compared on the chosen indicators' values at each indicator's latest
//!    period before the start, standardised (z-scores), and each patch area in turn takes its
//!    nearest unused candidate until `k` are chosen (`stats::matching`).
//! 3. **Estimate.** Pooled rates (Σ counts ÷ Σ denominators) before and after for the patch and
//!    for the comparison group; the difference between their changes, with a bootstrap interval
//!    over areas (`stats::did`).
//! 4. **Event study.** With three or more periods before the start, the gap between the groups in
//!    every period against the last one before the start, and whether they moved together before
//!    it (`stats::event_study`): a sentence that supports but never proves parallel trends, or a
//!    warning (Roth 2022, "Pretest with caution", *AER: Insights* 4:305–322).
//!
//! The words say what this is — an association, not proof of impact — and what the data cannot
//! show (few periods, definition changes, estimated counts, spill-over).

use super::figures::area_counts;
use super::tables::BundleTables;
use crate::format::count;
use crate::format::{fixed, value};
use crate::layout::did::DidChart;
use crate::layout::event_study::{EventStudy, EventStudyPeriod};
use crate::model::bundle::{Indicator, Period, Polarity};
use crate::model::period_id::{month_name, months, reference_years};
use crate::stats::did::{difference_in_differences, AreaPanel, DidEstimate, DEFAULT_RESAMPLES};
use crate::stats::event_study::{event_study, Counts, PreTrend, PreTrendCheck};
use crate::stats::matching::nearest_matches;
use serde::{Deserialize, Serialize};

/// The bootstrap's seed: the same inputs give the same interval.
const SEED: u64 = 0x5eed_a71a5;
/// The most comparison areas that may be asked for.
pub const MAX_K: usize = 200;

/// What to compare.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ComparisonRequest {
    /// Outcome indicator id.
    pub outcome: String,
    /// Intervention start (`YYYY` or `YYYY-MM`).
    pub start: String,
    /// Indicator ids to match on (the outcome is used when empty).
    #[serde(default)]
    pub features: Vec<String>,
    /// Comparison areas wanted (0: twice the patch's areas).
    #[serde(default)]
    pub k: usize,
}

/// A comparison area and why it was chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchedArea {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// District name.
    pub district: String,
    /// The patch area it was matched to.
    pub matched_to: String,
    /// Distance in standard deviations (Euclidean over the matching indicators).
    pub distance: f64,
    /// The matching figures side by side.
    pub why: String,
}

/// Everything the panel shows for a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonReport {
    /// Outcome label.
    pub outcome: String,
    /// "Before" period label.
    pub before: String,
    /// "After" period label.
    pub after: String,
    /// "Employment deprivation (IoD2019)", … — what the areas were matched on.
    pub matched_on: Vec<String>,
    /// The comparison areas.
    pub matches: Vec<MatchedArea>,
    /// Codes of the comparison areas (for outlining them on the map).
    pub codes: Vec<String>,
    /// The estimate; `None` when too few areas have counts.
    pub estimate: Option<DidEstimate>,
    /// How the interval was made.
    pub method: String,
    /// The finding in one paragraph.
    pub sentence: String,
    /// What the data cannot show.
    pub caveats: Vec<String>,
    /// The small chart.
    pub chart: Option<DidChart>,
    /// The gap in every period against the last one before the start, when three or more periods
    /// before the start have counts.
    pub event_study: Option<EventStudy>,
    /// Whether the patch and the comparison areas moved together before the start, in one or two
    /// sentences (a warning when they did not); with `event_study`.
    pub pre_trend: Option<String>,
}

/// How the interval was made, in one sentence for people.
pub fn method_statement(resamples: u32) -> String {
    format!(
        "95% interval from {} bootstrap resamples of areas within each group (percentile, small-sample corrected).",
        count(f64::from(resamples))
    )
}

fn usable_periods(tables: &BundleTables, indicator: &Indicator) -> Vec<usize> {
    let base = &tables.base().id;
    (0..indicator.periods.len())
        .filter(|&p| {
            tables
                .series(indicator, base, &indicator.periods[p].id)
                .is_some_and(|s| s.numerators.is_some() && (s.denominators.is_some() || !s.values.is_empty()))
        })
        .collect()
}

fn counts(tables: &BundleTables, indicator: &Indicator, period: &str, area: usize) -> Option<(f64, f64)> {
    let s = tables.series(indicator, &tables.base().id, period)?;
    area_counts(s, area, indicator.unit.multiplier).map(|(n, d, _)| (n, d))
}

/// The latest period of `indicator` before `start` with values for the smallest areas.
fn period_before<'a>(
    tables: &BundleTables,
    indicator: &'a Indicator,
    start: &str,
) -> Option<&'a crate::model::bundle::Period> {
    let base = &tables.base().id;
    indicator
        .periods
        .iter()
        .rev()
        .find(|p| side(p, start) == Side::Before && tables.series(indicator, base, &p.id).is_some())
}

/// Where a period lies against the intervention's start (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
    /// A quarter the start falls inside.
    Straddles,
}

/// Where a period lies against `start` (`YYYY` or `YYYY-MM`): by the time its figures describe
/// (see the module docs).
fn side(period: &Period, start: &str) -> Side {
    let described = match months(&period.id) {
        Some((_, _, 1)) => reference_years(&period.reference).map(|(first, last)| (first * 12, last * 12 + 11)),
        _ => None,
    };
    match (described, months(start)) {
        (Some((_, last)), Some((s, _, _))) if last < s => Side::Before,
        (Some((first, _)), Some((s, _, _))) if first >= s => Side::After,
        (Some(_), Some(_)) => Side::Straddles,
        _ => side_by_id(&period.id, start),
    }
}

/// Where period `id` lies against `start` by its id alone. Ids of another form are compared as
/// text, as they always were.
fn side_by_id(id: &str, start: &str) -> Side {
    let start_month = months(start).map(|(first, _, _)| first);
    match (months(id), start_month) {
        (Some((first, last, 4)), Some(s)) if first < s && last >= s => Side::Straddles,
        (Some((_, last, 4)), Some(s)) if last < s => Side::Before,
        (Some((first, _, _)), Some(s)) if first < s => Side::Before,
        (Some(_), Some(_)) => Side::After,
        _ if id < start => Side::Before,
        _ => Side::After,
    }
}

/// "March 2024" for `2024-03`; a year or anything else as it is.
fn start_label(start: &str) -> String {
    match months(start) {
        Some((first, _, 12)) => format!("{} {}", month_name(first), first.div_euclid(12)),
        _ => start.to_string(),
    }
}

/// Runs the comparison for the patch's `members` (base-layer indices).
///
/// # Errors
/// A sentence for people when it cannot be made (unknown indicator, no period before or after,
/// nothing to match on).
pub fn compare(
    tables: &BundleTables,
    members: &[usize],
    request: &ComparisonRequest,
) -> Result<ComparisonReport, String> {
    let outcome =
        tables.indicator(&request.outcome).ok_or_else(|| format!("unknown indicator \"{}\"", request.outcome))?;
    if !super::patch::is_period_id(&request.start) {
        return Err("the intervention's start must be a year (2023) or a month (2023-04)".into());
    }
    if members.is_empty() {
        return Err("the patch has no areas".into());
    }
    let small = tables.base().noun_plural.clone();
    let usable = usable_periods(tables, outcome);
    let on = |wanted: Side| -> Vec<usize> {
        usable.iter().copied().filter(|&p| side(&outcome.periods[p], &request.start) == wanted).collect()
    };
    let (pre_periods, post_periods, straddling) = (on(Side::Before), on(Side::After), on(Side::Straddles));
    // Figures before the start and none after it: say so, and show no difference.
    if let (Some(_), None, Some(&latest)) = (pre_periods.last(), post_periods.first(), usable.last()) {
        let (start, latest) = (start_label(&request.start), &outcome.periods[latest]);
        return Err(match straddling.last().map(|&p| &outcome.periods[p]) {
            Some(p) => format!(
                "No figures describe only the time after {start} yet: {} refers to {}, which spans the start, so no difference is shown.",
                p.label, p.reference
            ),
            None => format!(
                "No figures describe the time after {start} yet: the latest {} figures, {}, refer to {}. A comparison needs figures from after the start, so none is shown.",
                outcome.label, latest.label, latest.reference
            ),
        });
    }
    let (Some(&before), Some(&after)) = (pre_periods.last(), post_periods.first()) else {
        return Err(format!(
            "{} has counts for {small} in {} only: a comparison needs a period before {} and one at or after it",
            outcome.label,
            usable.iter().map(|&p| outcome.periods[p].label.as_str()).collect::<Vec<_>>().join(", "),
            request.start
        ));
    };
    let (pre, post) = (&outcome.periods[before], &outcome.periods[after]);

    // Matching features: each chosen indicator at its latest period before the start.
    let ids: Vec<&str> = if request.features.is_empty() {
        vec![outcome.id.as_str()]
    } else {
        request.features.iter().map(String::as_str).collect()
    };
    let mut features: Vec<Vec<Option<f64>>> = Vec::new();
    let mut matched_on = Vec::new();
    let mut feature_meta = Vec::new();
    // A chosen indicator with nothing describing the time before the start (the 2021 Census for a
    // start in 2020) cannot be matched on: it is left out and said, unless nothing would be left.
    let mut unmatched = Vec::new();
    for id in ids {
        let f = tables.indicator(id).ok_or_else(|| format!("unknown indicator \"{id}\""))?;
        let Some(p) = period_before(tables, f, &request.start) else {
            unmatched.push(f.label.clone());
            continue;
        };
        let series = tables.series(f, &tables.base().id, &p.id).map(|s| s.values.clone()).unwrap_or_default();
        let n = tables.base().areas.len();
        features.push((0..n).map(|a| series.get(a).copied().flatten()).collect());
        matched_on.push(format!("{} ({})", f.label, p.label));
        feature_meta.push((f.label.clone(), f.decimals, f.unit.symbol.clone()));
    }
    if features.is_empty() {
        return Err(format!(
            "{} {} no figures for {small} that describe the time before {}: choose an indicator to match on that does",
            unmatched.join(" and "),
            if unmatched.len() == 1 { "has" } else { "have" },
            start_label(&request.start)
        ));
    }

    let n = tables.base().areas.len();
    let in_patch = {
        let mut v = vec![false; n];
        for &m in members {
            if let Some(slot) = v.get_mut(m) {
                *slot = true;
            }
        }
        v
    };
    let has_counts =
        |a: usize| counts(tables, outcome, &pre.id, a).is_some() && counts(tables, outcome, &post.id, a).is_some();
    let not_candidates: Vec<usize> = (0..n).filter(|&a| in_patch[a] || !has_counts(a)).collect();
    let k = if request.k == 0 { (members.len() * 2).clamp(5, MAX_K) } else { request.k.min(MAX_K) };
    // `nearest_matches` gives up to `per_area` to each patch area in rounds; cutting the list at
    // `k` keeps the rounds' fair share when `k` is not a multiple of the patch's size.
    let per_area = k.div_ceil(members.len().max(1));
    let mut matching = nearest_matches(&features, members, per_area, &not_candidates);
    matching.matches.truncate(k);

    let base = tables.base();
    let matches: Vec<MatchedArea> = matching
        .matches
        .iter()
        .filter_map(|m| {
            let area = base.areas.get(m.candidate)?;
            let twin = base.areas.get(m.matched_to)?;
            let why = feature_meta
                .iter()
                .zip(&features)
                .map(|((label, decimals, symbol), column)| {
                    let v = |a: usize| value(column.get(a).copied().flatten(), *decimals, symbol);
                    format!("{label} {} vs {}", v(m.candidate), v(m.matched_to))
                })
                .collect::<Vec<_>>()
                .join("; ");
            Some(MatchedArea {
                code: area.code.clone(),
                name: area.name.clone(),
                district: tables.parent_name(m.candidate, "lad"),
                matched_to: twin.name.clone(),
                distance: m.distance,
                why,
            })
        })
        .collect();
    let comparison: Vec<usize> = matching.matches.iter().map(|m| m.candidate).collect();

    let panel_of = |a: usize| -> Option<AreaPanel> {
        let (pre_numerator, pre_denominator) = counts(tables, outcome, &pre.id, a)?;
        let (post_numerator, post_denominator) = counts(tables, outcome, &post.id, a)?;
        Some(AreaPanel { pre_numerator, pre_denominator, post_numerator, post_denominator })
    };
    let patch_panels: Vec<AreaPanel> = members.iter().filter_map(|&a| panel_of(a)).collect();
    let left_out = members.len() - patch_panels.len();
    let comparison_panels: Vec<AreaPanel> = comparison.iter().filter_map(|&a| panel_of(a)).collect();
    let estimate =
        difference_in_differences(&patch_panels, &comparison_panels, outcome.unit.multiplier, DEFAULT_RESAMPLES, SEED);

    let d = outcome.decimals;
    let sym = outcome.unit.symbol.as_str();
    let points = if sym.trim() == "%" { " percentage points" } else { "" };
    let signed = |v: f64| if v > 0.0 { format!("+{}", fixed(v, d)) } else { fixed(v, d) };
    let sentence = match &estimate {
        Some(e) => {
            let verdict = if e.lower > 0.0 || e.upper < 0.0 {
                let better = match outcome.polarity {
                    Polarity::HigherIsWorse => e.difference < 0.0,
                    Polarity::HigherIsBetter => e.difference > 0.0,
                    Polarity::Neither => false,
                };
                let direction = if e.difference < 0.0 { "fell further or rose less" } else { "rose further or fell less" };
                let judgement = if outcome.polarity == Polarity::Neither {
                    String::new()
                } else if better {
                    " — a better change".to_string()
                } else {
                    " — a worse change".to_string()
                };
                format!("is larger than chance differences between areas would explain: the patch {direction} than similar areas{judgement}")
            } else {
                "could be chance: the data cannot tell it apart from no difference".to_string()
            };
            format!(
                "From {} to {}, {} in the patch ({} {small}) changed by {}{points} (from {} to {}); in {} matched comparison areas it changed by {}{points} (from {} to {}). The difference, {}{points} (95% interval {} to {}), {verdict}. This is an association, not proof of impact.",
                pre.label,
                post.label,
                outcome.label.to_lowercase(),
                e.patch_areas,
                signed(e.patch_change),
                value(Some(e.patch_pre), d, sym),
                value(Some(e.patch_post), d, sym),
                e.comparison_areas,
                signed(e.comparison_change),
                value(Some(e.comparison_pre), d, sym),
                value(Some(e.comparison_post), d, sym),
                signed(e.difference),
                signed(e.lower),
                signed(e.upper),
            )
        }
        None => format!(
            "Too few areas have {} counts in both {} and {} to estimate a difference (at least two in the patch and two comparison areas are needed).",
            outcome.label.to_lowercase(),
            pre.label,
            post.label
        ),
    };
    // The map refuses change across a definition change; here the sentence itself says so.
    let changed: Vec<&str> = outcome.periods[before + 1..=after]
        .iter()
        .filter(|p| p.change_note.is_some())
        .map(|p| p.label.as_str())
        .collect();
    let sentence = if changed.is_empty() {
        sentence
    } else {
        format!(
            "{sentence} Careful: the definitions or boundaries changed at {}, so part of this change may come from that, not from what happened in the areas.",
            changed.join(" and ")
        )
    };

    let study = (pre_periods.len() >= 3)
        .then(|| study(tables, outcome, request, (&pre_periods, &post_periods), (members, &comparison)))
        .flatten();

    let mut caveats = Vec::new();
    if !unmatched.is_empty() {
        caveats.push(format!(
            "Not matched on {}: no figures for {small} describe the time before {}.",
            unmatched.join(" or "),
            start_label(&request.start)
        ));
    }
    if pre_periods.len() < 2 {
        caveats.push(format!(
            "Only one period before the start ({}) has counts for {small}, so whether the patch and the comparison areas were already moving differently cannot be checked.",
            pre.label
        ));
    }
    if !straddling.is_empty() {
        let labels: Vec<&str> = straddling.iter().map(|&p| outcome.periods[p].label.as_str()).collect();
        caveats.push(format!(
            "{} {} the start ({}), so {} neither before nor after it and {} left out.",
            labels.join(", "),
            if labels.len() == 1 { "spans" } else { "span" },
            request.start,
            if labels.len() == 1 { "it is" } else { "they are" },
            if labels.len() == 1 { "was" } else { "were" },
        ));
    }
    if let Some((_, _, PreTrend::Diverged { .. })) = &study {
        caveats.push(
            "The patch and the comparison areas were already moving differently before the start (see the check of the periods before it), so the difference above may not be the intervention's effect: it is an association, not proof of impact."
                .to_string(),
        );
    }
    for p in &outcome.periods[before + 1..=after] {
        if let Some(note) = &p.change_note {
            caveats.push(format!("Definitions or boundaries changed at {}: {note}", p.label));
        }
    }
    caveats.push(format!(
        "{} refers to {}; {} refers to {} — check these against when the intervention started ({}).",
        pre.label, pre.reference, post.label, post.reference, request.start
    ));
    for p in [pre, post] {
        if let Some(s) = tables.series(outcome, &base.id, &p.id) {
            if s.estimated {
                caveats.push(format!("{}: some counts are the data builder's estimates ({}).", p.label, s.method));
            } else if s.denominators.is_none() {
                caveats.push(format!(
                    "{}: denominators are not published for {small}; they are implied from each area's count and rounded rate, so its rates are close estimates.",
                    p.label
                ));
            }
        }
    }
    if estimate.is_some_and(|e| e.patch_areas < 5) {
        caveats.push(format!(
            "With so few areas in the patch the interval is wide: a patch of a handful of {small} can show only large changes."
        ));
    }
    if left_out > 0 {
        caveats.push(format!("{left_out} patch areas without published counts in both periods were left out."));
    }
    if matching.matches.len() < k {
        caveats.push(format!("Only {} comparison areas could be found of the {k} asked for.", matching.matches.len()));
    }
    caveats.push(format!(
        "Comparison areas were matched on {}; they may still differ in ways these figures do not show, and areas next to the patch may feel its effects too.",
        matched_on.join(", ")
    ));

    let chart = estimate.map(|e| DidChart {
        before: pre.label.clone(),
        after: post.label.clone(),
        y_label: outcome.unit.label.clone(),
        decimals: d,
        patch: [e.patch_pre, e.patch_post],
        comparison: [e.comparison_pre, e.comparison_post],
        difference: e.difference,
        lower: e.lower,
        upper: e.upper,
    });
    let (event_study, pre_trend) = match study {
        Some((chart, sentence, _)) => (Some(chart), Some(sentence)),
        None => (None, None),
    };
    Ok(ComparisonReport {
        outcome: outcome.label.clone(),
        before: pre.label.clone(),
        after: post.label.clone(),
        matched_on,
        codes: matches.iter().map(|m| m.code.clone()).collect(),
        matches,
        estimate,
        method: method_statement(DEFAULT_RESAMPLES),
        sentence,
        caveats,
        chart,
        event_study,
        pre_trend,
    })
}

/// The event study over the `pre` and `post` periods (indices into the outcome's periods) for
/// the patch's and the comparison group's areas: the chart, the pre-trend sentence and the
/// verdict. `None` when too few areas have counts in the last period before the start.
fn study(
    tables: &BundleTables,
    outcome: &Indicator,
    request: &ComparisonRequest,
    (pre, post): (&[usize], &[usize]),
    (members, comparison): (&[usize], &[usize]),
) -> Option<(EventStudy, String, PreTrend)> {
    let periods: Vec<usize> = pre.iter().chain(post).copied().collect();
    let spans: Option<Vec<(i32, i32, u8)>> = periods.iter().map(|&p| months(&outcome.periods[p].id)).collect();
    // Time in years for the slope; periods of unknown or mixed kinds are counted one by one.
    let per_year = spans.as_ref().and_then(|s| s.iter().all(|x| x.2 == s[0].2).then_some(s[0].2)).unwrap_or(0);
    let times: Vec<f64> = match (&spans, per_year) {
        (Some(s), 1 | 4 | 12) => s.iter().map(|x| f64::from(x.0) / 12.0).collect(),
        _ => (0..periods.len()).map(|i| i as f64).collect(),
    };
    let series = |a: usize| -> Vec<Option<Counts>> {
        periods
            .iter()
            .map(|&p| {
                counts(tables, outcome, &outcome.periods[p].id, a)
                    .map(|(numerator, denominator)| Counts { numerator, denominator })
            })
            .collect()
    };
    let patch: Vec<Vec<Option<Counts>>> = members.iter().map(|&a| series(a)).collect();
    let others: Vec<Vec<Option<Counts>>> = comparison.iter().map(|&a| series(a)).collect();
    let multiplier = outcome.unit.multiplier;
    let s = event_study(&patch, &others, &times, pre.len(), multiplier, DEFAULT_RESAMPLES, SEED)?;

    let d = outcome.decimals;
    let signed = |v: f64| if v > 0.0 { format!("+{}", fixed(v, d)) } else { fixed(v, d) };
    let label = |i: usize| outcome.periods[periods[i]].label.clone();
    let reference = label(s.reference);
    let points = if outcome.unit.is_percentage() { " percentage points" } else { "" };
    let chart = EventStudy {
        periods: s
            .points
            .iter()
            .map(|p| EventStudyPeriod {
                label: label(p.period),
                estimate: p.estimate,
                lower: p.lower,
                upper: p.upper,
                before: p.period < pre.len(),
                estimate_text: signed(p.estimate),
                interval_text: format!("{} to {}", signed(p.lower), signed(p.upper)),
            })
            .collect(),
        reference: reference.clone(),
        y_label: if points.is_empty() { outcome.unit.label.clone() } else { points.trim().to_string() },
        decimals: d,
        per_year,
        diverged: matches!(s.pre_trend.verdict, PreTrend::Diverged { .. }),
    };
    let noun = match per_year {
        12 => "months",
        4 => "quarters",
        1 => "years",
        _ => "periods",
    };
    let words = PreTrendWords {
        start: start_label(&request.start),
        outcome: outcome.label.to_lowercase(),
        noun,
        per: if per_year == 0 { "a period" } else { "a year" },
        points,
        reference,
    };
    let sentence = words.sentence(&s.pre_trend, &signed);
    Some((chart, sentence, s.pre_trend.verdict))
}

/// What the pre-trend sentence names.
struct PreTrendWords {
    start: String,
    outcome: String,
    noun: &'static str,
    per: &'static str,
    points: &'static str,
    reference: String,
}

impl PreTrendWords {
    /// The pre-trend check in words: support (never proof) when the groups moved together, a
    /// warning when they did not.
    fn sentence(&self, check: &PreTrendCheck, signed: &dyn Fn(f64) -> String) -> String {
        let PreTrendWords { start, outcome, noun, per, points, reference } = self;
        let checked = check.periods;
        let Some(slope) = check.slope else {
            return format!(
                "Too few {noun} before {start} have counts ({checked}) to check whether the patch and the comparison areas moved together before it."
            );
        };
        let gap = format!(
            "the gap between them changed by {}{points} {per} (95% interval {} to {})",
            signed(slope.estimate),
            signed(slope.lower),
            signed(slope.upper)
        );
        let m = checked.saturating_sub(1);
        let departures = format!(
            "in {} of {m} {noun} the gap differed from its level in {reference} by more than chance differences between areas would explain",
            check.excluding_zero
        );
        match check.verdict {
            PreTrend::Diverged { trend: true, departures: also } => format!(
                "Before {start} the figures for {outcome} were already {} in the patch than in the comparison areas ({checked} {noun} checked): {gap}{}. The difference after the start may continue that trend rather than show the intervention's effect.",
                if slope.estimate < 0.0 { "falling faster or rising more slowly" } else { "rising faster or falling more slowly" },
                if also { format!(", and {departures}") } else { String::new() },
            ),
            PreTrend::Diverged { .. } => format!(
                "Before {start} the gap between the patch and the comparison areas was not steady ({checked} {noun} checked): {departures}. The difference after the start may reflect that rather than the intervention's effect."
            ),
            _ => format!(
                "Before {start} the patch and the comparison areas moved together ({checked} {noun} checked): {gap}. This supports, but does not prove, that they would have kept moving together."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_after_and_straddling_by_id() {
        // Years and months as the comparison always placed them (the text order).
        assert_eq!(side_by_id("2019", "2023"), Side::Before);
        assert_eq!(side_by_id("2023", "2023"), Side::After);
        assert_eq!(side_by_id("2023", "2023-04"), Side::Before);
        assert_eq!(side_by_id("2023-03", "2023-04"), Side::Before);
        assert_eq!(side_by_id("2023-04", "2023-04"), Side::After);
        assert_eq!(side_by_id("2023-01", "2023"), Side::After);
        // A quarter is before only when it ends before the start's month.
        assert_eq!(side_by_id("2024-Q1", "2024-03"), Side::Straddles);
        assert_eq!(side_by_id("2024-Q1", "2024-02"), Side::Straddles);
        assert_eq!(side_by_id("2024-Q1", "2024-04"), Side::Before);
        assert_eq!(side_by_id("2024-Q1", "2024-01"), Side::After);
        assert_eq!(side_by_id("2024-Q1", "2024"), Side::After);
        assert_eq!(side_by_id("2023-Q4", "2024"), Side::Before);
        // Other ids are compared as text.
        assert_eq!(side_by_id("2019/20", "2023"), Side::Before);
        assert_eq!(side_by_id("2023/24", "2023"), Side::After);
    }

    #[test]
    fn editions_are_placed_by_the_time_their_figures_describe() {
        let period = |id: &str, reference: &str| Period {
            id: id.into(),
            label: format!("IoD{id}"),
            reference: reference.into(),
            change_note: None,
        };
        let iod2025 = period("2025", "data mostly about 2021–23");
        let iod2019 = period("2019", "data mostly about 2015/16 (denominators mid-2015)");
        // Published in 2025, but about 2021–23: before a start in March 2024.
        assert_eq!(side(&iod2025, "2024-03"), Side::Before);
        assert_eq!(side(&iod2025, "2020"), Side::After);
        assert_eq!(side(&iod2025, "2022-06"), Side::Straddles);
        assert_eq!(side(&iod2019, "2020"), Side::Before);
        // A month is its own reference; a year whose reference names no year keeps its id.
        assert_eq!(side(&period("2024-02", "February 2024"), "2024-03"), Side::Before);
        assert_eq!(side(&period("2023", "unknown"), "2023-04"), Side::Before);
    }

    #[test]
    fn starts_read_as_words() {
        assert_eq!(start_label("2024-03"), "March 2024");
        assert_eq!(start_label("2024-12"), "December 2024");
        assert_eq!(start_label("2024"), "2024");
    }
}
