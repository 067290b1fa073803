// Embedding on partner sites: every example page in dist/examples/ loads cleanly and only from its
// own origin; two instances stay independent; attributes and methods drive the view and fire
// atlas-change; sync-url restores and writes shared links; the iframe embed reports its height
// and the host snippet sizes the frame; the widget works under a strict CSP, from another origin
// and at 280 px; view and controls show only what they name; the dark theme keeps AA contrast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, STRICT_CSP, hostCsp } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { recordAtlasEvents, waitForRecorded, pagePointOf } from './support/atlas.mjs';
import { layer } from './support/bundle.mjs';

let server;
let host;
let browser;

before(async () => {
  server = await startServer();
  host = await startServer({ hostFor: server.url });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
});

// ---- helpers ---------------------------------------------------------------------------------

/**
 * Records atlas-* events per element on `window.__embed` in every frame, listening on window in
 * the bubble phase (so only events that bubble out of the element are seen), and the messages the
 * top frame receives on `window.__messages`.
 */
async function recordPerElement(page) {
  await page.addInitScript(() => {
    window.__embed = [];
    for (const type of ['atlas-ready', 'atlas-select', 'atlas-change', 'atlas-error']) {
      window.addEventListener(type, (event) => {
        const index = [...document.querySelectorAll('work-health-atlas')].indexOf(event.target);
        window.__embed.push({ type, index, detail: event.detail });
      });
    }
    if (window === window.top) {
      window.__messages = [];
      window.addEventListener('message', (event) => window.__messages.push({ origin: event.origin, data: event.data }));
    }
    // An independent record of CSP violations (this script is injected, so no policy applies).
    window.__violationsSeen = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violationsSeen.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
}

/** A page with both recorders installed. */
async function open(width = 1200, height = 1000) {
  const session = await openPage(browser, { width, height });
  await recordAtlasEvents(session.page);
  await recordPerElement(session.page);
  return session;
}

/** Waits until `frame` holds exactly `count` widgets and each has fired atlas-ready. */
async function allReady(frame, count) {
  await frame.waitForFunction((n) => {
    const els = document.querySelectorAll('work-health-atlas');
    if (els.length !== n) return false;
    return [...els].every((_, i) => window.__embed.some((e) => e.type === 'atlas-ready' && e.index === i));
  }, count);
}

/**
 * Records the page's responses from now on; `status(test)` resolves with the status of the first
 * one whose URL passes `test`, seen already or still to come. (The chart module is fetched on first
 * use or by the idle-time prefetch after the first view, whichever comes first, so a test cannot
 * simply wait for the next response after selecting an area.)
 */
function recordResponses(page) {
  const seen = [];
  page.on('response', (r) => seen.push(r));
  return {
    async status(test) {
      const response = seen.find((r) => test(r.url())) ?? (await page.waitForResponse((r) => test(r.url())));
      return response.status();
    },
  };
}

/** Requests to any origin other than `origins` (data: and about: URLs are not requests to an origin). */
function foreignRequests(requests, ...origins) {
  return requests.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'data:' || url.protocol === 'about:') return false;
    return !origins.includes(url.origin);
  });
}

const stateOf = (page, sel = 'work-health-atlas') => page.evaluate((s) => document.querySelector(s).state, sel);
const recorded = (page, type, index = 0) =>
  page.evaluate(([t, i]) => window.__embed.filter((e) => e.type === t && e.index === i).map((e) => e.detail), [type, index]);

async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Calls `method(...args)` on the widget `sel` (`setAttribute` for attributes), waits until
 * `state[key] === value` and a new atlas-change has fired, checks the event carried the new state,
 * and returns it. (No eval in the page: the strict-CSP page forbids it.)
 */
