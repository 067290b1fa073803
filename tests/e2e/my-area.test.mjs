// The phone path to "my area" and a map that stays with the task (issue 18, items 7 and 8): on a
// phone the search box is in sight without opening "Map options"; a neighbourhood is named with
// its ward and district; a typing slip gets close matches; the found area is brought into view.
// On a wide screen the map stays in view beside the long Patch tab, and "Zoom to the patch"
// shows every area of the patch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';

const suite = useSuite();

/** A phone: 390 × 844 CSS px at devicePixelRatio 2, touch. */
async function openPhone() {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  return { context, page, errors };
}

const searchMessage = (page) => page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.search-message').textContent);
const suggestions = (page) => page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.suggestions:not([hidden]) li')].map((li) => [li.querySelector('.hit-name').textContent, li.querySelector('.hit-layer').textContent]));

test('on a phone the search is in sight, names the ward, and brings the found area into view', async () => {
  const { context, page, errors } = await openPhone();
  const input = page.locator('work-health-atlas input[type="search"]');
  assert.ok(await input.isVisible(), 'the search box shows without opening Map options');
  assert.equal(await page.locator('work-health-atlas #atlas-indicator').isVisible(), false, 'the other options stay folded');
  // The page is scrolled so that the search box is at the top: the map runs off the screen.
  await input.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await input.tap();
  await input.fill('Sefton 037D');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.suggestions:not([hidden]) li'));
  const [first] = await suggestions(page);
  assert.deepEqual(first, ['Sefton 037D', 'in Linacre ward, Sefton · Neighbourhoods (LSOA 2021)']);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.search-message').textContent.startsWith('Showing'));
  assert.equal(await searchMessage(page), 'Showing Sefton 037D, in Linacre ward, Sefton.');
  const map = await page.evaluate(() => {
    const rect = document.querySelector('work-health-atlas').mapRect;
    return { top: rect.top, bottom: rect.bottom, height: window.innerHeight };
  });
  assert.ok(map.top >= -1 && map.bottom <= map.height + 1, `the map is in view: ${JSON.stringify(map)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a typing slip gets close matches, said as such', async () => {
  const { context, page, errors } = await openPhone();
  await page.locator('work-health-atlas input[type="search"]').fill('Evertn');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.suggestions:not([hidden]) li'));
  assert.deepEqual((await suggestions(page)).map(([name]) => name), ['Everton East', 'Everton North', 'Everton West']);
  assert.equal(await searchMessage(page), 'No area has that name. Close matches:');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a wide screen the map stays beside the Patch tab, and "Zoom to the patch" shows the patch', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('patch-src', '/__fixtures/patch.json'));
  const handle = await page.waitForFunction(() => document.querySelector('work-health-atlas').sharedPatch()?.patch.areas);
  const areas = await handle.jsonValue();
  await page.locator('work-health-atlas #atlas-tab-patch').click();
  const zoom = page.locator('work-health-atlas .patch-view button', { hasText: 'Zoom to the patch' });
  await zoom.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => document.querySelector('work-health-atlas').zoomLevel);
  await zoom.click();
  await page.waitForFunction((z) => document.querySelector('work-health-atlas').zoomLevel > z, before);
  const inside = await page.evaluate((codes) => {
    const el = document.querySelector('work-health-atlas');
    const { width, height } = el.mapRect;
    return codes.filter((c) => {
      const p = el.screenPointOf(c);
      return p && p[0] >= 0 && p[1] >= 0 && p[0] <= width && p[1] <= height;
    }).length;
  }, areas);
  assert.equal(inside, areas.length, 'every area of the patch is on the map');
  // Down the long panel (to its interventions), the map is still in view beside it.
  await page.locator('work-health-atlas .patch-view button', { hasText: 'Add intervention' }).evaluate((b) => b.scrollIntoView({ block: 'center' }));
  const placed = await page.evaluate(() => {
    const { top, bottom } = document.querySelector('work-health-atlas').mapRect;
    return { top, bottom, viewport: window.innerHeight, scrolled: window.scrollY };
  });
  assert.ok(placed.scrolled > 300, `the page was scrolled (${placed.scrolled})`);
  assert.ok(placed.top >= 0 && placed.bottom <= placed.viewport, `the map is in view: ${JSON.stringify(placed)}`);
  await context.close();
});
