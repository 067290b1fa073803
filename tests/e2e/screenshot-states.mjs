// Screenshots of interactive states for people to look at (not a test):
//   node tests/e2e/screenshot-states.mjs   → target/screenshots/state-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { pagePointOf } from './support/atlas.mjs';

const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const shot = async (name, width, setup) => {
  const { page, context, errors } = await openPage(browser, { width, height: 900 });
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  await setup(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(out, `state-${name}.png`), fullPage: true });
  console.log(`state-${name}.png${errors.length ? ` errors: ${errors.join(' | ')}` : ''}`);
  await context.close();
};
try {
  await shot('options-320', 320, async (page) => {
    await page.locator('work-health-atlas .options-toggle').click();
  });
  await shot('hover-1200', 1200, async (page) => {
    const p = await pagePointOf(page, 'E01006512');
    await page.mouse.move(p.x, p.y);
  });
  await shot('change-1200', 1200, async (page) => {
    await page.locator('work-health-atlas #atlas-indicator').selectOption('hi-unemployment');
    await page.locator('work-health-atlas #atlas-change').selectOption('2015');
    const p = await pagePointOf(page, 'E08000012');
    await page.mouse.move(p.x, p.y);
  });
  await shot('search-1200', 1200, async (page) => {
    await page.locator('work-health-atlas #atlas-search').fill('anf');
  });
  await shot('ward-selected-1200', 1200, async (page) => {
    await page.locator('work-health-atlas #atlas-search').fill('Anfield');
    await page.locator('work-health-atlas #atlas-search').press('Enter');
  });
  for (const width of [1200, 320]) {
    await shot(`panel-trend-${width}`, width, async (page) => {
      await page.evaluate(() => document.querySelector('work-health-atlas').setIndicator('hi-unemployment'));
      await page.evaluate(() => document.querySelector('work-health-atlas').select('E08000012'));
      await page.waitForTimeout(300);
    });
    await shot(`panel-profile-${width}`, width, async (page) => {
      await page.evaluate(() => document.querySelector('work-health-atlas').select('E05015279'));
      await page.locator('work-health-atlas #atlas-tab-profile').click();
      await page.waitForTimeout(300);
    });
    await shot(`panel-districts-${width}`, width, async (page) => {
      await page.locator('work-health-atlas #atlas-tab-districts').click();
      await page.waitForTimeout(300);
    });
  }
} finally {
  await browser.close();
  await server.close();
}