async function expectChange(page, [method, ...args], key, value, sel = 'work-health-atlas') {
  const index = await page.evaluate((s) => [...document.querySelectorAll('work-health-atlas')].indexOf(document.querySelector(s)), sel);
  const before = (await recorded(page, 'atlas-change', index)).length;
  await page.evaluate(([s, m, a]) => {
    document.querySelector(s)[m](...a);
  }, [sel, method, args]);
  await page.waitForFunction(
    ([s, k, v, i, n]) => {
      const state = document.querySelector(s).state;
      const changes = window.__embed.filter((e) => e.type === 'atlas-change' && e.index === i);
      return state && state[k] === v && changes.length > n;
    },
    [sel, key, value, index, before],
  );
  const state = await stateOf(page, sel);
  const last = (await recorded(page, 'atlas-change', index)).at(-1);
  for (const field of ['indicator', 'geography', 'period', 'area', 'view']) {
    assert.deepEqual(last[field], state[field], `atlas-change detail.${field} is the new state`);
  }
  return state;
}

/** Whether a part of the widget's shadow DOM is rendered (present, displayed, visible, with a size). */
function visible(page, inner, sel = 'work-health-atlas') {
  return page.evaluate(
    ([s, i]) => {
      const node = document.querySelector(s).shadowRoot.querySelector(i);
      if (!node || !node.checkVisibility({ visibilityProperty: true })) return false;
      const rect = node.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    },
    [sel, inner],
  );
}

const CONTROL_IDS = {
  search: '#atlas-search',
  indicator: '#atlas-indicator',
  period: '#atlas-period',
  geography: '#atlas-geography',
  classes: '#atlas-method',
  change: '#atlas-change',
};

async function shownControls(page, sel = 'work-health-atlas') {
  const shown = [];
  for (const [name, id] of Object.entries(CONTROL_IDS)) if (await visible(page, id, sel)) shown.push(name);
  return shown;
}

