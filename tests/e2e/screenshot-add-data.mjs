// Screenshots of "Add data" as its users meet it, for people to look at (not a test): a phone
// (390 × 844, devicePixelRatio 2) and a laptop (1366 × 768, ratio 1), with SYNTHETIC files.
//   node tests/e2e/screenshot-add-data.mjs   → target/screenshots/add-data-<width>-<step>.png
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { waitForTrendChart } from './support/atlas.mjs';
import { brokenTemplate } from './support/synthetic-import.mjs';

const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const bundle = JSON.parse(readFileSync(join(repoRoot, 'data', 'atlas.json'), 'utf8'));
const server = await startServer();
const browser = await launch();
const inShadow = (page, source) => page.evaluate((s) => new Function('root', s)(document.querySelector('work-health-atlas').shadowRoot), source);
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function shoot(width, height, dpr) {
  const { page, context, errors } = await openPage(browser, { width, height, deviceScaleFactor: dpr });
  await page.addInitScript(() => {
    window.__ready = 0;
    document.addEventListener('atlas-ready', () => (window.__ready += 1), true);
  });
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.__ready === 1);
  const snap = async (name, selector = null) => {
    await settle(page);
    const path = join(out, `add-data-${width}-${name}.png`);
    if (selector) {
      const part = page.locator(`work-health-atlas ${selector}`).first();
      await part.scrollIntoViewIfNeeded();
      await part.screenshot({ path });
    } else await page.screenshot({ path, fullPage: true });
    console.log(path);
  };
  // A community team's file with mistakes: the form and the located problems.
  await inShadow(page, "root.querySelector('[data-export=\"add\"]').click()");
  await page.locator('#add-data-file').setInputFiles({ name: 'broken_SYNTHETIC.csv', mimeType: 'text/csv', buffer: Buffer.from(brokenTemplate(bundle).csv) });
  await page.locator('#add-name').waitFor({ state: 'visible' });
  await snap('form', '.add-data');
  await page.locator('#add-name').fill('SYNTHETIC residents supported into work');
  await page.locator('#add-source').fill('SYNTHETIC community team records');
  await page.locator('.add-form button[type="submit"]').click();
  await page.waitForFunction(() => window.__ready === 2);
  await snap('problems', '.add-data');
  // Monthly official data: the Nomis file, the map and an LSOA's 24-month trend.
  const nomis = await (await fetch(`${server.url}/__synthetic/NM_162_1_SYNTHETIC.data.csv`)).text();
  await page.locator('#add-data-file').setInputFiles({ name: 'NM_162_1_SYNTHETIC.data.csv', mimeType: 'text/csv', buffer: Buffer.from(nomis) });
  await page.waitForFunction(() => window.__ready === 3);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await waitForTrendChart(page);
  await snap('claimant-map', '.map-area');
  await snap('claimant-trend', '.panel');
  await snap('page');
  if (errors.length) console.error(errors);
  await context.close();
}

await shoot(390, 844, 2);
await shoot(1366, 768, 1);
await browser.close();
await server.close();
