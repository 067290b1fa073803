//! Building one bundle [`Indicator`] from the arranged figures of a file: a series per period on
//! every layer the file gives, and — for counts — on every larger layer those areas name as
//! parents (sums of numerators and denominators), plus the city region's figure when every area
//! has one. Values are stored alongside the counts, computed with [`derived_value`], so every
//! reader shows the same numbers.
//!
//! Series are in the bundle's layer order, then time order, as the data builder writes them.

use super::aggregate::{residents, Membership};
use super::areas::layer_noun;
use super::city_region::{self, LCR};
use super::datasets::{Denominators, Description};
use super::grid::{Grid, LayerFigures};
use super::period::PeriodKey;
use super::problem::{Kind, Problems};
use super::reading::{Measure, Slot};
use super::reference::Reference;
use crate::model::bundle::{derived_value, Bundle, Indicator, Period, Series, Source};

const OVER_RESIDENTS: Kind = Kind::error(
    "over-residents",
    "a count cannot exceed the area's residents aged 16–64; check the figure or the area code",
);
const NO_RESIDENTS: Kind = Kind::warning(
    "no-residents",
    "the reference data (data/lookups.json) lacks these areas' residents aged 16–64; rebuild it with make data",
);

/// One layer's figures for one period.
#[derive(Debug, Clone, Default)]
struct Columns {
    numerators: Vec<Option<f64>>,
    denominators: Vec<Option<f64>>,
    values: Vec<Option<f64>>,
}

/// Everything needed to build the indicators of one file.
pub struct Build<'a> {
    /// The bundle the indicators are for.
    pub bundle: &'a Bundle,
    /// Residents and lookups.
    pub reference: &'a Reference,
    /// The arranged figures.
    pub grid: &'a Grid,
    /// What the figures measure.
    pub measure: Measure,
    /// The figures were converted from LSOA 2011.
    pub estimated: bool,
}

