//! Period ids as months: `YYYY` (a year), `YYYY-MM` (a month) and `YYYY-Qn` (a quarter), the
//! ids the bundle uses, read as a span of calendar months so that periods of different kinds can
//! be compared with a start date and charts can tell monthly from yearly series. One reader for
//! the comparison (`impact`), the chart axes (`layout::ticks`) and the importer's month names.

/// Month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A period id's first and last month (counted from year 0) and its periods per year: `YYYY`
/// (1), `YYYY-MM` (12) or `YYYY-Qn` (4). `None` for any other form.
///
/// # Examples
/// ```
/// use work_health_atlas::model::period_id::months;
/// assert_eq!(months("2024-Q2"), Some((2024 * 12 + 3, 2024 * 12 + 5, 4)));
/// assert_eq!(months("IoD2019"), None);
/// ```
pub fn months(id: &str) -> Option<(i32, i32, u8)> {
    let b = id.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = b[..4].iter().fold(0i32, |y, d| y * 10 + i32::from(d - b'0')) * 12;
    match b[4..] {
        [] => Some((year, year + 11, 1)),
        [b'-', b'Q', q @ b'1'..=b'4'] => {
            let first = year + 3 * i32::from(q - b'1');
            Some((first, first + 2, 4))
        }
        [b'-', t @ b'0'..=b'9', u @ b'0'..=b'9'] => {
            let m = i32::from((t - b'0') * 10 + (u - b'0'));
            (1..=12).contains(&m).then_some((year + m - 1, year + m - 1, 12))
        }
        _ => None,
    }
}

/// The name of month `m` counted from year 0 (as [`months`] counts), e.g. "March".
pub fn month_name(m: i32) -> &'static str {
    MONTH_NAMES.get(m.rem_euclid(12) as usize).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_ids_become_months() {
        assert_eq!(months("2024"), Some((2024 * 12, 2024 * 12 + 11, 1)));
        assert_eq!(months("2024-03"), Some((2024 * 12 + 2, 2024 * 12 + 2, 12)));
        assert_eq!(months("2024-Q2"), Some((2024 * 12 + 3, 2024 * 12 + 5, 4)));
        for bad in ["", "202", "2024-13", "2024-00", "2024-Q5", "2024-Q", "20x4", "2024/03", "2024-03-01", "２０２４"]
        {
            assert_eq!(months(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_names_wrap_by_year() {
        assert_eq!(month_name(2024 * 12 + 2), "March");
        assert_eq!(month_name(2024 * 12 + 11), "December");
    }
}
