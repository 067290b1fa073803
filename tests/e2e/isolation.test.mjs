// Isolation: a Rust panic in one instance does not break the others. The instance that panicked
// reports it (message in its box, atlas-error `panic`); every other instance on the same wasm
// module instance moves to a fresh one with its view intact and without firing an event, and keeps
// working even when the retired module's memory is wiped; an instance added after the panic loads
// on the fresh module, and a panic there is isolated in the same way. The fresh module's glue is
// imported from the widget's own folder, which the strict-CSP example page allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { pagePointOf, shadowText } from './support/atlas.mjs';
import { layer } from './support/bundle.mjs';

const suite = useSuite();

const PAGE = `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Two widgets</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <script type="module" src="/work-health-atlas.js"></script>
</head>
<body>
  <work-health-atlas id="a" view="map" height="320px"></work-health-atlas>
  <work-health-atlas id="b" view="map" height="320px" indicator="hi-unemployment"></work-health-atlas>
</body>
</html>
`;

/** The two-widget page, with every atlas-* event recorded with its element's id. */
async function open() {
  const session = await openPage(suite.browser, { width: 900, height: 1000 });
  const { page } = session;
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['atlas-ready', 'atlas-select', 'atlas-change', 'atlas-error']) {
      document.addEventListener(type, (event) => window.__events.push({ type, id: event.target.id, detail: event.detail }), true);
    }
    // The memory of every instance of the map module, to wipe the retired one later.
    window.__coreMemories = [];
    const keep = (result) => {
      const exports = (result.instance ?? result).exports;
      if (exports.atlashandle_caption) window.__coreMemories.push(exports.memory);
      return result;
    };
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) => instantiate(...args).then(keep);
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(keep);
  });
  const url = `${suite.server.url}/isolation.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  await page.goto(url);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('work-health-atlas')].map((el) => el.ready)));
  return session;
}

/** Page and console errors other than the panic hook's report of each deliberate panic. */
const unexpected = (errors) => errors.filter((e) => !/^console: work-health-atlas panicked: .*\ndeliberate panic requested by a test$/s.test(e));

const eventsOf = (page, id) => page.evaluate((i) => window.__events.filter((e) => e.id === i), id);

/** Everything that makes up what the user sees of a widget's map. */
const viewOf = (page, id, ref) =>
  page.evaluate(
    ([i, code]) => {
      const el = document.getElementById(i);
      return { state: el.state, zoom: el.zoomLevel, point: el.screenPointOf(code) };
    },
    [id, ref],
  );

/** Waits until the widget has moved to a fresh module: its handle's paint counts start again. */
async function waitForMove(page, id, before) {
  await page.waitForFunction(([i, b]) => document.getElementById(i).paintCounts?.base < b, [id, before.base]);
  await page.waitForFunction((i) => document.getElementById(i).paintCounts.base >= 1, id);
}

/** Hovers an area and waits for its name in the tooltip. */
async function hover(page, id, area) {
  await page.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'center' }), id);
  const point = await pagePointOf(page, area.code, `#${id}`);
  assert.ok(point, `${area.code} is on the map`);
  await page.mouse.move(point.x, point.y);
  await page.waitForFunction(
    ([i, n]) => document.getElementById(i).shadowRoot.querySelector('.tooltip .name')?.textContent === n,
    [id, area.name],
  );
  return point;
}

function assertSameView(after, before) {
  assert.deepEqual(after.state, before.state);
  assert.ok(Math.abs(after.zoom - before.zoom) < 1e-9, `zoom ${after.zoom} vs ${before.zoom}`);
  assert.ok(Math.hypot(after.point[0] - before.point[0], after.point[1] - before.point[1]) < 0.01, `${after.point} vs ${before.point}`);
}

