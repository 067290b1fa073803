// The widget in Firefox, driven like a visitor does: the demo gets ready, hovering an area shows
// its name and figure, a click selects it (atlas-select, the panel's heading), switching the
// indicator fires atlas-change and changes the legend, a postcode selects its neighbourhood, and
// the data table lists the layer and selects from it. Expectations come from data/ (the same
// reader as the Chromium suite), not from the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFirefox, shadowText, waitFor, nextEvent, pagePointOf } from './support/firefox.mjs';
import { layer, valueOf, formatted } from '../e2e/support/bundle.mjs';
import { repoRoot } from '../e2e/support/server.mjs';

const suite = useFirefox();

const state = (page) => page.evaluate(() => document.querySelector('work-health-atlas').state);

test('the demo gets ready in Firefox with no errors and draws the map', async () => {
  const { page, errors } = await suite.open('/index.html');
  const s = await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  assert.equal(s.indicator, 'employment-deprivation');
  assert.equal(s.geography, 'lsoa');
  assert.match(await page.evaluate(() => navigator.userAgent), /Firefox\//, 'this is Firefox');
  const map = await page.evaluate(() => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200) ink += 1;
    return { width: canvas.width, ink, total: data.length / 4 };
  });
  assert.ok(map.width > 300, `the map canvas is ${map.width} px wide`);
  assert.ok(map.ink > map.total * 0.2, `the map is drawn (${map.ink} of ${map.total} pixels inked)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('hovering an LSOA shows its name and the value data/ holds for it', async () => {
  const { page, errors } = await suite.open('/index.html');
  const areas = layer('lsoa').areas;
  for (const area of [areas[0], areas[500], areas[1002]]) {
    const point = await pagePointOf(page, area.code);
    assert.ok(point, `${area.code} is on the map`);
    await page.mouse.move(point.x, point.y);
    await waitFor(page, (n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip .name')?.textContent === n, area.name);
    const value = valueOf('employment-deprivation', 'lsoa', '2025', area.code);
    assert.equal(await shadowText(page, '.tooltip .value'), `${formatted('employment-deprivation', value)} (IoD2025)`);
    assert.match(await shadowText(page, '.tooltip'), /(highest|lowest) of 1003 neighbourhoods/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking an area fires atlas-select and names it in the panel heading', async () => {
  const { page, errors } = await suite.open('/index.html');
  const area = layer('lsoa').areas[123];
  const selected = await nextEvent(page, 'atlas-select');
  const point = await pagePointOf(page, area.code);
  await page.mouse.click(point.x, point.y);
  assert.deepEqual(await selected(), { code: area.code, name: area.name, geography: 'lsoa' });
  assert.equal((await state(page)).area, area.code);
  // The heading names the area, then where it is ("…, in Anfield ward, Liverpool").
  await waitFor(page, (n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.panel-title')?.textContent.startsWith(`${n}, in `), area.name);
  assert.deepEqual(errors, []);
  await page.close();
});

test('choosing another indicator fires atlas-change and changes the legend', async () => {
  const { page, errors } = await suite.open('/index.html');
  const before = await shadowText(page, '.legend');
  const changed = await nextEvent(page, 'atlas-change');
  await page.select('work-health-atlas >>> #atlas-indicator', 'disability');
  const detail = await changed();
  assert.equal(detail.indicator, 'disability');
  assert.equal((await state(page)).indicator, 'disability');
  const after = await waitFor(page, (old) => {
    const text = document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend').textContent;
    return text !== old && text;
  }, before);
  assert.match(after, /%/, 'the legend shows the disability percentages');
  assert.match(await shadowText(page, '.title'), /disab/i);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a postcode typed in the search selects its neighbourhood; an unknown one says so', async () => {
  const { page, errors, requests } = await suite.open('/index.html');
  // L4 0TH's LSOA, found in the postcode index independently of the widget.
  const index = JSON.parse(readFileSync(join(repoRoot, 'data', 'postcodes.json'), 'utf8'));
  let lsoaIndex = null;
  for (const entry of index.outward.L4.split(' ')) {
    const digits = entry.slice(3).replace('*', '');
    if (digits) lsoaIndex = Number(digits);
    if (entry.startsWith('0TH')) break;
  }
  const expected = index.lsoa[lsoaIndex];
  const input = await page.$('work-health-atlas >>> #atlas-search');
  await input.type('l40th');
  await input.press('Enter');
  await waitFor(page, (code) => document.querySelector('work-health-atlas').state.area === code, expected);
  assert.match(await shadowText(page, '.search-message'), /^L4 0TH is in /);
  assert.ok(requests.some((u) => u.endsWith('/data/postcodes.json')), 'the postcode index was fetched');
  await input.click({ count: 3 });
  await input.type('L4 0XX');
  await input.press('Enter');
  await waitFor(page, () => /not a live Liverpool City Region postcode/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.search-message').textContent));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the data table lists every area of the layer and selects the one chosen', async () => {
  const { page, errors } = await suite.open('/index.html');
  await (await page.$('work-health-atlas >>> .table-toggle')).click();
  const rows = await waitFor(page, () => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr').length);
  assert.equal(rows, layer('lsoa').areas.length, 'one row per LSOA');
  assert.equal(await shadowText(page, '.table-count'), `${rows} of ${rows} areas shown.`);
  // Filter by a code, then choose the area by its name.
  const area = layer('lsoa').areas[42];
  const filter = await page.$('work-health-atlas >>> #atlas-table-search');
  await filter.type(area.code);
  await waitFor(page, () => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr').length === 1);
  const value = valueOf('employment-deprivation', 'lsoa', '2025', area.code);
  const cells = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr td')].map((td) => td.textContent));
  assert.ok(cells.includes(formatted('employment-deprivation', value)), `the row shows ${formatted('employment-deprivation', value)}: ${cells}`);
  const selected = await nextEvent(page, 'atlas-select');
  await (await page.$('work-health-atlas >>> .table-view tbody .area-link')).click();
  assert.equal((await selected()).code, area.code);
  // The heading names the area, then where it is ("…, in Anfield ward, Liverpool").
  await waitFor(page, (n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.panel-title')?.textContent.startsWith(`${n}, in `), area.name);
  assert.deepEqual(errors, []);
  await page.close();
});
