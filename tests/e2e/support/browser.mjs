// Launches Debian's Chromium through playwright-core and records page errors, console errors and
// every request, so tests can assert a clean load and no foreign origins.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Headless Chromium as root on this kind of machine; `extraArgs` for e.g. memory measurement. */
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...extraArgs,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A new page with `errors` (page errors and console errors) and `requests` (URLs) collected. */
export async function openPage(browser, { width = 1200, height = 900, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  return { context, page, errors, requests };
}

/** Resolves with the detail of the first `type` event fired by the element matching `selector`. */
export function waitForEvent(page, selector, type) {
  return page.evaluate(
    ([sel, t]) =>
      new Promise((resolve) => {
        const el = document.querySelector(sel);
        el.addEventListener(t, (event) => resolve(event.detail), { once: true });
      }),
    [selector, type],
  );
}
