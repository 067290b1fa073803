// Hardening, tried as an attacker would on two local origins: the frame embed shows no other
// origin's data (named directly or reached by a redirect) and keeps the atlas's own; no CSV cell
// a spreadsheet would run as a formula, whatever the names; a malformed link hash neither freezes
// nor throws; an endless notes file is cut off at its limit without filling memory; embed-resize.js
// sizes only the real embed's frame; and drafts over a limit keep what fits and can be restored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './support/server.mjs';
import { launch, openPage } from './support/browser.mjs';
import { recordAtlasEvents, waitForRecorded, waitForTrendChart } from './support/atlas.mjs';
import { strictCsv } from './support/csv.mjs';

let server; // the widget's origin (the partner's site)
let evil; // another origin (the attacker's), serving the same files
let browser;

before(async () => {
  server = await startServer();
  evil = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await evil?.close();
  await server?.close();
});

const shadow = (page, fn, arg) =>
  page.evaluate(([source, a]) => {
    const el = document.querySelector('work-health-atlas');
    return new Function('root', 'el', 'arg', `return (${source})(root, el, arg);`)(el.shadowRoot, el, a);
  }, [fn.toString(), arg]);

const errorCodes = (page) => page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error').map((e) => e.detail.code));

/** Opens `path` on the widget's origin with the atlas events recorded; waits for atlas-ready. */
async function open(path, { width = 1200 } = {}) {
  const session = await openPage(browser, { width, height: 900 });
  await recordAtlasEvents(session.page);
  await session.page.goto(`${server.url}${path}`);
  await waitForRecorded(session.page, 'atlas-ready');
  return session;
}

/** Cells a spreadsheet would run as a formula (numbers, such as -1.5, are numbers). */
function formulaCells(csv) {
  return strictCsv(csv)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+(\.\d+)?$/.test(cell));
}

// ---- the frame embed takes data only from its own origin ----------------------------------------

const HOSTILE = {
  src: () => `${evil.url}/__fixtures/malicious-bundle.json`,
  'patch-src': () => `${evil.url}/__fixtures/patch.json`,
  'notes-src': () => `${evil.url}/__fixtures/notes.json`,
};

