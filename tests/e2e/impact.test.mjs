// Tracking impact in the browser: a patch built by clicking on the map, an intervention whose
// start is marked on the patch's chart, a matched comparison with its areas outlined and its
// sentence; a patch and notes supplied by the page (notes as pins, hostile text kept as text,
// broken notes reported); drafts that survive a reload and a corrupt draft set aside; and the
// work × health scatter and bivariate map, linked with the map's selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { pagePointOf, recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';
import { openPage } from './support/browser.mjs';
import { bundle as shipped } from './support/bundle.mjs';

const suite = useSuite();

const DRAFT_KEY = 'work-health-atlas:draft:/index.html#atlas';

/** Runs `fn(shadowRoot, element)` in the page. */
const inShadow = (page, fn, arg) =>
  page.evaluate(([source, a]) => {
    const el = document.querySelector('work-health-atlas');
    return new Function('root', 'el', 'arg', `return (${source})(root, el, arg);`)(el.shadowRoot, el, a);
  }, [fn.toString(), arg]);

/** Clicks a button of the element by its text. */
async function clickButton(page, text) {
  const found = await inShadow(page, (root, el, label) => {
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === label && !b.closest('[hidden]'));
    if (!button) return false;
    button.click();
    return true;
  }, text);
  assert.ok(found, `a button "${text}"`);
}

/** Types into the control labelled `label` (inside `scope`) and fires input and change. */
async function fill(page, label, value, scope = '.patch-view') {
  const found = await inShadow(page, (root, el, [sel, text, v]) => {
    const l = [...root.querySelector(sel).querySelectorAll('label')].find((x) => x.textContent.trim() === text);
    const control = l && root.getElementById(l.htmlFor);
    if (!control) return false;
    control.value = v;
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }, [scope, label, value]);
  assert.ok(found, `a field "${label}"`);
}

/** Pixels of a canvas of the element close to an sRGB colour. */
function countColour(page, canvasSelector, [r, g, b], tolerance = 12) {
  return inShadow(page, (root, el, [sel, rgb, tol]) => {
    const canvas = root.querySelector(sel);
    if (!canvas || !canvas.width) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - rgb[0]) <= tol && Math.abs(data[i + 1] - rgb[1]) <= tol && Math.abs(data[i + 2] - rgb[2]) <= tol && data[i + 3] > 200) n += 1;
    }
    return n;
  }, [canvasSelector, [r, g, b], tolerance]);
}

/** Resolves after the element's next animation frame has painted. */
const nextPaint = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

const PATCH_TEAL = [0x00, 0x80, 0x98];
const COMPARISON_GREEN = [0x00, 0x5a, 0x30];

async function openTab(page, id, ready) {
  await inShadow(page, (root, el, tab) => root.querySelector(`#atlas-tab-${tab}`).click(), id);
  await page.waitForFunction(([sel]) => document.querySelector('work-health-atlas').shadowRoot.querySelector(sel), [ready]);
}

const patchCount = (page) => inShadow(page, (root) => root.querySelector('.patch-count')?.textContent ?? '');

