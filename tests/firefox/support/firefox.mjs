// Debian's Firefox ESR driven through WebDriver BiDi by puppeteer-core, for the Firefox suite.
// One browser per test file (`useFirefox()` registers the before/after hooks), the same static
// server as the Chromium suite (tests/e2e/support/server.mjs), downloads saved to a folder of the
// suite's own, and helpers that stand in for what playwright gives the Chromium suite.
//
// What differs from Chromium (../shared/design/TOOLCHAIN.md, "Firefox"): the BiDi viewport
// command is not supported, so the window size comes from `--width`/`--height` and
// `defaultViewport: null`; scripts added before a page's own (`evaluateOnNewDocument`) run in a
// sandbox that cannot see the page's objects, so listeners are added with `page.evaluate` after
// load, and `atlas-ready` is taken from the element's `ready` promise, which never misses it.
import { before, after } from 'node:test';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../e2e/support/server.mjs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WIDTH = 1300;
export const HEIGHT = 900;

/**
 * Preferences that save every download to `dir` without asking. Firefox has no BiDi command for
 * this that puppeteer-core uses (its `downloadBehavior` is Chrome's), so the profile says it.
 */
function downloadPrefs(dir) {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    'browser.download.start_downloads_in_tmp_dir': false,
    // The widget saves two files from one click (CSV and its description).
    'browser.download.enable_spam_prevention': false,
  };
}

/** Launches Firefox; `prefs` are added to the profile (e.g. `layout.css.devPixelsPerPx`). */
export async function launchFirefox({ prefs = {}, downloads } = {}) {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: null,
    args: [`--width=${WIDTH}`, `--height=${HEIGHT}`],
    extraPrefsFirefox: { ...(downloads ? downloadPrefs(downloads) : {}), ...prefs },
  });
}

/**
 * Registers one server and one Firefox for the file. `suite.open(path)` opens a page of the
 * server in a new tab, collecting `errors` (page errors and console errors) and `requests`, and
 * resolves once every <work-health-atlas> on it is ready. `suite.downloads` is the download
 * folder; `suite.download(name)` waits for a file there.
 */
export function useFirefox({ prefs = {}, host = false } = {}) {
  const suite = {
    server: null,
    host: null,
    browser: null,
    downloads: null,
    async open(path, { ready = true, base = suite.server.url } = {}) {
      const page = await suite.browser.newPage();
      const errors = [];
      const requests = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('request', (request) => requests.push(request.url()));
      const response = await page.goto(`${base}${path}`);
      if (ready) await page.evaluate(() => Promise.all([...document.querySelectorAll('work-health-atlas')].map((el) => el.ready)));
      return { page, errors, requests, response };
    },
    /**
     * Waits until Firefox has finished saving a file called `name` (a string, a RegExp or a test) in the
     * download folder (no `.part` file left); resolves with `{ name, bytes }`. Polls the folder:
     * the browser tells the page nothing when a download ends.
     */
    async download(name, timeout = 20000) {
      const end = Date.now() + timeout;
      const matches = typeof name === 'function' ? name : (n) => (typeof name === 'string' ? n === name : name.test(n));
      for (;;) {
        const names = await readdir(suite.downloads);
        const found = names.find(matches);
        if (found && !names.some((n) => n.endsWith('.part')) && (await stat(join(suite.downloads, found))).size > 0) {
          return { name: found, bytes: await readFile(join(suite.downloads, found)) };
        }
        if (Date.now() > end) throw new Error(`no download called ${name} (the folder holds ${names.join(', ') || 'nothing'})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
  before(async () => {
    suite.downloads = await mkdtemp(join(tmpdir(), 'atlas-firefox-downloads-'));
    suite.server = await startServer();
    if (host) suite.host = await startServer({ hostFor: suite.server.url });
    suite.browser = await launchFirefox({ prefs, downloads: suite.downloads });
  });
  after(async () => {
    await suite.browser?.close();
    await suite.host?.close();
    await suite.server?.close();
    if (suite.downloads) await rm(suite.downloads, { recursive: true, force: true });
  });
  return suite;
}

/** Text of a part of the widget's shadow DOM (null when missing or hidden). */
export function shadowText(page, inner, selector = 'work-health-atlas') {
  return page.evaluate(
    (sel, css) => {
      const node = document.querySelector(sel).shadowRoot.querySelector(css);
      return node && !node.hidden ? node.textContent : null;
    },
    selector,
    inner,
  );
}

/** Waits until `fn(...args)` is truthy in the page; resolves with its value. */
export async function waitFor(page, fn, ...args) {
  const handle = await page.waitForFunction(fn, { polling: 'raf', timeout: 30000 }, ...args);
  return handle.jsonValue();
}

/** Resolves with the detail of the next `type` event of the widget; call before the action. */
export async function nextEvent(page, type, selector = 'work-health-atlas') {
  // Listened for with page.evaluate (not before load: that would be the sandbox's document).
  await page.evaluate(
    (sel, t) => {
      window.__next ??= {};
      window.__next[t] = new Promise((resolve) => document.querySelector(sel).addEventListener(t, (event) => resolve(event.detail), { once: true }));
    },
    selector,
    type,
  );
  return () => page.evaluate((t) => window.__next[t], type);
}

/** Page coordinates (CSS pixels) of a point inside the area `code` of the widget's current layer. */
export function pagePointOf(page, code, selector = 'work-health-atlas') {
  return page.evaluate(
    (sel, c) => {
      const el = document.querySelector(sel);
      const point = el.screenPointOf(c);
      if (!point) return null;
      const rect = el.mapRect;
      return { x: rect.left + point[0], y: rect.top + point[1] };
    },
    selector,
    code,
  );
}

/** Two animation frames: the widget paints in the frame after a change. */
export function settle(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
