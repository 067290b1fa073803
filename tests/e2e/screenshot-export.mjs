// Saves exported pictures to look at (not a test): the map PNG with a patch and a long note, the
// trend chart, the patch chart and its comparison (PNG and SVG), to target/screenshots/ or the
// directory given as the first argument.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';

const out = process.argv[2] ? resolve(process.argv[2]) : join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const PATCH = { name: 'Canning & Toxteth', areas: ['E01006512', 'E01006514', 'E01006751'], interventions: [{ name: 'Work & wellbeing hub', start: '2020' }] };
const NOTE = {
  area: 'E01006512',
  period: '2024',
  text: 'Jobs fair at the community centre; 40 residents came, and the library lent its hall for the afternoon sessions on CVs, interview practice and the new Universal Credit rules, which most of those who came had not heard about.',
  author: 'Anfield residents’ panel',
  date: '2025-03-14',
};
try {
  const { page } = await openPage(browser, { width: 1200, height: 1000 });
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  const el = (fn, arg) => page.evaluate(([source, a]) => new Function('el', 'a', `return (${source})(el, a);`)(document.querySelector('work-health-atlas'), a), [fn.toString(), arg]);
  const save = async (kind, file) => {
    const bytes = await page.evaluate(async (k) => [...new Uint8Array(await (await document.querySelector('work-health-atlas').toPng(k)).arrayBuffer())], kind);
    writeFileSync(join(out, file), Buffer.from(bytes));
    console.log(file);
  };
  const saveSvg = async (kind, file) => {
    writeFileSync(join(out, file), await page.evaluate((k) => document.querySelector('work-health-atlas').toSvg(k), kind));
    console.log(file);
  };
  await page.route('**/long-notes.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ notes: [NOTE] }) }));
  await el((e, patch) => {
    e.setAttribute('patch', JSON.stringify(patch));
    e.setAttribute('notes-src', '/long-notes.json');
  }, PATCH);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  await save('map', 'export-map.png');
  await el((e) => e.select('E01006512'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.chart table tbody tr').length > 0);
  await save('chart', 'export-chart.png');
  await saveSvg('chart', 'export-chart.svg');
  await el((e) => e.shadowRoot.querySelector('#atlas-tab-patch').click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.patch-trend:not([hidden])'));
  await save('chart', 'export-patch.png');
  await saveSvg('chart', 'export-patch.svg');
  await el((e) => [...e.shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Compare').click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.did'));
  await save('did', 'export-did.png');
  await saveSvg('did', 'export-did.svg');
} finally {
  await browser.close();
  await server.close();
}
