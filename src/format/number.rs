//! Formatting numbers for people: fixed decimals, thousands separators for counts, the unit's
//! symbol attached, and "no data" for missing values.
//!
//! Numbers are formatted with integer arithmetic rather than `format!("{:.1}")`: the standard
//! float formatter (Grisu/Dragon) adds ~15 KB to the wasm, and every number shown here has at
//! most six decimals and fits easily in an `i64` once scaled.

/// `v` with exactly `decimals` places (0–6), rounded half away from zero, e.g. `31.2`, `-0.5`.
///
/// # Examples
/// ```
/// use work_health_atlas::format::fixed;
/// assert_eq!(fixed(31.249, 1), "31.2");
/// assert_eq!(fixed(-0.05, 1), "-0.1");
/// assert_eq!(fixed(2.0, 0), "2");
/// ```
pub fn fixed(v: f64, decimals: u8) -> String {
    if !v.is_finite() {
        return "NaN".to_string();
    }
    let decimals = u32::from(decimals.min(6));
    let scale = 10u64.pow(decimals);
    let scaled = (v.abs() * scale as f64).round();
    // Beyond i64 precision there are no meaningful decimals left: show the integer part.
    if scaled >= 9.0e15 {
        return format!("{}{}", if v < 0.0 { "-" } else { "" }, v.abs().round() as u64);
    }
    let scaled = scaled as u64;
    let negative = v < 0.0 && scaled != 0;
    let (whole, fraction) = (scaled / scale, scaled % scale);
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction:0width$}", width = decimals as usize)
    }
}

/// `v` with up to `max_decimals` places and trailing zeros dropped (`1.5`, `10`, `0.25`).
pub fn plain(v: f64, max_decimals: u8) -> String {
    let text = fixed(v, max_decimals);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Formats a value with `decimals` places and the unit symbol (e.g. `31.2%`, `1.05`, `78.1 years`).
///
/// # Examples
/// ```
/// use work_health_atlas::format::value;
/// assert_eq!(value(Some(31.24), 1, "%"), "31.2%");
/// assert_eq!(value(None, 1, "%"), "no data");
/// ```
pub fn value(v: Option<f64>, decimals: u8, symbol: &str) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{}{symbol}", fixed(v, decimals)),
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
    fn fixed_matches_the_standard_formatter_on_ordinary_values() {
        for v in [0.0, 0.04, 0.05, 0.15, 1.0, 12.345, 99.99, 100.0, 54.1, 2.75, 250_000.5] {
            for d in 0..=3u8 {
                let ours = fixed(v, d);
                let parsed: f64 = ours.parse().expect("a number");
                assert!((parsed - v).abs() <= 0.5 * 10f64.powi(-i32::from(d)) + 1e-9, "{v} {d} → {ours}");
            }
        }
        assert_eq!(fixed(0.0, 2), "0.00");
        assert_eq!(fixed(-0.0001, 1), "0.0", "no negative zero");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(1e300, 1), format!("{}", 1e300f64.round() as u64));
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(1.5, 6), "1.5");
        assert_eq!(plain(10.0, 6), "10");
        assert_eq!(plain(-3.25, 1), "-3.3");
    }

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
