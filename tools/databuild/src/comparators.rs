//! Non-map comparator areas and the estimate used for the city region where only district
//! percentages are published.

use work_health_atlas::model::bundle::Comparator;

/// Liverpool City Region combined authority.
pub const LCR: &str = "E47000004";
/// England.
pub const ENGLAND: &str = "E92000001";

/// The comparators shipped in the bundle.
pub fn comparators() -> Vec<Comparator> {
    vec![
        Comparator { code: LCR.to_string(), name: "Liverpool City Region".to_string() },
        Comparator { code: ENGLAND.to_string(), name: "England".to_string() },
    ]
}

/// Population-weighted mean of district percentages: Σ(pᵢ·wᵢ)/Σwᵢ, the published percentages
/// turned back into approximate counts with Census 2021 populations. `None` if any is missing.
pub fn weighted_percent(pairs: &[(Option<f64>, Option<f64>)]) -> Option<(f64, f64)> {
    let mut num = 0.0;
    let mut den = 0.0;
    for (p, w) in pairs {
        let (p, w) = ((*p)?, (*w)?);
        num += p * w;
        den += w;
    }
    (den > 0.0).then(|| (num / den, den))
}