/** The `key=` entry of a location hash (`#a=…&b=…`) as `{ field: value }`, or null. */
function hashEntry(hash, key) {
  for (const entry of hash.replace(/^#/, '').split('&')) {
    const at = entry.indexOf('=');
    if (at < 0 || entry.slice(0, at) !== key) continue;
    const fields = {};
    for (const part of decodeURIComponent(entry.slice(at + 1)).split(';')) {
      const colon = part.indexOf(':');
      if (colon > 0) fields[part.slice(0, colon)] = part.slice(colon + 1);
    }
    return fields;
  }
  return null;
}

/**
 * Horizontal overflow inside a widget: visible shadow elements reaching outside the element's box
 * (paint containment would clip them, so the page's scrollWidth alone cannot see them). Elements
 * inside a box that scrolls or clips horizontally are judged by that box; visually-hidden text
 * (clipped to nothing) is skipped.
 */
function overflowInside(page, index = 0) {
  return page.evaluate((k) => {
    const host = document.querySelectorAll('work-health-atlas')[k];
    const box = host.getBoundingClientRect();
    // Inside a box that scrolls or clips, or hidden with clip / clip-path (visually-hidden text).
    const clipped = (el) => {
      for (let p = el; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (p !== el && ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return true;
        if (style.clipPath !== 'none' || (style.position === 'absolute' && style.clip !== 'auto')) return true;
      }
      return false;
    };
    const out = [];
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      if (!el.checkVisibility({ visibilityProperty: true }) || clipped(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} [${Math.round(r.left)}, ${Math.round(r.right)}] outside [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      }
    }
    return out;
  }, index);
}

/** Scrolls the widget's map into view and moves the mouse onto the area `code`; waits for its tooltip. */
async function hover(page, area, sel = 'work-health-atlas') {
  await page.evaluate((s) => {
    const rect = document.querySelector(s).mapRect;
    window.scrollBy(0, rect.top - 10);
  }, sel);
  const point = await pagePointOf(page, area.code, sel);
  assert.ok(point, `a point inside ${area.name}`);
  await page.mouse.move(point.x, point.y);
  await page.waitForFunction(
    ([s, n]) => document.querySelector(s).shadowRoot.querySelector('.tooltip .name')?.textContent === n,
    [sel, area.name],
  );
}

const ward = layer('ward').areas[40];
const otherWard = layer('ward').areas[120];
const lsoa = layer('lsoa').areas[321];

// ---- every example page ----------------------------------------------------------------------

const EXAMPLES = [
  { path: 'index.html', widgets: 0 },
  { path: 'sidebar.html', widgets: 1 },
  { path: 'two-instances.html', widgets: 2 },
  { path: 'dark.html', widgets: 1 },
  { path: 'iframe.html', widgets: 0, frame: 'embed.html', frameWidgets: 1 },
  { path: 'strict-csp.html', widgets: 1 },
  { path: 'shared-link.html', widgets: 1 },
];

for (const example of EXAMPLES) {
  test(`examples/${example.path}: no errors, every widget ready, no request to another origin`, async () => {
    const { page, context, errors, requests } = await open();
    const response = await page.goto(`${server.url}/examples/${example.path}`);
    assert.equal(response.status(), 200);
    if (example.widgets) await allReady(page.mainFrame(), example.widgets);
    if (example.frame) {
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      assert.ok(frame.url().includes(`/${example.frame}`), `the iframe shows ${example.frame}`);
      await allReady(frame, example.frameWidgets);
    }
    await settle(page);
    assert.deepEqual(await page.evaluate(() => window.__embed.filter((e) => e.type === 'atlas-error')), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests, server.url), [], 'only the origin serving dist/ is contacted');
    assert.ok(requests.every((u) => !u.startsWith(server.url) || !u.endsWith('.ico')), 'no favicon.ico fallback request');
    await context.close();
  });
}

test('examples/index.html links to every example, and each link works', async () => {
  const { page, context, errors } = await open();
  await page.goto(`${server.url}/examples/index.html`);
  const links = await page.evaluate(() => [...document.querySelectorAll('main a')].map((a) => a.href));
  for (const example of EXAMPLES.filter((e) => e.path !== 'index.html')) {
    const url = `${server.url}/examples/${example.path}`;
    assert.ok(links.includes(url), `index links to ${example.path}`);
  }
  for (const link of links) {
    assert.equal((await context.request.get(link)).status(), 200, link);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

// ---- two instances ---------------------------------------------------------------------------

test('two instances keep separate indicators and selections, and share one wasm download', async () => {
  const { page, context, errors, requests } = await open();
  await page.goto(`${server.url}/examples/two-instances.html`);
  await allReady(page.mainFrame(), 2);
  const work = await stateOf(page, '#atlas-work');
  const health = await stateOf(page, '#atlas-health');
  assert.equal(work.indicator, 'employment-deprivation');
  assert.equal(health.indicator, 'disability');
  assert.equal(work.area, null);
  assert.equal(health.area, null);
  assert.equal(requests.filter((u) => u.endsWith('/atlas_core_bg.wasm')).length, 1, 'one download of the core');

  // Select in the first: the second keeps no selection, and only the first fires atlas-select.
  await expectChange(page, ['select', ward.code], 'area', ward.code, '#atlas-work');
  assert.equal((await stateOf(page, '#atlas-health')).area, null);
  assert.deepEqual(await recorded(page, 'atlas-select', 0), [{ code: ward.code, name: ward.name, geography: 'ward' }]);
  assert.deepEqual(await recorded(page, 'atlas-select', 1), []);

  // Click an area on the second map: it selects there, the first keeps its own selection.
  await page.locator('#atlas-health').scrollIntoViewIfNeeded();
  const point = await pagePointOf(page, otherWard.code, '#atlas-health');
  assert.ok(point, `a point inside ${otherWard.name} on the second map`);
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction((c) => document.querySelector('#atlas-health').state.area === c, otherWard.code);
  assert.equal((await stateOf(page, '#atlas-work')).area, ward.code);
  assert.deepEqual(await recorded(page, 'atlas-select', 1), [{ code: otherWard.code, name: otherWard.name, geography: 'ward' }]);

  // Changing one's indicator leaves the other's alone.
  await expectChange(page, ['setIndicator', 'income-deprivation'], 'indicator', 'income-deprivation', '#atlas-work');
  assert.equal((await stateOf(page, '#atlas-health')).indicator, 'disability');

  // Each writes its own entry in the hash…
  await page.waitForFunction(
    ([a, b]) => location.hash.includes('atlas-work=') && location.hash.includes(`area:${a}`) && location.hash.includes('atlas-health=') && location.hash.includes(`area:${b}`) && location.hash.includes('indicator:income-deprivation'),
    [ward.code, otherWard.code],
  );
  const hash = await page.evaluate(() => location.hash);
  assert.deepEqual(
    [hashEntry(hash, 'atlas-work').indicator, hashEntry(hash, 'atlas-work').area],
    ['income-deprivation', ward.code],
  );
  assert.deepEqual([hashEntry(hash, 'atlas-health').indicator, hashEntry(hash, 'atlas-health').area], ['disability', otherWard.code]);
  assert.equal(hashEntry(hash, 'atlas'), null, 'no un-named entry');
  assert.deepEqual(errors, []);
  await context.close();

  // …and the copied link reopens both views.
  const second = await open();
  await second.page.goto(`${server.url}/examples/two-instances.html${hash}`);
  await allReady(second.page.mainFrame(), 2);
  const w = await stateOf(second.page, '#atlas-work');
  const h = await stateOf(second.page, '#atlas-health');
  assert.deepEqual([w.indicator, w.geography, w.area], ['income-deprivation', 'ward', ward.code]);
  assert.deepEqual([h.indicator, h.geography, h.area], ['disability', 'ward', otherWard.code]);
  assert.deepEqual(second.errors, []);
  await second.context.close();
});

// ---- attributes and methods ------------------------------------------------------------------

test('attribute changes update state and fire atlas-change', async () => {
  const { page, context, errors } = await open();
  await page.goto(`${server.url}/examples/strict-csp.html`);
  await allReady(page.mainFrame(), 1);
  const initial = await stateOf(page);
  assert.equal(initial.view, 'full', 'the default view is full');
  const set = (name, value) => ['setAttribute', name, value];

  let s = await expectChange(page, set('indicator', 'income-deprivation'), 'indicator', 'income-deprivation');
  s = await expectChange(page, set('geography', 'ward'), 'geography', 'ward');
  assert.equal(s.indicator, 'income-deprivation');
  s = await expectChange(page, set('period', '2019'), 'period', '2019');
  assert.deepEqual([s.indicator, s.geography], ['income-deprivation', 'ward']);

  const selects = (await recorded(page, 'atlas-select')).length;
  s = await expectChange(page, set('area', ward.code), 'area', ward.code);
  assert.equal(s.geography, 'ward');
  assert.deepEqual((await recorded(page, 'atlas-select')).slice(selects), [{ code: ward.code, name: ward.name, geography: 'ward' }]);
  assert.ok((await page.evaluate(() => document.querySelector('work-health-atlas').zoomLevel)) > 1, 'zoomed to the area');

  // An area of another layer switches the layer.
  s = await expectChange(page, set('area', lsoa.code), 'area', lsoa.code);
  assert.equal(s.geography, 'lsoa');

  for (const view of ['map', 'chart', 'profile', 'table', 'full']) {
    s = await expectChange(page, set('view', view), 'view', view);
  }
  assert.deepEqual([s.indicator, s.period, s.area], ['income-deprivation', '2019', lsoa.code], 'view changes keep the rest');

  // controls and height are layout, not state: check what they do.
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('controls', 'none'));
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-indicator')?.checkVisibility());
  assert.deepEqual(await shownControls(page), []);
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('controls', 'indicator period'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-period')?.checkVisibility());
  assert.deepEqual(await shownControls(page), ['indicator', 'period']);
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('controls', 'all'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-search')?.checkVisibility());
  assert.deepEqual(await shownControls(page), Object.keys(CONTROL_IDS));

  for (const height of [360, 520]) {
    await page.evaluate((h) => document.querySelector('work-health-atlas').setAttribute('height', `${h}px`), height);
    await page.waitForFunction((h) => Math.abs(document.querySelector('work-health-atlas').mapRect.height - h) <= 1, height);
  }
  assert.deepEqual(await page.evaluate(() => window.__embed.filter((e) => e.type === 'atlas-error')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('select, setIndicator and setPeriod update state and fire atlas-change', async () => {
  const { page, context, errors } = await open();
  await page.goto(`${server.url}/examples/strict-csp.html`);
  await allReady(page.mainFrame(), 1);
  let s = await expectChange(page, ['setIndicator', 'income-deprivation'], 'indicator', 'income-deprivation');
  s = await expectChange(page, ['setPeriod', '2010'], 'period', '2010');
  assert.equal(s.indicator, 'income-deprivation');
  s = await expectChange(page, ['select', ward.code], 'area', ward.code);
  assert.equal(s.geography, 'ward');
  assert.deepEqual((await recorded(page, 'atlas-select')).at(-1), { code: ward.code, name: ward.name, geography: 'ward' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('view=map hides the panel, view=chart hides the map, controls="none" hides the controls', async () => {
  const { page, context } = await open();
  await page.goto(`${server.url}/examples/strict-csp.html`);
  await allReady(page.mainFrame(), 1);
  const el = 'work-health-atlas';
  assert.ok(await visible(page, '[part~="map"]'), 'full: map shown');
  assert.ok(await visible(page, '[part~="panel"]'), 'full: panel shown');
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E08000012'));
  await page.evaluate((s) => document.querySelector(s).setAttribute('view', 'map'), el);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.view === 'map');
  await settle(page);
  assert.ok(await visible(page, '[part~="map"]'), 'map: map shown');
  assert.ok(!(await visible(page, '[part~="panel"]')), 'map: panel hidden');
  await page.evaluate((s) => document.querySelector(s).setAttribute('view', 'chart'), el);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.view === 'chart');
  await settle(page);
  assert.ok(!(await visible(page, '[part~="map"]')), 'chart: map hidden');
  assert.ok((await page.evaluate((s) => document.querySelector(s).getBoundingClientRect().height, el)) > 100, 'chart: the element still shows something');
  assert.ok(await visible(page, '[part~="panel"]'), 'chart: the panel (with the trend chart) is shown');
  await page.evaluate((s) => document.querySelector(s).setAttribute('controls', 'none'), el);
  await page.evaluate((s) => document.querySelector(s).setAttribute('view', 'full'), el);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.view === 'full');
  await settle(page);
  assert.deepEqual(await shownControls(page), []);
  assert.ok(!(await visible(page, '.options-toggle')), 'no options toggle either');
  assert.ok(await visible(page, '[part~="map"]'), 'the map is still there');
  await context.close();

  // The sidebar example is a map-only embed with search only.
  const side = await open();
  await side.page.goto(`${server.url}/examples/sidebar.html`);
  await allReady(side.page.mainFrame(), 1);
  assert.equal((await stateOf(side.page)).view, 'map');
  assert.ok(await visible(side.page, '[part~="map"]'));
  assert.ok(!(await visible(side.page, '[part~="panel"]')), 'sidebar: panel hidden');
  assert.ok(Math.abs((await side.page.evaluate(() => document.querySelector('work-health-atlas').mapRect.height)) - 300) <= 1, 'height="300px"');
  await side.context.close();
});

// ---- sync-url --------------------------------------------------------------------------------

test('sync-url restores the view from a shared link and writes the hash when the view changes', async () => {
  const { page, context, errors } = await open();
  const link = `#atlas=indicator:disability;geography:ward;area:${ward.code}`;
  await page.goto(`${server.url}/examples/shared-link.html${link}`);
  const ready = await waitForRecorded(page, 'atlas-ready');
  assert.deepEqual([ready.indicator, ready.geography, ready.area], ['disability', 'ward', ward.code], 'the first view drawn is the shared one');
  const s = await stateOf(page);
  assert.deepEqual([s.indicator, s.geography, s.period, s.area], ['disability', 'ward', '2021', ward.code]);

  await expectChange(page, ['select', otherWard.code], 'area', otherWard.code);
  await page.waitForFunction((c) => location.hash.includes(`area:${c}`), otherWard.code);
  let entry = hashEntry(await page.evaluate(() => location.hash), 'atlas');
  assert.deepEqual([entry.indicator, entry.geography, entry.area], ['disability', 'ward', otherWard.code]);

  await expectChange(page, ['setIndicator', 'income-deprivation'], 'indicator', 'income-deprivation');
  await page.waitForFunction(() => location.hash.includes('indicator:income-deprivation'));
  const hash = await page.evaluate(() => location.hash);
  entry = hashEntry(hash, 'atlas');
  const now = await stateOf(page);
  assert.deepEqual(entry, { indicator: now.indicator, geography: now.geography, period: now.period, area: now.area });
  // The page's own "link to this view" box shows the same address.
  await page.waitForFunction(() => document.querySelector('#share-link').value === location.href);
  assert.deepEqual(errors, []);
  await context.close();

  // A fresh page given that link shows that view.
  const again = await open();
  await again.page.goto(`${server.url}/examples/shared-link.html${hash}`);
  await allReady(again.page.mainFrame(), 1);
  const restored = await stateOf(again.page);
  assert.deepEqual([restored.indicator, restored.geography, restored.period, restored.area], [now.indicator, now.geography, now.period, now.area]);
  await again.context.close();
});

// ---- the iframe embed ------------------------------------------------------------------------

async function checkIframeResizing(page, widgetOrigin) {
  const iframe = await page.waitForSelector('iframe');
  const frame = await iframe.contentFrame();
  await allReady(frame, 1);
  const message = await page.waitForFunction(() => window.__messages.filter((m) => m.data && m.data.type === 'work-health-atlas:height').at(-1));
  const { origin, data } = await message.jsonValue();
  assert.equal(origin, widgetOrigin, 'the height comes from the embed');
  assert.equal(typeof data.height, 'number');
  assert.ok(data.height > 300, `reported height ${data.height} > 300`);
  // The frame grows from its 200 px to the embed's content height.
  const fits = async () => {
    await page.waitForFunction(() => {
      const last = window.__messages.filter((m) => m.data && m.data.type === 'work-health-atlas:height').at(-1);
      const frameEl = document.querySelector('iframe');
      return last && Math.abs(frameEl.clientHeight - last.data.height) <= 1;
    });
    const frameHeight = await page.evaluate(() => document.querySelector('iframe').clientHeight);
    const content = await frame.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(Math.abs(frameHeight - content) <= 2, `frame ${frameHeight} px fits the content ${content} px`);
    assert.ok(frameHeight > 300, `frame ${frameHeight} px > 300`);
    return frameHeight;
  };
  const first = await fits();
  // When the embed's content gets shorter (a lower map), the frame follows.
  await frame.evaluate(() => document.querySelector('work-health-atlas').setAttribute('height', '240px'));
  await page.waitForFunction((h) => document.querySelector('iframe').clientHeight < h - 20, first);
  const second = await fits();
  assert.ok(second < first);
}

test('the iframe example reports its height and embed-resize.js sizes the frame', async () => {
  const { page, context, errors, requests } = await open();
  await page.goto(`${server.url}/examples/iframe.html`);
  await checkIframeResizing(page, server.url);
  const src = await page.evaluate(() => new URL(document.querySelector('iframe').src));
  const frameState = await (await (await page.$('iframe')).contentFrame()).evaluate(() => document.querySelector('work-health-atlas').state);
  assert.equal(frameState.indicator, 'income-deprivation', `query parameters applied (${src})`);
  assert.equal(frameState.geography, 'msoa');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  await context.close();
});

test('a cross-origin iframe embed is sized by embed-resize.js on the host', async () => {
  const { page, context, errors, requests } = await open();
  await page.goto(`${host.url}/host-iframe.html`);
  await checkIframeResizing(page, server.url);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, host.url, server.url), []);
  await context.close();
});

// ---- strict CSP ------------------------------------------------------------------------------

for (const prefix of ['', '/sub/path']) {
  test(`strict CSP${prefix ? ' from a sub-path' : ''}: ready, tooltips, charts and search work with no violation`, async () => {
    const { page, context, errors, requests } = await open();
    const responses = recordResponses(page);
    const response = await page.goto(`${server.url}${prefix}/examples/strict-csp.html`);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    await allReady(page.mainFrame(), 1);
    assert.ok(requests.some((u) => u === `${server.url}${prefix}/atlas_core_bg.wasm`), 'wasm loaded beside the module');

    const area = layer('lsoa').areas[500];
    await hover(page, area);
    assert.ok(await visible(page, '.tooltip'), 'the tooltip is shown');

    // Selecting shows a chart, drawn by the chart module (a second wasm, loaded on demand or by the
    // idle-time prefetch); it must pass the policy too.
    await page.evaluate((c) => document.querySelector('work-health-atlas').select(c), area.code);
    assert.equal(await responses.status((u) => u.endsWith('/atlas_charts_bg.wasm')), 200);
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend')?.checkVisibility());
    // A postcode search fetches the postcode index (connect-src 'self').
    await page.locator('work-health-atlas #atlas-search').fill('L4 0TH');
    await page.locator('work-health-atlas #atlas-search').press('Enter');
    await page.waitForFunction(() => /^L4 0TH is in /.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.search-message')?.textContent ?? ''));
    await settle(page);

    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(await page.evaluate(() => window.__violationsSeen), []);
    assert.match(await page.locator('#csp-status').textContent(), /: none\.$/);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests, server.url), []);

    // The policy is in force and the page's recorder works: an inline script is refused and seen.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
    });
    await page.waitForFunction(() => window.__cspViolations.length === 1);
    assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
    assert.equal(await page.evaluate(() => window.__cspViolations[0].effectiveDirective), 'script-src-elem');
    await context.close();
  });
}

// ---- another origin --------------------------------------------------------------------------

for (const page of ['host.html', 'host-csp.html']) {
  test(`served from another origin (${page}): ready, hover, charts; host CSS neither breaks nor is broken`, async () => {
    const { page: p, context, errors, requests } = await open();
    const responses = recordResponses(p);
    const response = await p.goto(`${host.url}/${page}`);
    if (page === 'host-csp.html') assert.equal(response.headers()['content-security-policy'], hostCsp(server.url));
    await allReady(p.mainFrame(), 1);
    assert.ok(requests.includes(`${server.url}/work-health-atlas.js`));
    assert.ok(requests.includes(`${server.url}/atlas_core_bg.wasm`), 'the wasm comes from the widget origin');

    await hover(p, layer('ward').areas[10]);
    await p.evaluate((c) => document.querySelector('work-health-atlas').select(c), 'E08000012');
    assert.equal(await responses.status((u) => u === `${server.url}/atlas_charts_bg.wasm`), 200);
    await p.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend')?.checkVisibility());

    // The host's careless global rules do not reach into the widget…
    const inside = await p.evaluate(() => {
      const root = document.querySelector('work-health-atlas').shadowRoot;
      const css = (sel) => getComputedStyle(root.querySelector(sel));
      return {
        titleSize: css('.title').fontSize,
        titleTransform: css('.title').textTransform,
        mapHeight: root.querySelector('[part~="map"]').getBoundingClientRect().height,
        selectWidth: root.querySelector('#atlas-indicator').getBoundingClientRect().width,
        canvasWidth: root.querySelector('canvas.overlay').getBoundingClientRect().width,
        captionAlign: css('.caption').textAlign,
        legendShown: root.querySelector('.legend').checkVisibility(),
      };
    });
    assert.notEqual(inside.titleSize, '40px');
    assert.equal(inside.titleTransform, 'none');
    assert.ok(inside.mapHeight > 200, `map height ${inside.mapHeight}`);
    assert.ok(inside.selectWidth > 100, `indicator select width ${inside.selectWidth}`);
    assert.ok(inside.canvasWidth > 200, `map canvas width ${inside.canvasWidth}`);
    assert.ok(['start', 'left'].includes(inside.captionAlign), `caption text-align ${inside.captionAlign}`);
    assert.ok(inside.legendShown, 'legend shown');
    // …and the widget's styles do not leak onto the host's elements of the same class names.
    const outside = await p.evaluate(() => ({
      title: getComputedStyle(document.querySelector('#host-title')).fontSize,
      map: getComputedStyle(document.querySelector('#host-map')).height,
    }));
    assert.deepEqual(outside, { title: '40px', map: '50px' });

    await settle(p);
    assert.deepEqual(await p.evaluate(() => window.__violationsSeen), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests, host.url, server.url), [], 'only the host and the widget origin');
    await context.close();
  });
}

// ---- narrow widths ---------------------------------------------------------------------------

test('the sidebar widget is 280–300 px wide beside the article, with nothing overflowing', async () => {
  const { page, context } = await open(1200);
  await page.goto(`${server.url}/examples/sidebar.html`);
  await allReady(page.mainFrame(), 1);
  const width = await page.evaluate(() => document.querySelector('work-health-atlas').getBoundingClientRect().width);
  assert.ok(width >= 280 && width <= 300, `sidebar widget is ${width} px wide`);
  assert.deepEqual(await overflowInside(page), []);
  await page.locator('work-health-atlas .options-toggle').click();
  await settle(page);
  assert.ok(await visible(page, '#atlas-search'), 'search behind the options toggle');
  assert.deepEqual(await overflowInside(page), []);
  await context.close();
});

for (const path of ['sidebar.html', 'strict-csp.html', 'dark.html', 'two-instances.html']) {
  test(`at 280 px wide, ${path} has no horizontal overflow`, async () => {
    const { page, context, errors } = await open(280, 800);
    await page.goto(`${server.url}/examples/${path}`);
    const count = await page.evaluate(() => document.querySelectorAll('work-health-atlas').length);
    await allReady(page.mainFrame(), count);
    const check = async (when) => {
      await settle(page);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 280, `page scrollWidth ≤ 280 ${when}`);
      for (let i = 0; i < count; i += 1) assert.deepEqual(await overflowInside(page, i), [], `widget ${i} ${when}`);
    };
    await check('on load');
    // Open the options and select an area (the panel, with its chart, shows in the full view).
    const toggles = page.locator('work-health-atlas .options-toggle');
    for (let i = 0; i < (await toggles.count()); i += 1) if (await toggles.nth(i).isVisible()) await toggles.nth(i).click();
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('work-health-atlas')) el.select('E08000012');
    });
    await page.waitForFunction(() => [...document.querySelectorAll('work-health-atlas')].every((el) => el.state.area === 'E08000012'));
    if ((await stateOf(page)).view === 'full') {
      await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend')?.checkVisibility());
    }
    await check('with options open and an area selected');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// ---- dark theme ------------------------------------------------------------------------------

test('the dark example keeps WCAG AA contrast for text and controls', async () => {
  const { page, context } = await open();
  await page.goto(`${server.url}/examples/dark.html`);
  await allReady(page.mainFrame(), 1);
  // Select an area (the panel fills in) and hover it (it is centred on the map after the zoom).
  const area = layer('msoa').areas[20];
  await page.evaluate((c) => document.querySelector('work-health-atlas').select(c), area.code);
  await hover(page, area);
  const pairs = await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    const root = el.shadowRoot;
    const parse = (c) => {
      const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
      return m ? { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], a: m[4] === undefined ? 1 : Number(m[4]) } : null;
    };
    // The first opaque background at or above a node, crossing from the shadow root to the host.
    const background = (node) => {
      for (let n = node; n; n = n.parentElement || (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null)) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c && c.a > 0.9) return c.rgb;
      }
      return [255, 255, 255];
    };
    const samples = {
      title: '.title',
      caption: '.caption p',
      legend: '.legend li span:last-child',
      'indicator select': '#atlas-indicator',
      'search box': '#atlas-search',
      'control label': '.control label',
      'panel title': '.panel-title',
      tooltip: '.tooltip .name',
      'zoom button': '.zoom button',
    };
    const out = {};
    for (const [name, sel] of Object.entries(samples)) {
      const node = root.querySelector(sel);
      if (!node || !node.checkVisibility()) continue;
      out[name] = { fg: parse(getComputedStyle(node).color).rgb, bg: background(node) };
    }
    out.border = { fg: parse(getComputedStyle(root.querySelector('#atlas-indicator')).borderTopColor).rgb, bg: background(root.querySelector('#atlas-indicator').parentElement), ui: true };
    return out;
  });
  const luminance = ([r, g, b]) => {
    const f = (v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  assert.ok(Object.keys(pairs).length >= 8, `sampled ${Object.keys(pairs).join(', ')}`);
  for (const [name, { fg, bg, ui }] of Object.entries(pairs)) {
    const r = ratio(fg, bg);
    assert.ok(r >= (ui ? 3 : 4.5), `${name}: ${fg} on ${bg} is ${r.toFixed(2)}:1`);
  }
  // The theme really is dark.
  assert.ok(luminance(pairs.title.bg) < 0.05, 'dark background');
  await context.close();
});
