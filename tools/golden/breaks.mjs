// Writes tests/golden/breaks.json: class breaks of real series from data/atlas.json computed by
// independent reference implementations — d3-array's quantileSorted (R-7 quantiles) and
// simple-statistics' equalIntervalBreaks and ckmeans — for the Rust golden test
// (tests/golden_breaks.rs). Rerun after the data changes: node tools/golden/breaks.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantileSorted } from 'd3-array';
import { ckmeans, equalIntervalBreaks } from 'simple-statistics';

// The value a reader derives when a series omits `values` (the builder omits them when this
// reproduces them exactly): n / d × multiplier, rounded half away from zero to `decimals` places,
// null without counts or with a denominator that is not positive — `derived_value` in
// src/model/bundle.rs, operation for operation, so the doubles are the same bits.
function derivedValue(n, d, multiplier, decimals) {
  if (n === null || d === null || !Number.isFinite(n) || !Number.isFinite(d) || !(d > 0)) return null;
  const factor = 10 ** Math.min(decimals, 6);
  const scaled = (n / d) * multiplier * factor;
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / factor;
}

function seriesValues(indicator, series) {
  if (series.values && series.values.length > 0) return series.values;
  return series.numerators.map((n, i) => derivedValue(n, series.denominators[i], indicator.unit.multiplier, indicator.decimals));
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = JSON.parse(readFileSync(join(root, 'data', 'atlas.json'), 'utf8'));
const cases = [
  ['employment-deprivation', 'lsoa', '2025'],
  ['income-deprivation', 'ward', '2019'],
  ['disability', 'msoa', '2021'],
  ['bad-health', 'msoa', '2021'],
];
const out = {
  generated_by: 'tools/golden/breaks.mjs',
  references: {
    quantile: 'd3-array 3.2.5 quantileSorted(sorted, i / k)',
    equal_interval: 'simple-statistics 7.12.1 equalIntervalBreaks(values, k) without its first and last entries',
    natural_breaks: 'simple-statistics 7.12.1 ckmeans(values, k): first value of each cluster after the first',
  },
  cases: [],
};
for (const [indicator, geography, period] of cases) {
  const meta = bundle.indicators.find((i) => i.id === indicator);
  const series = meta.series.find((s) => s.geography === geography && s.period === period);
  const values = seriesValues(meta, series).filter((v) => v !== null);
  const sorted = [...values].sort((a, b) => a - b);
  for (let k = 3; k <= 7; k += 1) {
    out.cases.push({
      indicator,
      geography,
      period,
      k,
      quantile: Array.from({ length: k - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / k)),
      equal_interval: equalIntervalBreaks(values, k).slice(1, -1),
      natural_breaks: ckmeans(values, k).slice(1).map((cluster) => cluster[0]),
    });
  }
}
writeFileSync(join(root, 'tests', 'golden', 'breaks.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${out.cases.length} cases`);
