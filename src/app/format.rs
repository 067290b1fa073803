//! Formatting numbers for people: fixed decimals, thousands separators for counts, the unit's
//! symbol attached, and an en dash for missing values.

/// Formats a value with `decimals` places and the unit symbol (e.g. `31.2%`, `1.05`, `78.1 years`).
///
/// # Examples
/// ```
/// use work_health_atlas::app::format::value;
/// assert_eq!(value(Some(31.24), 1, "%"), "31.2%");
/// assert_eq!(value(None, 1, "%"), "no data");
/// ```
pub fn value(v: Option<f64>, decimals: u8, symbol: &str) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.prec$}{symbol}", prec = usize::from(decimals)),
        _ => "no data".to_string(),
    }
}

/// Formats a count with thousands separators (`12,345`).
pub fn count(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let rounded = v.round().abs() as u64;
    let digits = rounded.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 && rounded != 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_and_carry_units() {
        assert_eq!(value(Some(0.0), 0, "%"), "0%");
        assert_eq!(value(Some(78.06), 1, " years"), "78.1 years");
        assert_eq!(value(Some(f64::NAN), 1, "%"), "no data");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0.0), "0");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(1000.0), "1,000");
        assert_eq!(count(1234567.4), "1,234,567");
        assert_eq!(count(-4321.0), "-4,321");
    }
}
