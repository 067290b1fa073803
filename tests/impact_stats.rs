//! Acceptance tests for the tracking-impact statistics on SYNTHETIC data with a planted effect:
//! difference-in-differences must find an effect that is there, and its 95% interval must cover
//! the truth about 95% of the time when there is none. Matching must find planted clusters, and
//! Pearson must reproduce a published figure.
//!
//! Run with `cargo test --test impact_stats -- --nocapture` to see the measured coverage.

use work_health_atlas::stats::correlation::pearson;
use work_health_atlas::stats::did::{difference_in_differences, AreaPanel, DidEstimate};
use work_health_atlas::stats::event_study::{event_study, Counts, PreTrend};
use work_health_atlas::stats::matching::nearest_matches;
use work_health_atlas::stats::random::SplitMix64;

/// Resamples per interval in these tests: fewer than the product's 2,000 to keep debug runs fast.
const RESAMPLES: u32 = 1_000;

// ---------------------------------------------------------------------------------------------
// SYNTHETIC panel generator. Nothing here is real data.
// ---------------------------------------------------------------------------------------------

/// Parameters of a synthetic panel, in percentage points where a rate is meant.
struct Design {
    patch_areas: usize,
    comparison_areas: usize,
    /// Change every area shares between the periods (e.g. the economy improving).
    common_shift: f64,
    /// Standard deviation of area-level noise in the change.
    area_noise: f64,
    /// The planted treatment effect on the patch's later rate.
    effect: f64,
}

const BASE_DESIGN: Design =
    Design { patch_areas: 15, comparison_areas: 30, common_shift: -2.0, area_noise: 1.25, effect: 0.0 };

