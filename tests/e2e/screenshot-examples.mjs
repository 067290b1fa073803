// Screenshots of every example page in dist/examples/ for people to look at (not a test):
//   node tests/e2e/screenshot-examples.mjs [width ...]   → target/screenshots/example-*.png
// Each page is taken at a desktop and a phone width once every widget (in every frame) is drawn;
// the sidebar is also taken at 280 px, the shared link with a ward in its hash, the dark page and
// the two instances with an area selected and hovered.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { pagePointOf } from './support/atlas.mjs';

const widths = process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [1200, 360];
const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });

const PAGES = [
  { name: 'index', path: 'index.html' },
  { name: 'sidebar', path: 'sidebar.html', extraWidths: [280] },
  { name: 'two-instances', path: 'two-instances.html', setup: selectAndHover('#atlas-work', 'E05015279') },
  { name: 'dark', path: 'dark.html', setup: selectAndHover('work-health-atlas', 'E02001367') },
  { name: 'iframe', path: 'iframe.html' },
  { name: 'strict-csp', path: 'strict-csp.html' },
  { name: 'shared-link', path: 'shared-link.html#atlas=indicator:disability;geography:ward;area:E05015279' },
];

/** Selects an area in a widget and hovers it, to show the selection, panel and tooltip. */
function selectAndHover(selector, code) {
  return async (page) => {
    await page.evaluate(([s, c]) => document.querySelector(s).select(c), [selector, code]);
    await page.evaluate((s) => window.scrollTo(0, 0), selector);
    const point = await pagePointOf(page, code, selector);
    if (point) await page.mouse.move(point.x, point.y);
  };
}

/** Waits until every widget in every frame of the page has drawn. */
async function drawn(page) {
  for (const frame of page.frames()) {
    await frame.waitForFunction(() => [...document.querySelectorAll('work-health-atlas')].every((el) => el.state));
    await frame.evaluate(() => Promise.all([...document.querySelectorAll('work-health-atlas')].map((el) => el.ready)));
  }
}

const server = await startServer();
const browser = await launch();
try {
  for (const { name, path, setup, extraWidths = [] } of PAGES) {
    for (const width of [...widths, ...extraWidths]) {
      const { page, context, errors } = await openPage(browser, { width, height: 900 });
      await page.goto(`${server.url}/examples/${path}`);
      if (path.startsWith('iframe')) {
        const frame = await (await page.waitForSelector('iframe')).contentFrame();
        await frame.waitForFunction(() => document.querySelector('work-health-atlas')?.state);
        // Wait for embed-resize.js to fit the frame to the embed's content.
        await page.waitForFunction(() => document.querySelector('iframe').clientHeight > 300);
      }
      await drawn(page);
      if (setup) await setup(page);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // The chart module loads on demand after a selection; let its first draw land.
      if (setup) await page.waitForTimeout(300);
      const file = join(out, `example-${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${file}${errors.length ? `  errors: ${errors.join(' | ')}` : ''}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
