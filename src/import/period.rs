//! Periods as people and publishers write them — `2024`, `2024-03`, `March 2024`, `Mar 2024`,
//! `Mar-24`, `2024-Q1`, `2024 Q1`, `Q1 2024` — and as the bundle stores them (ids `2024`,
//! `2024-03`, `2024-Q1`; labels `2024`, `Mar 2024`, `Q1 2024`).
//!
//! A trailing `(p)` or `(r)` (provisional / revised, as DWP and ONS mark recent figures) is not
//! part of the period: it is kept as a [`Mark`] and becomes a note in the period's reference.
//! Years outside 1900–2100 are taken as typos, not periods.

use std::fmt;

use crate::model::period_id::MONTH_NAMES as MONTHS;

/// Years accepted.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// How long a period is. Ordered finest last, so ties between kinds go to the finer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PeriodKind {
    /// A calendar year.
    Year,
    /// A calendar quarter.
    Quarter,
    /// A calendar month.
    Month,
}

impl PeriodKind {
    /// Plural noun for sentences ("months").
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (PeriodKind::Year, true) => "year",
            (PeriodKind::Year, false) => "years",
            (PeriodKind::Quarter, true) => "quarter",
            (PeriodKind::Quarter, false) => "quarters",
            (PeriodKind::Month, true) => "month",
            (PeriodKind::Month, false) => "months",
        }
    }
}

/// One period. Within one kind the derived order is time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKey {
    /// A calendar year.
    Year(u16),
    /// Year and quarter (1–4).
    Quarter(u16, u8),
    /// Year and month (1–12).
    Month(u16, u8),
}

/// A provisional or revised mark written after a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Mark {
    /// No mark.
    #[default]
    None,
    /// `(p)`: provisional, may be revised.
    Provisional,
    /// `(r)`: revised since first published.
    Revised,
}

impl Mark {
    /// The note added to a period's reference, e.g. " (provisional)".
    pub fn note(self) -> &'static str {
        match self {
            Mark::None => "",
            Mark::Provisional => " (provisional)",
            Mark::Revised => " (revised)",
        }
    }
}

impl PeriodKey {
    /// Parses any accepted form, with its mark; `None` when the text is not a period.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::import::period::{Mark, PeriodKey};
    /// assert_eq!(PeriodKey::parse("March 2024 (p)"), Some((PeriodKey::Month(2024, 3), Mark::Provisional)));
    /// assert_eq!(PeriodKey::parse("Q1 2024").map(|p| p.0.id()), Some("2024-Q1".to_string()));
    /// assert_eq!(PeriodKey::parse("Total"), None);
    /// ```
    pub fn parse(text: &str) -> Option<(PeriodKey, Mark)> {
        let (text, mark) = split_mark(text.trim());
        let key = parse_iso(text).or_else(|| parse_quarter(text)).or_else(|| parse_month_name(text))?;
        YEARS.contains(&key.year()).then_some((key, mark))
    }

    /// The kind of period.
    pub fn kind(self) -> PeriodKind {
        match self {
            PeriodKey::Year(_) => PeriodKind::Year,
            PeriodKey::Quarter(..) => PeriodKind::Quarter,
            PeriodKey::Month(..) => PeriodKind::Month,
        }
    }

    fn year(self) -> u16 {
        match self {
            PeriodKey::Year(y) | PeriodKey::Quarter(y, _) | PeriodKey::Month(y, _) => y,
        }
    }

    /// Bundle period id: `2024`, `2024-Q1`, `2024-03`.
    pub fn id(self) -> String {
        match self {
            PeriodKey::Year(y) => format!("{y:04}"),
            PeriodKey::Quarter(y, q) => format!("{y:04}-Q{q}"),
            PeriodKey::Month(y, m) => format!("{y:04}-{m:02}"),
        }
    }

    /// Short label for people: `2024`, `Q1 2024`, `Mar 2024`.
    pub fn label(self) -> String {
        match self {
            PeriodKey::Year(y) => format!("{y}"),
            PeriodKey::Quarter(y, q) => format!("Q{q} {y}"),
            PeriodKey::Month(y, m) => {
                let name = month_name(m);
                format!("{} {y}", name.get(..3).unwrap_or(name))
            }
        }
    }

