// Screenshots of every chart at devicePixelRatio 2 on a phone (390 × 844) and a laptop
// (1366 × 768), for people to look at (not a test):
//   node tests/e2e/screenshot-dpr.mjs   → target/screenshots/dpr2-<width>-<chart>.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { waitForTrendChart } from './support/atlas.mjs';

const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const PATCH = JSON.stringify({ name: 'Anfield', areas: ['Anfield'], interventions: [{ name: 'Hub', start: '2020' }] });
const inShadow = (page, source) => page.evaluate((s) => new Function('root', s)(document.querySelector('work-health-atlas').shadowRoot), source);
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function shoot(width, height) {
  const { page, context, errors } = await openPage(browser, { width, height, deviceScaleFactor: 2 });
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  const snap = async (name, selector) => {
    await settle(page);
    const figure = page.locator(`work-health-atlas ${selector}`).first();
    await figure.scrollIntoViewIfNeeded();
    await figure.screenshot({ path: join(out, `dpr2-${width}-${name}.png`) });
    console.log(`dpr2-${width}-${name}.png`);
  };
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await waitForTrendChart(page);
  await snap('trend', 'canvas.trend');
  await inShadow(page, "root.querySelector('#atlas-tab-profile').click()");
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-pane-profile canvas'));
  await snap('profile', '#atlas-pane-profile canvas');
  await inShadow(page, "root.querySelector('#atlas-tab-districts').click()");
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('#atlas-pane-districts canvas'));
  await snap('districts', '#atlas-pane-districts canvas');
  await page.evaluate((p) => document.querySelector('work-health-atlas').setAttribute('patch', p), PATCH);
  await inShadow(page, "root.querySelector('#atlas-tab-patch').click()");
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-view .interventions li'));
  await snap('patch', 'canvas.patch-trend');
  await inShadow(
    page,
    `for (const box of root.querySelectorAll('.patch-view input[type=checkbox]')) if (/Disability|Income/.test(box.closest('label')?.textContent ?? '') && box.checked) box.click();
     [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Compare').click();`,
  );
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.did'));
  await snap('did', 'canvas.did');
  await inShadow(page, "root.querySelector('#atlas-tab-workhealth').click()");
  await page.waitForFunction(() => /Pearson/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding')?.textContent ?? ''));
  await snap('scatter', 'canvas.scatter');
  await page.screenshot({ path: join(out, `dpr2-${width}-page.png`) });
  if (errors.length) console.log(`errors at ${width}: ${errors.join(' | ')}`);
  await context.close();
}

try {
  await shoot(390, 844);
  await shoot(1366, 768);
} finally {
  await browser.close();
  await server.close();
}
