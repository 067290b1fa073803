// Adding data in the browser, end to end, with SYNTHETIC files in the real layouts
// (support/synthetic-import.mjs; never real figures): a 24-month Nomis claimant-count API file for
// every LSOA through `series-src` and through the file picker, the community template (wards by
// name and by code, quarterly), the Nomis web and Stat-Xplore layouts, broken files, the draft
// across a reload, and the overlay file round trip. Values are recomputed here from the
// generator's counts and data/lookups.json (Census 2021 residents aged 16–64).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';
import { axeViolations } from './support/axe.mjs';
import { strictCsv } from './support/csv.mjs';
import { bundle } from './support/bundle.mjs';
import { syntheticCount, monthIndexOf, communitySample, brokenTemplate, nomisWebCsv, statXploreCsv, lsoaAreas, notCsvBytes } from './support/synthetic-import.mjs';

const lookups = JSON.parse(readFileSync(join(repoRoot, 'data', 'lookups.json'), 'utf8'));
const residents = new Map(lookups.residents_16_64.codes.map((code, i) => [code, lookups.residents_16_64.values[i]]));
const lsoas = bundle.geographies.find((g) => g.id === 'lsoa').areas;
const NOMIS = '/__synthetic/NM_162_1_SYNTHETIC.data.csv';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Rounds half away from zero to one decimal, as the bundle's derived values are. */
const round1 = (x) => Math.sign(x) * Math.round(Math.abs(x) * 10) / 10;

/** Expected claimant rate of an area of `layer` in `month`: Σ counts ÷ Σ residents 16–64 × 100. */
function expectedRate(layer, code, month) {
  const members = layer === 'lsoa' ? lsoas.filter((a) => a.code === code) : lsoas.filter((a) => a.parents[layer] === code);
  assert.ok(members.length, `${layer} ${code} has LSOAs`);
  const count = members.reduce((sum, a) => sum + syntheticCount(a.code, monthIndexOf(month)), 0);
  const people = members.reduce((sum, a) => sum + residents.get(a.code), 0);
  return round1((count / people) * 100);
}

