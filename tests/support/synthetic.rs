//! A SYNTHETIC bundle for tests (labelled `synthetic: true`): a grid of `columns × rows` square
//! "LSOAs", each grid edge one shared arc, grouped into two "districts" (left and right halves).
//! Values are made up; they are never shipped.

use work_health_atlas::model::bundle::*;

/// Degrees per grid cell.
const CELL: i64 = 1000;

/// Arc index of the horizontal edge from (i, j) to (i + 1, j).
fn h(columns: usize, i: usize, j: usize) -> i64 {
    (j * columns + i) as i64
}

/// Arc index of the vertical edge from (i, j) to (i, j + 1).
fn v(columns: usize, rows: usize, i: usize, j: usize) -> i64 {
    (columns * (rows + 1) + j * (columns + 1) + i) as i64
}

/// Ring (clockwise in grid space) around the block of cells `i0..i1 × j0..j1`.
fn block_ring(columns: usize, rows: usize, (i0, i1): (usize, usize), (j0, j1): (usize, usize)) -> Vec<i64> {
    let mut ring = Vec::new();
    ring.extend((i0..i1).map(|i| h(columns, i, j0)));
    ring.extend((j0..j1).map(|j| v(columns, rows, i1, j)));
    ring.extend((i0..i1).rev().map(|i| !h(columns, i, j1)));
    ring.extend((j0..j1).rev().map(|j| !v(columns, rows, i0, j)));
    ring
}

/// Code of cell (i, j).
pub fn cell_code(columns: usize, i: usize, j: usize) -> String {
    format!("E0100{:04}", j * columns + i)
}

/// A grid bundle with one indicator (`employment-deprivation`, periods 2019 and 2025) on both
/// layers; `missing` lists cells with no 2025 value.
pub fn grid_bundle(columns: usize, rows: usize, missing: &[(usize, usize)]) -> Bundle {
    grid_bundle_with(columns, rows, missing, false)
}

/// As [`grid_bundle`]; with `dissolve_districts` the districts are stored without shapes.
pub fn grid_bundle_with(columns: usize, rows: usize, missing: &[(usize, usize)], dissolve_districts: bool) -> Bundle {
    let mut arcs = Vec::new();
    for j in 0..=rows {
        for i in 0..columns {
            arcs.push(vec![[i as i64 * CELL, j as i64 * CELL], [CELL, 0]]);
        }
    }
    for j in 0..rows {
        for i in 0..=columns {
            arcs.push(vec![[i as i64 * CELL, j as i64 * CELL], [0, CELL]]);
        }
    }
    let half = columns / 2;
    let district = |i: usize| if i < half { "E08000001" } else { "E08000002" };
    let mut cells = Vec::new();
    for j in 0..rows {
        for i in 0..columns {
            cells.push(Area {
                code: cell_code(columns, i, j),
                name: format!("Synthetic {:03}", j * columns + i),
                parents: Parents::from([("lad".to_string(), district(i).to_string())]),
                polygons: vec![vec![block_ring(columns, rows, (i, i + 1), (j, j + 1))]],
            });
        }
    }
    let shape = |polygons: Vec<Vec<Vec<i64>>>| if dissolve_districts { Vec::new() } else { polygons };
    let districts = vec![
        Area {
            code: "E08000001".into(),
            name: "Westshire".into(),
            parents: Parents::new(),
            polygons: shape(vec![vec![block_ring(columns, rows, (0, half), (0, rows))]]),
        },
        Area {
            code: "E08000002".into(),
            name: "Eastshire".into(),
            parents: Parents::new(),
            polygons: shape(vec![vec![block_ring(columns, rows, (half, columns), (0, rows))]]),
        },
    ];
    let counts: Vec<(f64, f64)> = (0..columns * rows).map(|k| ((10 + 3 * k) as f64, 1000.0)).collect();
    let value = |(n, d): (f64, f64)| Some((n / d * 1000.0).round() / 10.0);
    let lsoa_2025: Vec<Option<f64>> = (0..columns * rows)
        .map(|k| if missing.contains(&(k % columns, k / columns)) { None } else { value(counts[k]) })
        .collect();
    let lsoa_2019: Vec<Option<f64>> = counts.iter().map(|&(n, d)| value((n + 5.0, d))).collect();
    let sum =
        |cells: &mut dyn Iterator<Item = usize>| cells.fold((0.0, 0.0), |(n, d), k| (n + counts[k].0, d + counts[k].1));
    let west = sum(&mut (0..columns * rows).filter(|k| k % columns < half));
    let east = sum(&mut (0..columns * rows).filter(|k| k % columns >= half));
    let series = |geography: &str, period: &str, values: Vec<Option<f64>>| Series {
        geography: geography.into(),
        period: period.into(),
        values,
        numerators: None,
        denominators: None,
        estimated: false,
        method: "synthetic".into(),
    };
    Bundle {
        schema: SCHEMA_ID.into(),
        version: SCHEMA_VERSION,
        meta: BundleMeta {
            title: "SYNTHETIC grid bundle for tests".into(),
            licence: "none (synthetic)".into(),
            attribution: vec!["Synthetic test data".into()],
            notes: vec![],
            synthetic: true,
            vintage: "synthetic".into(),
        },
        topology: Topology { scale: [0.0001, 0.0001], translate: [-3.0, 53.3], arcs },
        geographies: vec![
            Geography {
                id: "lsoa".into(),
                label: "Synthetic LSOAs".into(),
                noun_plural: "LSOAs".into(),
                vintage: "synthetic".into(),
                approximate: false,
                note: String::new(),
                dissolved_from: None,
                areas: cells,
            },
            Geography {
                id: "lad".into(),
                label: "Synthetic districts".into(),
                noun_plural: "districts".into(),
                vintage: "synthetic".into(),
                approximate: false,
                note: String::new(),
                // Stored without shapes: the reader dissolves the LSOAs (exercises that path).
                dissolved_from: if dissolve_districts { Some("lsoa".into()) } else { None },
                areas: districts,
            },
        ],
        comparators: vec![],
        indicators: vec![Indicator {
            id: "employment-deprivation".into(),
            label: "Employment deprivation".into(),
            title: "Synthetic share out of work".into(),
            definition: "Synthetic values for tests.".into(),
            unit: Unit { symbol: "%".into(), label: "% (synthetic)".into(), multiplier: 100.0 },
            decimals: 1,
            polarity: Polarity::HigherIsWorse,
            theme: Theme::Work,
            source: Source { producer: "Tests".into(), dataset: "Synthetic grid".into(), edition: "none".into() },
            licence: "none".into(),
            geography_vintage: "synthetic".into(),
            periods: vec![
                Period { id: "2019".into(), label: "S2019".into(), reference: "synthetic".into(), change_note: None },
                Period { id: "2025".into(), label: "S2025".into(), reference: "synthetic".into(), change_note: None },
            ],
            series: vec![
                series("lsoa", "2019", lsoa_2019),
                series("lsoa", "2025", lsoa_2025),
                series("lad", "2025", vec![value(west), value(east)]),
            ],
            comparator_values: vec![],
        }],
    }
}
