// The npm package is complete: `npm pack` of dist/, installed into a scratch project as a partner
// would, holds every file the element loads. A page that imports the element from node_modules
// loads it, opens the data table (an on-demand chunk) and the trend chart (the chart module),
// and asks for nothing that is missing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { distDir } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-npm-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };

test('npm pack of dist/, installed into a scratch project, loads the element and opens the table', async () => {
  const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = npm(['pack', distDir, '--pack-destination', scratch, '--silent'], scratch).trim().split('\n').at(-1);
  const site = join(scratch, 'site');
  execFileSync('mkdir', ['-p', site]);
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'partner-site', version: '1.0.0', private: true }));
  npm(['install', '--offline', '--no-audit', '--no-fund', join(scratch, tarball)], site);
  const installed = join(site, 'node_modules', 'work-health-atlas');
  assert.ok(readdirSync(join(installed, 'chunks')).length > 0, 'the on-demand chunks are in the package');
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,">
<script type="module" src="node_modules/work-health-atlas/work-health-atlas.js"></script></head>
<body><work-health-atlas></work-health-atlas></body></html>`,
  );
  const missing = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(req.url.split('?')[0]);
    const file = join(site, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      missing.push(path);
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, { width: 1200, height: 900 });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.evaluate(() => document.querySelector('work-health-atlas').ready);
    await page.locator('work-health-atlas .table-toggle').click();
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.data-table tbody tr').length > 100);
    await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend')?.width > 0);
    assert.deepEqual(missing, [], 'every file the element asks for is in the package');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
});
