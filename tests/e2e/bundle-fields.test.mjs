// A page's bundle with fields the schema does not have is refused in the browser as the native
// loader refuses it (serde-wasm-bindgen alone would drop them silently): the JS field lists match
// the schema in src/model/bundle.rs, the shipped bundle passes, and a misspelt field anywhere is
// reported with its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS, unknownFields } from '../../www/lib/bundle-fields.js';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';
import { bundle } from './support/bundle.mjs';

const suite = useSuite();

test('the field lists are the schema of src/model/bundle.rs', () => {
  const source = readFileSync(join(repoRoot, 'src', 'model', 'bundle.rs'), 'utf8');
  const structs = {};
  for (const [, name, body] of source.matchAll(/^pub struct (\w+) \{\n([\s\S]*?)^\}/gm)) {
    structs[name] = [...body.matchAll(/^ {4}pub (\w+):/gm)].map((m) => m[1]);
  }
  assert.deepEqual(structs, FIELDS);
});

test('the shipped bundle has no unknown fields, and misspelt ones are found where they are', () => {
  assert.deepEqual(unknownFields(bundle), []);
  const typo = structuredClone(bundle);
  typo.extra = 1;
  typo.indicators[0].series[1].numerator = typo.indicators[0].series[1].numerators;
  typo.geographies[0].areas[2].nmae = 'x';
  typo.indicators[1].unit.multiplyer = 100;
  const ind0 = typo.indicators[0];
  assert.deepEqual(unknownFields(typo), [
    'bundle: unknown field "extra"',
    `geographies[lsoa].areas[${typo.geographies[0].areas[2].code}]: unknown field "nmae"`,
    `indicators[${ind0.id}].series[${ind0.series[1].geography}/${ind0.series[1].period}]: unknown field "numerator"`,
    `indicators[${typo.indicators[1].id}].unit: unknown field "multiplyer"`,
  ]);
  assert.deepEqual(unknownFields(null), []);
  assert.deepEqual(unknownFields([]), []);
});

test('a page bundle with a misspelt field is refused with the places listed', async () => {
  const { page, context } = await openPage(suite.browser);
  const typo = structuredClone(bundle);
  typo.indicators[0].series[1].numerator = typo.indicators[0].series[1].numerators;
  await page.route('**/typo-bundle.json', (route) => route.fulfill({ body: JSON.stringify(typo), contentType: 'application/json' }));
  await page.goto(`${suite.server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  const detail = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.querySelector('work-health-atlas');
        el.addEventListener('atlas-error', (e) => resolve(e.detail), { once: true });
        el.setAttribute('src', '/typo-bundle.json');
      }),
  );
  assert.equal(detail.code, 'invalid-structure');
  assert.match(detail.message, /1 field\(s\) this widget does not know: indicators\[employment-deprivation\]\.series\[\w+\/\d+\]: unknown field "numerator"/);
  const shown = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.status.error').textContent);
  assert.match(shown, /unknown field "numerator"/);
  await context.close();
});
