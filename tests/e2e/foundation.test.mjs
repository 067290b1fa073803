// The foundation: the demo loads cleanly from / and from a sub-path, fires atlas-ready, shows
// area names on hover, and reports broken data, a failed wasm load and a panic inside its box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents, waitForRecorded, pagePointOf, shadowText } from './support/atlas.mjs';

const suite = useSuite();

test('the demo loads without errors and fires atlas-ready with the default view', async () => {
  const { page, errors, context } = await openPage(suite.browser);
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  const detail = await waitForRecorded(page, 'atlas-ready');
  assert.equal(detail.geography, 'lsoa');
  assert.equal(detail.indicator, 'employment-deprivation');
  assert.equal(detail.period, '2025');
  const title = await shadowText(page, '.title');
  assert.match(title, /2025/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('works when dist/ is served from a sub-path', async () => {
  const { page, errors, context, requests } = await openPage(suite.browser);
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/sub/path/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  assert.ok(requests.some((url) => url.endsWith('/sub/path/atlas_core_bg.wasm')), 'wasm loaded relative to the module');
  assert.deepEqual(errors, []);
  await context.close();
});

test('hovering a district shows its name', async () => {
  const { page, errors, context } = await openPage(suite.browser);
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'lad'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.geography === 'lad');
  for (const [code, name] of [['E08000012', 'Liverpool'], ['E08000015', 'Wirral'], ['E06000006', 'Halton']]) {
    const point = await pagePointOf(page, code);
    assert.ok(point, `a point inside ${name}`);
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(
      (n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip .name')?.textContent === n,
      name,
    );
  }
  await page.mouse.move(1, 1);
  assert.equal(await shadowText(page, '.tooltip'), null, 'tooltip hides when the pointer leaves the map');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken data file shows its error in the widget and fires atlas-error', async () => {
  const { page, context } = await openPage(suite.browser);
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  await page.evaluate(() => {
    const el = document.createElement('work-health-atlas');
    el.id = 'broken';
    el.setAttribute('src', '/__fixtures/broken-bundle.json');
    document.body.append(el);
  });
  const detail = await page.waitForFunction(() =>
    window.__atlasEvents.find((e) => e.type === 'atlas-error' && !e.detail.recovered)?.detail,
  );
  const { code, message } = await detail.jsonValue();
  assert.equal(code, 'invalid-data');
  assert.match(message, /geographies\[lsoa\]\.areas\[E01000001\]/, 'the message names the location');
  const shown = await shadowText(page, '.status', '#broken');
  assert.match(shown, /The atlas cannot be shown/);
  assert.match(shown, /ragged series/);
  await context.close();
});

test('a missing data file and a failed wasm load are reported, not left blank', async () => {
  const { page, context } = await openPage(suite.browser);
  await recordAtlasEvents(page);
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${suite.server.url}/index.html`);
  const detail = await waitForRecorded(page, 'atlas-error');
  assert.equal(detail.code, 'wasm-load-failed');
  assert.match(await shadowText(page, '.status'), /could not be loaded/);
  await context.close();

  const second = await openPage(suite.browser);
  await recordAtlasEvents(second.page);
  await second.page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(second.page, 'atlas-ready');
  await second.page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('src', '/__fixtures/missing.json'));
  const missing = await second.page.waitForFunction(
    () => window.__atlasEvents.find((e) => e.type === 'atlas-error')?.detail,
  );
  assert.equal((await missing.jsonValue()).code, 'src-not-found');
  await second.context.close();
});

test('a Rust panic is reported inside the widget and as atlas-error', async () => {
  const { page, context } = await openPage(suite.browser);
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  await page.evaluate(() => document.querySelector('work-health-atlas').__panicForTests());
  const detail = await waitForRecorded(page, 'atlas-error');
  assert.equal(detail.code, 'panic');
  assert.match(detail.message, /deliberate panic/);
  assert.match(await shadowText(page, '.status'), /internal error/);
  await context.close();
});