impl Build<'_> {
    /// The given layer's columns for one period.
    fn given(
        &self,
        d: &Description,
        f: &LayerFigures,
        category: usize,
        period: usize,
        res: &[Option<f64>],
        problems: &mut Problems,
    ) -> Columns {
        let mut out = Columns::default();
        for area in 0..f.areas {
            let (mut n, mut den, mut v) = (None, None, None);
            let figure = f.figure(category, period, area);
            match figure.map(|c| c.slot) {
                Some(Slot::Count(c)) => n = Some(c),
                Some(Slot::Ratio(a, b)) => (n, den) = (Some(a), Some(b)),
                Some(Slot::Value(x)) => v = Some(x),
                Some(Slot::Withheld) | None => {}
            }
            if d.denominators == Denominators::Residents {
                den = res.get(area).copied().flatten();
                if let (Some(count), Some(r)) = (n, den) {
                    if count > r {
                        let line = figure.map_or(0, |c| c.line);
                        let message = format!("more than the area's {} residents aged 16–64", crate::format::count(r));
                        problems.at(OVER_RESIDENTS, line, "", &crate::format::plain(count, 6), message);
                        n = None;
                    }
                }
            }
            out.numerators.push(n);
            out.denominators.push(den);
            out.values.push(v);
        }
        self.finish(d, out)
    }

    /// Fills in values from counts.
    fn finish(&self, d: &Description, mut c: Columns) -> Columns {
        if self.measure == Measure::Values {
            return c;
        }
        c.values = match d.denominators {
            Denominators::None => c.numerators.clone(),
            _ => c
                .numerators
                .iter()
                .zip(&c.denominators)
                .map(|(n, den)| derived_value(*n, *den, d.unit.multiplier, d.decimals.unwrap_or(1)))
                .collect(),
        };
        c
    }

    fn series(&self, d: &Description, layer: usize, period: &str, c: Columns, method: &str) -> Series {
        let counts = self.measure != Measure::Values;
        Series {
            geography: self.bundle.geographies.get(layer).map_or(String::new(), |g| g.id.clone()),
            period: period.to_string(),
            values: c.values,
            numerators: counts.then_some(c.numerators),
            denominators: (counts && d.denominators != Denominators::None).then_some(c.denominators),
            estimated: self.estimated,
            method: method.to_string(),
        }
    }

    fn method(&self, d: &Description, layer: usize, from: Option<usize>) -> String {
        let mut m = d.method.clone();
        if let Some(child) = from {
            m.push_str(&format!(
                " Each area sums its {}; no data where any of them has no figure.",
                layer_noun(self.bundle, child, 2)
            ));
        }
        if self.bundle.geographies.get(layer).is_some_and(|g| g.approximate) {
            m.push_str(if from.is_some() {
                " The layer is a best-fit of whole LSOAs, so each figure is for the best-fit area."
            } else {
                " The figures are for the areas as published; the map draws them as a best-fit of whole LSOAs."
            });
        }
        if self.estimated {
            m.push_str(" Published on LSOA 2011 and converted to LSOA 2021 with the ONS lookup: unchanged LSOAs copied, merged ones summed, split ones shared by Census 2021 residents aged 16–64 (estimated).");
        }
        m
    }

    fn geography_vintage(&self) -> String {
        let names: Vec<String> = self
            .grid
            .layers
            .iter()
            .filter_map(|f| self.bundle.geographies.get(f.layer))
            .map(|g| match (g.id.as_str(), self.estimated) {
                ("lsoa", true) => "LSOA 2011, converted to LSOA 2021 (estimated)".to_string(),
                ("lsoa", false) => "LSOA 2021 (as published)".to_string(),
                _ => format!("{} (as published)", g.label),
            })
            .collect();
        names.join("; ")
    }

    /// The indicator of category slot `category`, or `None` when the file gave no figures.
    pub fn indicator(&self, d: &Description, category: usize, problems: &mut Problems) -> Option<Indicator> {
        let grid = self.grid;
        if grid.layers.is_empty() || grid.periods.is_empty() {
            return None;
        }
        let by_code = self.reference.residents_index();
        let periods: Vec<Period> = grid
            .periods
            .iter()
            .map(|(k, mark)| Period {
                id: k.id(),
                label: k.label(),
                reference: format!("{}{}{}", d.reference_prefix, k.span(), mark.note()),
                change_note: None,
            })
            .collect();
        // Per layer (bundle order): the series of every period, and the sums they allow.
        let layers = self.bundle.geographies.len();
        let mut columns: Vec<Option<(Vec<Columns>, Option<usize>)>> = vec![None; layers];
        let mut missing_residents = 0usize;
        for f in &grid.layers {
            let res = residents(self.bundle, f.layer, &by_code);
            let cols: Vec<Columns> =
                (0..grid.periods.len()).map(|p| self.given(d, f, category, p, &res, problems)).collect();
            if d.denominators == Denominators::Residents {
                missing_residents += (0..f.areas)
                    .filter(|&a| {
                        cols.iter().any(|c| c.numerators.get(a).copied().flatten().is_some())
                            && res.get(a).copied().flatten().is_none()
                    })
                    .count();
            }
            if let Some(slot) = columns.get_mut(f.layer) {
                *slot = Some((cols, None));
            }
        }
        if missing_residents > 0 && category == 0 {
            problems.file(
                NO_RESIDENTS,
                None,
                None,
                format!("{missing_residents} areas have no residents figure; their rates are blank"),
            );
        }
        if self.measure != Measure::Values {
            for parent in 0..layers {
                if columns.get(parent).is_some_and(Option::is_some) {
                    continue;
                }
                // The smallest given layer whose areas name a parent in this layer.
                let source = grid.layers.iter().map(|f| f.layer).find_map(|l| {
                    let m = Membership::new(self.bundle, l, parent)?;
                    columns
                        .get(l)
                        .and_then(Option::as_ref)
                        .filter(|(_, from)| from.is_none())
                        .map(|(cols, _)| (l, m, cols.clone()))
                });
                let Some((child, membership, child_cols)) = source else { continue };
                let cols: Vec<Columns> = child_cols
                    .iter()
                    .map(|c| {
                        let sums = Columns {
                            numerators: membership.sums(&c.numerators),
                            denominators: if d.denominators == Denominators::None {
                                Vec::new()
                            } else {
                                membership.sums(&c.denominators)
                            },
                            values: Vec::new(),
                        };
                        self.finish(d, sums)
                    })
                    .collect();
                if cols.iter().any(|c| c.numerators.iter().any(Option::is_some)) {
                    if let Some(slot) = columns.get_mut(parent) {
                        *slot = Some((cols, Some(child)));
                    }
                }
            }
        }
        let mut series = Vec::new();
        let mut widest: Option<(usize, &Vec<Columns>)> = None;
        for (layer, entry) in columns.iter().enumerate() {
            let Some((cols, from)) = entry else { continue };
            let method = self.method(d, layer, *from);
            for (c, p) in cols.iter().zip(&periods) {
                // A sum with no complete area says nothing; the layer simply has no series then.
                if from.is_some() && c.numerators.iter().all(Option::is_none) {
                    continue;
                }
                series.push(self.series(d, layer, &p.id, c.clone(), &method));
            }
            widest = Some((layer, cols));
        }
        let comparator_values = match widest {
            Some((layer, cols))
                if self.measure != Measure::Values && self.bundle.comparators.iter().any(|c| c.code == LCR) =>
            {
                let figures: Vec<city_region::Counts> =
                    cols.iter().map(|c| (c.numerators.as_slice(), c.denominators.as_slice())).collect();
                let noun = layer_noun(self.bundle, layer, 2);
                city_region::values(d, &noun, &figures, &periods, self.estimated)
            }
            _ => Vec::new(),
        };
        let decimals = d.decimals.unwrap_or_else(|| {
            let whole = series.iter().flat_map(|s| &s.values).flatten().all(|v| v.fract() == 0.0);
            if whole {
                0
            } else {
                1
            }
        });
        Some(Indicator {
            id: d.id.clone(),
            label: d.label.clone(),
            title: d.title.clone(),
            definition: d.definition.clone(),
            unit: d.unit.clone(),
            decimals,
            polarity: d.polarity,
            theme: d.theme,
            source: Source {
                producer: d.producer.clone(),
                dataset: d.dataset.clone(),
                edition: edition(&grid.periods),
            },
            licence: d.licence.clone(),
            geography_vintage: self.geography_vintage(),
            periods,
            series,
            comparator_values,
        })
    }
}