test('a patch built by clicking, with an intervention marked on its chart and a matched comparison', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await openTab(page, 'patch', '.patch-view');
  await clickButton(page, 'Pick areas on the map');
  // Three LSOAs of Canning ward, clicked on the map.
  for (const [i, code] of ['E01006512', 'E01006514', 'E01006751'].entries()) {
    const point = await pagePointOf(page, code);
    assert.ok(point, `${code} is on the map`);
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction((n) => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-count').textContent.startsWith(`${n} LSOA`), i + 1);
  }
  assert.equal(await patchCount(page), '3 LSOAs in the patch.');
  // Shift-click adds and takes out without the picking mode.
  await clickButton(page, 'Pick areas on the map');
  const fourth = await pagePointOf(page, 'E01033757');
  await page.keyboard.down('Shift');
  await page.mouse.click(fourth.x, fourth.y);
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-count').textContent.startsWith('4 '));
  await page.mouse.click(fourth.x, fourth.y);
  await page.keyboard.up('Shift');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-count').textContent.startsWith('3 '));
  const change = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-change' && e.detail.patch).at(-1).detail);
  assert.deepEqual(change.patch.areas, ['E01006512', 'E01006514', 'E01006751']);
  // The patch is outlined on the map in its colour.
  await nextPaint(page);
  assert.ok((await countColour(page, 'canvas.overlay', PATCH_TEAL)) > 100, 'teal outlines on the map');

  await fill(page, 'What', 'Work and wellbeing hub');
  // IoD2025 describes 2021–23: the comparison needs a start before that (by reference period).
  await fill(page, 'Started', '2020');
  await clickButton(page, 'Add intervention');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.interventions li'));
  const legend = await inShadow(page, (root) => root.querySelector('.patch-view .chart-legend').textContent);
  assert.match(legend, /Work and wellbeing hub \(intervention start\)/);
  assert.match(legend, /My patch/);
  // The marker: a dark vertical rule on the patch's chart, beside its teal line.
  const rule = await inShadow(page, (root) => {
    const canvas = root.querySelector('canvas.patch-trend');
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let best = 0;
    for (let x = 0; x < width; x += 1) {
      let dark = 0;
      for (let y = 0; y < height; y += 1) {
        const i = (y * width + x) * 4;
        if (data[i] < 40 && data[i + 1] < 40 && data[i + 2] < 40) dark += 1;
      }
      best = Math.max(best, dark);
    }
    return best / height;
  });
  assert.ok(rule > 0.5, `a vertical intervention marker spans the plot (${rule})`);
  assert.ok((await countColour(page, 'canvas.patch-trend', PATCH_TEAL)) > 50, 'the patch line');

  await fill(page, 'Comparison areas', '6');
  await clickButton(page, 'Compare');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison .finding'));
  const finding = await inShadow(page, (root) => root.querySelector('.comparison .finding').textContent);
  assert.match(finding, /From IoD2019 to IoD2025, employment deprivation in the patch \(3 neighbourhoods\)/);
  assert.match(finding, /in 6 matched comparison areas/);
  assert.match(finding, /95% interval/);
  assert.match(finding, /This is an association, not proof of impact\./);
  const matched = await inShadow(page, (root) => [...root.querySelectorAll('.comparison tbody tr')].map((tr) => tr.textContent));
  assert.equal(matched.length, 6);
  assert.ok(matched.every((row) => /Employment deprivation .* vs /.test(row)), 'each area says why it matched');
  const caveats = await inShadow(page, (root) => root.querySelector('.caveats').textContent);
  assert.match(caveats, /Only one period before the start/);
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.map .zoom button[aria-label="Reset zoom"]').click());
  await nextPaint(page);
  assert.ok((await countColour(page, 'canvas.overlay', COMPARISON_GREEN)) > 20, 'the comparison areas are outlined in green');
  assert.ok((await countColour(page, 'canvas.did', PATCH_TEAL)) > 30, 'the difference-in-differences chart is drawn');

  // The patch is a row of the layer's table and CSV, and has its own CSV with the comparison.
  const csv = await page.evaluate(() => document.querySelector('work-health-atlas').toCsv());
  assert.match(csv, /\npatch,Patch: My patch \(3 LSOAs\),,/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** An exported picture read in the page: its size and how many pixels are near `rgb` or dark. */
function readPng(page, kind, rgb) {
  return page.evaluate(async ([k, [r, g, b]]) => {
    const blob = await document.querySelector('work-health-atlas').toPng(k);
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let near = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) < 14 && Math.abs(data[i + 1] - g) < 14 && Math.abs(data[i + 2] - b) < 14) near += 1;
    return { type: blob.type, width: bitmap.width, height: bitmap.height, near };
  }, [kind, rgb]);
}

/** An exported SVG parsed in the page: its texts and how many elements are drawn in `colour`. */
async function readSvg(page, kind, colour) {
  const source = await page.evaluate((k) => document.querySelector('work-health-atlas').toSvg(k), kind);
  return page.evaluate(([text, c]) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent.trim());
    const coloured = [...doc.querySelectorAll('[stroke], [fill]')].filter((e) => [e.getAttribute('stroke'), e.getAttribute('fill')].some((v) => v?.toLowerCase() === c)).length;
    return { texts, coloured, raw: text.includes('&amp;amp;') };
  }, [source, colour]);
}

