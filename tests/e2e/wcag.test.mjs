// WCAG 2.2 checks that axe cannot make (docs/wcag-audit.md): what a keyboard user sees and hears
// on the map, the Escape order, one announcement per key press, the text alternative in a
// map-only embed, reflow at 320 × 256 (400% of 1280 × 1024) and a wheel that scrolls the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents } from './support/atlas.mjs';
import { layer } from './support/bundle.mjs';

const suite = useSuite();

async function open(width = 1200, height = 1000) {
  const context = await suite.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state);
  return { context, page, errors };
}

/** Runs `fn(root, arg)` in the page with the widget's shadow root. */
const inRoot = (page, fn, arg) =>
  page.evaluate(([source, a]) => new Function('root', 'a', `return (${source})(root, a);`)(document.querySelector('work-health-atlas').shadowRoot, a), [fn.toString(), arg]);

const focusMap = (page) => inRoot(page, (root) => root.querySelector('canvas.overlay').focus());

test('after an arrow key the focused area is named on screen, in the live region once, and the help shows', async () => {
  const { page, context, errors } = await open();
  await focusMap(page);
  assert.equal(await inRoot(page, (root) => root.querySelector('.keyboard-help').hidden), false, 'the keyboard help shows while the map has focus');
  // Count every write to every live region of the widget during one key press.
  await inRoot(page, (root) => {
    window.__liveWrites = 0;
    const observer = new MutationObserver((records) => {
      window.__liveWrites += new Set(records.map((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement).closest('[aria-live],[role=status],[role=alert]'))).size;
    });
    for (const region of root.querySelectorAll('[aria-live],[role=status],[role=alert]')) observer.observe(region, { childList: true, characterData: true, subtree: true });
    window.__liveObserver = observer;
  });
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip').hidden);
  // Let every frame the key press scheduled run before counting.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const seen = await inRoot(page, (root) => ({
    name: root.querySelector('.tooltip .name').textContent,
    visible: root.querySelector('.tooltip').getBoundingClientRect().width > 0,
    live: root.querySelector('.visually-hidden[aria-live]').textContent,
    writes: window.__liveWrites,
  }));
  assert.ok(seen.name && seen.visible, 'the info box names the focused area');
  assert.ok(seen.live.startsWith(seen.name), `the short announcement names it: ${seen.live}`);
  assert.ok(!/cannot be calculated/.test(seen.live), 'no boilerplate on a move');
  assert.equal(seen.writes, 1, 'one key press, one live-region update');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first Escape closes the info box and keeps the selection; the second clears it', async () => {
  const { page, context } = await open();
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await focusMap(page);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip').hidden);
  await page.keyboard.press('Escape');
  assert.equal(await inRoot(page, (root) => root.querySelector('.tooltip').hidden), true, 'the first Escape closes the info box');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.area), 'E01006512', 'and keeps the selection');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.area), null, 'the second clears it');
  await context.close();
});

test('from a Liverpool LSOA on the waterfront, ArrowLeft crosses the Mersey to the Wirral', async () => {
  const { page, context } = await open();
  // The westernmost Liverpool LSOA on screen, found from the map itself.
  const liverpool = layer('lsoa').areas.filter((a) => a.parents?.lad === 'E08000012').map((a) => a.code);
  const start = await page.evaluate((codes) => {
    const el = document.querySelector('work-health-atlas');
    return codes.map((c) => [c, el.screenPointOf(c)]).filter(([, p]) => p).sort((a, b) => a[1][0] - b[1][0])[0][0];
  }, liverpool);
  await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), start);
  await focusMap(page);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip').hidden);
  const name = await inRoot(page, (root) => root.querySelector('.tooltip .name').textContent);
  const wirral = layer('lsoa').areas.filter((a) => a.parents?.lad === 'E08000015').map((a) => a.name);
  assert.ok(wirral.includes(name), `ArrowLeft from ${start} reached ${name}, not the Wirral`);
  await context.close();
});

test('every area of every layer can be reached with the arrow keys from the start focus', async () => {
  const { page, context } = await open();
  for (const id of ['lsoa', 'msoa', 'ward', 'lad']) {
    const reached = await page.evaluate((geography) => document.querySelector('work-health-atlas').__arrowKeyGraphForTests(geography), id);
    const all = layer(id).areas.map((a) => a.code).sort();
    assert.deepEqual(reached.slice().sort(), all, `${id}: ${all.length - reached.length} areas cannot be reached`);
  }
  await context.close();
});