/** The element's CSV export as rows keyed by code (read strictly: header first, rows as wide), and its sidecar. */
async function csvRows(page) {
  const [csv, meta] = await page.evaluate(async () => {
    const atlas = document.querySelector('work-health-atlas');
    return [await atlas.toCsv(), await atlas.toCsvMetadata()];
  });
  const [header, ...lines] = strictCsv(csv);
  const rows = new Map();
  for (const cells of lines) rows.set(cells[0], Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  return { csv, meta, rows };
}

async function open(path = '/index.html', width = 1200) {
  const session = await openPage(browser, { width, height: 900 });
  await recordAtlasEvents(session.page);
  await session.page.goto(`${server.url}${path}`);
  await waitForRecorded(session.page, 'atlas-ready');
  return session;
}

/** Waits for the next atlas-ready after `action` (the widget reloads with the added data). */
async function reloaded(page, action) {
  const before = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-ready').length);
  await action();
  await page.waitForFunction((n) => window.__atlasEvents.filter((e) => e.type === 'atlas-ready').length > n, before, { timeout: 60000 });
}

const setView = (page, attrs) =>
  page.evaluate((a) => {
    const el = document.querySelector('work-health-atlas');
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
  }, attrs);

const state = (page) => page.evaluate(() => document.querySelector('work-health-atlas').state);

const catalogueIds = (page) =>
  page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-indicator option')].map((o) => o.value));

async function checkClaimantValues(page) {
  const sample = [lsoas[0].code, lsoas[400].code, lsoas[1002].code];
  for (const month of ['2023-01', '2024-12']) {
    await setView(page, { indicator: 'claimant-rate', geography: 'lsoa', period: month });
    const { meta, rows } = await csvRows(page);
    assert.match(meta, /SYNTHETIC/, 'the export says the figures are synthetic');
    assert.match(meta, /residents aged 16–64/, 'the export states the denominator');
    assert.equal(rows.size, 1003);
    for (const code of sample) assert.equal(Number(rows.get(code).value), expectedRate('lsoa', code, month), `LSOA ${code} ${month}`);
    for (const layer of ['ward', 'lad']) {
      await setView(page, { geography: layer });
      const { rows: layerRows } = await csvRows(page);
      const codes = [...layerRows.keys()];
      for (const code of [codes[0], codes.at(-1)]) {
        assert.equal(Number(layerRows.get(code).value), expectedRate(layer, code, month), `${layer} ${code} ${month}`);
      }
    }
  }
}

test('a 24-month Nomis claimant-count file named by series-src becomes claimant-rate: values, trend, recent trend', async () => {
  const { page, errors, context } = await open();
  await reloaded(page, () => setView(page, { 'series-src': NOMIS }));
  assert.ok((await catalogueIds(page)).includes('claimant-rate'), 'the new indicator is in the list');
  await checkClaimantValues(page);
  // The trend of one LSOA: 24 points and a recent trend that can now be calculated.
  await setView(page, { geography: 'lsoa' });
  await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), lsoas[10].code);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.recent-trend'));
  const recent = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.recent-trend').textContent);
  assert.doesNotMatch(recent, /cannot be calculated/, recent);
  const periods = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-period option')].length);
  assert.equal(periods, 24, 'the period control lists 24 months');
  // The trend chart's figures (its table): one row per month, with the Wilson interval.
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr').length === 24);
  const last = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr')].at(-1).textContent);
  assert.match(last, /Dec 2024/);
  assert.match(last, /95% CI [\d.]+% to [\d.]+%/, `an interval is given: ${last}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the file picker adds the same Nomis file, with its summary and the new indicator shown', async () => {
  const { page, errors, context } = await open();
  const text = await (await fetch(`${server.url}${NOMIS}`)).text();
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('[data-export="add"]').click());
  await page.locator('#add-data-file').waitFor({ state: 'attached' });
  await reloaded(page, () => page.locator('#add-data-file').setInputFiles({ name: 'NM_162_1_SYNTHETIC.data.csv', mimeType: 'text/csv', buffer: Buffer.from(text) }));
  assert.equal((await state(page)).indicator, 'claimant-rate', 'the widget shows the new indicator');
  const status = await page.locator('.add-status').textContent();
  assert.match(status, /Claimant rate/, status);
  await checkClaimantValues(page);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Adds a community-template file through the picker and the short form. */
async function addCommunity(page, name, csv, label = 'SYNTHETIC residents supported into work') {
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('[data-export="add"]').click());
  await page.locator('#add-data-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('#add-name').waitFor({ state: 'visible' });
  await page.locator('#add-name').fill(label);
  await page.locator('#add-source').fill('SYNTHETIC community team records (test data)');
  await reloaded(page, () => page.locator('.add-form button[type="submit"]').click());
}

test('the community template: wards by name and by code, quarterly, rates from numerators and denominators; kept across a reload', async () => {
  const { page, errors, context } = await open();
  const sample = communitySample(bundle);
  await addCommunity(page, 'community_SYNTHETIC.csv', sample.csv);
  const added = (await state(page)).indicator;
  assert.ok(added && !bundle.indicators.some((i) => i.id === added), `a new indicator is shown (${added})`);
  assert.equal((await state(page)).geography, 'ward');
  const check = async () => {
    for (const period of ['2023-Q1', '2024-Q4']) {
      await setView(page, { indicator: added, geography: 'ward', period });
      const { rows } = await csvRows(page);
      for (const row of sample.rows.filter((r) => r.period === period)) {
        assert.equal(Number(rows.get(row.code).value), round1((row.numerator / row.denominator) * 100), `${row.by} ${row.name} ${period}`);
      }
    }
  };
  await check();
  // The draft: a reload brings the added figures back.
  await page.reload();
  await page.waitForFunction(() => window.__atlasEvents?.some((e) => e.type === 'atlas-ready'));
  assert.ok((await catalogueIds(page)).includes(added), 'the added indicator survives a reload');
  await check();
  assert.deepEqual(errors, []);
  await context.close();
});

test('broken files: every problem named with its line, good rows kept, no page error; not-a-CSV refused', async () => {
  const { page, errors, context } = await open();
  const broken = brokenTemplate(bundle);
  await addCommunity(page, 'broken_SYNTHETIC.csv', broken.csv, 'SYNTHETIC broken sample');
  const problems = await page.locator('.add-problems').textContent();
  for (const [kind, line] of Object.entries(broken.lines)) {
    // Good rows, withheld figures and the converted 2011 code are kept (the last two as notes).
    if (kind.startsWith('good') || kind.startsWith('suppressed') || kind === 'lsoa2011') continue;
    assert.ok(problems.includes(`broken_SYNTHETIC.csv:${line}`), `${kind} (line ${line}) is reported: ${problems}`);
  }
  const withheld = ['suppressedStar', 'suppressedDots', 'suppressedX', 'suppressedDash'].map((k) => broken.lines[k]);
  assert.ok(problems.includes(`withheld by the publisher (lines ${withheld.join(', ')})`), problems);
  if (broken.lsoa2011) assert.match(problems, /converted 1 LSOA 2011 code/);
  // Markup stays text: no element was made from it.
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.add-data img').length), 0);
  const id = (await state(page)).indicator;
  assert.ok(!bundle.indicators.some((i) => i.id === id), 'the good rows were added');
  await page.locator('#add-data-file').setInputFiles({ name: 'not-a-csv_SYNTHETIC.csv', mimeType: 'text/csv', buffer: Buffer.from(notCsvBytes()) });
  await page.waitForFunction(() => /not a CSV/i.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.add-data').textContent));
  // Over 50 MB: refused before it is read.
  const huge = join(mkdtempSync(join(tmpdir(), 'atlas-')), 'huge_SYNTHETIC.csv');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1, 0x41));
  await page.locator('#add-data-file').setInputFiles(huge);
  await page.waitForFunction(() => /files up to 50 MB/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.add-status').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a name that looks like a formula is text in the widget and neutralised in the CSV export', async () => {
  const { page, errors, context } = await open();
  await addCommunity(page, 'community_SYNTHETIC.csv', communitySample(bundle).csv, '=HYPERLINK("http://evil.example","SYNTHETIC")');
  const { csv, meta } = await csvRows(page);
  const cells = strictCsv(csv).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
  assert.deepEqual(cells, [], 'no cell a spreadsheet would run');
  // The name is the table's title, kept as text in its sidecar (JSON, which no spreadsheet runs).
  assert.match(JSON.parse(meta)['dc:title'], /=HYPERLINK\("http:\/\/evil\.example","SYNTHETIC"\)/);
  const title = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.title').textContent);
  assert.match(title, /=HYPERLINK/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Nomis web download and a Stat-Xplore export with conditionality are read', async () => {
  const { page, errors, context } = await open();
  const areas = lsoaAreas(bundle);
  const web = nomisWebCsv({ codes: areas.map((a) => a.code), names: areas.map((a) => a.name), start: '2023-01', months: 6 });
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('[data-export="add"]').click());
  await reloaded(page, () => page.locator('#add-data-file').setInputFiles({ name: 'nomis-web_SYNTHETIC.csv', mimeType: 'text/csv', buffer: Buffer.from(web) }));
  assert.equal((await state(page)).indicator, 'claimant-rate');
  await setView(page, { geography: 'lsoa', period: '2023-03' });
  const { rows } = await csvRows(page);
  assert.equal(Number(rows.get(areas[5].code).value), expectedRate('lsoa', areas[5].code, '2023-03'));
  const ux = statXploreCsv({ names: areas.map((a) => a.name), start: '2024-01', months: 3 });
  await reloaded(page, () => page.locator('#add-data-file').setInputFiles({ name: 'stat-xplore_SYNTHETIC.csv', mimeType: 'text/csv', buffer: Buffer.from(ux) }));
  const ids = await catalogueIds(page);
  assert.ok(ids.includes('uc-people'), ids.join(' '));
  assert.ok(ids.filter((i) => i.startsWith('uc-people-')).length >= 3, 'one indicator per conditionality regime');
  assert.ok(ids.includes('claimant-rate'), 'the earlier added data stays');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an exported overlay file loaded through series-src gives identical values', async () => {
  const { page, errors, context } = await open();
  const sample = communitySample(bundle);
  await addCommunity(page, 'community_SYNTHETIC.csv', sample.csv);
  const added = (await state(page)).indicator;
  await setView(page, { period: '2024-Q2' });
  const first = (await csvRows(page)).rows;
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the overlay file (JSON)' }).click();
  const overlay = readFileSync(await (await download).path(), 'utf8');
  assert.match(overlay, /"schema":"work-health-atlas\/overlay"/);
  await fetch(`${server.url}/__store/overlay.json`, { method: 'PUT', body: overlay });
  await context.close();

  // A new visitor (no draft) on a page that names the hosted overlay file.
  const second = await open();
  await reloaded(second.page, () => setView(second.page, { 'series-src': '/__store/overlay.json' }));
  await setView(second.page, { indicator: added, geography: 'ward', period: '2024-Q2' });
  const again = (await csvRows(second.page)).rows;
  for (const row of sample.rows.filter((r) => r.period === '2024-Q2')) assert.deepEqual(again.get(row.code), first.get(row.code), row.code);
  assert.deepEqual([...errors, ...second.errors], []);
  await second.context.close();
});

test('a series-src that cannot be used leaves the atlas working and fires a recoverable atlas-error', async () => {
  const { page, context } = await open();
  await reloaded(page, () => setView(page, { 'series-src': '/__synthetic/no-such-file.csv /__synthetic/broken_SYNTHETIC.csv' }));
  const error = await page.evaluate(() => window.__atlasEvents.find((e) => e.type === 'atlas-error' && e.detail.code === 'series-invalid')?.detail);
  assert.ok(error?.recovered, 'recoverable');
  assert.match(error.message, /no-such-file/);
  assert.equal((await state(page)).indicator, bundle.indicators[0].id, 'the atlas still shows its own data');
  await context.close();
});

test('with the Nomis months added, a patch comparison checks the trend before the start', async () => {
  const { page, errors, context } = await open('/index.html', 1300);
  await reloaded(page, () => setView(page, { 'series-src': NOMIS }));
  const patch = lsoas.slice(0, 6).map((a) => a.code);
  await page.evaluate((areas) => {
    const el = document.querySelector('work-health-atlas');
    el.setIndicator('claimant-rate');
    el.setAttribute('patch', JSON.stringify({ name: 'SYNTHETIC patch', areas, interventions: [{ name: 'Hub', start: '2024-01' }] }));
  }, patch);
  const inRoot = (fn, arg) => page.evaluate(([source, a]) => new Function('root', 'a', `return (${source})(root, a);`)(document.querySelector('work-health-atlas').shadowRoot, a), [fn.toString(), arg]);
  await inRoot((root) => root.querySelector('#atlas-tab-patch').click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-view .interventions li'));
  await inRoot((root) => [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Compare' && !b.closest('[hidden]')).click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison canvas.event-study'), null, { timeout: 60000 });
  const view = await inRoot((root) => ({
    pretrend: root.getElementById(root.querySelector('canvas.event-study').getAttribute('aria-describedby'))?.textContent,
    rows: root.querySelectorAll('.event-study-table tbody tr').length,
    finding: root.querySelector('.comparison .finding').textContent,
  }));
  assert.match(view.pretrend, /^Before January 2024 .*\(12 months checked\)/, view.pretrend);
  assert.equal(view.rows, 24);
  assert.match(view.finding, /association, not proof/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: open Add data, choose a file, describe it and add it; the open panel passes axe', async () => {
  const { page, errors, context } = await open('/index.html', 390);
  // Listen for the file chooser now, well before Space is pressed: Playwright switches the
  // browser's chooser interception on asynchronously, and a listener added just before the key
  // press can lose that race on a slow machine (the chooser then opens unintercepted).
  const chooser = page.waitForEvent('filechooser');
  // Focus the "Add data" button and press Enter: the panel opens with its heading focused.
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('[data-export="add"]').focus());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.activeElement?.id === 'add-data-title');
  // Tab to the file picker; Space opens the file chooser.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.activeElement?.id), 'add-data-file');
  await page.keyboard.press('Space');
  await (await chooser).setFiles({ name: 'community_SYNTHETIC.csv', mimeType: 'text/csv', buffer: Buffer.from(communitySample(bundle).csv) });
  // The short form takes focus at its first field; type, Tab through, Enter submits.
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.activeElement?.id === 'add-name');
  await page.keyboard.type('SYNTHETIC supported into work');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.activeElement?.id), 'add-source');
  await page.keyboard.type('SYNTHETIC team records');
  assert.deepEqual(await axeViolations(page), [], 'the panel with its form passes axe');
  await reloaded(page, () => page.keyboard.press('Enter'));
  const shown = (await state(page)).indicator;
  assert.ok(shown && !bundle.indicators.some((i) => i.id === shown), 'the new indicator is shown');
  assert.match(await page.locator('.add-status').textContent(), /Added SYNTHETIC supported into work/);
  assert.deepEqual(await axeViolations(page), [], 'the panel with the added list passes axe');
  // Escape closes the panel and puts focus back on its button.
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.add-data button').focus());
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.activeElement?.dataset.export), 'add');
  assert.ok(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.add-data').hidden));
  assert.deepEqual(errors, []);
  await context.close();
});
