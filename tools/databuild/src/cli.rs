//! Command-line flags of the subcommands: `--name value` pairs, each flag once unless it is
//! repeatable; anything else is an error that shows the subcommand's usage.

use std::collections::BTreeMap;

/// The flags given, by name (with the leading `--`), each with its values in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    given: BTreeMap<String, Vec<String>>,
}

impl Flags {
    /// Parses `args`. `once` lists the flags that may be given once, `repeatable` those that may
    /// be given any number of times; `usage` is appended to every error.
    ///
    /// # Errors
    /// An unknown argument, a flag without a value, or a `once` flag given twice.
    pub fn parse(args: &[String], once: &[&str], repeatable: &[&str], usage: &str) -> Result<Flags, String> {
        let mut given: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut it = args.iter();
        while let Some(name) = it.next() {
            if !once.contains(&name.as_str()) && !repeatable.contains(&name.as_str()) {
                return Err(format!("unknown argument \"{name}\"\n{usage}"));
            }
            let value = it.next().ok_or_else(|| format!("{name} needs a value\n{usage}"))?;
            let values = given.entry(name.clone()).or_default();
            if !values.is_empty() && once.contains(&name.as_str()) {
                return Err(format!("{name} is given twice\n{usage}"));
            }
            values.push(value.clone());
        }
        Ok(Flags { given })
    }

    /// The value of a flag given once, if given.
    pub fn one(&self, name: &str) -> Option<&str> {
        self.given.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    /// Every value of a repeatable flag, in the order given.
    pub fn all(&self, name: &str) -> &[String] {
        self.given.get(name).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn once_repeatable_unknown_and_missing() {
        let f =
            Flags::parse(&args(&["--a", "1", "--r", "x", "--r", "y"]), &["--a", "--b"], &["--r"], "U").expect("parses");
        assert_eq!((f.one("--a"), f.one("--b")), (Some("1"), None));
        assert_eq!(f.all("--r"), ["x", "y"]);
        assert!(f.all("--q").is_empty());
        let err = |list: &[&str]| Flags::parse(&args(list), &["--a"], &["--r"], "U").expect_err("refused");
        assert_eq!(err(&["--bogus", "1"]), "unknown argument \"--bogus\"\nU");
        assert_eq!(err(&["--a"]), "--a needs a value\nU");
        assert_eq!(err(&["--a", "1", "--a", "2"]), "--a is given twice\nU");
    }
}
