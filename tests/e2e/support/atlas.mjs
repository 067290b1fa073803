// Helpers for driving <work-health-atlas> from tests.

/** Records every atlas-* event on `window.__atlasEvents` from before the page's scripts run. */
export async function recordAtlasEvents(page) {
  await page.addInitScript(() => {
    window.__atlasEvents = [];
    for (const type of ['atlas-ready', 'atlas-select', 'atlas-change', 'atlas-error']) {
      document.addEventListener(type, (event) => window.__atlasEvents.push({ type, detail: event.detail }), true);
    }
  });
}

/** Waits until an atlas-* event of `type` has been recorded; returns its detail. */
export async function waitForRecorded(page, type) {
  const handle = await page.waitForFunction((t) => window.__atlasEvents.find((e) => e.type === t), type);
  const event = await handle.jsonValue();
  return event.detail;
}

/** Page coordinates of a point inside the area `code` of the element's current layer. */
export async function pagePointOf(page, code, selector = 'work-health-atlas') {
  return page.evaluate(
    ([sel, c]) => {
      const el = document.querySelector(sel);
      const point = el.screenPointOf(c);
      if (!point) return null;
      const rect = el.mapRect;
      return { x: rect.left + point[0], y: rect.top + point[1] };
    },
    [selector, code],
  );
}

/** Text of a part of the element's shadow DOM. */
export async function shadowText(page, cssSelector, selector = 'work-health-atlas') {
  return page.evaluate(
    ([sel, inner]) => {
      const node = document.querySelector(sel).shadowRoot.querySelector(inner);
      return node && !node.hidden ? node.textContent : null;
    },
    [selector, cssSelector],
  );
}

/** Waits until the element's trend canvas shows the selected area's orange line (the chart module loads on demand). */
export async function waitForTrendChart(page, selector = 'work-health-atlas') {
  await page.waitForFunction((sel) => {
    const canvas = document.querySelector(sel).shadowRoot.querySelector('canvas.trend');
    if (!canvas || !canvas.width) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 110 && data[i + 2] < 60) n += 1;
    return n > 50;
  }, selector);
}