test('the patch chart and its comparison download as PNG (2×) and SVG, with key, marker and footnotes', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.setAttribute('patch', JSON.stringify({ name: 'Canning & Toxteth', areas: ['E01006512', 'E01006514', 'E01006751'], interventions: [{ name: 'Hub & café', start: '2020' }] }));
  });
  await openTab(page, 'patch', '.patch-view .interventions li');
  await page.waitForFunction(() => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.patch-trend');
    return canvas && !canvas.hidden && canvas.getBoundingClientRect().width > 0;
  });
  // "Chart as SVG" on the Patch tab is the patch's chart: its key names every line, the marker
  // is on the chart and in the key, and "&" reads "&" once.
  const svg = await readSvg(page, 'chart', '#008098');
  assert.equal(svg.error, undefined, svg.error);
  const all = svg.texts.join(' | ');
  for (const label of ['Canning & Toxteth', 'Liverpool City Region', 'Hub & café: intervention start', '‡ Definition or boundaries changed']) {
    assert.ok(svg.texts.some((t) => t === label), `the key row "${label}" in ${all}`);
  }
  assert.ok(svg.texts.filter((t) => t.includes('Hub & café')).length >= 2, 'the marker is labelled on the chart too');
  assert.match(svg.texts.join(' '), /^Employment deprivation: Canning & Toxteth \(patch of 3 LSOAs\)/, 'the title, wrapped or not');
  assert.ok(svg.texts.some((t) => /Open Government Licence/.test(t)), 'the caption');
  assert.ok(svg.texts.some((t) => t.startsWith('‡ The definition or the boundaries changed between')), 'a footnote says what ‡ marks');
  assert.ok(!all.includes('&amp;') && !svg.raw, 'text is escaped once');
  assert.ok(svg.coloured >= 3, `the patch line and its key sample in the patch colour (${svg.coloured})`);
  // The PNG is twice the chart's CSS size at devicePixelRatio 1, with the teal line in it.
  const css = await inShadow(page, (root) => root.querySelector('canvas.patch-trend').getBoundingClientRect().width);
  assert.equal(await page.evaluate(() => devicePixelRatio), 1);
  const png = await readPng(page, 'chart', PATCH_TEAL);
  assert.equal(png.type, 'image/png');
  assert.equal(png.width, Math.max(240, Math.round(css)) * 2, `PNG ${png.width} px for a ${css} px chart`);
  assert.ok(png.height > 2 * 240, 'title, key and caption below the 240 px chart');
  assert.ok(png.near > 400, `the patch line at 2× (${png.near} teal pixels)`);
  // The bar's buttons export the visible tab's chart, named after it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('work-health-atlas button[data-export="chart-png"]').click()]);
  assert.match(download.suggestedFilename(), /canning-toxteth.*\.png$/);
  const status = await inShadow(page, (root) => root.querySelector('.export-status').textContent);
  assert.equal(status, 'Downloaded.');

  // The difference-in-differences chart, after a comparison, by its own buttons and by name.
  await fill(page, 'Comparison areas', '6');
  await clickButton(page, 'Compare');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison canvas.did'));
  const did = await readSvg(page, 'did', '#008098');
  assert.equal(did.error, undefined, did.error);
  assert.ok(did.texts.some((t) => t === 'The difference in differences, with its 95% interval'), did.texts.join(' | '));
  assert.ok(did.texts.some((t) => t === 'The comparison areas'), 'the comparison line in the key');
  assert.ok(did.texts.some((t) => /association, not proof/.test(t)), 'the finding in the notes');
  const didCss = await inShadow(page, (root) => root.querySelector('canvas.did').getBoundingClientRect().width);
  const didPng = await readPng(page, 'did', PATCH_TEAL);
  assert.equal(didPng.width, Math.max(240, Math.round(didCss)) * 2);
  assert.ok(didPng.near > 100, `the patch in the DiD picture (${didPng.near})`);
  const [didFile] = await Promise.all([page.waitForEvent('download'), clickButton(page, 'Comparison chart as SVG')]);
  assert.match(didFile.suggestedFilename(), /\.svg$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the profile, district and scatter charts download as PNG (2×) and SVG from the visible tab', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  // The profile spans every indicator: export it once all of them are in (the rest of the bundle
  // arriving after the first view redraws the open chart).
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').complete()), true);
  const cases = [
    ['profile', 'canvas.profile', /^Liverpool 031A: every indicator/, 'Black tick: Liverpool City Region'],
    ['districts', 'canvas.districts', / by district$/, 'The other districts'],
    ['workhealth', 'canvas.scatter', / and /, 'One point per area.'],
  ];
  for (const [tab, selector, title, keyText] of cases) {
    await openTab(page, tab, `${selector}:not([hidden])`);
    await page.waitForFunction((sel) => document.querySelector('work-health-atlas').shadowRoot.querySelector(sel).width > 300, selector);
    // The canvas is sized before the chart module has loaded and drawn it: wait for the drawing.
    await page.waitForFunction(() => document.querySelector('work-health-atlas').toSvg('chart').then(() => true, () => false));
    await nextPaint(page);
    const svg = await readSvg(page, 'chart', '#000000').catch(async (error) => {
      // Say what the panel showed, should the export refuse after it once succeeded.
      const shown = await inShadow(page, (root) => ({
        tabs: [...root.querySelectorAll('[role=tab][aria-selected=true]')].map((t) => t.id),
        canvases: [...root.querySelectorAll('canvas')].map((c) => `${c.className}${c.hidden ? ' hidden' : ''}`),
        heading: root.querySelector('h2')?.textContent,
      }));
      throw new Error(`${tab}: ${error.message}; ${JSON.stringify(shown)}`);
    });
    assert.equal(svg.error, undefined, `${tab}: ${svg.error}`);
    assert.match(svg.texts[0], title, `${tab}: ${svg.texts.slice(0, 3).join(' | ')}`);
    assert.ok(svg.texts.join(' ').includes(keyText), `${tab}: "${keyText}" in ${svg.texts.join(' | ')}`);
    const css = await inShadow(page, (root, el, sel) => root.querySelector(sel).getBoundingClientRect().width, selector);
    const png = await readPng(page, 'chart', [0, 0, 0]);
    assert.equal(png.width, Math.max(240, Math.round(css)) * 2, `${tab}: PNG ${png.width} px for a ${css} px chart`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * The shipped bundle plus a SYNTHETIC monthly indicator: counts for every LSOA in 24 months
 * (2023-01 … 2024-12), where the `patch` LSOAs' rate falls 0.2 points a month faster than the rest's
 * throughout, before the start as well as after it.
 */
function monthlyBundle(patch) {
  const out = structuredClone(shipped);
  const lsoas = out.geographies[0].areas;
  const template = out.indicators.find((i) => i.id === 'employment-deprivation');
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const months = [2023, 2024].flatMap((y) => names.map((_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));
  let seed = 20240101;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const inPatch = new Set(patch);
  out.indicators.push({
    ...template,
    id: 'synthetic-claimants',
    label: 'Synthetic claimants',
    title: 'SYNTHETIC monthly claimant rate',
    definition: 'Made-up monthly counts for a test.',
    periods: months.map((id) => ({ id, label: `${names[Number(id.slice(5)) - 1]} ${id.slice(0, 4)}`, reference: 'synthetic' })),
    series: months.map((period, t) => {
      const denominators = lsoas.map((_, a) => 1000 + (a % 50) * 20);
      const rate = (a, code) => 12 + (a % 9) * 0.5 - 0.05 * t - (inPatch.has(code) ? 0.2 * t : 0) + 0.3 * (random() - 0.5);
      return { geography: 'lsoa', period, method: 'synthetic', numerators: lsoas.map((area, a) => Math.round((rate(a, area.code) / 100) * denominators[a])), denominators };
    }),
    comparator_values: [],
  });
  return out;
}

test('many months before the start: an event-study chart, a pre-trend warning in words and a table', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  const patch = shipped.geographies[0].areas.slice(0, 6).map((a) => a.code);
  await page.route('**/monthly-bundle.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(monthlyBundle(patch)) }));
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('src', '/monthly-bundle.json'));
  await page.waitForFunction(() => window.__atlasEvents.filter((e) => e.type === 'atlas-ready').length >= 2);
  await page.evaluate((areas) => {
    const el = document.querySelector('work-health-atlas');
    el.setIndicator('synthetic-claimants');
    el.setAttribute('patch', JSON.stringify({ name: 'Synthetic patch', areas, interventions: [{ name: 'Hub', start: '2024-01' }] }));
  }, patch);
  await openTab(page, 'patch', '.patch-view .interventions li');
  await clickButton(page, 'Compare');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison canvas.event-study'));
  const view = await inShadow(page, (root) => {
    const canvas = root.querySelector('canvas.event-study');
    return {
      finding: root.querySelector('.comparison .finding').textContent,
      role: canvas.getAttribute('role'),
      label: canvas.getAttribute('aria-label'),
      description: root.getElementById(canvas.getAttribute('aria-describedby'))?.textContent,
      warning: root.querySelector('.comparison p.problem')?.textContent,
      rows: [...root.querySelectorAll('.event-study-table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      caveats: root.querySelector('.caveats').textContent,
    };
  });
  assert.match(view.finding, /^From Dec 2023 to Jan 2024, synthetic claimants in the patch \(6 /);
  assert.match(view.finding, /This is an association, not proof of impact\./);
  assert.equal(view.role, 'img');
  assert.match(view.label, /relative to Dec 2023, with 95% intervals/);
  assert.match(view.warning, /^Before January 2024 the figures for synthetic claimants were already falling faster or rising more slowly in the patch than in the comparison areas \(12 months checked\): the gap between them changed by -\d\.\d percentage points a year/);
  assert.match(view.warning, /may continue that trend rather than show the intervention's effect/);
  assert.equal(view.description, view.warning, 'the chart is described by the pre-trend check');
  assert.equal(view.rows.length, 24);
  assert.deepEqual(view.rows[11], ['Dec 2023', '0.0', '0.0 to 0.0', 'before']);
  assert.equal(view.rows[12][3], 'after');
  assert.match(view.caveats, /already moving differently before the start/);
  assert.ok((await countColour(page, 'canvas.event-study', PATCH_TEAL)) > 100, 'the event-study chart is drawn');
  const study = await readSvg(page, 'event-study', '#008098');
  assert.ok(study.texts.some((t) => t === 'The start of the intervention'), `the event study's key: ${study.texts?.join(' | ')}`);
  assert.ok(study.coloured > 24, 'its points in the patch colour');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a patch and notes from the page: pins on the map, text kept as text, broken notes reported', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.setAttribute('patch-src', '/__fixtures/patch.json');
    el.setAttribute('notes-src', '/__fixtures/notes.json');
  });
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  const problems = await page.waitForFunction(() => window.__atlasEvents.find((e) => e.type === 'atlas-error' && e.detail.code === 'invalid-notes'));
  const problem = (await problems.jsonValue()).detail;
  assert.equal(problem.recovered, true);
  for (const where of ['notes[2].area', 'notes[3].period', 'notes[3].text', 'notes[3].date']) assert.ok(problem.message.includes(where), `${where} in ${problem.message}`);
  const pin = await inShadow(page, (root) => root.querySelector('.pins .pin').getAttribute('aria-label'));
  assert.match(pin, /^Note 1: Anfield residents' panel, 2024 \(Liverpool 031A\): <img src=x onerror="window.__pwned=1"> Jobs fair/);
  await openTab(page, 'patch', '.patch-view .notes li');
  const view = await inShadow(page, (root) => ({
    name: root.querySelector('.patch-view input').value,
    count: root.querySelector('.patch-count').textContent,
    interventions: root.querySelector('.interventions').textContent,
    notes: [...root.querySelectorAll('.notes .note-text')].map((p) => p.textContent),
    images: root.querySelectorAll('img').length,
  }));
  assert.equal(view.name, 'North Liverpool CIT patch');
  assert.match(view.count, /^\d+ LSOAs in the patch\.$/);
  assert.match(view.interventions, /Work and wellbeing hub from 2020 — Weekly drop-in at the library/);
  assert.equal(view.notes.length, 2);
  assert.ok(view.notes[0].startsWith('<img src=x onerror='), 'markup is shown as text');
  assert.equal(view.images, 0, 'no element was made from note text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The notes go into the map picture's legend and the patch's chart.
  const legend = await inShadow(page, (root) => root.querySelector('.patch-view .chart-legend').textContent);
  assert.match(legend, /Note by Anfield residents' panel/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: select an area with the arrow keys, add it to the patch, open a note pin', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await page.locator('work-health-atlas canvas.overlay').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const selected = await waitForRecorded(page, 'atlas-select');
  await page.locator('work-health-atlas #atlas-tab-patch').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-view'));
  await page.locator('work-health-atlas .patch-view button', { hasText: 'Add the selected area' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-count').textContent.startsWith('1 '));
  const change = await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-change' && e.detail.patch).at(-1).detail);
  assert.deepEqual(change.patch.areas, [selected.code]);
  // A note written with the keyboard becomes a pin, itself a button that leads back to the note.
  await page.locator('work-health-atlas .patch-view textarea >> nth=1').focus();
  await page.keyboard.type('Spoke to the job club');
  await page.locator('work-health-atlas .patch-view input[autocomplete="name"]').focus();
  await page.keyboard.type('Resident researcher');
  await page.locator('work-health-atlas .patch-view button', { hasText: 'Add note' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  await page.locator('work-health-atlas .pins .pin').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.activeElement?.closest?.('.notes li'));
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.activeElement.querySelector('.note-text').textContent), 'Spoke to the job club');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the frame embed passes a patch and notes on from its address', async () => {
  const { page, context, errors } = await openPage(suite.browser, { width: 1000, height: 900 });
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/embed.html?patch-src=/__fixtures/patch.json&notes-src=/__fixtures/notes.json`);
  await page.waitForFunction(() => window.__atlasEvents.some((e) => e.type === 'atlas-change' && e.detail.patch?.name === 'North Liverpool CIT patch'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the patch and work × health tools work under the strict Content-Security-Policy', async () => {
  const { page, context, errors } = await openPage(suite.browser, { width: 1300, height: 1000 });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${suite.server.url}/examples/strict-csp.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.setAttribute('patch-src', '/__fixtures/patch.json');
    el.setAttribute('notes-src', '/__fixtures/notes.json');
  });
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  await openTab(page, 'patch', '.patch-view .interventions li');
  await clickButton(page, 'Compare');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.comparison .finding'));
  await openTab(page, 'workhealth', '.workhealth-view .finding');
  await page.waitForFunction(() => /Pearson/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding').textContent));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a patch the page gives that cannot be used is reported, and the widget carries on', async () => {
  const { page, context, errors } = await suite.openDemo(1200);
  const codeOf = (code) => page.waitForFunction((c) => window.__atlasEvents.find((e) => e.type === 'atlas-error' && e.detail.code === c), code);
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('patch-src', '/__fixtures/no-such-patch.json'));
  const missing = (await (await codeOf('patch-src-not-found')).jsonValue()).detail;
  assert.match(missing.message, /The patch file .*no-such-patch\.json could not be loaded \(HTTP 404\)/);
  assert.equal(missing.recovered, true);
  await page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    el.removeAttribute('patch-src');
    el.setAttribute('patch', '{"name": "Broken", "areas": ["nowhere"], "interventions": [{"name": "x", "start": "soon"}]}');
  });
  const invalid = (await (await codeOf('invalid-patch')).jsonValue()).detail;
  assert.match(invalid.message, /areas\[0\].*nowhere/);
  assert.match(invalid.message, /interventions\[0\]\.start/);
  const invalidCount = () => page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error' && e.detail.code === 'invalid-patch').length);
  const before = await invalidCount();
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('patch', '{not json'));
  await page.waitForFunction((n) => window.__atlasEvents.filter((e) => e.type === 'atlas-error' && e.detail.code === 'invalid-patch').length > n, before);
  assert.match(await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error').at(-1).detail.message), /JSON/);
  // The map still works.
  await page.evaluate(() => document.querySelector('work-health-atlas').setIndicator('income-deprivation'));
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.indicator), 'income-deprivation');
  // The browser logs the 404 itself; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
  await context.close();
});

test('a draft survives a reload, and a corrupt draft is reported and kept aside', async () => {
  const { page, context } = await suite.openDemo(1200);
  await openTab(page, 'patch', '.patch-view');
  await inShadow(page, (root) => {
    root.querySelector('.patch-view details').open = true;
  });
  await fill(page, 'Area codes or names, one per line or separated by commas', 'Canning');
  await clickButton(page, 'Add these areas');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-count').textContent.startsWith('5 '));
  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY));
  assert.equal(saved.version, 1);
  assert.equal(saved.patch.areas.length, 5);

  await page.reload();
  await waitForRecorded(page, 'atlas-ready');
  // The draft loads at start (the patch is outlined) and the tab shows it.
  await page.waitForFunction(() => window.__atlasEvents.some((e) => e.type === 'atlas-change' && e.detail.patch && e.detail.patch.areas.length === 5));
  await openTab(page, 'patch', '.patch-view');
  assert.equal(await patchCount(page), '5 LSOAs in the patch.');

  const corrupt = '{"version":1,"patch":{"name":"Old","areas":["E99999999"],"interventions":[]},"notes":[]}';
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [DRAFT_KEY, corrupt]);
  // Without the address's hash: sync-url keeps the patch there, and a patch in the address is a
  // shared link's, shown over the draft (share.test.mjs). Here only the draft is on trial.
  const bare = page.url().replace(/#.*/, '');
  await page.goto(bare);
  const error = (await (await page.waitForFunction(() => window.__atlasEvents.find((e) => e.type === 'atlas-error' && e.detail.code === 'draft-trimmed'))).jsonValue()).detail;
  assert.match(error.message, /had problems: .*E99999999/);
  const kept = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:set-aside:`)).map((k) => localStorage.getItem(k)), DRAFT_KEY);
  assert.deepEqual(kept, [corrupt], 'the corrupt draft is kept, not lost');
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), null);
  await openTab(page, 'patch', '.patch-view .problem');
  assert.match(await inShadow(page, (root) => root.querySelector('.patch-view .problem').textContent), /kept in this browser as/);
  assert.equal(await patchCount(page), 'The patch is empty.');

  // A draft with notes but no areas yet is a good draft.
  const notesOnly = { version: 1, patch: { name: 'Starting', areas: [], interventions: [] }, notes: [{ area: 'E01006512', period: '2024', text: 'First visit', author: 'Me', date: '2025-01-02' }] };
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [DRAFT_KEY, JSON.stringify(notesOnly)]);
  await page.goto(bare);
  await waitForRecorded(page, 'atlas-ready');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
  await openTab(page, 'patch', '.patch-view .notes li');
  assert.equal(await inShadow(page, (root) => root.querySelector('.notes .note-text').textContent), 'First visit');
  assert.equal(await page.evaluate(() => window.__atlasEvents.filter((e) => e.type === 'atlas-error').length), 0);
  await context.close();
});

test('work × health: correlation, scatter and bivariate map linked with the map selection', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await openTab(page, 'workhealth', '.workhealth-view .finding');
  await page.waitForFunction(() => /Pearson's r = /.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding').textContent));
  const finding = await inShadow(page, (root) => root.querySelector('.workhealth-view .finding').textContent);
  assert.match(finding, /^Across 1003 neighbourhoods, areas with a higher employment deprivation rate tend to have a higher disability rate \(strong link\): Pearson's r = 0\.8\d \(95% interval 0\.\d\d to 0\.\d\d\)/);
  assert.match(finding, /does not show that the same people are affected/);
  const ORANGE = [0xd5, 0x3e, 0x0f];
  assert.equal(await countColour(page, 'canvas.scatter', ORANGE, 6), 0, 'nothing selected yet');
  // Map selection → the scatter rings the area's point.
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  await page.waitForFunction(() => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.scatter');
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 0xd5) < 7 && Math.abs(d[i + 1] - 0x3e) < 7 && Math.abs(d[i + 2] - 0x0f) < 7) return true;
    return false;
  });
  // Scatter → map: hovering a point names it and outlines it on the map; clicking selects it.
  const box = await inShadow(page, (root) => {
    const r = root.querySelector('canvas.scatter').getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  const before = await page.evaluate(() => document.querySelector('work-health-atlas').paintCounts.overlay);
  let readout = '';
  for (let y = box.y + box.height * 0.2; y < box.y + box.height * 0.85 && !readout; y += 4) {
    for (let x = box.x + box.width * 0.2; x < box.x + box.width * 0.9 && !readout; x += 6) {
      await page.mouse.move(x, y);
      readout = await inShadow(page, (root) => root.querySelector('.workhealth-view .readout').textContent);
      if (readout) await page.mouse.click(x, y);
    }
  }
  assert.ok(readout, 'a point was found under the pointer');
  const name = readout.split(':')[0];
  const selected = await page.waitForFunction((n) => window.__atlasEvents.filter((e) => e.type === 'atlas-select').at(-1)?.detail.name === n, name);
  assert.ok(await selected.jsonValue());
  assert.ok((await page.evaluate(() => document.querySelector('work-health-atlas').paintCounts.overlay)) > before, 'the map outlined the hovered area');

  // The bivariate map: the palette's colours on the map and a legend table over it.
  const HIGH_HIGH = [0x3b, 0x49, 0x94];
  assert.equal(await countColour(page, 'canvas.base', HIGH_HIGH, 3), 0);
  await clickButton(page, 'Colour the map by this pair');
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend.bivariate').hidden);
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.map .zoom button[aria-label="Reset zoom"]').click());
  await nextPaint(page);
  assert.ok((await countColour(page, 'canvas.base', HIGH_HIGH, 3)) > 1000, 'areas high on both in the darkest colour');
  const cells = await inShadow(page, (root) => [...root.querySelectorAll('.legend.bivariate td[title]')].map((td) => td.textContent));
  assert.equal(cells.length, 9);
  assert.ok(cells.every((c) => /\d+.* neighbourhoods$/.test(c)), 'each cell says its class and count in words');
  const count = (await inShadow(page, (root) => [...root.querySelectorAll('.legend.bivariate td[title] .count')].map((c) => Number(c.textContent)))).reduce((a, b) => a + b, 0);
  assert.equal(count, 1003);
  // Another layer: the pair is read again on wards and the map keeps its bivariate colours.
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'ward'));
  await page.waitForFunction(() => /^Across 158 wards/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding').textContent));
  await nextPaint(page);
  assert.equal(await inShadow(page, (root) => root.querySelector('.legend.bivariate').hidden), false);
  assert.ok((await countColour(page, 'canvas.base', HIGH_HIGH, 3)) > 1000, 'wards high on both in the darkest colour');
  await clickButton(page, 'Colour the map by this pair');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend.bivariate').hidden);
  await nextPaint(page);
  assert.equal(await countColour(page, 'canvas.base', HIGH_HIGH, 3), 0, 'the classes are back');
  assert.deepEqual(errors, []);
  await context.close();
});

