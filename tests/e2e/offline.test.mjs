// Offline after load: once the widget has drawn and its idle-time prefetch has settled, it keeps
// working with the network gone (table, trend chart, profile, CSV and PNG exports, postcode search,
// indicator switches). The prefetch starts only after the first paint, and `prefetch="none"`
// turns it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { shadowText, waitForTrendChart } from './support/atlas.mjs';

const suite = useSuite();

const atlas = 'work-health-atlas';


test('once loaded and prefetched, the widget works with the network disconnected', async () => {
  const { page, context, errors, requests } = await openPage(suite.browser, { width: 1200, height: 1000 });
  await page.addInitScript(() => {
    document.addEventListener('atlas-ready', () => {
      window.__readyAt ??= performance.now();
    });
  });
  await page.goto(`${suite.server.url}/index.html`);
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').prefetched), true);

  // Everything used later was fetched, and only after the first view was drawn: the first view's
  // data is inside the wasm, and the other indicators come after it.
  const later = ['/data/atlas-more.bin', '/atlas_charts.js', '/atlas_charts_bg.wasm', '/data/postcodes.json', '/chunks/table-', '/chunks/exports-', '/chunks/search-', '/chunks/chart-tabs-', '/chunks/fetch-bundle-'];
  for (const part of later) assert.ok(requests.some((u) => u.includes(part)), `${part} was prefetched`);
  const early = await page.evaluate(
    (parts) => {
      const readyAt = window.__readyAt;
      return performance
        .getEntriesByType('resource')
        .filter((e) => parts.some((p) => e.name.includes(p)) && e.startTime < readyAt)
        .map((e) => e.name);
    },
    later,
  );
  assert.deepEqual(early, [], 'nothing is prefetched before the first paint');

  // Off the network, twice over: the browser is offline and every request is refused. Only the
  // page's icon is answered: the browser asks for it again whenever the page URL changes (the demo
  // keeps the view in its hash), which is the page's business, not the widget's.
  const attempted = [];
  page.on('request', (request) => attempted.push(request.url()));
  await context.setOffline(true);
  await context.route('**/*', (route) =>
    route.request().url().endsWith('/favicon.svg') ? route.fulfill({ status: 204 }) : route.abort('internetdisconnected'),
  );

  // The data table.
  await page.locator(`${atlas} .table-toggle`).click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr').length > 100);
  await page.locator(`${atlas} .table-toggle`).click();

  // The trend chart of a selected area, and its profile.
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await waitForTrendChart(page);
  await page.locator(`${atlas} #atlas-tab-profile`).click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.data-table tbody tr').length > 0);

  // Exports.
  const csv = await page.evaluate(() => document.querySelector('work-health-atlas').toCsv());
  assert.match(csv, /E01006512/);
  const png = await page.evaluate(async () => (await document.querySelector('work-health-atlas').toPng('map')).size);
  assert.ok(png > 1000, `PNG of ${png} bytes`);

  // A postcode search (the example in the issue).
  await page.locator(`${atlas} #atlas-search`).fill('L4 0TH');
  await page.locator(`${atlas} #atlas-search`).press('Enter');
  await page.waitForFunction(() => /^L4 0TH is in /.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.search-message')?.textContent ?? ''));

  // Another indicator.
  const base = await page.evaluate(() => document.querySelector('work-health-atlas').paintCounts.base);
  await page.evaluate(() => document.querySelector('work-health-atlas').setIndicator('disability'));
  await page.waitForFunction((b) => document.querySelector('work-health-atlas').paintCounts.base > b, base);
  assert.match(await shadowText(page, '.title'), /disab/i);

  assert.deepEqual(attempted.filter((u) => !u.endsWith('/favicon.svg')), [], 'nothing needed the network');
  assert.deepEqual(errors, []);
  await context.close();
});

test('prefetch="none": nothing beyond the initial files is requested before interaction', async () => {
  const { page, context, errors, requests } = await openPage(suite.browser);
  const url = `${suite.server.url}/no-prefetch.html`;
  const body = `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>No prefetch</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <script type="module" src="/work-health-atlas.js"></script>
</head>
<body><work-health-atlas prefetch="none"></work-health-atlas></body>
</html>
`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  await page.goto(url);
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').prefetched), false);
  // Idle callbacks run in order: one queued now runs after any the widget could have queued.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  await page.waitForLoadState('networkidle');
  const paths = requests.map((u) => new URL(u).pathname);
  // The other indicators are the widget's data, not code for later: they come after the first
  // paint whatever `prefetch` says (the indicator list would otherwise hold one).
  const initial = [/^\/no-prefetch\.html$/, /^\/favicon\.svg$/, /^\/work-health-atlas\.js$/, /^\/chunks\/chunk-[A-Z0-9]+\.js$/, /^\/atlas_core_bg\.wasm$/, /^\/data\/atlas-more\.bin$/];
  assert.deepEqual(paths.filter((p) => !initial.some((re) => re.test(p))), []);
  assert.deepEqual(errors, []);
  await context.close();
});
