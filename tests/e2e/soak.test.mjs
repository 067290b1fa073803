// Stability: after 10,000 hover events, 200 indicator and period switches and 50 remove/re-add
// cycles of the element, the JS heap and the wasm memory return to a stable level and no window
// listener is left behind. Prints the figures (issue 9 asks for them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { launch } from './support/browser.mjs';

test('memory and listeners stay stable under hover, switching and re-adding', async () => {
  const server = await startServer();
  const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    // Keep a reference to every wasm memory the page creates, to read its size.
    await page.addInitScript(() => {
      window.__memories = [];
      const keep = (result) => {
        const exports = (result.instance ?? result).exports;
        if (exports && exports.memory) window.__memories.push(exports.memory);
        return result;
      };
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = (...args) => instantiate(...args).then(keep);
      const streaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(keep);
    });
    await page.goto(`${server.url}/index.html`);
    await page.evaluate(() => document.querySelector('work-health-atlas').ready);
    const cdp = await context.newCDPSession(page);
    const windowListeners = async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      return listeners.length;
    };
    const measure = () =>
      page.evaluate(() => {
        window.gc();
        return {
          heap: performance.memory.usedJSHeapSize,
          wasm: window.__memories.reduce((sum, m) => sum + m.buffer.byteLength, 0),
        };
      });
    const start = await measure();
    const listeners0 = await windowListeners();

    await page.evaluate(() => {
      const el = document.querySelector('work-health-atlas');
      const overlay = el.shadowRoot.querySelector('canvas.overlay');
      const rect = overlay.getBoundingClientRect();
      for (let i = 0; i < 10000; i += 1) {
        const x = rect.left + ((i * 37) % Math.floor(rect.width));
        const y = rect.top + ((i * 53) % Math.floor(rect.height));
        overlay.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, pointerType: 'mouse' }));
      }
    });
    const afterHover = await measure();

    await page.evaluate(async () => {
      const el = document.querySelector('work-health-atlas');
      const ids = ['employment-deprivation', 'income-deprivation', 'disability', 'hi-unemployment'];
      for (let i = 0; i < 200; i += 1) {
        if (i % 2) el.setIndicator(ids[(i >> 1) % ids.length]);
        else el.setPeriod(['2019', '2025', '2021'][i % 3]);
        if (i % 20 === 0) await new Promise((r) => requestAnimationFrame(r));
      }
    });
    const afterSwitch = await measure();

    const cycle = (n) =>
      page.evaluate(async (count) => {
        const el = document.querySelector('work-health-atlas');
        const parent = el.parentNode;
        for (let i = 0; i < count; i += 1) {
          el.remove();
          const ready = new Promise((resolve) => el.addEventListener('atlas-ready', resolve, { once: true }));
          parent.prepend(el);
          await ready;
        }
      }, n);
    await cycle(5);
    const warm = await measure();
    await cycle(45);
    const end = await measure();
    const listeners1 = await windowListeners();

    const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
    console.log(
      [
        ['start', start],
        ['after 10,000 hovers', afterHover],
        ['after 200 switches', afterSwitch],
        ['after 5 re-adds', warm],
        ['after 50 re-adds', end],
      ]
        .map(([label, m]) => `${label.padEnd(20)} JS heap ${mb(m.heap).padStart(8)}  wasm memory ${mb(m.wasm).padStart(8)}`)
        .join('\n'),
    );
    console.log(`window listeners: ${listeners0} before, ${listeners1} after 50 re-adds`);
    assert.equal(listeners1, listeners0, 'no listener left on window');
    assert.ok(end.heap < start.heap * 1.5 + 4 * 1048576, `JS heap grew from ${mb(start.heap)} to ${mb(end.heap)}`);
    // Wasm memory never shrinks; once warm it must stop growing (freed datasets are reused).
    assert.ok(end.wasm <= warm.wasm + 2 * 1048576, `wasm memory kept growing: ${mb(warm.wasm)} → ${mb(end.wasm)}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
