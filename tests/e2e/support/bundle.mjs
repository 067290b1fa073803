// Reads data/atlas.json the way the widget does, for independent expectations in tests: values
// left out of a series are derived from numerators and denominators with the documented rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.mjs';

export const bundle = JSON.parse(readFileSync(join(repoRoot, 'data', 'atlas.json'), 'utf8'));

export function indicator(id) {
  return bundle.indicators.find((i) => i.id === id);
}

export function layer(id) {
  return bundle.geographies.find((g) => g.id === id);
}

/** `numerator / denominator × multiplier` rounded half away from zero to `decimals` places. */
export function derived(n, d, multiplier, decimals) {
  if (n === null || d === null || !(d > 0)) return null;
  const factor = 10 ** decimals;
  const x = (n / d) * multiplier * factor;
  return (Math.sign(x) * Math.round(Math.abs(x))) / factor;
}

/** Values of a series aligned with the layer's areas. */
export function values(indicatorId, geography, period) {
  const ind = indicator(indicatorId);
  const series = ind.series.find((s) => s.geography === geography && s.period === period);
  if (!series) return null;
  if (series.values && series.values.length) return series.values;
  return series.numerators.map((n, i) => derived(n, series.denominators[i], ind.unit.multiplier, ind.decimals));
}

/** The value of one area. */
export function valueOf(indicatorId, geography, period, code) {
  const index = layer(geography).areas.findIndex((a) => a.code === code);
  return values(indicatorId, geography, period)[index];
}

/** Formats like the widget: fixed decimals, then the unit symbol. */
export function formatted(indicatorId, value) {
  const ind = indicator(indicatorId);
  return `${value.toFixed(ind.decimals)}${ind.unit.symbol}`;
}
