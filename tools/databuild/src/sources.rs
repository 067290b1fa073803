//! Helpers for LSOA-keyed source tables: align rows with the LSOA order and report unknown,
//! duplicate and missing codes with their location.

use crate::diag::Diagnostics;
use crate::table::{Row, Table};
use std::collections::BTreeMap;

/// Rows of `t` aligned with the area order given by `index` (code → position), using the code
/// column `col`; only rows for which `keep` is true are considered. Unknown and duplicate codes
/// are errors; areas without a row are errors ("missing from the file").
pub fn align<'a>(
    t: &'a Table,
    col: usize,
    index: &BTreeMap<String, usize>,
    keep: impl Fn(&Row) -> bool,
    diags: &mut Diagnostics,
) -> Vec<Option<&'a Row>> {
    let mut out: Vec<Option<&Row>> = vec![None; index.len()];
    for row in t.rows.iter().filter(|r| keep(r)) {
        let code = t.text(row, col);
        match index.get(code) {
            None => diags.error(t.loc(row, col, Some(code)), format!("unknown area code \"{code}\"")),
            Some(&i) => {
                if out[i].is_some() {
                    diags.error(t.loc(row, col, Some(code)), format!("duplicate area code \"{code}\""));
                } else {
                    out[i] = Some(row);
                }
            }
        }
    }
    for (code, &i) in index {
        if out[i].is_none() {
            diags.error(format!("{} ({code})", t.name), "area missing from the file");
        }
    }
    out
}

/// Numbers from column `col` of aligned rows (errors for non-numbers recorded).
pub fn numbers(
    t: &Table,
    rows: &[Option<&Row>],
    code_col: usize,
    col: usize,
    diags: &mut Diagnostics,
) -> Vec<Option<f64>> {
    rows.iter()
        .map(|r| {
            let row = (*r)?;
            let code = t.text(row, code_col).to_string();
            t.num(row, col, &code, diags)
        })
        .collect()
}

/// Reports numerator > denominator (or a negative count) as located errors.
pub fn check_counts(
    t: &Table,
    rows: &[Option<&Row>],
    code_col: usize,
    num_col: usize,
    num: &[Option<f64>],
    den: &[Option<f64>],
    diags: &mut Diagnostics,
) {
    for ((row, n), d) in rows.iter().zip(num).zip(den) {
        let (Some(row), Some(n), Some(d)) = (row, n, d) else {
            continue;
        };
        let code = t.text(row, code_col);
        if n > d {
            diags.error(t.loc(row, num_col, Some(code)), format!("numerator {n} is greater than denominator {d}"));
        }
        if *n < 0.0 || *d < 0.0 {
            diags.error(t.loc(row, num_col, Some(code)), "negative count");
        }
    }
}
