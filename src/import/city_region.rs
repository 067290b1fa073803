//! The Liverpool City Region's figure (comparator `E47000004`) for each period: the sum of the
//! counts (and denominators) of every area of the widest layer, shown only when every area has
//! them — a city-region rate missing a district would be a different place's rate.

use super::convert::round6;
use super::datasets::{Denominators, Description};
use crate::model::bundle::{derived_value, ComparatorValue, Period};

/// The city region comparator's code.
pub const LCR: &str = "E47000004";

/// One period's counts of every area: numerators and denominators (empty without denominators).
pub type Counts<'a> = (&'a [Option<f64>], &'a [Option<f64>]);

/// One comparator value per period whose `(numerators, denominators)` are all present. `noun`
/// names the areas summed ("districts") in the method.
pub fn values(
    d: &Description,
    noun: &str,
    figures: &[Counts],
    periods: &[Period],
    estimated: bool,
) -> Vec<ComparatorValue> {
    figures
        .iter()
        .zip(periods)
        .filter_map(|((numerators, denominators), p)| {
            let n = round6(numerators.iter().copied().sum::<Option<f64>>()?);
            let den = match d.denominators {
                Denominators::None => None,
                _ => Some(round6(denominators.iter().copied().sum::<Option<f64>>()?)),
            };
            let value = match den {
                Some(den) => derived_value(Some(n), Some(den), d.unit.multiplier, d.decimals.unwrap_or(1))?,
                None => n,
            };
            Some(ComparatorValue {
                code: LCR.to_string(),
                period: p.id.clone(),
                value,
                numerator: Some(n),
                denominator: den,
                estimated,
                method: format!("Sum over all the city region's {noun}. {}", d.method),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::datasets::known;
    use crate::import::reading::Known;

    fn period(id: &str) -> Period {
        Period { id: id.into(), label: id.into(), reference: id.into(), change_note: None }
    }

    #[test]
    fn every_area_or_no_figure() {
        let d = known(Known::ClaimantCount, &[]);
        let periods = [period("2024-01"), period("2024-02"), period("2024-03")];
        let complete: &[Option<f64>] = &[Some(10.0), Some(20.0)];
        let missing: &[Option<f64>] = &[Some(10.0), None];
        let residents: &[Option<f64>] = &[Some(1000.0), Some(1000.0)];
        let out = values(
            &d,
            "districts",
            &[(complete, residents), (missing, residents), (complete, missing)],
            &periods,
            false,
        );
        assert_eq!(out.len(), 1, "a missing count or denominator leaves the period out");
        assert_eq!(
            (out[0].period.as_str(), out[0].value, out[0].numerator, out[0].denominator),
            ("2024-01", 1.5, Some(30.0), Some(2000.0))
        );
        assert!(out[0].method.starts_with("Sum over all the city region's districts."));
    }

    #[test]
    fn counts_without_denominators_are_summed() {
        let mut d = known(Known::ClaimantCount, &[]);
        d.denominators = Denominators::None;
        let out = values(&d, "wards", &[(&[Some(1.5), Some(2.0)], &[])], &[period("2024")], true);
        assert_eq!((out[0].value, out[0].denominator, out[0].estimated), (3.5, None, true));
        assert!(values(&d, "wards", &[], &[period("2024")], true).is_empty());
    }
}
