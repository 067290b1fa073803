// Takes screenshots of a page at given widths for people to look at:
//   node tests/e2e/screenshot.mjs [path] [width ...]   → target/screenshots/*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';

const [path = '/index.html', ...widthArgs] = process.argv.slice(2);
const widths = widthArgs.length ? widthArgs.map(Number) : [320, 600, 1200];
const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  for (const width of widths) {
    const { page, context, errors } = await openPage(browser, { width, height: 900 });
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => [...document.querySelectorAll('work-health-atlas')].every((el) => el.state));
    await page.evaluate(() => Promise.all([...document.querySelectorAll('work-health-atlas')].map((el) => el.ready)));
    const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '')}-${width}.png`;
    await page.screenshot({ path: join(out, name), fullPage: true });
    console.log(`${join(out, name)}${errors.length ? `  errors: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
