// The packed bundle (src/model/packed.rs): the map module embeds it and reads nothing else, so a
// page's `src` may be the packed file (read as it is) or JSON (packed in the browser by the
// importer module, loaded only then); a damaged packed file is refused with where it breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';

const suite = useSuite();

/** Sets the element's `src` and resolves with the next `atlas-ready` or `atlas-error` detail. */
function loadSrc(page, src) {
  return page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const el = document.querySelector('work-health-atlas');
        const done = (e) => {
          el.removeEventListener('atlas-ready', done);
          el.removeEventListener('atlas-error', done);
          resolve({ type: e.type, code: e.detail?.code, message: e.detail?.message });
        };
        el.addEventListener('atlas-ready', done);
        el.addEventListener('atlas-error', done);
        el.setAttribute('src', src);
      }),
    src,
  );
}

const layer = (page) => page.evaluate(() => document.querySelector('work-health-atlas').state?.geography);
const importerRequested = (requests) => requests.some((u) => new URL(u).pathname.endsWith('/atlas_import_bg.wasm'));

test('the default embed and a packed src load without the importer module; a JSON src loads it to pack', async () => {
  const { page, context, errors, requests } = await openPage(suite.browser);
  await page.goto(`${suite.server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  assert.equal(importerRequested(requests), false, 'the embedded bundle needs no importer');

  const packed = await loadSrc(page, '/data/atlas.bin');
  assert.equal(packed.type, 'atlas-ready', JSON.stringify(packed));
  assert.equal(await layer(page), 'lsoa');
  assert.equal(importerRequested(requests), false, 'a packed src is read by the map module itself');

  const json = await loadSrc(page, '/data/atlas.json');
  assert.equal(json.type, 'atlas-ready', JSON.stringify(json));
  assert.ok(importerRequested(requests), 'a JSON src is packed by the importer module');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a packed src cut short or from a newer format is refused with a reason', async () => {
  const { page, context } = await openPage(suite.browser);
  const bytes = readFileSync(join(repoRoot, 'data', 'atlas.bin'));
  await page.route('**/cut.bin', (route) => route.fulfill({ body: bytes.subarray(0, 5000), contentType: 'application/octet-stream' }));
  const newer = Buffer.from(bytes);
  newer[4] = 99;
  await page.route('**/newer.bin', (route) => route.fulfill({ body: newer, contentType: 'application/octet-stream' }));
  await page.goto(`${suite.server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);

  const cut = await loadSrc(page, '/cut.bin');
  assert.equal(cut.type, 'atlas-error');
  assert.equal(cut.code, 'invalid-structure');
  assert.match(cut.message, /packed bundle: .* at byte \d+/);
  const shown = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.status.error').textContent);
  assert.match(shown, /at byte \d+/);

  const later = await loadSrc(page, '/newer.bin');
  assert.equal(later.code, 'invalid-structure');
  assert.match(later.message, /version 99 is not supported/);
  await context.close();
});
