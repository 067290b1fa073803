//! A uniform grid over a layer's world bounds. Each cell lists the areas whose bounding box touches
//! it, so "which area is under the pointer" tests only a handful of polygons whatever the layer
//! size. Point-in-polygon uses the painters' even-odd rule (`contains`), which excludes holes.
//!
//! A grid rather than an R-tree: areas of one layer are similar in size and tile the region, so a
//! grid of about one area per cell has short, even lists and costs nothing to query.

use super::contains::contains;
use super::projection::ProjectedLayer;
use geo::{Coord, Rect};

/// Spatial index over one projected layer.
#[derive(Debug, Clone)]
pub struct HitIndex {
    bounds: Option<Rect<f64>>,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl HitIndex {
    /// Builds the index with roughly one area per cell.
    pub fn new(layer: &ProjectedLayer) -> HitIndex {
        let Some(bounds) = layer.bounds else {
            return HitIndex { bounds: None, columns: 0, rows: 0, cells: Vec::new() };
        };
        let n = layer.areas.len().max(1) as f64;
        let aspect = (bounds.width() / bounds.height().max(f64::EPSILON)).clamp(1e-3, 1e3);
        let columns = ((n * aspect).sqrt().ceil() as usize).clamp(1, 1024);
        let rows = ((n / aspect).sqrt().ceil() as usize).clamp(1, 1024);
        let mut index = HitIndex { bounds: Some(bounds), columns, rows, cells: vec![Vec::new(); columns * rows] };
        for (area, rect) in layer.boxes.iter().enumerate() {
            let Some(rect) = rect else { continue };
            let (c0, r0) = index.cell_of(rect.min());
            let (c1, r1) = index.cell_of(rect.max());
            for row in r0..=r1 {
                for column in c0..=c1 {
                    index.cells[row * columns + column].push(area as u32);
                }
            }
        }
        index
    }

    /// Cell column and row of a world point, clamped into the grid.
    fn cell_of(&self, p: Coord<f64>) -> (usize, usize) {
        let Some(b) = self.bounds else { return (0, 0) };
        let fx = (p.x - b.min().x) / b.width().max(f64::EPSILON);
        let fy = (p.y - b.min().y) / b.height().max(f64::EPSILON);
        let column = ((fx * self.columns as f64).floor().max(0.0) as usize).min(self.columns - 1);
        let row = ((fy * self.rows as f64).floor().max(0.0) as usize).min(self.rows - 1);
        (column, row)
    }

    /// The area containing the world point, if any. Points in holes belong to no area (or to the
    /// area filling the hole).
    pub fn area_at(&self, layer: &ProjectedLayer, [x, y]: [f64; 2]) -> Option<usize> {
        let bounds = self.bounds?;
        let point = Coord { x, y };
        if !x.is_finite() || !y.is_finite() || !in_rect(&bounds, point) {
            return None;
        }
        let (column, row) = self.cell_of(point);
        self.cells[row * self.columns + column]
            .iter()
            .map(|&a| a as usize)
            .find(|&a| layer.boxes[a].is_some_and(|b| in_rect(&b, point)) && contains(&layer.areas[a], point))
    }
}

/// Whether a point is inside a rectangle or on its edge.
fn in_rect(rect: &Rect<f64>, p: Coord<f64>) -> bool {
    p.x >= rect.min().x && p.x <= rect.max().x && p.y >= rect.min().y && p.y <= rect.max().y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{project, Ring};

    fn square(x0: f64, y0: f64, size: f64) -> Ring {
        vec![[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    }

    fn layer(areas: &[Vec<Vec<Ring>>]) -> ProjectedLayer {
        ProjectedLayer::new(areas.iter())
    }

    #[test]
    fn empty_layer_hits_nothing() {
        let l = layer(&[]);
        assert_eq!(HitIndex::new(&l).area_at(&l, [0.0, 0.0]), None);
    }

    #[test]
    fn one_area_is_hit_inside_and_missed_outside() {
        let l = layer(&[vec![vec![square(-3.0, 53.0, 1.0)]]]);
        let index = HitIndex::new(&l);
        assert_eq!(index.area_at(&l, project([-2.5, 53.5])), Some(0));
        assert_eq!(index.area_at(&l, project([-1.5, 53.5])), None);
        assert_eq!(index.area_at(&l, [f64::NAN, 0.0]), None);
    }

    #[test]
    fn holes_are_excluded_and_the_island_inside_is_found() {
        let with_hole = vec![vec![square(-3.0, 53.0, 1.0), square(-2.75, 53.25, 0.5)]];
        let island = vec![vec![square(-2.7, 53.3, 0.4)]];
        let l = layer(&[with_hole, island]);
        let index = HitIndex::new(&l);
        assert_eq!(index.area_at(&l, project([-2.9, 53.1])), Some(0));
        assert_eq!(index.area_at(&l, project([-2.5, 53.5])), Some(1));
        assert_eq!(index.area_at(&l, project([-2.72, 53.27])), None, "in the hole, outside the island");
    }

    #[test]
    fn two_neighbours_are_told_apart() {
        let l = layer(&[vec![vec![square(-3.0, 53.0, 1.0)]], vec![vec![square(-2.0, 53.0, 1.0)]]]);
        let index = HitIndex::new(&l);
        assert_eq!(index.area_at(&l, project([-2.9, 53.5])), Some(0));
        assert_eq!(index.area_at(&l, project([-1.1, 53.5])), Some(1));
    }
}
