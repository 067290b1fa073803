// Trend charts and benchmarking: selecting an area draws its trend with the values data/ holds
// (read back through the chart's table), comparator lines exist, and the benchmark glyphs and
// words match an independent Wilson-interval calculation for a worse, a similar and a better ward;
// household deprivation shows in the picker, as a two-census trend and in the ward profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { waitForTrendChart } from './support/atlas.mjs';
import { indicator, layer, values } from './support/bundle.mjs';

const suite = useSuite();

const open = (width) => suite.openDemo(width);

/** Wilson score interval (Wilson 1927), written independently of the Rust implementation. */
function wilson(n, d, z = 1.959963984540054) {
  const p = n / d;
  const centre = p + (z * z) / (2 * d);
  const half = z * Math.sqrt((p * (1 - p)) / d + (z * z) / (4 * d * d));
  const denom = 1 + (z * z) / d;
  return [(centre - half) / denom, (centre + half) / denom];
}


const tableRows = (page) =>
  page.evaluate(() =>
    [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    ),
  );

test('selecting an area draws its trend chart with the values data/ holds and comparator lines', async () => {
  const { page, context, errors, requests } = await open();
  const area = layer('lsoa').areas.find((a) => a.code === 'E01006512');
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr').length === 3);
  await waitForTrendChart(page);
  assert.ok(requests.some((u) => u.endsWith('/atlas_charts_bg.wasm')), 'the chart module loads on demand');
  const rows = await tableRows(page);
  const ind = indicator('employment-deprivation');
  const index = layer('lsoa').areas.indexOf(area);
  ind.periods.forEach((p, i) => {
    const v = values('employment-deprivation', 'lsoa', p.id)[index];
    const expected = v === null ? 'no data' : `${v.toFixed(ind.decimals)}%`;
    assert.equal(rows[i][0], p.label);
    assert.ok(rows[i][1].startsWith(expected), `${p.id}: ${rows[i][1]} vs ${expected}`);
  });
  const legend = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart-legend li')].map((li) => li.textContent));
  assert.deepEqual(legend, [area.name, 'Liverpool', 'Liverpool City Region']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hovering a period on the chart reads it out and previews that period on the map', async () => {
  const { page, context } = await open();
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.setIndicator('hi-unemployment');
    el.select('E08000012');
  });
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr').length === 7);
  await waitForTrendChart(page);
  const box = await page.locator('work-health-atlas canvas.trend').boundingBox();
  // The first period sits near the left of the plot area.
  await page.mouse.move(box.x + 70, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.readout-period')?.textContent);
  const period = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.readout-period').textContent);
  assert.equal(period, indicator('hi-unemployment').periods[0].label);
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.period), '2015', 'the map shows the hovered period');
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.period === '2021');
  await context.close();
});

test('benchmark glyphs and words match an independent calculation (worse, similar, better)', async () => {
  const { page, context } = await open();
  const ind = indicator('employment-deprivation');
  const region = ind.comparator_values.find((c) => c.code === 'E47000004' && c.period === '2025').value;
  const series = ind.series.find((s) => s.geography === 'ward' && s.period === '2025');
  const wards = layer('ward').areas.map((a, i) => {
    const [lo, hi] = wilson(series.numerators[i], series.denominators[i]).map((x) => x * 100);
    return { code: a.code, name: a.name, verdict: lo > region ? 'worse' : hi < region ? 'better' : 'similar' };
  });
  const glyphs = { worse: '■', better: '◆', similar: '●' };
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'ward'));
  for (const verdict of ['worse', 'similar', 'better']) {
    const ward = wards.find((w) => w.verdict === verdict);
    assert.ok(ward, `a ${verdict} ward exists`);
    await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), ward.code);
    await page.waitForFunction((name) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.panel-title')?.textContent.startsWith(name), ward.name);
    // The trend view's code loads with the first selection; after that it draws at once.
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.benchmarks li'));
    const line = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.benchmarks li')?.textContent);
    const words = verdict === 'similar' ? 'Similar to' : `${verdict[0].toUpperCase()}${verdict.slice(1)} than`;
    assert.ok(line.startsWith(`${glyphs[verdict]} ${words} Liverpool City Region`), `${ward.name}: ${line}`);
  }
  await context.close();
});

test('the profile and district tabs draw every indicator and all six districts', async () => {
  const { page, context, errors } = await open();
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await page.locator('work-health-atlas #atlas-tab-profile').click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.data-table tbody tr').length > 0);
  const profileRows = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.data-table tbody tr').length);
  const onLsoas = (await import('./support/bundle.mjs')).bundle.indicators.filter((i) => i.series.some((s) => s.geography === 'lsoa')).length;
  assert.equal(profileRows, onLsoas);
  await page.locator('work-health-atlas #atlas-tab-districts').click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-pane-districts table tbody tr').length === 6);
  assert.deepEqual(errors, []);
  await context.close();
});

test('household deprivation: in the picker, on the ward map, a trend of two censuses and rows in the ward profile', async () => {
  const { page, context, errors } = await open();
  const groups = await page.evaluate(() =>
    Object.fromEntries([...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-indicator optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)])),
  );
  for (const id of ['households-deprived-1plus', 'households-deprived-2plus']) assert.ok(groups.Deprivation?.includes(id), `${id} in the Deprivation group: ${JSON.stringify(groups)}`);
  const ward = layer('ward').areas.find((a) => a.code === 'E05013177');
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.setAttribute('geography', 'ward');
    el.setIndicator('households-deprived-1plus');
    el.select('E05013177');
  });
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr').length === 2);
  await waitForTrendChart(page);
  const state = await page.evaluate(() => document.querySelector('work-health-atlas').state);
  assert.deepEqual([state.indicator, state.geography, state.period], ['households-deprived-1plus', 'ward', '2021']);
  const ind = indicator('households-deprived-1plus');
  const index = layer('ward').areas.indexOf(ward);
  const rows = await tableRows(page);
  ind.periods.forEach((p, i) => {
    const expected = `${values(ind.id, 'ward', p.id)[index].toFixed(ind.decimals)}%`;
    assert.equal(rows[i][0], p.label);
    assert.ok(rows[i][1].startsWith(expected), `${p.id}: ${rows[i][1]} vs ${expected}`);
  });
  assert.deepEqual(rows.map((r) => r[0]), ['Census 2011', 'Census 2021']);
  await page.locator('work-health-atlas #atlas-tab-profile').click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-pane-profile tbody tr').length > 0);
  const profile = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-pane-profile tbody tr')].map((tr) => tr.children[0].textContent));
  assert.ok(profile.includes('Deprived households (1+)') && profile.includes('Deprived households (2+)'), profile.join(' | '));
  assert.deepEqual(errors, []);
  await context.close();
});
