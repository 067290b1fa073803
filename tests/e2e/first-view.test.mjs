// The first view carries only what it shows (issue 15): the map module embeds the geometry and
// the indicator shown first (data/atlas-first.bin); every other indicator comes from
// data/atlas-more.bin, fetched from the widget's own folder once the map is drawn, or before it
// when the page asks for one of them. Nothing is lost: once it is in, the widget holds every
// indicator; where it cannot come, the widget says so and keeps what it has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { recordAtlasEvents } from './support/atlas.mjs';

const suite = useSuite();

const REST = '/data/atlas-more.bin';

/** A page with one widget carrying `attributes`; resolves once it is ready. */
async function openWidget(attributes = {}, route = null) {
  const opened = await openPage(suite.browser, { width: 1200, height: 900 });
  await recordAtlasEvents(opened.page);
  await opened.page.addInitScript(() => {
    document.addEventListener('atlas-ready', () => {
      window.__readyAt ??= performance.now();
    });
  });
  if (route) await opened.context.route(`**${REST}`, route);
  await opened.page.goto(`${suite.server.url}/index.html`);
  await opened.page.evaluate((attributes) => {
    document.querySelector('work-health-atlas')?.remove();
    const el = document.createElement('work-health-atlas');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    document.body.append(el);
  }, attributes);
  const state = await opened.page.evaluate(() => document.querySelector('work-health-atlas').ready);
  return { ...opened, state };
}

const options = (page) =>
  page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-indicator option')].map((o) => o.value));

const restRequests = (requests) => requests.filter((u) => new URL(u).pathname.endsWith(REST));

test('the first view is drawn before any data file is fetched; the other indicators follow once', async () => {
  const { page, context, requests, errors, state } = await openWidget();
  assert.equal(state.indicator, 'employment-deprivation');
  const early = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/data/') && e.startTime < window.__readyAt)
      .map((e) => e.name),
  );
  assert.deepEqual(early, [], 'no data file before the first paint');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').complete()), true);
  const ids = await options(page);
  assert.equal(ids.length, 12, ids.join(', '));
  assert.ok(ids.includes('households-deprived-2plus') && ids.includes('income-deprivation'));
  // A second widget on the page uses the same fetch.
  await page.evaluate(() => {
    const el = document.createElement('work-health-atlas');
    el.id = 'second';
    el.setAttribute('indicator', 'income-deprivation');
    document.body.append(el);
    return el.ready;
  });
  assert.equal(await page.evaluate(() => document.getElementById('second').state.indicator), 'income-deprivation');
  assert.equal(restRequests(requests).length, 1, restRequests(requests).join(', '));
  // The view did not move when the rest came, and its figures are the whole bundle's.
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.indicator), 'employment-deprivation');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page asking for an indicator of the rest gets it in its first view, without a notice', async () => {
  const { page, context, state } = await openWidget({ indicator: 'households-deprived-1plus', area: 'E08000012' });
  assert.equal(state.indicator, 'households-deprived-1plus');
  assert.equal(state.area, 'E08000012');
  const events = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error'));
  assert.deepEqual(events, []);
  assert.equal(await page.locator('work-health-atlas .config-notice').isVisible(), false);
  // Set after the first view, before the rest is in: applied when it comes.
  await page.evaluate(() => {
    const el = document.createElement('work-health-atlas');
    el.id = 'late';
    document.body.append(el);
    return el.ready.then(() => el.setIndicator('disability'));
  });
  assert.equal(await page.evaluate(() => document.getElementById('late').state.indicator), 'disability');
  await context.close();
});

test('where the other indicators cannot be had, the widget says so and keeps its first view', async () => {
  const { page, context, state } = await openWidget({}, (route) => route.fulfill({ status: 503, body: 'down' }));
  assert.equal(state.indicator, 'employment-deprivation');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').complete()), false);
  const events = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error').map((e) => e.detail));
  assert.ok(
    events.some((e) => e.code === 'data-incomplete' && e.recovered && /HTTP 503/.test(e.message)),
    JSON.stringify(events),
  );
  assert.deepEqual(await options(page), ['employment-deprivation']);
  // The map still works: an area can be selected.
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.area), 'E01006512');
  await context.close();
});

test('a damaged file of indicators is refused without breaking the widget', async () => {
  const { page, context } = await openWidget({}, (route) => route.fulfill({ status: 200, body: Buffer.from('WHAX\u0001\u0005garbage') }));
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').complete()), false);
  const events = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error').map((e) => e.detail));
  assert.ok(events.some((e) => e.code === 'data-incomplete' && e.recovered), JSON.stringify(events));
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.indicator), 'employment-deprivation');
  await context.close();
});
