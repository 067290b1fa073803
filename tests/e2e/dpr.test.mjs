// Charts at every devicePixelRatio: phones (2, 3), Retina laptops (2) and Windows at 125% and
// 150% scaling. Every plotters chart (trend, profile, districts, patch, difference-in-differences,
// work × health scatter) is drawn at each ratio and measured in pixels: the ink spans the canvas,
// the chart's data colour is there, and where it lies (as a fraction of the canvas) matches the
// drawing at ratio 1. A chart laid out in device pixels on a context already scaled by the ratio
// shows only its magnified top-left corner, which these measures catch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents, waitForRecorded, waitForTrendChart } from './support/atlas.mjs';
import { openPage } from './support/browser.mjs';
import { indicator } from './support/bundle.mjs';

const suite = useSuite();

const RATIOS = [1, 1.25, 1.5, 2, 3];

/** Each chart: its canvas and the colour its data is drawn in. */
const CHARTS = {
  trend: { canvas: 'canvas.trend', colour: [0xd5, 0x3e, 0x0f] },
  profile: { canvas: '#atlas-pane-profile canvas', colour: [0x08, 0x51, 0x9c] },
  districts: { canvas: '#atlas-pane-districts canvas', colour: [0x6f, 0x77, 0x7b] },
  patch: { canvas: 'canvas.patch-trend', colour: [0x00, 0x80, 0x98] },
  did: { canvas: 'canvas.did', colour: [0x00, 0x80, 0x98] },
  scatter: { canvas: 'canvas.scatter', colour: [0x50, 0x5a, 0x5f] },
};

const PATCH = JSON.stringify({ name: 'Anfield test patch', areas: ['Anfield'], interventions: [{ name: 'Hub', start: '2020' }] });

/**
 * Measures a canvas of the element: the bounding box of all ink (pixels that are not white or
 * transparent) and of the data colour, as fractions of the canvas, and the canvas's scale
 * (backing-store pixels per CSS pixel).
 */
function measure(page, selector, colour) {
  return page.evaluate(
    ([sel, rgb]) => {
      const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector(sel);
      if (!canvas || !canvas.width || canvas.hidden) return null;
      const { width, height } = canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
      const box = () => ({ left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity, n: 0 });
      const ink = box();
      const hit = box();
      const grow = (b, x, y) => {
        b.left = Math.min(b.left, x);
        b.right = Math.max(b.right, x);
        b.top = Math.min(b.top, y);
        b.bottom = Math.max(b.bottom, y);
        b.n += 1;
      };
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const i = (y * width + x) * 4;
          const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
          if (a < 128 || (r > 245 && g > 245 && b > 245)) continue;
          grow(ink, x, y);
          if (Math.abs(r - rgb[0]) <= 14 && Math.abs(g - rgb[1]) <= 14 && Math.abs(b - rgb[2]) <= 14) grow(hit, x, y);
        }
      }
      const frac = (b) =>
        b.n ? { left: b.left / width, right: (b.right + 1) / width, top: b.top / height, bottom: (b.bottom + 1) / height, n: b.n } : null;
      return { ink: frac(ink), data: frac(hit), scale: width / canvas.getBoundingClientRect().width, pixels: width * height };
    },
    [selector, colour],
  );
}

/** Waits until the chart's canvas shows its data colour, then measures it. */
async function measured(page, name) {
  const { canvas, colour } = CHARTS[name];
  await page.waitForFunction(
    ([sel, rgb]) => {
      const c = document.querySelector('work-health-atlas').shadowRoot.querySelector(sel);
      if (!c || !c.width || c.hidden) return false;
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - rgb[0]) <= 14 && Math.abs(data[i + 1] - rgb[1]) <= 14 && Math.abs(data[i + 2] - rgb[2]) <= 14 && data[i + 3] > 128) n += 1;
      }
      return n > 20;
    },
    [canvas, colour],
  );
  const result = await measure(page, canvas, colour);
  assert.ok(result, `${name}: the canvas is there`);
  return result;
}

const inShadow = (page, fn, arg) =>
  page.evaluate(([source, a]) => {
    const el = document.querySelector('work-health-atlas');
    return new Function('root', 'el', 'arg', `return (${source})(root, el, arg);`)(el.shadowRoot, el, a);
  }, [fn.toString(), arg]);

const clickTab = (page, id) => inShadow(page, (root, el, tab) => root.querySelector(`#atlas-tab-${tab}`).click(), id);

