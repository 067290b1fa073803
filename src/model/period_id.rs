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

/// The first and last year a period's reference text names: "data mostly about 2021–23" →
/// (2021, 2023), "2015/16 (denominators mid-2015)" → (2015, 2016), "Census day, 21 March 2021" →
/// (2021, 2021). `None` when it names no year. An edition's id is when it was published; its
/// reference says what time its figures describe, which is what a before/after comparison needs.
///
/// # Examples
/// ```
/// use work_health_atlas::model::period_id::reference_years;
/// assert_eq!(reference_years("data mostly about 2021–23"), Some((2021, 2023)));
/// assert_eq!(reference_years("no year here"), None);
/// ```
pub fn reference_years(text: &str) -> Option<(i32, i32)> {
    let b = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<i32> {
        let digits = b.get(from..from + len)?;
        let boundary =
            !b.get(from + len).is_some_and(u8::is_ascii_digit) && (from == 0 || !b[from - 1].is_ascii_digit());
        (boundary && digits.iter().all(u8::is_ascii_digit))
            .then(|| digits.iter().fold(0, |n, d| n * 10 + i32::from(d - b'0')))
    };
    let mut span: Option<(i32, i32)> = None;
    let mut i = 0;
    while i < b.len() {
        let Some(year) = number(i, 4).filter(|y| (1900..2100).contains(y)) else {
            i += 1;
            continue;
        };
        i += 4;
        // A range: "2021–23", "2015/16", "2019-2021" (an en dash is three bytes in UTF-8).
        let separator = match b.get(i..) {
            Some([b'/' | b'-', ..]) => 1,
            Some([0xE2, 0x80, 0x93, ..]) => 3,
            _ => 0,
        };
        let end = if separator == 0 {
            year
        } else if let Some(full) = number(i + separator, 4) {
            i += separator + 4;
            full
        } else if let Some(short) = number(i + separator, 2) {
            i += separator + 2;
            year - year % 100 + short
        } else {
            year
        };
        let (first, last) = span.unwrap_or((year, end.max(year)));
        span = Some((first.min(year), last.max(end.max(year))));
    }
    span
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
    fn reference_texts_give_the_years_they_describe() {
        assert_eq!(reference_years("data mostly about 2021–23"), Some((2021, 2023)));
        assert_eq!(reference_years("data mostly about 2015/16 (denominators mid-2015)"), Some((2015, 2016)));
        assert_eq!(reference_years("Census day, 21 March 2021"), Some((2021, 2021)));
        assert_eq!(reference_years("data mostly about 2008"), Some((2008, 2008)));
        assert_eq!(reference_years("counts for 2019-2021"), Some((2019, 2021)));
        assert_eq!(reference_years("S2019"), Some((2019, 2019)));
        assert_eq!(reference_years("about 12345 people"), None);
        assert_eq!(reference_years(""), None);
    }

    #[test]
    fn month_names_wrap_by_year() {
        assert_eq!(month_name(2024 * 12 + 2), "March");
        assert_eq!(month_name(2024 * 12 + 11), "December");
    }
}