for (const [option, url] of Object.entries(HOSTILE)) {
  for (const via of ['directly', 'through a same-origin redirect']) {
    test(`embed.html?${option}= another origin (${via}) shows none of its data and keeps the atlas's own`, async () => {
      const target = via === 'directly' ? url() : `${server.url}/__redirect?to=${encodeURIComponent(url())}`;
      const { page, context, errors } = await open(`/embed.html?${option}=${encodeURIComponent(target)}`);
      const expected = option === 'src' ? 'src-origin-refused' : `${option}-origin-refused`;
      await page.waitForFunction((c) => window.__atlasEvents.some((e) => e.type === 'atlas-error' && e.detail.code === c), expected);
      const detail = await page.evaluate((c) => window.__atlasEvents.find((e) => e.detail?.code === c).detail, expected);
      assert.equal(detail.recovered, true);
      assert.match(detail.message, new RegExp(`is on ${evil.url.replace(/[.]/g, '\\.')}, which this page does not allow`));
      // The atlas's own data is on show: its title, no synthetic banner, no "Data from" line.
      const caption = await shadow(page, (root) => root.textContent);
      assert.doesNotMatch(caption, /SYNTHETIC|hostile|Data from/);
      assert.match(await shadow(page, (root, el) => el.state.indicator), /^[a-z-]+$/);
      if (option !== 'src') {
        // Nothing from the other origin's patch or notes reached the widget.
        await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 0);
        const changes = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-change' && e.detail.patch).map((e) => e.detail.patch));
        assert.ok(changes.every((p) => p.areas.length === 0 && p.notes === 0), JSON.stringify(changes));
      }
      if (via === 'directly') {
        const asked = await page.evaluate((origin) => performance.getEntriesByType('resource').filter((r) => r.name.startsWith(origin)).length, evil.url);
        assert.equal(asked, 0, 'no request to the other origin at all');
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('the frame embed still takes files from its own origin, and names where data came from', async () => {
  const { page, context, errors } = await open(`/embed.html?notes-src=${encodeURIComponent('/__fixtures/notes.json')}`);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  await context.close();
  const other = await open(`/embed.html?src=${encodeURIComponent('/__fixtures/malicious-bundle.json')}`);
  const host = new URL(server.url).host;
  assert.match(await shadow(other.page, (root) => root.querySelector('.caption').textContent), new RegExp(`Data from ${host.replace(/[.]/g, '\\.')}\\.`));
  assert.deepEqual([...errors, ...other.errors], []);
  await other.context.close();
});

test('a partner can allow another origin in embed.html, and the element can be limited the same way', async () => {
  // embed.html as a partner edits it: the other origin listed in its meta tag.
  const session = await openPage(browser, { width: 1200, height: 900 });
  await recordAtlasEvents(session.page);
  const notes = encodeURIComponent(`${evil.url}/__fixtures/notes.json`);
  await session.page.goto(`${server.url}/embed-allowing.html?allow=${encodeURIComponent(evil.url)}&notes-src=${notes}`);
  await waitForRecorded(session.page, 'atlas-ready');
  await session.page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  assert.deepEqual(session.errors, []);
  await session.context.close();
  // The element itself: allowed-origins names only another origin, so its own is refused.
  const { page, context } = await open('/index.html');
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.setAttribute('allowed-origins', 'https://data.example.org');
    el.setAttribute('notes-src', '/__fixtures/notes.json');
  });
  await page.waitForFunction(() => window.__atlasEvents.some((e) => e.detail?.code === 'notes-src-origin-refused'));
  await context.close();
});

// ---- no formulas in any CSV ---------------------------------------------------------------------

test('the layer CSV and the patch CSV hold no formula cell, whatever the names', async () => {
  const { page, context, errors } = await open(`/index.html`);
  // A bundle whose every text field carries markup or a formula, given by the page itself.
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('src', '/__fixtures/malicious-bundle.json'));
  await page.waitForFunction(() => /SYNTHETIC/.test(document.querySelector('work-health-atlas').shadowRoot.textContent));
  const layerCsv = await page.evaluate(() => document.querySelector('work-health-atlas').toCsv());
  assert.match(layerCsv, /HYPERLINK|=/, 'the hostile text is in the file');
  assert.deepEqual(formulaCells(layerCsv), []);
  await page.evaluate(() => document.querySelector('work-health-atlas').removeAttribute('src'));
  await page.waitForFunction(() => !/SYNTHETIC/.test(document.querySelector('work-health-atlas').shadowRoot.textContent));
  await waitForRecorded(page, 'atlas-ready');
  // A patch and an intervention named to break out of their cells.
  const patch = { name: 'North,=HYPERLINK("https://evil/p"),', areas: ['Anfield'], interventions: [{ name: 'Hub,=1+1,', start: '2020', note: '@SUM(A1),-2+3' }] };
  await page.evaluate((p) => document.querySelector('work-health-atlas').setAttribute('patch', JSON.stringify(p)), patch);
  await shadow(page, (root) => root.querySelector('#atlas-tab-patch').click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-view .interventions li'));
  // One table (the figures; no comparison was run, no notes written) and its CSVW sidecar.
  const downloads = new Promise((resolve) => {
    const got = [];
    page.on('download', (d) => got.push(d) === 2 && resolve(got));
  });
  await shadow(page, (root) => [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Patch as CSV').click());
  const [table, sidecar] = await downloads;
  assert.equal(sidecar.suggestedFilename(), `${table.suggestedFilename()}-metadata.json`);
  const patchCsv = readFileSync(await table.path(), 'utf8');
  assert.match(patchCsv, /^\uFEFFperiod,period_label,value,/, 'the header first');
  assert.deepEqual(formulaCells(patchCsv), []);
  // The names are text in the sidecar (JSON, which no spreadsheet runs), whole and unsplit.
  const meta = JSON.parse(readFileSync(await sidecar.path(), 'utf8'));
  assert.equal(meta.url, table.suggestedFilename());
  assert.ok(meta['dc:title'].startsWith(patch.name), meta['dc:title']);
  assert.ok(meta['rdfs:comment'].includes('Intervention: Hub,=1+1, from 2020: @SUM(A1),-2+3'), JSON.stringify(meta['rdfs:comment']));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page bundle with a line break or an escape in its text is refused, every place located', async () => {
  const bundle = JSON.parse(readFileSync(join(repoRoot, 'tests', 'e2e', 'fixtures', 'malicious-bundle.json'), 'utf8'));
  bundle.meta.attribution.push('Figures\n=4+4');
  bundle.geographies[0].areas[0].name = 'Esc\u001b[31m';
  const { page, context } = await open('/index.html');
  await page.route('**/control-bundle.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(bundle) }));
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('src', '/control-bundle.json'));
  await page.waitForFunction(() => window.__atlasEvents.some((e) => e.detail?.code === 'invalid-data'));
  const message = await page.evaluate(() => window.__atlasEvents.find((e) => e.detail?.code === 'invalid-data').detail.message);
  assert.match(message, /control characters in 2 text field\(s\)/);
  assert.match(message, /meta\.attribution\[2\]: holds the control character U\+000A/);
  assert.match(message, /geographies\[0\]\.areas\[0\]\.name: holds the control character U\+001B/);
  await context.close();
});

// ---- a malformed link neither freezes nor throws --------------------------------------------------

test('#atlas=% with sync-url: the widget loads, and a bad hash later is ignored', async () => {
  const session = await openPage(browser, { width: 1200, height: 900 });
  const { page, context, errors } = session;
  await recordAtlasEvents(page);
  const started = Date.now();
  await page.goto(`${server.url}/index.html#atlas=%`);
  await waitForRecorded(page, 'atlas-ready');
  assert.ok(Date.now() - started < 5000, `ready in ${Date.now() - started} ms`);
  assert.ok((await errorCodes(page)).includes('invalid-attribute'));
  await page.evaluate(() => {
    window.location.hash = '#atlas=indicator:x;area:%E0%A4%A';
  });
  await page.waitForFunction(() => window.__atlasEvents.filter((e) => e.detail?.code === 'invalid-attribute').length === 2);
  assert.deepEqual(errors, [], 'hashchange never throws');
  // The state is written back into this page's own address, even under a <base href>.
  await page.evaluate(() => {
    const base = document.createElement('base');
    base.href = '/sub/path/';
    document.head.prepend(base);
    document.querySelector('work-health-atlas').setIndicator('disability');
  });
  await page.waitForFunction(() => /indicator:disability/.test(window.location.hash));
  assert.equal(await page.evaluate(() => window.location.pathname), '/index.html');
  await context.close();
});

// ---- size limits are counted as the body streams in -----------------------------------------------

test('a 200 MB chunked notes-src is refused within 2 s without filling memory', async () => {
  // A browser of its own, so the renderer's peak memory is this page's alone.
  const own = await launch();
  try {
    const { page, context, errors } = await openPage(own, { width: 1200, height: 900 });
    await recordAtlasEvents(page);
    await page.goto(`${server.url}/index.html`);
    await waitForRecorded(page, 'atlas-ready');
    const cdp = await own.newBrowserCDPSession();
    const renderers = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    const started = Date.now();
    await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('notes-src', '/__stream?bytes=200000000'));
    await page.waitForFunction(() => window.__atlasEvents.some((e) => e.detail?.code === 'notes-src-too-large'));
    const took = Date.now() - started;
    const peaks = (await renderers()).map((pid) => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
    });
    const peak = Math.max(...peaks);
    console.log(`# 200 MB notes-src refused in ${took} ms; peak renderer memory ${peak.toFixed(0)} MB`);
    assert.ok(took < 2000, `refused in ${took} ms`);
    assert.ok(peak < 300, `peak renderer memory ${peak.toFixed(0)} MB`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await own.close();
  }
});

// ---- embed-resize.js sizes only the real embed's frame ---------------------------------------------

test('embed-resize.js resizes the embed beside it, not a frame of another origin or path', async () => {
  const host = await startServer({ hostFor: server.url });
  try {
    const { page, context, errors } = await openPage(browser, { width: 1200, height: 900 });
    await page.goto(`${host.url}/host-iframe.html`);
    await page.waitForFunction(() => parseInt(document.getElementById('atlas-frame').style.height, 10) > 200);
    // Two impostors: the same embed page from another origin, and from another path. They are
    // real embeds, so they post their heights too; a listener added after embed-resize.js's sees
    // each message after it has been handled.
    await page.evaluate(([other, same]) => {
      window.__heights = { evil: 0, elsewhere: 0 };
      for (const [id, src] of [['evil', `${other}/embed.html?view=map`], ['elsewhere', `${same}/sub/path/embed.html?view=map`]]) {
        const frame = document.createElement('iframe');
        frame.id = id;
        frame.src = src;
        frame.style.height = '150px';
        // At the top of the page: Chromium does not render a cross-origin frame out of view.
        document.body.prepend(frame);
        window.addEventListener('message', (event) => {
          if (event.source === frame.contentWindow && event.data?.type === 'work-health-atlas:height') window.__heights[id] += 1;
        });
      }
    }, [evil.url, server.url]);
    await page.waitForFunction(() => window.__heights.evil > 0 && window.__heights.elsewhere > 0);
    assert.equal(await page.evaluate(() => document.getElementById('evil').style.height), '150px');
    assert.equal(await page.evaluate(() => document.getElementById('elsewhere').style.height), '150px');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await host.close();
  }
});

// ---- drafts keep what fits -------------------------------------------------------------------------

test('a draft over the note limit keeps its patch and the notes that fit, and can be restored', async () => {
  const key = 'work-health-atlas:draft:/index.html#atlas';
  const note = (i) => ({ area: 'E01006512', period: '2024', text: `Note ${i}`, author: 'Test', date: '2025-01-02' });
  const draft = { version: 1, patch: { name: 'Kept', areas: ['E01006512', 'E01006514'], interventions: [] }, notes: Array.from({ length: 1200 }, (_, i) => note(i)) };
  const { page, context, errors } = await open('/index.html');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(draft)]);
  await page.reload();
  await waitForRecorded(page, 'atlas-ready');
  await page.waitForFunction(() => window.__atlasEvents.some((e) => e.detail?.code === 'draft-trimmed'));
  await page.waitForFunction(() => window.__atlasEvents.some((e) => e.type === 'atlas-change' && e.detail.patch?.areas.length === 2));
  const summary = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-change' && e.detail.patch).at(-1).detail.patch);
  assert.equal(summary.name, 'Kept');
  assert.equal(summary.notes, 1000, 'the notes that fit are kept');
  const setAside = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(`${k}:set-aside:`)), key);
  assert.equal(setAside.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), setAside[0]), JSON.stringify(draft), 'the draft as it was is kept');
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)).notes.length, 1000, 'the trimmed draft is saved');
  await shadow(page, (root) => root.querySelector('#atlas-tab-patch').click());
  await page.waitForFunction(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('button')].some((b) => b.textContent === 'Restore the set-aside draft'));
  await shadow(page, (root) => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Restore the set-aside draft').click());
  await page.waitForFunction(() => /^Restored the set-aside draft/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.footer [aria-atomic]')?.textContent ?? ''));
  assert.match(await shadow(page, (root) => root.querySelector('.footer [aria-atomic]')?.textContent ?? ''), /Restored the set-aside draft, without what could not be read: .*more than 1000 notes/);
  // What still could not be used is not thrown away: the copy stays.
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), setAside[0]), JSON.stringify(draft), 'the set-aside copy is kept');
  // Importing notes never takes a draft past its limit.
  const file = Buffer.from(JSON.stringify({ notes: Array.from({ length: 5 }, (_, i) => note(i)) }));
  await page.locator('work-health-atlas input[type=file][aria-label="Notes file to import (JSON)"]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: file });
  await page.waitForFunction(() => /Imported 0 notes; 5 more did not fit/.test(document.querySelector('work-health-atlas').shadowRoot.textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

// ---- SVG text is escaped once ------------------------------------------------------------------------

test('an exported SVG whose title holds "&" shows "&" once', async () => {
  const { page, context, errors } = await open('/index.html');
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E05013171'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.panel-title')?.textContent.startsWith('Beechwood & Heath'));
  await waitForTrendChart(page);
  const svg = await page.evaluate(() => document.querySelector('work-health-atlas').toSvg());
  const texts = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return null;
    return [...doc.querySelectorAll('text')].map((t) => t.textContent);
  }, svg);
  assert.ok(texts, 'the SVG is well-formed XML');
  assert.ok(texts.some((t) => t.includes('Beechwood & Heath')), texts.join(' | '));
  assert.ok(texts.some((t) => /2019 & 2025/.test(t)), 'the attribution line reads "&"');
  assert.ok(texts.every((t) => !t.includes('&amp;')), 'no text reads "&amp;"');
  assert.deepEqual(errors, []);
  await context.close();
});