/** Draws every chart at one ratio and width; returns their measures by name. */
async function drawAll(ratio, width) {
  const { page, context, errors } = await openPage(suite.browser, { width, height: 900, deviceScaleFactor: ratio });
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  assert.equal(await page.evaluate(() => window.devicePixelRatio), ratio);
  const out = {};
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await waitForTrendChart(page);
  out.trend = await measured(page, 'trend');
  // Hit-testing stays in CSS pixels: the pointer over the line's right end reads out the last period.
  await page.locator('work-health-atlas canvas.trend').scrollIntoViewIfNeeded();
  const trendBox = await page.locator('work-health-atlas canvas.trend').boundingBox();
  await page.mouse.move(trendBox.x + trendBox.width * out.trend.data.right - 3, trendBox.y + trendBox.height / 2);
  await page.waitForFunction(
    (label) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.readout-period')?.textContent === label,
    indicator('employment-deprivation').periods.at(-1).label,
  );
  await page.mouse.move(0, 0);
  await clickTab(page, 'profile');
  out.profile = await measured(page, 'profile');
  await clickTab(page, 'districts');
  out.districts = await measured(page, 'districts');
  await page.evaluate((patch) => document.querySelector('work-health-atlas').setAttribute('patch', patch), PATCH);
  await clickTab(page, 'patch');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-view .interventions li'));
  out.patch = await measured(page, 'patch');
  // Match on employment deprivation alone (disability has no figures before 2020).
  await inShadow(page, (root) => {
    for (const box of root.querySelectorAll('.patch-view input[type=checkbox]')) {
      const label = root.querySelector(`label[for="${box.id}"]`)?.textContent ?? box.closest('label')?.textContent ?? '';
      if (/Disability|Income/.test(label) && box.checked) box.click();
    }
    [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Compare').click();
  });
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison .finding'));
  out.did = await measured(page, 'did');
  await clickTab(page, 'workhealth');
  out.scatter = await measured(page, 'scatter');
  // The pointer over the selected area's ringed point names it.
  const ring = (await measure(page, CHARTS.scatter.canvas, [0xd5, 0x3e, 0x0f])).data;
  assert.ok(ring, 'the selected area is ringed on the scatter');
  await page.locator('work-health-atlas canvas.scatter').scrollIntoViewIfNeeded();
  const scatterBox = await page.locator('work-health-atlas canvas.scatter').boundingBox();
  await page.mouse.move(scatterBox.x + (scatterBox.width * (ring.left + ring.right)) / 2, scatterBox.y + (scatterBox.height * (ring.top + ring.bottom)) / 2);
  await page.waitForFunction(() => /^Liverpool 031A: /.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .readout')?.textContent ?? ''));
  assert.deepEqual(errors, []);
  await context.close();
  return out;
}

/** The checks every chart must pass at any ratio, against its drawing at ratio 1. */
function assertSharpAndWhole(name, m, reference, ratio, width) {
  const at = `${name} at ${width} px, devicePixelRatio ${ratio}`;
  assert.ok(Math.abs(m.scale - ratio) < 0.02, `${at}: the backing store is ${m.scale.toFixed(2)}× the CSS size`);
  assert.ok(m.ink.right - m.ink.left >= 0.8, `${at}: ink spans ${((m.ink.right - m.ink.left) * 100).toFixed(0)}% of the width`);
  assert.ok(m.ink.bottom - m.ink.top >= 0.8, `${at}: ink spans ${((m.ink.bottom - m.ink.top) * 100).toFixed(0)}% of the height`);
  assert.ok(m.data, `${at}: the data colour is drawn`);
  // The data lies where it lies at ratio 1: a doubled scale pushes it right and down, off the canvas.
  for (const side of ['left', 'right', 'top', 'bottom']) {
    assert.ok(Math.abs(m.data[side] - reference.data[side]) < 0.03, `${at}: data ${side} edge at ${m.data[side].toFixed(3)}, ${reference.data[side].toFixed(3)} at ratio 1`);
  }
  // Ink per CSS pixel stays about the same (lines get sharper, not thinner or fatter).
  const density = (x) => x.data.n / x.pixels;
  assert.ok(density(m) / density(reference) > 0.5 && density(m) / density(reference) < 2, `${at}: data ink density ${density(m).toExponential(2)} vs ${density(reference).toExponential(2)}`);
}

for (const width of [1366, 390]) {
  test(`every chart is whole and sharp at devicePixelRatio ${RATIOS.join(', ')} (${width} px)`, async () => {
    const reference = await drawAll(1, width);
    // The last period's point sits at the right edge of the plot: the line reaches the right fifth.
    for (const name of ['trend', 'patch']) assert.ok(reference[name].data.right > 0.8, `${name}: line reaches ${reference[name].data.right.toFixed(2)} of the width`);
    for (const ratio of RATIOS.slice(1)) {
      const drawn = await drawAll(ratio, width);
      for (const name of Object.keys(CHARTS)) assertSharpAndWhole(name, drawn[name], reference[name], ratio, width);
    }
  });
}
