// Screenshots of the patch and work × health tools for people to look at (not a test):
//   node tests/e2e/screenshot-impact.mjs [width ...]   → target/screenshots/impact-*.png
// The page supplies a patch and notes (tests/e2e/fixtures), the comparison is run and the
// bivariate map switched on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';

const widths = process.argv.slice(2).map(Number);
const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const shadowClick = (page, selector, text) =>
  page.evaluate(([sel, t]) => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll(sel)].find((b) => !t || b.textContent.startsWith(t)).click(), [selector, text]);
const waitShadow = (page, selector) => page.waitForFunction((sel) => document.querySelector('work-health-atlas').shadowRoot.querySelector(sel), selector);
try {
  for (const width of widths.length ? widths : [360, 1300]) {
    const { page, context, errors } = await openPage(browser, { width, height: 1000 });
    await page.goto(`${server.url}/index.html`);
    await page.evaluate(() => document.querySelector('work-health-atlas').ready);
    await page.evaluate(() => {
      const el = document.querySelector('work-health-atlas');
      el.setAttribute('patch-src', '/__fixtures/patch.json');
      el.setAttribute('notes-src', '/__fixtures/notes.json');
    });
    await waitShadow(page, '.pins .pin');
    await shadowClick(page, '#atlas-tab-patch');
    await waitShadow(page, '.patch-view .interventions li');
    await shadowClick(page, '.patch-view button', 'Compare');
    await waitShadow(page, '.comparison .finding');
    await page.screenshot({ path: join(out, `impact-patch-${width}.png`), fullPage: true });
    await shadowClick(page, '#atlas-tab-workhealth');
    await page.waitForFunction(() => /Pearson/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding')?.textContent ?? ''));
    await shadowClick(page, '.workhealth-view button', 'Colour');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(out, `impact-workhealth-${width}.png`), fullPage: true });
    console.log(`impact-*-${width}.png${errors.length ? `  errors: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
