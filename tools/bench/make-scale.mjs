// Writes the benchmark's data into target/bench/:
//   lcr.geojson                   the real LCR LSOA layer (1,003 polygons) as GeoJSON, for Leaflet
//   synthetic-10k.json / .geojson SYNTHETIC: the LSOA layer tiled 10× (10,030 polygons)
//   synthetic-35k.json / .geojson SYNTHETIC: the LSOA layer tiled 35× (35,105 polygons)
//
// The synthetic bundles are in the widget's schema (data/README.md): the LCR arcs are copied once
// per tile with the tile's offset added to each arc's absolute first point, ring references are
// shifted to the tile's copy of the arcs (`!i` stays reversed), areas get new codes and names
// marked SYNTHETIC, `meta.synthetic` is true, and only the LSOA layer is kept. Two indicators are
// copied (employment and income deprivation, LSOA series of every period) so that the bench can
// switch indicator and draw a trend chart at every scale. The GeoJSON carries, per feature, the
// code, the name and both indicators' latest-period values (the same figures the widget shows).
//
// Usage: node tools/bench/make-scale.mjs [--out target/bench]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const INDICATORS = ['employment-deprivation', 'income-deprivation'];
/** Tiles per synthetic scale: columns × rows. */
export const SCALES = [
  { id: 'synthetic-10k', columns: 5, rows: 2 },
  { id: 'synthetic-35k', columns: 7, rows: 5 },
];

/** `round(n ÷ d × multiplier × 10^decimals) ÷ 10^decimals`, half away from zero (data/README.md). */
export function derived(n, d, multiplier, decimals) {
  if (n === null || n === undefined || d === null || d === undefined || !(d > 0)) return null;
  const factor = 10 ** Math.min(decimals, 6);
  const x = (n / d) * multiplier * factor;
  return (Math.sign(x) * Math.round(Math.abs(x))) / factor;
}

/** Values of a series (stored, or derived from the counts when omitted). */
export function seriesValues(indicator, series) {
  if (series.values && series.values.length) return series.values;
  return series.numerators.map((n, i) => derived(n, series.denominators[i], indicator.unit.multiplier, indicator.decimals));
}

/** Decodes delta-encoded quantised arcs into absolute [lon, lat] (src/model/topology.rs). */
export function decodeArcs(topology) {
  const [sx, sy] = topology.scale;
  const [tx, ty] = topology.translate;
  // Positions are rounded to the grid's decimals so the GeoJSON is no longer than it must be.
  const dx = Math.max(0, Math.ceil(-Math.log10(sx)));
  const dy = Math.max(0, Math.ceil(-Math.log10(sy)));
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([ddx, ddy]) => {
      x += ddx;
      y += ddy;
      return [Number((x * sx + tx).toFixed(dx)), Number((y * sy + ty).toFixed(dy))];
    });
  });
}

/** A closed ring from arc references; consecutive arcs share their joining point. */
export function assembleRing(arcs, refs) {
  const ring = [];
  for (const ref of refs) {
    const reversed = ref < 0;
    const arc = arcs[reversed ? ~ref : ref];
    const points = reversed ? [...arc].reverse() : arc;
    ring.push(...(ring.length ? points.slice(1) : points));
  }
  return ring;
}

/** GeoJSON FeatureCollection of the bundle's `lsoa` layer with both indicators' latest values. */
export function toGeoJson(bundle) {
  const arcs = decodeArcs(bundle.topology);
  const layer = bundle.geographies.find((g) => g.id === 'lsoa');
  const valueColumns = INDICATORS.map((id) => {
    const indicator = bundle.indicators.find((i) => i.id === id);
    const period = indicator.periods[indicator.periods.length - 1].id;
    const series = indicator.series.find((s) => s.geography === 'lsoa' && s.period === period);
    return { id, period, values: seriesValues(indicator, series) };
  });
  const features = layer.areas.map((area, i) => {
    const polygons = area.polygons.map((polygon) => polygon.map((ring) => assembleRing(arcs, ring)));
    const properties = { code: area.code, name: area.name };
    for (const column of valueColumns) properties[column.id] = column.values[i];
    return {
      type: 'Feature',
      properties,
      geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
    };
  });
  return { type: 'FeatureCollection', periods: Object.fromEntries(valueColumns.map((c) => [c.id, c.period])), features };
}

