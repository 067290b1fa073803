//! Which period labels a chart's x axis can show: with 24 or 60 months not every label fits, so
//! every `step`-th is drawn, in steps that suit the calendar (quarters, half-years, years), counted
//! from a period that must keep its label (the latest, or an event study's reference).

/// Label every `step`-th period so that at most `room` labels are drawn, choosing steps that
/// suit the calendar (`per_year` periods a year).
pub fn label_step(periods: usize, room: usize, per_year: u8) -> usize {
    let steps: &[usize] = match per_year {
        12 => &[1, 3, 6, 12, 24, 60, 120],
        4 => &[1, 2, 4, 8, 20, 40],
        _ => &[1, 2, 5, 10, 20, 50, 100],
    };
    let room = room.max(1);
    steps.iter().copied().find(|&s| periods.div_ceil(s) <= room).unwrap_or_else(|| periods.div_ceil(room).max(1))
}

/// Periods a year, guessed from the labels or ids the atlas writes: "Mar 2024" or "2024-03"
/// (12), "Q1 2024" or "2024-Q1" (4), anything else 1.
pub fn per_year(labels: &[String]) -> u8 {
    let first = labels.first().map(String::as_str).unwrap_or("");
    if let Some((_, _, kind)) = crate::model::period_id::months(first) {
        return kind;
    }
    let named = |p: &str| first.starts_with(p) && first[p.len()..].starts_with(' ');
    if crate::model::period_id::MONTH_NAMES.iter().any(|m| named(m.get(..3).unwrap_or(m))) {
        12
    } else if first.starts_with('Q') && first[1..].starts_with(|c: char| c.is_ascii_digit()) {
        4
    } else {
        1
    }
}

/// How many labels of `longest` characters fit across `width` pixels (at about 7 px a character
/// in the 12 px axis font, with the plot's y-axis area taken off).
pub fn room(width: u32, longest: usize) -> usize {
    (width.saturating_sub(76) as usize) / (longest.max(1) * 7 + 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_steps_suit_the_calendar() {
        assert_eq!(label_step(24, 30, 12), 1);
        assert_eq!(label_step(24, 10, 12), 3);
        assert_eq!(label_step(24, 5, 12), 6);
        assert_eq!(label_step(36, 3, 12), 12);
        assert_eq!(label_step(12, 4, 4), 4);
        assert_eq!(label_step(7, 4, 1), 2);
        assert_eq!(label_step(7, 0, 1), 10);
        assert_eq!(label_step(1_000, 2, 1), 500);
        assert_eq!(label_step(0, 0, 0), 1);
    }

    #[test]
    fn the_calendar_is_read_from_the_labels() {
        let labels = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(per_year(&labels(&["Jan 2023", "Feb 2023"])), 12);
        assert_eq!(per_year(&labels(&["2023-01", "2023-02"])), 12);
        assert_eq!(per_year(&labels(&["2024-Q1"])), 4);
        assert_eq!(per_year(&labels(&["2015", "2016"])), 1);
        assert_eq!(per_year(&labels(&["2024-1"])), 1);
        assert_eq!(per_year(&labels(&["Q1 2024"])), 4);
        assert_eq!(per_year(&labels(&["IoD2019", "IoD2025"])), 1);
        assert_eq!(per_year(&labels(&["Q"])), 1);
        assert_eq!(per_year(&[]), 1);
    }

    #[test]
    fn room_shrinks_with_width_and_label_length() {
        assert_eq!(room(0, 8), 0);
        assert!(room(1000, 8) > room(400, 8));
        assert!(room(1000, 4) > room(1000, 8));
    }
}
