//! The figures a file gives on one layer, by (breakdown category, period, area), each with the
//! line it came from so later checks (a count above the residents, a conversion clash) can point
//! at the row. Stored sparsely: a file gives at most one figure per row, whatever the number of
//! areas × periods × categories, so a strange file cannot make the importer allocate gigabytes.

use super::reading::Slot;
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// One figure with the line it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// The figure.
    pub slot: Slot,
    /// Line of the row (for converted figures, the first contributing row).
    pub line: u32,
}

/// The figures of one layer given in the file, by (category, period, area). Stored sparsely: a
/// file gives at most one figure per row, whatever the number of areas × periods × categories.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerFigures {
    /// Layer position in the bundle.
    pub layer: usize,
    /// Areas of the layer.
    pub areas: usize,
    /// Periods of the file.
    pub periods: usize,
    /// Category slots.
    pub categories: usize,
    cells: BTreeMap<(usize, usize, usize), Cell>,
}

impl LayerFigures {
    /// An empty layer.
    pub fn new(layer: usize, areas: usize, periods: usize, categories: usize) -> LayerFigures {
        LayerFigures { layer, areas, periods, categories, cells: BTreeMap::new() }
    }

    /// The figure of an area, if any.
    pub fn get(&self, category: usize, period: usize, area: usize) -> Option<Cell> {
        self.cells.get(&(category, period, area)).copied()
    }

    /// Sets a figure; false (nothing changed) when one is already there or the place is outside
    /// the layer.
    pub fn set(&mut self, category: usize, period: usize, area: usize, cell: Cell) -> bool {
        if category >= self.categories || period >= self.periods || area >= self.areas {
            return false;
        }
        match self.cells.entry((category, period, area)) {
            Entry::Vacant(slot) => {
                slot.insert(cell);
                true
            }
            Entry::Occupied(_) => false,
        }
    }

    /// The figure of category slot `category` in an area. Everyone (slot 0) of a breakdown
    /// without a "Total" row is the sum of its categories: withheld when any is withheld, absent
    /// when any is absent (no partial sums); its line is the first category's.
    pub fn figure(&self, category: usize, period: usize, area: usize) -> Option<Cell> {
        if let Some(c) = self.get(category, period, area) {
            return Some(c);
        }
        if category != 0 || self.categories < 2 {
            return None;
        }
        let mut sum = 0.0;
        let mut withheld = false;
        let mut line = u32::MAX;
        for c in 1..self.categories {
            let part = self.get(c, period, area)?;
            line = line.min(part.line);
            match part.slot {
                Slot::Count(n) => sum += n,
                Slot::Withheld => withheld = true,
                _ => return None,
            }
        }
        let slot = if withheld { Slot::Withheld } else { Slot::Count(super::convert::round6(sum)) };
        Some(Cell { slot, line })
    }

    /// Number of areas with at least one figure.
    pub fn areas_with_figures(&self) -> usize {
        let mut areas: Vec<usize> = self.cells.keys().map(|(_, _, a)| *a).collect();
        areas.sort_unstable();
        areas.dedup();
        areas.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(n: f64, line: u32) -> Cell {
        Cell { slot: Slot::Count(n), line }
    }

    #[test]
    fn empty_one_and_two_figures() {
        let mut f = LayerFigures::new(0, 3, 2, 1);
        assert_eq!((f.get(0, 0, 0), f.areas_with_figures()), (None, 0));
        assert!(f.set(0, 1, 2, cell(4.0, 7)));
        assert_eq!(f.get(0, 1, 2), Some(cell(4.0, 7)));
        assert!(f.set(0, 0, 2, cell(5.0, 8)));
        assert_eq!(f.areas_with_figures(), 1, "two periods of one area");
    }

    #[test]
    fn everyone_is_the_total_or_the_sum_of_every_category() {
        let mut f = LayerFigures::new(0, 3, 1, 3);
        f.set(1, 0, 0, cell(2.0, 5));
        f.set(2, 0, 0, cell(3.0, 4));
        f.set(1, 0, 1, cell(2.0, 6));
        f.set(2, 0, 1, Cell { slot: Slot::Withheld, line: 7 });
        f.set(1, 0, 2, cell(2.0, 8));
        assert_eq!(f.figure(0, 0, 0), Some(cell(5.0, 4)));
        assert_eq!(f.figure(0, 0, 1), Some(Cell { slot: Slot::Withheld, line: 6 }));
        assert_eq!(f.figure(0, 0, 2), None, "a missing category leaves no sum");
        f.set(0, 0, 2, cell(9.0, 9));
        assert_eq!(f.figure(0, 0, 2), Some(cell(9.0, 9)), "a Total row is used as given");
        assert_eq!(f.figure(1, 0, 1), Some(cell(2.0, 6)));
    }

    #[test]
    fn a_figure_is_set_once_and_only_inside_the_layer() {
        let mut f = LayerFigures::new(0, 3, 2, 1);
        assert!(f.set(0, 0, 0, cell(1.0, 2)));
        assert!(!f.set(0, 0, 0, cell(9.0, 3)));
        assert_eq!(f.get(0, 0, 0), Some(cell(1.0, 2)));
        assert!(!f.set(1, 0, 0, cell(1.0, 2)) && !f.set(0, 2, 0, cell(1.0, 2)) && !f.set(0, 0, 3, cell(1.0, 2)));
    }
}
