// Embedding in Firefox: the strict-CSP example (served with the policy a council intranet uses)
// gets ready, hovers, draws a chart and finds a postcode with no Content-Security-Policy
// violation, and the iframe embed on a partner's page (another origin) applies its query and is
// sized to its content by embed-resize.js, following the content when it shrinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useFirefox, waitFor, shadowText, pagePointOf, settle } from './support/firefox.mjs';
import { STRICT_CSP } from '../e2e/support/server.mjs';
import { layer } from '../e2e/support/bundle.mjs';

const suite = useFirefox({ host: true });

/** Requests to any origin but the given ones (data: and blob: URLs are the page's own). */
const foreign = (requests, ...origins) => requests.filter((u) => !/^(data|blob):/.test(u) && !origins.some((o) => u.startsWith(o)));

test('the strict-CSP example: ready, hover, chart and postcode search with no violation', async () => {
  const { page, errors, requests, response } = await suite.open('/examples/strict-csp.html');
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  // The page's own recorder (strict-csp.js, loaded before the widget) collects every violation.
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);

  const area = layer('lsoa').areas[500];
  const point = await pagePointOf(page, area.code);
  await page.mouse.move(point.x, point.y);
  await waitFor(page, (n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip .name')?.textContent === n, area.name);

  // The chart module is a second wasm, loaded on demand: it must pass the policy too.
  await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), area.code);
  await waitFor(page, () => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend');
    if (!canvas || !canvas.width) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 110 && data[i + 2] < 60) n += 1;
    return n > 50;
  });
  assert.ok(requests.some((u) => u.endsWith('/atlas_charts_bg.wasm')), 'the chart module was fetched');

  // The postcode index is fetched from the widget's folder (connect-src 'self').
  const input = await page.$('work-health-atlas >>> #atlas-search');
  await input.type('L4 0TH');
  await input.press('Enter');
  await waitFor(page, () => /^L4 0TH is in /.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.search-message')?.textContent ?? ''));
  await settle(page);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.match(await page.evaluate(() => document.getElementById('csp-status').textContent), /: none\.$/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign(requests, suite.server.url), []);

  // The policy is in force and the recorder sees violations in Firefox: an inline script is refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
  });
  const violations = await waitFor(page, () => window.__cspViolations.length > 0 && window.__cspViolations);
  assert.equal(violations.length, 1);
  assert.match(violations[0].effectiveDirective, /^script-src/);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
  await page.close();
});

test('the iframe embed on a partner page applies its query and is sized to its content', async () => {
  const { page, errors, requests } = await suite.open('/host-iframe.html', { base: suite.host.url, ready: false });
  const frame = await (await page.waitForSelector('#atlas-frame')).contentFrame();
  const state = await frame.evaluate(() => document.querySelector('work-health-atlas').ready);
  assert.equal(state.indicator, 'disability', 'the query parameters are applied');
  assert.equal(state.geography, 'ward');
  assert.equal(state.view, 'full');
  assert.match(await shadowText(frame, '.title'), /disab/i);

  // The frame grows from its 200 px to the embed's content height (reported by postMessage).
  const fits = async () => {
    const content = await frame.evaluate(() => document.documentElement.scrollHeight);
    const height = await waitFor(page, (h) => {
      const frameHeight = document.querySelector('#atlas-frame').clientHeight;
      return Math.abs(frameHeight - h) <= 2 && frameHeight;
    }, content);
    assert.ok(height > 300, `the frame is ${height} px high`);
    return height;
  };
  const first = await fits();
  // When the embed's content gets shorter (a lower map), the frame follows.
  await frame.evaluate(() => document.querySelector('work-health-atlas').setAttribute('height', '240px'));
  await waitFor(page, (h) => document.querySelector('#atlas-frame').clientHeight < h - 20, first);
  const second = await fits();
  assert.ok(second < first, `${second} < ${first}`);

  // The widget inside the frame answers the pointer like the page's own.
  const ward = layer('ward').areas[10];
  const point = await pagePointOf(frame, ward.code);
  // Scroll the host page so that the point is in its window (the pointer does not scroll it).
  await page.evaluate((y) => window.scrollTo(0, document.querySelector('#atlas-frame').getBoundingClientRect().top + window.scrollY + y - 300), point.y);
  const box = await (await page.$('#atlas-frame')).boundingBox();
  await page.mouse.move(box.x + point.x, box.y + point.y);
  await waitFor(frame, (n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.tooltip .name')?.textContent === n, ward.name);

  assert.deepEqual(errors, []);
  assert.deepEqual(foreign(requests, suite.host.url, suite.server.url), []);
  await page.close();
});