test('a map-only embed keeps the data table, its text alternative', async () => {
  const { page, context } = await open();
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('view', 'map'));
  const toggle = page.locator('work-health-atlas .table-toggle');
  assert.ok(await toggle.isVisible(), 'the "Data table" toggle shows in view="map"');
  await toggle.click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.table-view tbody tr').length > 0);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await toggle.textContent(), 'Data table', 'a toggle keeps its name');
  await context.close();
});

test('at 320 × 256 nothing is clipped: the profile table scrolls inside its box', async () => {
  const { page, context } = await open(320, 256);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await inRoot(page, (root) => root.querySelector('#atlas-tab-profile').click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('#atlas-pane-profile tbody tr').length > 0);
  const box = await inRoot(page, (root) => {
    const wrap = root.querySelector('#atlas-pane-profile .table-wrap');
    const last = wrap.querySelector('thead th:last-child');
    return {
      overflow: getComputedStyle(wrap).overflowX,
      scrolls: wrap.scrollWidth > wrap.clientWidth,
      fits: wrap.getBoundingClientRect().right <= window.innerWidth + 0.5,
      lastReachable: last.getBoundingClientRect().right - wrap.getBoundingClientRect().left + wrap.scrollLeft <= wrap.scrollWidth + 1,
      contain: getComputedStyle(root.host).contain,
      pageWidth: document.documentElement.scrollWidth,
    };
  });
  assert.ok(['auto', 'scroll'].includes(box.overflow), `the table's box scrolls sideways (${box.overflow})`);
  assert.ok(box.fits, 'the table box fits the viewport');
  assert.ok(box.lastReachable, 'its last column can be scrolled to');
  assert.ok(!/content|paint|strict/.test(box.contain), `the host does not clip its content (contain: ${box.contain})`);
  assert.ok(box.pageWidth <= 320, `no sideways scrolling of the page (${box.pageWidth} px)`);
  await context.close();
});

test('the wheel over the map scrolls the page; with Ctrl it zooms the map', async () => {
  const { page, context } = await open(1200, 600);
  // A page taller than the window, so that it can scroll.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { style: 'height: 3000px' })));
  const map = await page.locator('work-health-atlas .map').boundingBox();
  await page.mouse.move(map.x + map.width / 2, map.y + Math.min(map.height, 200) / 2);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => window.scrollY > 0);
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').zoomLevel), 1, 'the map did not zoom');
  assert.equal(await inRoot(page, (root) => root.querySelector('.wheel-hint').hidden), false, 'a hint says how to zoom');
  const top = await page.evaluate(() => window.scrollY);
  const now = await page.locator('work-health-atlas .map').boundingBox();
  await page.mouse.move(now.x + now.width / 2, now.y + Math.min(now.height, 200) / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').zoomLevel > 1);
  assert.equal(await page.evaluate(() => window.scrollY), top, 'Ctrl + wheel zooms instead of scrolling');
  await context.close();
});

test('the pan buttons move the map without a drag', async () => {
  const { page, context } = await open();
  const before = await page.evaluate(() => document.querySelector('work-health-atlas').screenPointOf('E01006512'));
  await page.locator('work-health-atlas button[aria-label="Pan left"]').click();
  const after = await page.evaluate(() => document.querySelector('work-health-atlas').screenPointOf('E01006512'));
  assert.ok(after[0] > before[0], `panning left moves the map's content right (${before[0]} → ${after[0]})`);
  await context.close();
});

test('the mouse info box stays put in its area, so the pointer can move onto it; Escape closes it', async () => {
  const { page, context } = await open();
  const box = await page.locator('work-health-atlas .map').boundingBox();
  const [x, y] = await page.evaluate(() => document.querySelector('work-health-atlas').screenPointOf('E01006512'));
  await page.mouse.move(box.x + x, box.y + y);
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip').hidden);
  const tip = await inRoot(page, (root) => {
    const r = root.querySelector('.tooltip').getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(tip.x, tip.y, { steps: 8 });
  const onBox = await inRoot(page, (root, at) => root.querySelector('.tooltip').contains(root.elementFromPoint(at.x, at.y)), tip);
  assert.ok(onBox, 'the pointer reached the box: it did not move away');
  assert.equal(await inRoot(page, (root) => root.querySelector('.tooltip').hidden), false, 'the box stays while the pointer is on it');
  await page.keyboard.press('Escape');
  assert.equal(await inRoot(page, (root) => root.querySelector('.tooltip').hidden), true, 'Escape closes it, with focus elsewhere');
  await context.close();
});