test('a panic in one instance leaves the other working, with its view, on a fresh module', async () => {
  const { page, context, errors, requests } = await open();
  const lads = layer('lad').areas;
  const liverpool = lads.find((a) => a.name === 'Liverpool');
  const wirral = lads.find((a) => a.name === 'Wirral');

  // Give the second widget a view with every kind of state: classification, change mode, a
  // selection, and a zoom and pan of its own.
  await page.evaluate((code) => {
    const el = document.getElementById('b');
    const set = (id, value) => {
      const select = el.shadowRoot.getElementById(id);
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    set('atlas-method', 'equal-interval');
    set('atlas-classes', '4');
    set('atlas-change', '2015');
    el.select(code);
  }, liverpool.code);
  await hover(page, 'b', liverpool);
  const selected = await viewOf(page, 'b', liverpool.code);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await page.waitForFunction((z) => document.getElementById('b').zoomLevel > z, selected.zoom);
  await page.mouse.move(5, 5);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const before = await viewOf(page, 'b', liverpool.code);
  assert.deepEqual(
    [before.state.geography, before.state.area, before.state.method, before.state.classes, before.state.change_from],
    ['lad', liverpool.code, 'equal-interval', 4, '2015'],
  );
  const counts = await page.evaluate(() => document.getElementById('b').paintCounts);
  assert.ok(counts.base > 1, 'the second widget has painted more than once');
  const eventsBefore = (await eventsOf(page, 'b')).length;

  await page.evaluate(() => document.getElementById('a').__panicForTests());

  // The first widget reports its panic…
  const errorsOfA = (await eventsOf(page, 'a')).filter((e) => e.type === 'atlas-error');
  assert.equal(errorsOfA.length, 1);
  assert.equal(errorsOfA[0].detail.code, 'panic');
  assert.match(errorsOfA[0].detail.message, /deliberate panic/);
  assert.match(await shadowText(page, '.status', '#a'), /internal error/);
  assert.equal(await page.evaluate(() => document.getElementById('a').state), null);

  // …the second moves to a fresh module instance, silently, with exactly the same view.
  await waitForMove(page, 'b', counts);
  assert.ok(requests.some((u) => u.endsWith('/atlas_core.js?generation=1')), 'a fresh glue module was imported');
  assert.equal(await page.evaluate(() => window.__coreMemories.length), 2, 'a second instance of the map module');
  assertSameView(await viewOf(page, 'b', liverpool.code), before);
  assert.deepEqual((await eventsOf(page, 'b')).slice(eventsBefore), [], 'no event from the move');
  assert.equal(await shadowText(page, '.status', '#b'), null, 'no message in the second widget');

  // It no longer depends on the retired instance at all: wipe that instance's memory.
  await page.evaluate(() => new Uint8Array(window.__coreMemories[0].buffer).fill(0));

  // Hover, click to select, switch indicator: all work, and the map paints.
  const painted = await page.evaluate(() => document.getElementById('b').paintCounts);
  const point = await hover(page, 'b', wirral);
  await page.waitForFunction((o) => document.getElementById('b').paintCounts.overlay > o, painted.overlay);
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction((code) => document.getElementById('b').state.area === code, wirral.code);
  const selects = (await eventsOf(page, 'b')).filter((e) => e.type === 'atlas-select');
  assert.deepEqual(selects.at(-1).detail, { code: wirral.code, name: 'Wirral', geography: 'lad' });
  await page.evaluate(() => document.getElementById('b').setIndicator('disability'));
  assert.equal((await page.evaluate(() => document.getElementById('b').state)).indicator, 'disability');
  await page.waitForFunction((b) => document.getElementById('b').paintCounts.base > b, painted.base);
  assert.match(await shadowText(page, '.title', '#b'), /disab/i);
  assert.deepEqual(
    (await eventsOf(page, 'b')).filter((e) => e.type === 'atlas-error' || e.type === 'atlas-ready').slice(1),
    [],
    'the second widget fired no error and no second atlas-ready',
  );
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('an instance added after a panic loads on the fresh module, and a panic there is isolated too', async () => {
  const { page, context, errors, requests } = await open();
  const ward = layer('ward').areas[20];
  const countsOfB = await page.evaluate(() => document.getElementById('b').paintCounts);
  await page.evaluate(() => document.getElementById('a').__panicForTests());
  await waitForMove(page, 'b', countsOfB);

  const ready = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const el = document.createElement('work-health-atlas');
        el.id = 'c';
        el.setAttribute('view', 'map');
        el.setAttribute('height', '320px');
        el.setAttribute('geography', 'ward');
        el.addEventListener('atlas-error', (e) => reject(new Error(e.detail.message)), { once: true });
        document.body.append(el);
        el.ready.then(resolve);
      }),
  );
  assert.equal(ready.geography, 'ward');
  assert.equal(await page.evaluate(() => window.__coreMemories.length), 2, 'the third widget shares the fresh instance');
  await hover(page, 'c', ward);

  // A panic in the third retires the fresh instance in turn: the second moves again.
  await page.evaluate(() => document.getElementById('b').setPeriod('2015'));
  await page.waitForFunction(() => document.getElementById('b').paintCounts.base > 1);
  const moved = await page.evaluate(() => document.getElementById('b').paintCounts);
  const view = await viewOf(page, 'b', layer('lad').areas[0].code);
  await page.evaluate(() => document.getElementById('c').__panicForTests());
  assert.match(await shadowText(page, '.status', '#c'), /internal error/);
  await waitForMove(page, 'b', moved);
  assert.equal(await page.evaluate(() => window.__coreMemories.length), 3);
  assert.ok(requests.some((u) => u.endsWith('/atlas_core.js?generation=2')));
  assertSameView(await viewOf(page, 'b', layer('lad').areas[0].code), view);
  await hover(page, 'b', layer('lad').areas[0]);

  // The widget that panicked first loads again (on the current instance) when re-added.
  await page.evaluate(async () => {
    const el = document.getElementById('a');
    const parent = el.parentNode;
    el.remove();
    const again = new Promise((resolve) => el.addEventListener('atlas-ready', resolve, { once: true }));
    parent.prepend(el);
    await again;
  });
  assert.equal((await page.evaluate(() => document.getElementById('a').state)).indicator, 'employment-deprivation');
  assert.equal(await shadowText(page, '.status', '#a'), null);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('under the strict CSP example, the move to a fresh module breaks no policy', async () => {
  const { page, context, errors, requests } = await openPage(suite.browser, { width: 1000, height: 1000 });
  await page.goto(`${suite.server.url}/examples/strict-csp.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.createElement('work-health-atlas');
        el.id = 'second';
        el.setAttribute('view', 'map');
        el.setAttribute('indicator', 'disability');
        document.querySelector('main').append(el);
        el.ready.then(resolve);
      }),
  );
  // A second paint, so that the move (which starts the counts again) can be seen.
  await page.evaluate(() => document.getElementById('second').setIndicator('income-deprivation'));
  await page.waitForFunction(() => document.getElementById('second').paintCounts.base > 1);
  const counts = await page.evaluate(() => document.getElementById('second').paintCounts);
  await page.evaluate(() => document.getElementById('csp-atlas').__panicForTests());
  await waitForMove(page, 'second', counts);
  assert.ok(requests.some((u) => u.endsWith('/atlas_core.js?generation=1')));
  assert.equal((await page.evaluate(() => document.getElementById('second').state)).indicator, 'income-deprivation');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});
