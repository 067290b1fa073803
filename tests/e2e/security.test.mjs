// A hostile bundle (SYNTHETIC; every text field carries markup, event handlers, javascript: URLs or
// a spreadsheet formula) changes nothing: names are shown as text everywhere, no script runs, no
// dialog opens, no element is injected, no request leaves the origin, and the CSV export
// neutralises the formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { pagePointOf, shadowText } from './support/atlas.mjs';

const suite = useSuite();

test('a hostile bundle is rendered as text and runs nothing', async () => {
  const { page, context, errors, requests } = await openPage(suite.browser);
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`${suite.server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  const ready = page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const el = document.createElement('work-health-atlas');
        el.id = 'hostile';
        el.setAttribute('src', '/__fixtures/malicious-bundle.json');
        el.addEventListener('atlas-ready', () => resolve(true), { once: true });
        el.addEventListener('atlas-error', (e) => reject(new Error(e.detail.message)), { once: true });
        document.body.append(el);
      }),
  );
  assert.equal(await ready, true);
  await page.evaluate(() => document.querySelector('#hostile').scrollIntoView());
  const west = '<img src=x onerror="window.__pwned=\'name\'">West';
  const formula = "=cmd|' /C calc'!A0";
  for (const [code, name] of [['E01000001', west], ['E01000002', formula]]) {
    const point = await pagePointOf(page, code, '#hostile');
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(
      (n) => document.querySelector('#hostile').shadowRoot.querySelector('.tooltip .name')?.textContent === n,
      name,
    );
  }
  await page.evaluate(() => document.querySelector('#hostile').select('E01000001'));
  await page.waitForFunction((n) => document.querySelector('#hostile').shadowRoot.querySelector('.panel-title')?.textContent === n, west);
  assert.match(await shadowText(page, '.title', '#hostile'), /<script>window.__pwned='indicator'<\/script>/, 'the title shows the markup as text');
  assert.match(await shadowText(page, '.caption', '#hostile'), /<img src=x onerror=/);
  await page.evaluate(() => document.querySelector('#hostile').setAttribute('view', 'table'));
  await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelectorAll('.table-view tbody tr').length === 2);
  const csv = await page.evaluate(() => document.querySelector('#hostile').toCsv());
  assert.ok(csv.includes(`E01000002,"'${formula.replaceAll('"', '""')}"`), csv);
  // The patch and work × health tools show the same names and any note text as text too.
  await page.evaluate(() => document.querySelector('#hostile').setAttribute('view', 'full'));
  await page.evaluate(() => document.querySelector('#hostile').shadowRoot.querySelector('#atlas-tab-patch').click());
  await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelector('.patch-view textarea'));
  await page.evaluate((name) => {
    const root = document.querySelector('#hostile').shadowRoot;
    root.querySelector('.patch-view textarea').value = name;
    [...root.querySelectorAll('.patch-view button')].find((b) => b.textContent === 'Add these areas').click();
    root.querySelector('.patch-view details:nth-of-type(2)').open = true;
  }, west);
  await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelector('.patch-count')?.textContent.startsWith('1 '));
  const listed = await page.evaluate(() => document.querySelector('#hostile').shadowRoot.querySelector('.patch-areas').textContent);
  assert.ok(listed.includes(west), listed);
  await page.evaluate(() => {
    const root = document.querySelector('#hostile').shadowRoot;
    const field = (label) => root.getElementById([...root.querySelectorAll('.patch-view label')].find((l) => l.textContent === label).htmlFor);
    field('Your name').value = '<svg onload="window.__pwned=\'note\'">';
    field('Note').value = '<iframe src="javascript:window.__pwned=1">';
    [...root.querySelectorAll('.patch-view button')].find((b) => b.textContent === 'Add note').click();
  });
  await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelectorAll('.notes li').length === 1);
  await page.evaluate(() => document.querySelector('#hostile').shadowRoot.querySelector('#atlas-tab-workhealth').click());
  await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelector('.workhealth-view .finding')?.textContent);
  const injected = await page.evaluate(() =>
    document.querySelector('#hostile').shadowRoot.querySelectorAll('img, script, iframe, style, svg, a, b, i').length,
  );
  assert.equal(injected, 0, 'no element from the data was created');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from the data ran');
  assert.deepEqual(dialogs, []);
  const origin = new URL(suite.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
  assert.ok(!requests.some((u) => new URL(u).pathname === '/x'), 'the <img src=x> in a name was never fetched');
  assert.deepEqual(errors, []);
  await context.close();
});