    /// The time the period covers in words: `2024`, `January–March 2024`, `March 2024`.
    pub fn span(self) -> String {
        match self {
            PeriodKey::Year(y) => format!("{y}"),
            PeriodKey::Quarter(y, q) => {
                let first = u8::try_from(usize::from(q.saturating_sub(1)) * 3 + 1).unwrap_or(1);
                format!("{}–{} {y}", month_name(first), month_name(first.saturating_add(2)))
            }
            PeriodKey::Month(y, m) => format!("{} {y}", month_name(m)),
        }
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

fn month_name(month: u8) -> &'static str {
    MONTHS.get(usize::from(month).saturating_sub(1)).copied().unwrap_or("?")
}

/// Splits a trailing `(p)` / `(r)` (any case) off the text.
fn split_mark(text: &str) -> (&str, Mark) {
    let lower = text.to_ascii_lowercase();
    for (suffix, mark) in [("(p)", Mark::Provisional), ("(r)", Mark::Revised)] {
        if lower.ends_with(suffix) {
            let cut = text.len() - suffix.len();
            return (text.get(..cut).unwrap_or("").trim_end(), mark);
        }
    }
    (text, Mark::None)
}

fn digits(text: &str, len: usize) -> Option<u16> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// `YYYY` and `YYYY-MM`.
fn parse_iso(text: &str) -> Option<PeriodKey> {
    if let Some(year) = digits(text, 4) {
        return Some(PeriodKey::Year(year));
    }
    let (y, m) = text.split_once('-')?;
    let month = u8::try_from(digits(m, 2)?).ok()?;
    (1..=12).contains(&month).then_some(PeriodKey::Month(digits(y, 4)?, month))
}

/// `YYYY-Qn`, `YYYY Qn`, `YYYYQn`, `Qn YYYY`, `Qn-YYYY`.
fn parse_quarter(text: &str) -> Option<PeriodKey> {
    let upper = text.to_ascii_uppercase();
    let compact: String = upper.chars().filter(|c| *c != ' ' && *c != '-').collect();
    let (year, quarter) = if let Some(rest) = compact.strip_prefix('Q') {
        (rest.get(1..)?, rest.get(..1)?)
    } else {
        let (year, quarter) = compact.split_once('Q')?;
        (year, quarter)
    };
    let q = u8::try_from(digits(quarter, 1)?).ok()?;
    (1..=4).contains(&q).then_some(PeriodKey::Quarter(digits(year, 4)?, q))
}

/// `Month YYYY`, `Mon YYYY`, `Mon-YY`, `Mon-YYYY` (any case; `Sept` too).
fn parse_month_name(text: &str) -> Option<PeriodKey> {
    let (name, year) = text.split_once([' ', '-'])?;
    let year = year.trim();
    let year = match year.len() {
        4 => digits(year, 4)?,
        2 => 2000 + digits(year, 2)?,
        _ => return None,
    };
    let name = name.trim().to_ascii_lowercase();
    let name = if name == "sept" { "sep" } else { name.as_str() };
    let index = MONTHS.iter().position(|m| {
        let m = m.to_ascii_lowercase();
        m == name || (name.len() == 3 && m.starts_with(name))
    })?;
    Some(PeriodKey::Month(year, u8::try_from(index + 1).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Option<String> {
        PeriodKey::parse(text).map(|(k, _)| k.id())
    }

    #[test]
    fn months_in_every_accepted_form() {
        for text in ["2024-03", "March 2024", "mar 2024", "Mar-24", "MAR-2024", " March  2024 "] {
            assert_eq!(id(text), Some("2024-03".into()), "{text}");
        }
        assert_eq!(id("Sept 2024"), Some("2024-09".into()));
        let march = PeriodKey::Month(2024, 3);
        assert_eq!((march.label(), march.span()), ("Mar 2024".into(), "March 2024".into()));
    }

    #[test]
    fn quarters_and_years() {
        for text in ["2024-Q1", "2024 Q1", "Q1 2024", "q1-2024", "2024q1"] {
            assert_eq!(id(text), Some("2024-Q1".into()), "{text}");
        }
        let q = PeriodKey::Quarter(2024, 4);
        assert_eq!((q.label(), q.span()), ("Q4 2024".into(), "October–December 2024".into()));
        assert_eq!(id("2024"), Some("2024".into()));
        assert_eq!(PeriodKey::Year(2024).span(), "2024");
    }

    #[test]
    fn provisional_and_revised_marks_are_split_off() {
        assert_eq!(PeriodKey::parse("Dec 2024 (p)"), Some((PeriodKey::Month(2024, 12), Mark::Provisional)));
        assert_eq!(PeriodKey::parse("2024-11(R)"), Some((PeriodKey::Month(2024, 11), Mark::Revised)));
        assert_eq!(Mark::Provisional.note(), " (provisional)");
    }

    #[test]
    fn what_is_not_a_period() {
        for bad in [
            "",
            "Total",
            "2024-13",
            "2024-3",
            "2024-Q5",
            "Q0 2024",
            "Marchember 2024",
            "March 24 x",
            "0024",
            "E01006512",
            "24",
            "(p)",
            "2024-",
            "Q1",
            "mnemonic",
            "1,234",
        ] {
            assert_eq!(PeriodKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn time_order_within_a_kind() {
        let mut keys = [PeriodKey::Month(2024, 1), PeriodKey::Month(2023, 12), PeriodKey::Month(2023, 2)];
        keys.sort();
        assert_eq!(keys.iter().map(|k| k.id()).collect::<Vec<_>>(), ["2023-02", "2023-12", "2024-01"]);
        assert!(PeriodKind::Month > PeriodKind::Quarter);
        assert_eq!(PeriodKind::Month.noun(1), "month");
    }
}
