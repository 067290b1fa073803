// Accessibility and exports: axe-core finds no WCAG 2.2 AA violations on the demo and every
// example; a keyboard-only session chooses an indicator, moves between areas with the arrow keys,
// selects one, hears its sentence and opens the table; exports are what is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from './support/server.mjs';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';
import { axeViolations } from './support/axe.mjs';
import { strictCsv } from './support/csv.mjs';
import { layer, values, indicator } from './support/bundle.mjs';

const suite = useSuite();

async function open(path = '/index.html', width = 1200) {
  // bypassCSP lets the test inject axe-core into the strict-CSP example too.
  const context = await suite.browser.newContext({ viewport: { width, height: 1000 }, bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}${path}`);
  await page.waitForFunction(() => [...document.querySelectorAll('work-health-atlas')].every((el) => el.state));
  return { context, page, errors };
}

const pages = ['/index.html', ...readdirSync(join(distDir, 'examples')).filter((f) => f.endsWith('.html')).map((f) => `/examples/${f}`)];

for (const path of pages) {
  test(`axe-core finds no WCAG 2.2 AA violations on ${path}`, async () => {
    const { page, context } = await open(path);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    await context.close();
  });
}

test('axe-core finds no violations with an area selected, the table open and at 320 px', async () => {
  const { page, context } = await open('/index.html', 320);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('work-health-atlas .table-toggle').click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr').length > 0);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('axe-core finds no violations in the patch and work × health tools, wide and at 360 px', async () => {
  for (const width of [1200, 360]) {
    const { page, context } = await open('/index.html', width);
    await page.evaluate(() => {
      const el = document.querySelector('work-health-atlas');
      el.setAttribute('patch-src', '/__fixtures/patch.json');
      el.setAttribute('notes-src', '/__fixtures/notes.json');
    });
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
    await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-tab-patch').click());
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-view .interventions li'));
    await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.patch-view button')].find((b) => b.textContent === 'Compare').click());
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison .finding'));
    assert.deepEqual(await axeViolations(page), [], `patch tab at ${width} px`);
    await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-tab-workhealth').click());
    await page.waitForFunction(() => /Pearson/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding')?.textContent ?? ''));
    await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.workhealth-view button')].find((b) => b.textContent.startsWith('Colour')).click());
    await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend.bivariate').hidden);
    assert.deepEqual(await axeViolations(page), [], `work × health tab at ${width} px`);
    await context.close();
  }
});

test('keyboard only: choose an indicator, move with arrows, select, hear the sentence, open the table', async () => {
  const { page, context, errors } = await open('/index.html');
  const shadow = (selector) => page.evaluate((s) => document.querySelector('work-health-atlas').shadowRoot.activeElement?.matches(s), selector);
  // Tab from the page into the widget until the indicator picker has focus.
  for (let i = 0; i < 12 && !(await shadow('#atlas-indicator')); i += 1) await page.keyboard.press('Tab');
  assert.ok(await shadow('#atlas-indicator'), 'the indicator picker is reachable with Tab');
  await page.keyboard.press('ArrowDown'); // employment → income deprivation (next option in the theme)
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.indicator !== 'employment-deprivation');
  const chosen = await page.evaluate(() => document.querySelector('work-health-atlas').state.indicator);
  // Tab on to the map.
  for (let i = 0; i < 20 && !(await shadow('canvas.overlay')); i += 1) await page.keyboard.press('Tab');
  assert.ok(await shadow('canvas.overlay'), 'the map is reachable with Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const selected = await waitForRecorded(page, 'atlas-select');
  const state = await page.evaluate(() => document.querySelector('work-health-atlas').state);
  assert.equal(selected.geography, state.geography);
  assert.equal(state.area, selected.code);
  const sentence = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('[aria-live][aria-atomic]').textContent);
  const index = layer(state.geography).areas.findIndex((a) => a.code === selected.code);
  const value = values(chosen, state.geography, state.period)[index];
  const ind = indicator(chosen);
  assert.ok(sentence.startsWith(`${selected.name}: ${value.toFixed(ind.decimals)}%`), sentence);
  assert.match(sentence, new RegExp(ind.periods.find((p) => p.id === state.period).label));
  assert.match(sentence, /Liverpool City Region/);
  // Open the table with the keyboard.
  for (let i = 0; i < 30 && !(await shadow('.table-toggle')); i += 1) await page.keyboard.press('Shift+Tab');
  assert.ok(await shadow('.table-toggle'), 'the table toggle is reachable');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr').length === n,
    layer(state.geography).areas.length,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('exports: the CSV matches data/, the PNGs have size and ink, the SVG parses', async () => {
  const { page, context } = await open('/index.html');
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'ward'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.geography === 'ward');
  const csv = await page.evaluate(() => document.querySelector('work-health-atlas').toCsv());
  // A plain table (pandas and Excel open it as it is): the mark, the header first, rows as wide.
  const [header, ...rows] = strictCsv(csv);
  assert.deepEqual(header, ['code', 'name', 'district', 'value', 'numerator', 'denominator', 'lower_95', 'upper_95', 'compared_with_city_region']);
  const wards = layer('ward').areas;
  assert.equal(rows.length, wards.length);
  const expected = values('employment-deprivation', 'ward', '2025');
  const decimals = indicator('employment-deprivation').decimals;
  rows.forEach((row, i) => {
    assert.equal(row[0], wards[i].code);
    assert.equal(row[1], wards[i].name);
    assert.equal(Number(row[3]), expected[i], `${row[1]}`);
    // The value at the indicator's decimals, the counts whole, the limits one decimal more.
    assert.match(row[3], new RegExp(`^\\d+\\.\\d{${decimals}}$`), `${row[1]} value`);
    assert.match(`${row[4]} ${row[5]}`, /^\d* \d*$/, `${row[1]} counts`);
    for (const limit of [row[6], row[7]]) assert.match(limit, new RegExp(`^(\\d+\\.\\d{${decimals + 1}})?$`), `${row[1]} limits`);
  });
  assert.ok(rows.some((row) => row[4] !== '' && row[6] !== ''), 'some wards have counts and an interval');
  // Its sidecar (W3C CSV on the Web) says what the table is and lists the same columns.
  const meta = JSON.parse(await page.evaluate(() => document.querySelector('work-health-atlas').toCsvMetadata('wards.csv')));
  assert.equal(meta['@context'], 'http://www.w3.org/ns/csvw');
  assert.equal(meta.url, 'wards.csv');
  assert.match(meta['dc:title'], /^Share of working-age residents/);
  assert.match(meta['dc:source'], /Indices of Deprivation/);
  assert.equal(meta['dc:license'], 'Open Government Licence v3.0');
  assert.match(meta['dc:temporal'], /IoD2025/);
  assert.match(meta['dc:spatial'], /approximate/);
  assert.ok(meta['schema:creditText'].includes('Contains public sector information licensed under the Open Government Licence v3.0.'));
  assert.deepEqual(meta.tableSchema.columns.map((c) => c.name), header);
  assert.ok(meta.tableSchema.columns.every((c) => c.titles && c.datatype && c['dc:description']));

  const png = async (kind) =>
    page.evaluate(async (k) => {
      const blob = await document.querySelector('work-health-atlas').toPng(k);
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) coloured += 1;
      return { type: blob.type, width: bitmap.width, height: bitmap.height, coloured };
    }, kind);
  const map = await png('map');
  const mapBox = await page.locator('work-health-atlas .map').boundingBox();
  assert.equal(map.type, 'image/png');
  // Pictures are at 2× whatever the screen's ratio (issue 18: PNGs for print and bids).
  assert.ok(Math.abs(map.width - 2 * Math.round(mapBox.width - 2)) <= 4, `map PNG width ${map.width} vs 2 × map ${mapBox.width}`);
  assert.ok(map.height > 2 * mapBox.height, 'title, legend and sources add height');
  assert.ok(map.coloured > map.width * map.height * 0.1, 'not blank');

  await page.evaluate(() => document.querySelector('work-health-atlas').select('E05015279'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr').length > 0);
  await page.waitForFunction(async () => {
    try {
      await document.querySelector('work-health-atlas').toSvg();
      return true;
    } catch {
      return false;
    }
  });
  const chart = await png('chart');
  assert.ok(chart.width > 200 && chart.height > 250 && chart.coloured > 1000, JSON.stringify(chart));
  const svg = await page.evaluate(() => document.querySelector('work-health-atlas').toSvg());
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, text: doc.documentElement.textContent };
  }, svg);
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  assert.match(parsed.text, /Anfield/);
  assert.match(parsed.text, /Open Government Licence/);
  await context.close();
});

test('Download CSV saves the table and its CSVW sidecar, each named in full', async () => {
  const { page, context, errors } = await open('/index.html');
  // This title is longer than the 80 characters names were once cut to.
  await page.evaluate(() => document.querySelector('work-health-atlas').setIndicator('economically-inactive'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.indicator === 'economically-inactive');
  const both = new Promise((resolve) => {
    const got = [];
    page.on('download', (d) => got.push(d) === 2 && resolve(got));
  });
  await page.locator('work-health-atlas button[data-export="csv"]').click();
  const [table, sidecar] = await both;
  const shown = await page.evaluate(() => document.querySelector('work-health-atlas').state.geography);
  assert.match(table.suggestedFilename(), /^share-of-residents-aged-16-and-over-who-are-economically-inactive-census-2021-[a-z]+\.csv$/);
  assert.ok(table.suggestedFilename().length > 84, table.suggestedFilename());
  assert.equal(sidecar.suggestedFilename(), `${table.suggestedFilename()}-metadata.json`);
  const saved = strictCsv(readFileSync(await table.path(), 'utf8'));
  assert.equal(saved.length, layer(shown).areas.length + 1);
  const savedMeta = JSON.parse(readFileSync(await sidecar.path(), 'utf8'));
  assert.equal(savedMeta.url, table.suggestedFilename());
  assert.match(savedMeta['dc:source'], /Census 2021/i);
  const status = `Downloaded the CSV and its description (${table.suggestedFilename()}-metadata.json).`;
  await page.waitForFunction((s) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.export-status').textContent === s, status);
  assert.deepEqual(errors, []);
  await context.close();
});
