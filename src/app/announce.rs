//! The short words a screen reader hears as the keyboard focus moves from area to area:
//! "Anfield, 31.5%, highest fifth". Arrow presses come quickly, so this says only the name, the
//! value and where it sits among the map's classes; the full sentence (`sentence`) is for an area
//! the user stops on or selects.
//!
//! Classes are named by position, counted from the nearer end ("second-highest"). With quantile
//! classes of an ordinary map each holds about the same number of areas, so they are named as
//! shares ("highest fifth"); other methods, and the diverging classes of a change map, hold
//! unequal shares, so they are named as classes ("highest of 6 classes").

use super::atlas::Atlas;
use crate::format;
use crate::scale::breaks::Method;

/// Ordinal words for positions counted from one end (the first is "lowest"/"highest" alone).
const ORDINALS: [&str; 6] = ["", "second", "third", "fourth", "fifth", "sixth"];

/// Where class `class` (0 = lowest values) of `classes` sits, counted from the nearer end:
/// "lowest", "second-lowest", "middle", "second-highest", "highest". `None` for fewer than two
/// classes (one class says nothing) or a class out of range.
///
/// # Examples
/// ```
/// use work_health_atlas::app::announce::class_position;
/// assert_eq!(class_position(4, 5).as_deref(), Some("highest"));
/// assert_eq!(class_position(1, 4).as_deref(), Some("second-lowest"));
/// assert_eq!(class_position(2, 5).as_deref(), Some("middle"));
/// ```
pub fn class_position(class: usize, classes: usize) -> Option<String> {
    if classes < 2 || class >= classes {
        return None;
    }
    let from_top = classes - 1 - class;
    if class == from_top {
        return Some("middle".to_string());
    }
    let (steps, end) = if class < from_top { (class, "lowest") } else { (from_top, "highest") };
    Some(match ORDINALS.get(steps) {
        Some(&"") => end.to_string(),
        Some(word) => format!("{word}-{end}"),
        None => format!("{}-{end}", super::describe::ordinal(steps + 1)),
    })
}

/// The share each of `classes` equal-count classes holds, e.g. "fifth" for 5.
fn share_word(classes: usize) -> Option<&'static str> {
    match classes {
        2 => Some("half"),
        3 => Some("third"),
        4 => Some("quarter"),
        5 => Some("fifth"),
        6 => Some("sixth"),
        7 => Some("seventh"),
        _ => None,
    }
}

/// Plain words for class `class` of `classes`: "highest fifth" for equal-count (quantile)
/// classes, else "second-lowest of 4 classes". `None` when the class says nothing (one class).
///
/// # Examples
/// ```
/// use work_health_atlas::app::announce::class_words;
/// assert_eq!(class_words(4, 5, true).as_deref(), Some("highest fifth"));
/// assert_eq!(class_words(0, 3, false).as_deref(), Some("lowest of 3 classes"));
/// ```
pub fn class_words(class: usize, classes: usize, equal_counts: bool) -> Option<String> {
    let position = class_position(class, classes)?;
    match share_word(classes).filter(|_| equal_counts) {
        Some(share) => Some(format!("{position} {share}")),
        None => Some(format!("{position} of {classes} classes")),
    }
}

impl Atlas {
    /// A short description of an area of the current layer for announcing a focus move: its
    /// name, value with unit (in change mode the change, "up 1.2 percentage points since
    /// IoD2019") and class in words, or "no data"; only the name when no indicator is shown.
    /// `None` for an area not in the layer.
    pub fn short_description(&self, area: usize) -> Option<String> {
        let name = &self.data.bundle.geographies.get(self.geography)?.areas.get(area)?.name;
        if self.current_indicator().is_none() {
            return Some(name.clone());
        }
        let Some(value) = self.values.get(area).copied().flatten().filter(|v| v.is_finite()) else {
            return Some(format!("{name}, no data"));
        };
        let amount = if self.change_from.is_some() { self.change_words(value) } else { self.format_value(Some(value)) };
        let class = self.choropleth.as_ref().and_then(|c| {
            let equal_counts = self.method == Method::Quantile && self.change_from.is_none();
            class_words(c.scale.class_of(value)?, c.scale.classes(), equal_counts)
        });
        Some(match class {
            Some(class) => format!("{name}, {amount}, {class}"),
            None => format!("{name}, {amount}"),
        })
    }

    /// A change in words: "up 1.2 percentage points since IoD2019", "down 3 years since 2015",
    /// "no change since IoD2019" (when it rounds to zero at the shown precision).
    fn change_words(&self, change: f64) -> String {
        let Some(indicator) = self.current_indicator() else { return String::new() };
        // Spelt out: "pp" is read letter by letter.
        let symbol = if indicator.unit.is_percentage() { " percentage points" } else { indicator.unit.symbol.as_str() };
        let amount = format::value(Some(change.abs()), indicator.decimals, symbol);
        let since = self
            .change_from
            .as_deref()
            .and_then(|from| indicator.periods.iter().find(|p| p.id == from))
            .map(|p| format!(" since {}", p.label))
            .unwrap_or_default();
        if amount == format::value(Some(0.0), indicator.decimals, symbol) {
            format!("no change{since}")
        } else if change > 0.0 {
            format!("up {amount}{since}")
        } else {
            format!("down {amount}{since}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_from_the_nearer_end() {
        let five: Vec<String> = (0..5).filter_map(|c| class_position(c, 5)).collect();
        assert_eq!(five, ["lowest", "second-lowest", "middle", "second-highest", "highest"]);
        let four: Vec<String> = (0..4).filter_map(|c| class_position(c, 4)).collect();
        assert_eq!(four, ["lowest", "second-lowest", "second-highest", "highest"]);
        let eight: Vec<String> = (0..8).filter_map(|c| class_position(c, 8)).collect();
        assert_eq!(eight[3], "fourth-lowest");
        assert_eq!(eight[4], "fourth-highest");
    }

    #[test]
    fn no_position_for_one_class_or_out_of_range() {
        assert_eq!(class_position(0, 0), None);
        assert_eq!(class_position(0, 1), None);
        assert_eq!(class_position(3, 3), None);
        assert_eq!(class_position(0, 2).as_deref(), Some("lowest"));
        assert_eq!(class_position(1, 2).as_deref(), Some("highest"));
    }

    #[test]
    fn far_positions_fall_back_to_numeric_ordinals() {
        assert_eq!(class_position(6, 20).as_deref(), Some("7th-lowest"));
    }

    #[test]
    fn equal_count_classes_are_shares_and_others_are_classes() {
        assert_eq!(class_words(0, 3, true).as_deref(), Some("lowest third"));
        assert_eq!(class_words(2, 4, true).as_deref(), Some("second-highest quarter"));
        assert_eq!(class_words(3, 7, true).as_deref(), Some("middle seventh"));
        assert_eq!(class_words(1, 4, false).as_deref(), Some("second-lowest of 4 classes"));
        // Eight classes (a change map's extra class at zero) have no share word.
        assert_eq!(class_words(7, 8, true).as_deref(), Some("highest of 8 classes"));
        assert_eq!(class_words(0, 1, true), None);
    }
}
