//! [`Measure`]: the words a sentence uses for an indicator's level — "a higher disability rate",
//! "a higher share economically inactive", "higher life expectancy".
//!
//! An indicator's label names it in a menu ("Economically inactive", "Unpaid carers"); it is
//! often not a noun phrase, so "areas with higher {label}" reads "areas with higher economically
//! inactive". The bundle has no noun-phrase field, so the phrase is derived from the label and
//! the unit here, by a few rules on the label's last word (tested on every shipped indicator):
//!
//! - a rate or share already ("Unemployment rate") stays as it is;
//! - a percentage of people described by an adjective ("Unemployed", "Economically inactive")
//!   becomes "share unemployed";
//! - a percentage of people named by a plural noun ("Unpaid carers") becomes "share of unpaid
//!   carers", and one in a state of health ("Bad or very bad health") "share in bad or very bad
//!   health";
//! - any other percentage ("Disability", "Employment deprivation") becomes "disability rate";
//! - a figure that is not a percentage ("Life expectancy") keeps its label, as a mass noun.
//!
//! A parenthetical qualifier ("(Health Index)") stays at the end; a unit in brackets ("(%)") goes.

/// An indicator's level as a noun phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// "disability rate", "share economically inactive", "life expectancy (Health Index)".
    noun: String,
    /// Takes an article ("a higher disability rate"); a mass noun does not ("higher life
    /// expectancy").
    countable: bool,
}

/// The label's words in sentence case: a capitalised word is lowered, an acronym or a word with
/// capitals inside ("IoD", "NHS") is kept. ASCII case and byte searches only: Unicode case tables
/// and the substring searcher would add about 2 kB to the analysis module, and labels are English.
fn sentence_case(words: &str) -> String {
    let mut out = words.to_string();
    let bytes = words.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..].iter().position(|&b| b == b' ').map_or(bytes.len(), |p| start + p);
        if bytes[start].is_ascii_uppercase() && !bytes[start + 1..end].iter().any(u8::is_ascii_uppercase) {
            if let Some(first) = out.get_mut(start..start + 1) {
                first.make_ascii_lowercase();
            }
        }
        start = end + 1;
    }
    out
}

/// Splits "Disability (Health Index)" into ("Disability", Some("(Health Index)")); a bracket
/// holding only a unit ("(%)", "(% of residents)", "(years)") is dropped.
fn split_qualifier(label: &str) -> (&str, Option<&str>) {
    let label = label.trim_ascii();
    let open = label.bytes().rposition(|b| b == b'(').filter(|&i| i > 0 && label.ends_with(')'));
    let Some(open) = open else { return (label, None) };
    let (base, bracket) = (label[..open].trim_ascii_end(), &label[open..]);
    let inner = bracket[1..bracket.len() - 1].trim_ascii();
    let unit_only = inner.starts_with('%') || inner == "years" || inner.starts_with("per ");
    (base, (!unit_only).then_some(bracket))
}

impl Measure {
    /// The phrase for an indicator labelled `label`, whose values are percentages when
    /// `percentage`.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::impact::measure::Measure;
    /// assert_eq!(Measure::of("Economically inactive", true).higher("higher"), "a higher share economically inactive");
    /// assert_eq!(Measure::of("Disability", true).higher("lower"), "a lower disability rate");
    /// assert_eq!(Measure::of("Life expectancy", false).higher("higher"), "higher life expectancy");
    /// ```
    pub fn of(label: &str, percentage: bool) -> Measure {
        let (base, qualifier) = split_qualifier(label);
        let words = sentence_case(base);
        let lower = words.to_ascii_lowercase();
        let last = &lower[lower.bytes().rposition(|b| b == b' ').map_or(0, |p| p + 1)..];
        let already = ["rate", "share", "percentage", "proportion"].contains(&last)
            || ["share ", "percentage ", "proportion "].iter().any(|p| lower.starts_with(p));
        let noun = if words.is_empty() {
            "value".to_string()
        } else if already || !percentage {
            words
        } else if last.ends_with("ed") || last.ends_with("ive") {
            format!("share {words}")
        } else if last == "health" {
            format!("share in {words}")
        } else if last.ends_with('s') && !last.ends_with("ss") && last.len() > 3 {
            format!("share of {words}")
        } else {
            format!("{words} rate")
        };
        let countable = already || percentage;
        let noun = match qualifier {
            Some(q) => format!("{noun} {q}"),
            None => noun,
        };
        Measure { noun, countable }
    }

    /// The phrase alone: "disability rate".
    pub fn noun(&self) -> &str {
        &self.noun
    }

    /// After a comparative such as "higher" or "lower": "a higher disability rate", "lower life
    /// expectancy".
    pub fn higher(&self, comparative: &str) -> String {
        if self.countable {
            format!("a {comparative} {}", self.noun)
        } else {
            format!("{comparative} {}", self.noun)
        }
    }

    /// As the subject or object of a sentence: "the disability rate", "life expectancy".
    pub fn the(&self) -> String {
        if self.countable {
            format!("the {}", self.noun)
        } else {
            self.noun.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_label_becomes_a_noun_phrase() {
        let noun = |label, pct| Measure::of(label, pct).noun().to_string();
        assert_eq!(noun("Employment deprivation", true), "employment deprivation rate");
        assert_eq!(noun("Economically inactive", true), "share economically inactive");
        assert_eq!(noun("Unemployed", true), "share unemployed");
        assert_eq!(noun("Unpaid carers", true), "share of unpaid carers");
        assert_eq!(noun("Bad or very bad health", true), "share in bad or very bad health");
        assert_eq!(noun("Unemployment rate", true), "unemployment rate");
        assert_eq!(noun("Share of pupils on free school meals", true), "share of pupils on free school meals");
        assert_eq!(noun("Life expectancy (Health Index)", false), "life expectancy (Health Index)");
        assert_eq!(noun("Disability (Health Index)", true), "disability rate (Health Index)");
    }

    #[test]
    fn units_in_brackets_go_and_acronyms_stay() {
        assert_eq!(Measure::of("Economically inactive (%)", true).noun(), "share economically inactive");
        assert_eq!(Measure::of("NHS waiting", true).noun(), "NHS waiting rate");
        assert_eq!(Measure::of("Claimants (per 1,000)", false).noun(), "claimants");
        assert_eq!(Measure::of(" ", true).noun(), "value");
    }

    #[test]
    fn articles_follow_the_noun() {
        let m = Measure::of("Unpaid carers", true);
        assert_eq!(m.higher("higher"), "a higher share of unpaid carers");
        assert_eq!(m.the(), "the share of unpaid carers");
        let years = Measure::of("Life expectancy", false);
        assert_eq!(years.higher("lower"), "lower life expectancy");
        assert_eq!(years.the(), "life expectancy");
    }
}
