//! The official codes of the comparator areas the widget names on its own: the Liverpool City
//! Region and England. Both the widget (trend lines, benchmarks, tables) and the impact analyses
//! (the patch's chart) look their figures up by these codes in the bundle's comparators.

/// Comparator code of the Liverpool City Region.
pub const REGION_CODE: &str = "E47000004";
/// Comparator code of England.
pub const ENGLAND_CODE: &str = "E92000001";
