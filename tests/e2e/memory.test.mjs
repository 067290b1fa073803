// The browser modules' shadow stack is 128 kB (build.rs), not rustc's 1 MiB: it holds only
// data whose address is taken, and a busy session uses a few kB of it. This keeps that true as
// the code changes: after a session that touches every module the element loads, each module's
// deepest stack use must stay under a quarter of what it has. The stack sits first in linear
// memory and grows down from its size, so the lowest non-zero byte below that is the deepest
// point reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { waitForTrendChart } from './support/atlas.mjs';

const suite = useSuite();

const STACK = 128 * 1024;

test('every module the widget loads uses under a quarter of its 128 kB stack', async () => {
  const { page, context, errors } = await openPage(suite.browser, { width: 1300, height: 1000 });
  await page.addInitScript(() => {
    window.__memories = [];
    const keep = (result) => {
      const instance = result.instance ?? result;
      for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) window.__memories.push(value);
      return result;
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(keep);
    const plain = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) => plain(...args).then(keep);
  });
  await page.goto(`${suite.server.url}/index.html`);
  const atlas = page.locator('work-health-atlas');
  await page.evaluate(() => document.querySelector('work-health-atlas').complete());
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await waitForTrendChart(page);
  for (const id of ['income-deprivation', 'households-deprived-2plus']) await page.evaluate((id) => document.querySelector('work-health-atlas').setIndicator(id), id);
  for (const layer of ['ward', 'msoa']) await page.evaluate((layer) => document.querySelector('work-health-atlas').setAttribute('geography', layer), layer);
  await page.evaluate(() => document.querySelector('work-health-atlas').toCsv());
  await page.evaluate(() => document.querySelector('work-health-atlas').toPng('map'));
  await atlas.locator('#atlas-tab-profile').click();
  await atlas.locator('#atlas-tab-patch').click();
  // The analysis module is in once the patch tab shows its tools.
  await page.waitForFunction(() => window.__memories.length >= 3);
  const depths = await page.evaluate(
    (stack) =>
      window.__memories.map((memory) => {
        const bytes = new Uint8Array(memory.buffer, 0, stack);
        let lowest = 0;
        while (lowest < bytes.length && bytes[lowest] === 0) lowest += 1;
        return stack - lowest;
      }),
    STACK,
  );
  assert.ok(depths.length >= 3, `map, chart and analysis modules: ${depths.length}`);
  for (const depth of depths) assert.ok(depth > 0 && depth < STACK / 4, `stack depths ${depths.join(', ')} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});
