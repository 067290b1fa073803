//! Reading one figure from a cell: numbers with optional thousands separators (`1,234`), and the
//! marks publishers use for figures they withhold (`*`, `-`, `..`, `x`, `:`, `c`, `[c]`, `[x]`,
//! an empty cell, or a Nomis `OBS_STATUS` other than `A`).
//!
//! A withheld figure is kept as "no data", never as zero: a suppressed small count is not an
//! absence of claimants, and a zero would be summed into wards and districts as if it were real.
//! Only plain decimal notation is a number — `1e3`, `inf` and `NaN` are refused, and a comma is a
//! thousands separator only in groups of three, so a European `1,5` is not read as fifteen.

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// A finite number.
    Number(f64),
    /// The publisher withheld the figure (suppression mark, empty cell or status).
    Withheld,
}

/// Why a cell is not a usable figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellError {
    /// Not a number nor a suppression mark.
    NotANumber,
    /// A negative number where only counts are accepted.
    Negative,
}

/// Marks of withheld figures, compared in lower case.
const WITHHELD: [&str; 9] = ["", "*", "-", "..", "x", ":", "c", "[c]", "[x]"];

/// True for a suppression mark (including the empty cell).
pub fn is_withheld_mark(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    WITHHELD.contains(&t.as_str())
}

/// Reads a count: a number ≥ 0 or a withheld mark. `status` is a Nomis `OBS_STATUS` cell when the
/// file has one; a status other than `A` (or empty) withholds the figure whatever the value.
///
/// # Errors
/// [`CellError`] for text that is neither a number nor a mark, and for negative numbers.
///
/// # Examples
/// ```
/// use work_health_atlas::import::cell::{count, CellError, Figure};
/// assert_eq!(count("1,234", None), Ok(Figure::Number(1234.0)));
/// assert_eq!(count("..", None), Ok(Figure::Withheld));
/// assert_eq!(count("25", Some("Q")), Ok(Figure::Withheld));
/// assert_eq!(count("-3", None), Err(CellError::Negative));
/// ```
pub fn count(text: &str, status: Option<&str>) -> Result<Figure, CellError> {
    match value(text)? {
        Figure::Number(v) if v < 0.0 => Err(CellError::Negative),
        _ if status.is_some_and(|s| !s.trim().is_empty() && !s.trim().eq_ignore_ascii_case("a")) => {
            Ok(Figure::Withheld)
        }
        figure => Ok(figure),
    }
}

/// Reads a value that may be negative (a rate or a change); a trailing `%` is allowed.
///
/// # Errors
/// [`CellError::NotANumber`] for text that is neither a number nor a withheld mark.
pub fn value(text: &str) -> Result<Figure, CellError> {
    let text = text.trim();
    if is_withheld_mark(text) {
        return Ok(Figure::Withheld);
    }
    number(text.strip_suffix('%').unwrap_or(text).trim_end()).map(Figure::Number).ok_or(CellError::NotANumber)
}

/// A plain decimal number with optional sign and thousands separators.
fn number(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let grouped = whole.contains(',');
    let whole_ok = if grouped {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        whole.bytes().all(|b| b.is_ascii_digit()) && !(whole.is_empty() && fraction.is_none())
    };
    if !(whole_ok && fraction_ok) {
        return None;
    }
    let plain: String = text.chars().filter(|c| *c != ',' && *c != '+').collect();
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_and_without_separators() {
        assert_eq!(count("0", None), Ok(Figure::Number(0.0)));
        assert_eq!(count(" 25 ", None), Ok(Figure::Number(25.0)));
        assert_eq!(count("12,345,678", None), Ok(Figure::Number(12_345_678.0)));
        assert_eq!(count("2.5", None), Ok(Figure::Number(2.5)));
        assert_eq!(count(".5", None), Ok(Figure::Number(0.5)));
        assert_eq!(value("-1.25"), Ok(Figure::Number(-1.25)));
        assert_eq!(value("12.5%"), Ok(Figure::Number(12.5)));
    }

    #[test]
    fn every_suppression_mark_is_withheld() {
        for mark in ["", " ", "*", "-", "..", "x", "X", ":", "c", "[c]", "[x]", "[C]"] {
            assert_eq!(count(mark, None), Ok(Figure::Withheld), "{mark:?}");
        }
        assert_eq!(count("25", Some("A")), Ok(Figure::Number(25.0)));
        assert_eq!(count("25", Some("")), Ok(Figure::Number(25.0)), "no status is not a status");
        assert_eq!(count("0", Some("Q")), Ok(Figure::Withheld));
    }

    #[test]
    fn what_is_not_a_count() {
        for bad in ["abc", "1e3", "inf", "NaN", "1,5", "1,23", "12,3456", "1.2.3", "--1", "1.", "=1+1", "<b>1</b>", "+"]
        {
            assert_eq!(count(bad, None), Err(CellError::NotANumber), "{bad}");
        }
        assert_eq!(count("-1", None), Err(CellError::Negative));
        assert_eq!(count("-1,000", Some("Q")), Err(CellError::Negative), "a negative is an error even when withheld");
    }
}