test('work × health: never one indicator on both axes, a dropped indicator is announced, the colours leave with the tab', async () => {
  const { page, context, errors } = await suite.openDemo(1300);
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'msoa'));
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.geography === 'msoa');
  await openTab(page, 'workhealth', '.workhealth-view .finding');
  await page.waitForFunction(() => /Pearson/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding').textContent));
  // Each list leaves out the indicator the other axis shows.
  const sameDisabled = await inShadow(page, (root) => {
    const [x, y] = [root.getElementById('atlas-wh-x'), root.getElementById('atlas-wh-y')];
    return [[...y.options].find((o) => o.value === x.value).disabled, [...x.options].find((o) => o.value === y.value).disabled];
  });
  assert.deepEqual(sameDisabled, [true, true]);
  // Economically inactive is published for MSOAs, not LSOAs: moving to LSOAs says so.
  await inShadow(page, (root) => {
    const y = root.getElementById('atlas-wh-y');
    y.value = 'economically-inactive';
    y.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => /economically inactive/i.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.workhealth-view .finding').textContent));
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('geography', 'lsoa'));
  await page.waitForFunction(() => /^Economically inactive has no figures for .*; it has figures for .*MSOA.*\. Showing .* instead\.$/.test(document.querySelector('work-health-atlas').shadowRoot.querySelector('.layer-note').textContent));
  const note = await inShadow(page, (root) => root.querySelector('.layer-note').textContent);
  assert.equal(await inShadow(page, (root) => root.querySelector('.footer [aria-atomic]').textContent), note, 'announced');
  // The bivariate colours show with the tab open, and leave (and come back) with it.
  await clickButton(page, 'Colour the map by this pair');
  const bivariateShown = () => inShadow(page, (root) => !root.querySelector('.legend.bivariate').hidden);
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend.bivariate').hidden);
  await inShadow(page, (root) => root.querySelector('#atlas-tab-trend').click());
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend.bivariate').hidden);
  assert.equal(await bivariateShown(), false);
  await openTab(page, 'workhealth', '.workhealth-view .finding');
  await page.waitForFunction(() => !document.querySelector('work-health-atlas').shadowRoot.querySelector('.legend.bivariate').hidden);
  assert.deepEqual(errors, []);
  await context.close();
});
