// Saves an exported map PNG and chart PNG to target/screenshots/ to look at (not a test).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';

const out = join(repoRoot, 'target', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser, { width: 1200, height: 1000 });
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  const save = async (kind, file) => {
    const bytes = await page.evaluate(async (k) => [...new Uint8Array(await (await document.querySelector('work-health-atlas').toPng(k)).arrayBuffer())], kind);
    writeFileSync(join(out, file), Buffer.from(bytes));
    console.log(file);
  };
  await save('map', 'export-map.png');
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await page.waitForTimeout(800);
  await save('chart', 'export-chart.png');
} finally {
  await browser.close();
  await server.close();
}