/// "Jan 2023 – Dec 2024", or one period's label.
fn edition(periods: &[(PeriodKey, super::period::Mark)]) -> String {
    match (periods.first(), periods.last()) {
        (Some((first, _)), Some((last, _))) if first != last => format!("{} – {}", first.label(), last.label()),
        (Some((first, _)), _) => first.label(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::areas::Areas;
    use crate::import::datasets::{self, known};
    use crate::import::grid::collect;
    use crate::import::reading::{Category, Known, Observation, Reading};
    use crate::import::test_bundle::{bundle, reference};
    use crate::model::bundle::{Polarity, Theme};
    use crate::model::validate::validate;

    fn obs(line: u32, area: &str, period: &str, category: Category, slot: Slot) -> Observation {
        Observation {
            line,
            area: area.into(),
            area_column: 0,
            period: PeriodKey::parse(period),
            period_column: 1,
            period_text: String::new(),
            category,
            slot: Some(slot),
            value_column: 2,
        }
    }

    fn count(line: u32, area: &str, period: &str, n: f64) -> Observation {
        obs(line, area, period, Category::All, Slot::Count(n))
    }

    /// Builds slot `category` of `d` from `reading`; checks the result validates in the bundle.
    fn build(
        reading: &Reading,
        d: &Description,
        category: usize,
    ) -> (Option<Indicator>, Vec<crate::import::problem::Problem>) {
        let (b, r) = (bundle(), reference());
        let areas = Areas::new(&b, &r);
        let mut problems = Problems::new("f.csv");
        let grid = collect(&areas, &r, reading, true, &mut problems);
        let build =
            Build { bundle: &b, reference: &r, grid: &grid, measure: reading.measure, estimated: grid.converted > 0 };
        let ind = build.indicator(d, category, &mut problems);
        if let Some(ind) = &ind {
            let mut with = b.clone();
            with.indicators.push(ind.clone());
            let errors: Vec<_> =
                validate(&with).into_iter().filter(|i| i.severity == crate::model::Severity::Error).collect();
            assert!(errors.is_empty(), "{errors:?}");
        }
        (ind, problems.finish())
    }

    fn counts(rows: Vec<Observation>) -> Reading {
        let mut r = Reading::new(Measure::Counts);
        r.rows = rows;
        r
    }

    fn series<'i>(ind: &'i Indicator, geography: &str, period: &str) -> &'i Series {
        ind.series.iter().find(|s| s.geography == geography && s.period == period).expect("series")
    }

    #[test]
    fn no_rows_no_indicator() {
        let (ind, _) = build(&counts(vec![]), &known(Known::ClaimantCount, &[]), 0);
        assert!(ind.is_none());
    }

    #[test]
    fn claimant_counts_reach_every_layer_and_the_city_region() {
        let rows = vec![
            count(2, "E01000001", "2024-01", 10.0),
            count(3, "E01000002", "2024-01", 20.0),
            count(4, "E01000003", "2024-01", 30.0),
            count(5, "E01000004", "2024-01", 5.0),
            count(6, "E01000001", "2024-02", 11.0),
        ];
        let (ind, p) = build(&counts(rows), &known(Known::ClaimantCount, &[]), 0);
        assert!(p.is_empty(), "{p:?}");
        let ind = ind.expect("an indicator");
        let layers: Vec<(&str, &str)> = ind.series.iter().map(|s| (s.geography.as_str(), s.period.as_str())).collect();
        assert_eq!(
            layers,
            [("lsoa", "2024-01"), ("lsoa", "2024-02"), ("msoa", "2024-01"), ("ward", "2024-01"), ("lad", "2024-01")],
            "layer order, then time; sums with no complete area are left out"
        );
        let lsoa = series(&ind, "lsoa", "2024-01");
        assert_eq!(lsoa.values, vec![Some(1.0), Some(2.5), Some(2.5), Some(0.8)]);
        assert_eq!(lsoa.denominators, Some(vec![Some(1000.0), Some(800.0), Some(1200.0), Some(600.0)]));
        let lad = series(&ind, "lad", "2024-01");
        assert_eq!(lad.numerators, Some(vec![Some(30.0), Some(35.0)]));
        assert_eq!(lad.values, vec![Some(1.7), Some(1.9)]);
        assert!(lad.method.contains("Each area sums its LSOAs"));
        assert_eq!(ind.comparator_values.len(), 1);
        let lcr = &ind.comparator_values[0];
        assert_eq!(
            (lcr.code.as_str(), lcr.value, lcr.numerator, lcr.denominator),
            (LCR, 1.8, Some(65.0), Some(3600.0))
        );
        assert_eq!(ind.periods[1].reference, "claimants on the count date in February 2024");
        assert_eq!(ind.source.edition, "Jan 2024 – Feb 2024");
        assert_eq!(ind.geography_vintage, "LSOA 2021 (as published)");
    }

    #[test]
    fn a_missing_or_withheld_member_leaves_its_parents_blank() {
        let rows = vec![
            count(2, "E01000001", "2024", 10.0),
            count(3, "E01000002", "2024", 20.0),
            obs(4, "E01000003", "2024", Category::All, Slot::Withheld),
            count(5, "E01000004", "2024", 5.0),
        ];
        let (ind, _) = build(&counts(rows), &known(Known::ClaimantCount, &[]), 0);
        let ind = ind.expect("an indicator");
        assert_eq!(series(&ind, "lad", "2024").values, vec![Some(1.7), None]);
        assert_eq!(series(&ind, "lsoa", "2024").numerators, Some(vec![Some(10.0), Some(20.0), None, Some(5.0)]));
        assert!(ind.comparator_values.is_empty());
    }

    #[test]
    fn a_count_above_the_residents_is_an_error() {
        let (ind, p) = build(&counts(vec![count(7, "E01000004", "2024", 601.0)]), &known(Known::ClaimantCount, &[]), 0);
        assert_eq!(series(&ind.expect("indicator"), "lsoa", "2024").values, vec![None; 4]);
        assert_eq!((p.len(), p[0].line), (1, Some(7)));
        assert_eq!(p[0].message, "more than the area's 600 residents aged 16–64");
    }

    #[test]
    fn ward_ratios_sum_into_districts() {
        let mut reading = Reading::new(Measure::Ratios);
        reading.rows = vec![
            obs(2, "Westward", "2024-Q1", Category::All, Slot::Ratio(10.0, 400.0)),
            obs(3, "E05000002", "2024-Q1", Category::All, Slot::Ratio(30.0, 600.0)),
        ];
        let meta = crate::import::meta::SeriesMeta {
            id: None,
            name: "Helped".into(),
            unit: "%".into(),
            polarity: Polarity::HigherIsBetter,
            source: "Us".into(),
            licence: "CC BY 4.0".into(),
            theme: None,
        };
        let d = datasets::from_meta(&meta, Measure::Ratios, "f.csv", &[]);
        let (ind, p) = build(&reading, &d, 0);
        assert!(p.is_empty(), "{p:?}");
        let ind = ind.expect("indicator");
        assert_eq!(ind.series.iter().map(|s| s.geography.as_str()).collect::<Vec<_>>(), ["ward", "lad"]);
        assert_eq!(series(&ind, "ward", "2024-Q1").values, vec![Some(2.5), Some(5.0)]);
        assert_eq!(series(&ind, "lad", "2024-Q1").values, vec![Some(2.5), Some(5.0)]);
        assert_eq!(ind.comparator_values[0].value, 4.0);
        assert_eq!((ind.theme, ind.periods[0].reference.as_str()), (Theme::Work, "January–March 2024"));
    }

    #[test]
    fn values_are_not_summed() {
        let mut reading = Reading::new(Measure::Values);
        reading.rows = vec![
            obs(2, "E05000001", "2024", Category::All, Slot::Value(3.0)),
            obs(3, "Alpha", "2024", Category::All, Slot::Value(-2.0)),
        ];
        let meta = crate::import::meta::SeriesMeta {
            id: Some("my-index".into()),
            name: "Index".into(),
            unit: "points".into(),
            polarity: Polarity::Neither,
            source: "Us".into(),
            licence: "CC BY 4.0".into(),
            theme: Some(Theme::Health),
        };
        let d = datasets::from_meta(&meta, Measure::Values, "f.csv", &[]);
        let (ind, _) = build(&reading, &d, 0);
        let ind = ind.expect("indicator");
        assert_eq!(ind.series.len(), 2, "the ward and district given, nothing summed");
        assert_eq!(series(&ind, "lad", "2024").values, vec![Some(-2.0), None]);
        assert_eq!((ind.decimals, ind.series[0].numerators.is_none()), (0, true));
        assert!(ind.comparator_values.is_empty());
        assert_eq!(ind.id, "my-index");
    }

    #[test]
    fn everyone_is_the_total_row_or_the_sum_of_categories() {
        let mut reading = counts(vec![]);
        let a = reading.category("Searching");
        let b = reading.category("Working");
        reading.rows = vec![
            obs(2, "E01000001", "2024-01", a, Slot::Count(10.0)),
            obs(3, "E01000001", "2024-01", b, Slot::Count(5.0)),
            obs(4, "E01000002", "2024-01", a, Slot::Count(1.0)),
            obs(5, "E01000002", "2024-01", b, Slot::Withheld),
            obs(6, "E01000003", "2024-01", a, Slot::Count(7.0)),
            obs(7, "E01000003", "2024-01", Category::Total, Slot::Count(9.0)),
        ];
        let uc = known(Known::UniversalCreditPeople, &[]);
        let (all, _) = build(&reading, &uc, 0);
        let all = all.expect("indicator");
        assert_eq!(series(&all, "lsoa", "2024-01").numerators, Some(vec![Some(15.0), None, Some(9.0), None]));
        let (working, _) = build(&reading, &datasets::category(&uc, "Working", &[]), 2);
        assert_eq!(
            series(&working.expect("indicator"), "lsoa", "2024-01").numerators,
            Some(vec![Some(5.0), None, None, None])
        );
    }

    #[test]
    fn converted_counts_are_flagged_estimates() {
        let mut reading = counts(vec![count(2, "E01000099", "2024-01", 90.0)]);
        reading.boundaries_2011 = true;
        let (ind, p) = build(&reading, &known(Known::ClaimantCount, &[]), 0);
        let ind = ind.expect("indicator");
        assert_eq!(p.len(), 1, "the conversion warning: {p:?}");
        let lsoa = series(&ind, "lsoa", "2024-01");
        assert!(lsoa.estimated && lsoa.method.contains("converted to LSOA 2021"));
        assert_eq!(lsoa.numerators, Some(vec![None, None, Some(60.0), Some(30.0)]));
        assert_eq!(ind.geography_vintage, "LSOA 2011, converted to LSOA 2021 (estimated)");
    }
}
