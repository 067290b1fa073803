//! Calendar months as Nomis writes them (`2024-03` in `DATE`/`DATE_CODE`, `March 2024` in
//! `DATE_NAME`) and as the bundle stores them (period id `2024-03`, label `Mar 2024`).

use std::fmt;

const MONTHS: [&str; 12] = [
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

/// Years accepted; anything outside is taken as a typo rather than a real month of data.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// One calendar month. Ordered by time, so a `BTreeMap` keyed by it is in period order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
}

impl Month {
    /// Parses `YYYY-MM` or `Month YYYY` (full or three-letter month name, any case).
    pub fn parse(text: &str) -> Option<Month> {
        let text = text.trim();
        Self::parse_iso(text).or_else(|| Self::parse_name(text)).filter(|m| YEARS.contains(&m.year))
    }

    fn parse_iso(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())) {
            return None;
        }
        let month: u8 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year: y.parse().ok()?, month })
    }

    fn parse_name(text: &str) -> Option<Month> {
        let mut words = text.split_whitespace();
        let (name, year, rest) = (words.next()?, words.next()?, words.next());
        if rest.is_some() || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let name = name.to_ascii_lowercase();
        // Nomis writes full names; three-letter forms ("Mar 2024") are accepted too because
        // spreadsheets often rewrite dates that way on re-save.
        let index = MONTHS.iter().position(|m| {
            let m = m.to_ascii_lowercase();
            m == name || (name.len() == 3 && m.starts_with(&name))
        })?;
        Some(Month { year: year.parse().ok()?, month: u8::try_from(index + 1).ok()? })
    }

    /// Period id, e.g. `2024-03`.
    pub fn id(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Short label for people, e.g. `Mar 2024`.
    pub fn label(&self) -> String {
        let name = self.name();
        format!("{} {}", name.get(..3).unwrap_or(name), self.year)
    }

    /// Full month name, e.g. `March`.
    pub fn name(&self) -> &'static str {
        MONTHS.get(usize::from(self.month).saturating_sub(1)).copied().unwrap_or("?")
    }
}

impl fmt::Display for Month {
    /// Long form, e.g. `March 2024` (used in the period reference wording).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.name(), self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_nomis_forms() {
        let march = Month { year: 2024, month: 3 };
        assert_eq!(Month::parse("2024-03"), Some(march));
        assert_eq!(Month::parse("March 2024"), Some(march));
        assert_eq!(Month::parse(" mar 2024 "), Some(march));
        assert_eq!(march.id(), "2024-03");
        assert_eq!(march.label(), "Mar 2024");
        assert_eq!(march.to_string(), "March 2024");
    }

    #[test]
    fn rejects_what_is_not_a_month() {
        for bad in ["2024-13", "2024-3", "2024", "Marchember 2024", "March 24", "March 2024 x", "", "0024-01"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