/** Bounds of the topology in quantised units (arcs are delta-encoded). */
export function extent(topology) {
  let maxX = -Infinity;
  let maxY = -Infinity;
  let minX = Infinity;
  let minY = Infinity;
  for (const arc of topology.arcs) {
    let x = 0;
    let y = 0;
    for (const [dx, dy] of arc) {
      x += dx;
      y += dy;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { minX, minY, maxX, maxY };
}

/** The LCR bundle tiled `columns × rows` times: a SYNTHETIC bundle in the widget's schema. */
export function tile(bundle, columns, rows) {
  const lsoa = bundle.geographies.find((g) => g.id === 'lsoa');
  const box = extent(bundle.topology);
  // A gap of ~1 % between tiles so copies never share or cross an edge.
  const stepX = Math.ceil((box.maxX - box.minX) * 1.01);
  const stepY = Math.ceil((box.maxY - box.minY) * 1.01);
  const nArcs = bundle.topology.arcs.length;
  const nAreas = lsoa.areas.length;
  const tiles = columns * rows;
  const arcs = [];
  const areas = [];
  for (let t = 0; t < tiles; t += 1) {
    const ox = (t % columns) * stepX;
    const oy = Math.floor(t / columns) * stepY;
    for (const arc of bundle.topology.arcs) {
      const copy = arc.map((p) => [p[0], p[1]]);
      copy[0] = [arc[0][0] + ox, arc[0][1] + oy];
      arcs.push(copy);
    }
    const shift = t * nArcs;
    lsoa.areas.forEach((area, i) => {
      const serial = String(t * nAreas + i + 1).padStart(6, '0');
      areas.push({
        code: `S99${serial}`,
        name: `SYNTHETIC ${t + 1}/${tiles} ${area.name}`,
        parents: {},
        polygons: area.polygons.map((polygon) => polygon.map((ring) => ring.map((ref) => (ref < 0 ? ~(~ref + shift) : ref + shift)))),
      });
    });
  }
  const repeat = (list) => (list ? Array.from({ length: tiles }, () => list).flat() : list);
  const indicators = INDICATORS.map((id) => {
    const source = bundle.indicators.find((i) => i.id === id);
    return {
      ...source,
      label: `${source.label} (SYNTHETIC copy)`,
      series: source.series
        .filter((s) => s.geography === 'lsoa')
        .map((s) => {
          const copy = { ...s };
          for (const key of ['values', 'numerators', 'denominators']) if (copy[key]) copy[key] = repeat(copy[key]);
          return copy;
        }),
    };
  });
  const n = areas.length;
  return {
    schema: bundle.schema,
    version: bundle.version,
    meta: {
      title: `SYNTHETIC benchmark bundle: ${n.toLocaleString('en-GB')} LSOA-like polygons (the LCR LSOA layer tiled ${columns}×${rows})`,
      licence: bundle.meta.licence,
      attribution: bundle.meta.attribution,
      notes: [
        'SYNTHETIC: made by tools/bench/make-scale.mjs for performance tests only. Shapes are copies of the LCR LSOA boundaries moved by whole tiles; codes, names and figures are not real.',
      ],
      synthetic: true,
      vintage: 'SYNTHETIC benchmark data',
    },
    topology: { scale: bundle.topology.scale, translate: bundle.topology.translate, arcs },
    geographies: [{ ...lsoa, label: `${lsoa.label} (SYNTHETIC tiles)`, note: 'SYNTHETIC tiled copies of the LCR LSOAs.', areas }],
    comparators: bundle.comparators,
    indicators,
  };
}

/** Packs a bundle with the data builder (`databuild pack`). */
function pack(input, out) {
  execFileSync('cargo', ['run', '--locked', '--release', '-q', '-p', 'databuild', '--', 'pack', '--input', input, '--out', out], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Writes every file; returns `{ id: { polygons, bundle, packed, geojson } }` (paths relative to outDir). */
export function makeScale(outDir = join(repoRoot, 'target', 'bench')) {
  mkdirSync(outDir, { recursive: true });
  const bundle = JSON.parse(readFileSync(join(repoRoot, 'data', 'atlas.json'), 'utf8'));
  const written = {};
  writeFileSync(join(outDir, 'lcr.geojson'), JSON.stringify(toGeoJson(bundle)));
  written.lcr = { polygons: bundle.geographies.find((g) => g.id === 'lsoa').areas.length, bundle: null, geojson: 'lcr.geojson' };
  for (const scale of SCALES) {
    const synthetic = tile(bundle, scale.columns, scale.rows);
    writeFileSync(join(outDir, `${scale.id}.json`), JSON.stringify(synthetic));
    writeFileSync(join(outDir, `${scale.id}.geojson`), JSON.stringify(toGeoJson(synthetic)));
    // The widget's `src` is the packed form, as a partner would serve it (`databuild pack`).
    pack(join(outDir, `${scale.id}.json`), join(outDir, `${scale.id}.bin`));
    written[scale.id] = { polygons: synthetic.geographies[0].areas.length, bundle: `${scale.id}.json`, packed: `${scale.id}.bin`, geojson: `${scale.id}.geojson` };
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? resolve(process.argv[at + 1]) : join(repoRoot, 'target', 'bench');
  const written = makeScale(out);
  for (const [id, w] of Object.entries(written)) console.log(`${id}: ${w.polygons} polygons → ${[w.bundle, w.geojson].filter(Boolean).join(', ')}`);
}