/// A standard normal deviate (Box–Muller).
fn normal(rng: &mut SplitMix64) -> f64 {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    let u = 1.0 - rng.next_f64();
    let v = rng.next_f64();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn uniform(rng: &mut SplitMix64, low: f64, high: f64) -> f64 {
    low + (high - low) * rng.next_f64()
}

/// A binomial-ish count: the normal approximation, rounded and clamped to `0..=n`.
fn count(rng: &mut SplitMix64, n: f64, p: f64) -> f64 {
    let p = p.clamp(0.0, 1.0);
    (n * p + (n * p * (1.0 - p)).sqrt() * normal(rng)).round().clamp(0.0, n)
}

/// One SYNTHETIC area: denominator 800–2,000 (drifting up to ±5% between periods), baseline rate
/// 10–30%, the common shift plus area noise (plus `effect` for patch areas) in the change.
fn synthetic_area(rng: &mut SplitMix64, design: &Design, effect: f64) -> AreaPanel {
    let pre_denominator = uniform(rng, 800.0, 2_000.0).round();
    let post_denominator = (pre_denominator * uniform(rng, 0.95, 1.05)).round();
    let baseline = uniform(rng, 10.0, 30.0);
    let later = baseline + design.common_shift + design.area_noise * normal(rng) + effect;
    AreaPanel {
        pre_numerator: count(rng, pre_denominator, baseline / 100.0),
        pre_denominator,
        post_numerator: count(rng, post_denominator, later / 100.0),
        post_denominator,
    }
}

/// A SYNTHETIC (patch, comparison) pair of groups.
fn synthetic_panel(rng: &mut SplitMix64, design: &Design) -> (Vec<AreaPanel>, Vec<AreaPanel>) {
    let patch = (0..design.patch_areas).map(|_| synthetic_area(rng, design, design.effect)).collect();
    let comparison = (0..design.comparison_areas).map(|_| synthetic_area(rng, design, 0.0)).collect();
    (patch, comparison)
}

/// Draws `draws` panels and estimates each, with the bootstrap seeded from the draw.
fn estimates(design: &Design, draws: u64, seed: u64) -> Vec<DidEstimate> {
    let mut rng = SplitMix64::new(seed);
    (0..draws)
        .filter_map(|draw| {
            let (patch, comparison) = synthetic_panel(&mut rng, design);
            difference_in_differences(&patch, &comparison, 100.0, RESAMPLES, seed ^ (draw + 1))
        })
        .collect()
}

fn coverage(estimates: &[DidEstimate], truth: f64) -> f64 {
    let covered = estimates.iter().filter(|e| e.lower <= truth && truth <= e.upper).count();
    covered as f64 / estimates.len() as f64
}

// ---------------------------------------------------------------------------------------------
// Difference-in-differences
// ---------------------------------------------------------------------------------------------

#[test]
fn did_finds_a_planted_effect() {
    let design = Design { effect: -3.0, ..BASE_DESIGN };
    let mut rng = SplitMix64::new(2024);
    let (patch, comparison) = synthetic_panel(&mut rng, &design);
    let d = difference_in_differences(&patch, &comparison, 100.0, RESAMPLES, 7).expect("estimable");
    println!("planted τ = −3: estimate {:.2} ({:.2} to {:.2})", d.difference, d.lower, d.upper);
    assert!(d.lower <= -3.0 && -3.0 <= d.upper, "{d:?}");
    assert!(d.upper < 0.0, "interval should exclude 0: {d:?}");
    assert_eq!((d.patch_areas, d.comparison_areas, d.resamples), (15, 30, RESAMPLES));

    let draws = estimates(&design, 200, 99);
    assert_eq!(draws.len(), 200);
    let covered = coverage(&draws, -3.0);
    let detected = draws.iter().filter(|e| e.upper < 0.0).count() as f64 / draws.len() as f64;
    println!("DiD 95% interval coverage of τ = −3: {covered:.3} over 200 draws; excludes 0 in {detected:.3}");
    assert!(covered >= 0.90, "coverage {covered}");
}

#[test]
fn did_interval_covers_zero_when_there_is_no_effect() {
    let draws = estimates(&BASE_DESIGN, 500, 1);
    assert_eq!(draws.len(), 500);
    let covered = coverage(&draws, 0.0);
    println!("DiD 95% interval coverage with no effect: {covered:.3} over 500 draws (15 vs 30 areas)");
    assert!((0.92..=0.98).contains(&covered), "coverage {covered}");
}

#[test]
fn did_small_groups_keep_their_coverage() {
    // The small-sample correction matters most here: 4 patch areas against 8 comparison areas.
    let design = Design { patch_areas: 4, comparison_areas: 8, ..BASE_DESIGN };
    let draws = estimates(&design, 400, 5);
    let covered = coverage(&draws, 0.0);
    println!("DiD 95% interval coverage with no effect: {covered:.3} over 400 draws (4 vs 8 areas)");
    assert!((0.91..=0.99).contains(&covered), "coverage {covered}");
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

#[test]
fn matches_come_from_the_treated_areas_own_cluster() {
    // SYNTHETIC: three clusters of 10 areas on two features on very different scales
    // (a rate in % and a population in people); cluster c is centred at (10 + 10c, 2,000 + 3,000c)
    // with small jitter. Area 10c is treated in each cluster; area 1 is barred as a candidate.
    let mut rng = SplitMix64::new(31);
    let mut rate = Vec::new();
    let mut population = Vec::new();
    for c in 0..3 {
        for _ in 0..10 {
            rate.push(Some(10.0 + 10.0 * f64::from(c) + uniform(&mut rng, -1.0, 1.0)));
            population.push(Some(2_000.0 + 3_000.0 * f64::from(c) + uniform(&mut rng, -300.0, 300.0)));
        }
    }
    population[25] = None; // incomplete: never a candidate
    let features = vec![rate, population];
    let m = nearest_matches(&features, &[0, 10, 20], 5, &[1]);
    assert_eq!(m.matches.len(), 15);
    assert_eq!(m.excluded_incomplete, 1);
    for t in [0usize, 10, 20] {
        let chosen: Vec<usize> = m.matches_for(t).map(|m| m.candidate).collect();
        assert_eq!(chosen.len(), 5);
        assert!(chosen.iter().all(|&c| c / 10 == t / 10 && c != t), "treated {t} got {chosen:?}");
        assert!(!chosen.contains(&1) && !chosen.contains(&25));
        // "Why they matched": the candidate's z-scores are close to its treated area's.
        let zt = m.z_scores(&features, t);
        for &c in &chosen {
            for (a, b) in zt.iter().zip(m.z_scores(&features, c)) {
                let (a, b) = (a.expect("complete"), b.expect("complete"));
                assert!((a - b).abs() < 0.5, "treated {t}, candidate {c}: {a} vs {b}");
            }
        }
    }
    // Deterministic.
    assert_eq!(m, nearest_matches(&features, &[0, 10, 20], 5, &[1]));
}

// ---------------------------------------------------------------------------------------------
// Correlation
// ---------------------------------------------------------------------------------------------

#[test]
fn pearson_reproduces_r_cor_test() {
    // R's ?cor.test example (Hollander & Wolfe 1973, p. 187f): cor.test(x, y) prints
    // cor 0.5711816, 95 percent confidence interval −0.1497426 0.8955795.
    let x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
    let y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
    let pairs: Vec<(f64, f64)> = x.into_iter().zip(y).collect();
    let c = pearson(&pairs).expect("estimable");
    assert_eq!(c.n, 9);
    assert!((c.r - 0.571_181_6).abs() < 5e-8);
    assert!((c.lower - -0.149_742_6).abs() < 5e-8);
    assert!((c.upper - 0.895_579_5).abs() < 5e-8);
}

/// The coverage table quoted in `stats::did`'s module docs (slow in debug; run with
/// `cargo test --release --test impact_stats coverage_table -- --ignored --nocapture`).
#[test]
#[ignore]
fn coverage_table() {
    for (patch_areas, comparison_areas) in [(2, 2), (3, 3), (4, 8), (6, 12), (10, 10), (15, 30), (40, 80)] {
        let design = Design { patch_areas, comparison_areas, ..BASE_DESIGN };
        let draws = estimates(&design, 3_000, 77);
        let width = draws.iter().map(|e| e.upper - e.lower).sum::<f64>() / draws.len() as f64;
        println!(
            "{patch_areas} vs {comparison_areas} areas: coverage {:.3}, mean width {width:.2} points",
            coverage(&draws, 0.0)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Event study and the pre-trend check
// ---------------------------------------------------------------------------------------------

/// A SYNTHETIC monthly panel: `months` periods (the start after `pre` of them), every area's rate
/// `baseline + common(t) + own_slope × years + noise`, where each area's own slope is drawn from
/// the same spread in both groups (so trends are parallel in expectation), plus `patch_slope`
/// points a year for patch areas before and after the start, plus `effect` after it.
struct MonthlyDesign {
    patch_areas: usize,
    comparison_areas: usize,
    months: usize,
    pre: usize,
    /// Standard deviation of the areas' own slopes, points a year.
    slope_spread: f64,
    /// Standard deviation of month-to-month area noise, points.
    noise: f64,
    patch_slope: f64,
    effect: f64,
}

const MONTHLY: MonthlyDesign = MonthlyDesign {
    patch_areas: 10,
    comparison_areas: 20,
    months: 24,
    pre: 12,
    slope_spread: 0.6,
    noise: 0.6,
    patch_slope: 0.0,
    effect: 0.0,
};

fn monthly_area(rng: &mut SplitMix64, design: &MonthlyDesign, patch: bool) -> Vec<Option<Counts>> {
    let denominator = uniform(rng, 800.0, 2_000.0).round();
    let baseline = uniform(rng, 10.0, 30.0);
    let own_slope = design.slope_spread * normal(rng) + if patch { design.patch_slope } else { 0.0 };
    (0..design.months)
        .map(|t| {
            let years = t as f64 / 12.0;
            let common = -years + 0.5 * (years * std::f64::consts::TAU).sin();
            let after = if patch && t >= design.pre { design.effect } else { 0.0 };
            let rate = baseline + common + own_slope * years + design.noise * normal(rng) + after;
            Some(Counts { numerator: count(rng, denominator, rate / 100.0), denominator })
        })
        .collect()
}

type Areas = Vec<Vec<Option<Counts>>>;

fn monthly_panel(rng: &mut SplitMix64, design: &MonthlyDesign) -> (Areas, Areas) {
    let patch = (0..design.patch_areas).map(|_| monthly_area(rng, design, true)).collect();
    let comparison = (0..design.comparison_areas).map(|_| monthly_area(rng, design, false)).collect();
    (patch, comparison)
}

fn monthly_times(design: &MonthlyDesign) -> Vec<f64> {
    (0..design.months).map(|t| 2023.0 + t as f64 / 12.0).collect()
}

/// Shares of draws with each verdict: (moved together, diverged by trend, diverged by departures).
fn verdict_shares(design: &MonthlyDesign, draws: u64, resamples: u32, seed: u64) -> (f64, f64, f64) {
    let mut rng = SplitMix64::new(seed);
    let times = monthly_times(design);
    let (mut together, mut trend, mut departures) = (0, 0, 0);
    for draw in 0..draws {
        let (patch, comparison) = monthly_panel(&mut rng, design);
        let s = event_study(&patch, &comparison, &times, design.pre, 100.0, resamples, seed ^ (draw + 1))
            .expect("estimable");
        match s.pre_trend.verdict {
            PreTrend::MovedTogether => together += 1,
            PreTrend::Diverged { trend: t, departures: d } => {
                trend += usize::from(t);
                departures += usize::from(d);
            }
            PreTrend::TooFewPeriods => panic!("12 pre periods are enough"),
        }
    }
    let share = |k: usize| k as f64 / draws as f64;
    (share(together), share(trend), share(departures))
}

#[test]
fn event_study_finds_a_planted_effect_after_the_start() {
    let design = MonthlyDesign { effect: -3.0, ..MONTHLY };
    let mut rng = SplitMix64::new(11);
    let (patch, comparison) = monthly_panel(&mut rng, &design);
    let s =
        event_study(&patch, &comparison, &monthly_times(&design), design.pre, 100.0, RESAMPLES, 3).expect("estimable");
    assert_eq!((s.points.len(), s.reference), (24, 11));
    let post: Vec<_> = s.points.iter().filter(|p| p.period >= design.pre).collect();
    let covered = post.iter().filter(|p| p.lower <= -3.0 && -3.0 <= p.upper).count();
    let excluded = post.iter().filter(|p| p.upper < 0.0).count();
    println!("planted τ = −3 after the start: {covered} of 12 intervals cover it, {excluded} exclude 0");
    assert!(covered >= 10 && excluded >= 10, "{post:?}");
    assert_eq!(s.pre_trend.verdict, PreTrend::MovedTogether, "{:?}", s.pre_trend);
}

#[test]
fn pre_trend_false_alarms_on_parallel_panels() {
    // Parallel in expectation: each sign alone warns about 5% of the time, the pair about 10%
    // (`pre_trend_table`); 200 draws give an SE of about 0.02.
    let (together, trend, departures) = verdict_shares(&MONTHLY, 200, 400, 21);
    println!("parallel panels: moved together {together:.3}, trend {trend:.3}, departures {departures:.3}");
    assert!(together >= 0.84, "false alarms {:.3}", 1.0 - together);
    assert!((0.01..=0.10).contains(&trend), "trend false alarms {trend:.3}");
}

#[test]
fn pre_trend_catches_a_patch_already_diverging() {
    // The patch's rate falls 2 points a year faster than the comparison areas', before and after.
    let design = MonthlyDesign { patch_slope: -2.0, ..MONTHLY };
    let (together, trend, departures) = verdict_shares(&design, 100, 400, 22);
    println!("diverging panels: moved together {together:.3}, trend {trend:.3}, departures {departures:.3}");
    assert!(together <= 0.2, "missed {together:.3}");
    let mut rng = SplitMix64::new(5);
    let (patch, comparison) = monthly_panel(&mut rng, &design);
    let s =
        event_study(&patch, &comparison, &monthly_times(&design), design.pre, 100.0, RESAMPLES, 3).expect("estimable");
    let slope = s.pre_trend.slope.expect("a slope");
    assert!(slope.upper < 0.0 && slope.lower < -1.0, "{slope:?}");
    assert!(matches!(s.pre_trend.verdict, PreTrend::Diverged { trend: true, .. }), "{:?}", s.pre_trend);
}

#[test]
fn pre_trend_needs_three_periods_before_the_start() {
    let design = MonthlyDesign { pre: 2, ..MONTHLY };
    let mut rng = SplitMix64::new(8);
    let (patch, comparison) = monthly_panel(&mut rng, &design);
    let s = event_study(&patch, &comparison, &monthly_times(&design), 2, 100.0, 200, 3).expect("estimable");
    assert_eq!((s.pre_trend.verdict, s.pre_trend.slope), (PreTrend::TooFewPeriods, None));
    let s = event_study(&patch, &comparison, &monthly_times(&design), 3, 100.0, 200, 3).expect("estimable");
    assert_ne!(s.pre_trend.verdict, PreTrend::TooFewPeriods);
}

/// The verdicts' rates quoted in `stats::event_study`'s module docs (slow in debug; run with
/// `cargo test --release --test impact_stats pre_trend_table -- --ignored --nocapture`).
#[test]
#[ignore]
fn pre_trend_table() {
    for (patch_areas, comparison_areas, pre) in [(3, 6, 3), (5, 10, 6), (10, 20, 12), (10, 20, 24), (30, 60, 12)] {
        let months = pre + 6;
        for patch_slope in [0.0, -1.0, -2.0] {
            let design = MonthlyDesign { patch_areas, comparison_areas, pre, months, patch_slope, ..MONTHLY };
            let (together, trend, departures) = verdict_shares(&design, 1_000, 1_000, 77);
            println!(
                "{patch_areas} vs {comparison_areas} areas, {pre} pre months, patch slope {patch_slope}: moved together {together:.3}, trend {trend:.3}, departures {departures:.3}"
            );
        }
    }
}
