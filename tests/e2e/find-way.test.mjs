// Residents find their way (issue 16): place names on the map (on by default, off by the box or
// the `labels` attribute, in the map PNG), a map nothing hides (the legend below the map, the whole
// region clear of the buttons at every width), a visible notice when the page's own settings fall
// back, and attributes that apply every time they are set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';

const suite = useSuite();

/** The demo at `width` CSS px and devicePixelRatio `dpr`, once ready and painted. */
async function openAt(width, dpr = 1) {
  const session = await openPage(suite.browser, { width, height: 900, deviceScaleFactor: dpr });
  await recordAtlasEvents(session.page);
  await session.page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(session.page, 'atlas-ready');
  return session;
}

/** Waits for the base canvas to be painted after `before` paints. */
const basePainted = (page, before) => page.waitForFunction((b) => document.querySelector('work-health-atlas').paintCounts.base > b, before);
const baseCount = (page) => page.evaluate(() => document.querySelector('work-health-atlas').paintCounts.base);

/** Pixels of the name's ink (#0b0c0c) on the base canvas: the borders are #1f1f1f and white. */
const inkOnMap = (page) =>
  page.evaluate(() => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.base');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 250 && data[i] < 16 && data[i + 1] < 16 && data[i + 2] < 16) n += 1;
    return n;
  });

/** Painted pixels of the base canvas inside the zoom and pan buttons' box (page coordinates). */
const paintUnderButtons = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    const canvas = el.shadowRoot.querySelector('canvas.base');
    const zoom = el.shadowRoot.querySelector('.zoom').getBoundingClientRect();
    const map = canvas.getBoundingClientRect();
    const k = canvas.width / map.width;
    const [x, y] = [Math.floor((zoom.left - map.left) * k), Math.floor((zoom.top - map.top) * k)];
    const [w, h] = [Math.ceil(zoom.width * k), Math.ceil(zoom.height * k)];
    const data = canvas.getContext('2d').getImageData(x, y, w, h).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
    return { n, box: [x, y, w, h] };
  });

test('place names show by default, follow the box and the attribute, and are in the map PNG', async () => {
  const { context, page } = await openAt(1300);
  const on = await inkOnMap(page);
  assert.ok(on > 150, `district names drawn on the map (${on} ink pixels)`);
  const canvasHidden = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.base').getAttribute('aria-hidden'));
  assert.equal(canvasHidden, 'true', 'the names are on a canvas screen readers skip');

  // The reader's box turns them off, and the PNG follows what is shown.
  const pngInk = () =>
    page.evaluate(async () => {
      const bitmap = await createImageBitmap(await document.querySelector('work-health-atlas').toPng('map'));
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 250 && data[i] < 16 && data[i + 1] < 16 && data[i + 2] < 16) n += 1;
      return n;
    });
  const withNames = await pngInk();
  let before = await baseCount(page);
  await page.locator('work-health-atlas #atlas-names').uncheck();
  await basePainted(page, before);
  assert.ok((await inkOnMap(page)) < on / 10, 'no names once the box is cleared');
  const withoutNames = await pngInk();
  assert.ok(withNames > withoutNames + 400, `the map PNG carries the names (${withNames} vs ${withoutNames} ink pixels at 2×)`);

  // The page's attribute: off, then on again (the box follows).
  before = await baseCount(page);
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('labels', 'on'));
  await basePainted(page, before);
  assert.ok(await page.locator('work-health-atlas #atlas-names').isChecked());
  assert.ok((await inkOnMap(page)) > on / 2);

  // Zoomed to a ward, the wards around it are named.
  before = await baseCount(page);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E05015297'));
  await basePainted(page, before);
  assert.ok((await inkOnMap(page)) > 150, 'ward names once zoomed in');
  await context.close();
});

for (const [width, dpr] of [
  [320, 2],
  [800, 1],
  [1300, 1],
]) {
  test(`at ${width} px nothing hides an area at the default view`, async () => {
    const { context, page } = await openAt(width, dpr);
    const under = await paintUnderButtons(page);
    assert.equal(under.n, 0, `no fill, border or name under the zoom and pan buttons (${JSON.stringify(under)})`);
    const overlap = await page.evaluate(() => {
      const root = document.querySelector('work-health-atlas').shadowRoot;
      const legend = root.querySelector('.legend').getBoundingClientRect();
      const map = root.querySelector('.map').getBoundingClientRect();
      return { legendTop: legend.top, mapBottom: map.bottom, legendHeight: legend.height };
    });
    assert.ok(overlap.legendHeight > 0 && overlap.legendTop >= overlap.mapBottom, `the legend is below the map: ${JSON.stringify(overlap)}`);
    await context.close();
  });
}

test('a bad attribute value shows a notice the author can dismiss, as well as the event', async () => {
  const { context, page } = await openAt(1300);
  await page.evaluate(() => {
    document.querySelector('work-health-atlas').remove();
    const el = document.createElement('work-health-atlas');
    el.setAttribute('indicator', 'no-such-indicator');
    el.setAttribute('view', 'nonsense');
    document.body.append(el);
  });
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  const errors = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error').map((e) => e.detail));
  assert.ok(errors.some((e) => e.code === 'unknown-indicator' && e.recovered), JSON.stringify(errors));
  const notice = page.locator('work-health-atlas .config-notice');
  assert.ok(await notice.isVisible());
  const text = await notice.textContent();
  assert.match(text, /This page asked for indicator “no-such-indicator”, which the atlas does not have; showing Employment deprivation\./);
  assert.match(text, /unknown view "nonsense"/);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await notice.isVisible(), false);

  // A later setting that falls back shows it again.
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('period', '1999'));
  assert.ok(await notice.isVisible(), 'a later page setting shows the notice again');
  assert.match(await notice.textContent(), /period “1999”.*showing IoD2025/);
  await context.close();
});

test('an attribute set again after the reader changed the view applies again', async () => {
  const { context, page } = await openAt(1300);
  const state = () => page.evaluate(() => document.querySelector('work-health-atlas').state);
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'lsoa'));
  assert.equal((await state()).geography, 'lsoa');
  await page.locator('work-health-atlas #atlas-geography').selectOption('ward');
  assert.equal((await state()).geography, 'ward');
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'lsoa'));
  assert.equal((await state()).geography, 'lsoa', 'the same text set again brings the layer back');
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('area', 'E05015297'));
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E05015298'));
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('area', 'E05015297'));
  assert.equal((await state()).area, 'E05015297');
  await context.close();
});
