// Print or save as PDF (issue 16): the Print button lays out an A4 report of the selected area —
// its name, the map zoomed to it and its trend chart (both with ink), every indicator of its layer
// with the city region and England as data/ holds them, the sources, licence and date — and on
// paper no control shows and no box is empty; the demo page's PDF is at most two A4 pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';
import { bundle, indicator, valueOf } from './support/bundle.mjs';

const suite = useSuite();
const REGION = 'E47000004';
const ENGLAND = 'E92000001';

/** A value as the core shows it: scaled, rounded half away from zero, then the unit. */
function shown(id, v) {
  const ind = indicator(id);
  const scale = 10 ** ind.decimals;
  return `${((Math.sign(v) * Math.round(Math.abs(v) * scale)) / scale).toFixed(ind.decimals)}${ind.unit.symbol}`;
}

/** Presses Print with window.print recorded instead of opening a dialogue; resolves with the status. */
async function pressPrint(page) {
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
    document.querySelector('work-health-atlas').shadowRoot.querySelector('button[data-export="print"]').click();
  });
  await page.waitForFunction(() => window.__printed || document.querySelector('work-health-atlas').shadowRoot.querySelector('.export-status').textContent);
  return page.evaluate(() => ({ printed: window.__printed, status: document.querySelector('work-health-atlas').shadowRoot.querySelector('.export-status').textContent }));
}

/** The sheet's indicator rows: `[label, period, value, city region, England]` (the catalogue's order). */
const sheetRows = (page) =>
  page.evaluate(() =>
    [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.print-indicators tbody tr:not(.print-sentence)')].map((tr) => {
      const [head, ...cells] = tr.children;
      return [head.firstChild.textContent, head.querySelector('.print-period').textContent, ...cells.map((c) => c.textContent)];
    }),
  );

/** Pixels of a sheet canvas that are not white, and those in the selected area's orange. */
const ink = (page, selector) =>
  page.evaluate((sel) => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector(sel);
    if (!canvas || !canvas.width) return null;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    let orange = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) inked += 1;
      if (data[i] > 180 && data[i + 1] < 110 && data[i + 2] < 60) orange += 1;
    }
    return { inked, orange, total: data.length / 4 };
  }, selector);

/** What the page shows in print emulation: visible controls, and visible text boxes with no text. */
const onPaper = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('work-health-atlas');
    const shown = (n) => n.checkVisibility() && n.getBoundingClientRect().width > 0;
    const controls = [...document.querySelectorAll('button, select, input, summary'), ...el.shadowRoot.querySelectorAll('button, select, input, [role="tab"]')].filter(shown);
    const boxes = [...el.shadowRoot.querySelectorAll('p, li, td, th, h1, h2, h3, figcaption, figure, section, ul, div, table')].filter(shown);
    return {
      controls: controls.map((n) => n.outerHTML.slice(0, 80)),
      empty: boxes.filter((n) => !n.textContent.trim() && !n.querySelector('canvas')).map((n) => n.outerHTML.slice(0, 80)),
      outsideSheet: boxes.filter((n) => !n.closest('.print-sheet') && !n.contains(el.shadowRoot.querySelector('.print-sheet'))).length,
      text: el.shadowRoot.querySelector('.print-sheet').innerText,
    };
  });

test('Print lays out an A4 report of the selected district: every indicator, sources, no controls, two pages at most', async () => {
  const { page, context, errors } = await suite.openDemo(1200);
  const code = 'E08000012';
  const name = bundle.geographies.find((g) => g.id === 'lad').areas.find((a) => a.code === code).name;
  await page.evaluate((c) => document.querySelector('work-health-atlas').select(c), code);
  const pressed = await pressPrint(page);
  assert.deepEqual(pressed, { printed: 1, status: '' }, 'the sheet is ready, then the print dialogue opens');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.area), code, 'the view on screen did not move');

  // Every indicator published for districts, at its latest period there, as data/ holds it.
  const expected = bundle.indicators.filter((i) => i.series.some((s) => s.geography === 'lad'));
  const rows = await sheetRows(page);
  assert.deepEqual(rows.map((r) => r[0]).sort(), expected.map((i) => i.label).sort(), 'one row per indicator with district figures');
  for (const ind of expected) {
    const period = [...ind.periods].reverse().find((p) => ind.series.some((s) => s.geography === 'lad' && s.period === p.id));
    const [, shownPeriod, value, region, england] = rows.find((r) => r[0] === ind.label);
    assert.equal(shownPeriod, period.label, `${ind.id}: the latest period with district figures`);
    assert.equal(value, shown(ind.id, valueOf(ind.id, 'lad', period.id, code)), `${ind.id}: the area's figure`);
    const comparator = (c) => ind.comparator_values.find((v) => v.code === c && v.period === period.id);
    for (const [cell, c] of [[region, REGION], [england, ENGLAND]]) {
      const v = comparator(c);
      if (v) assert.match(cell, new RegExp(`^${shown(ind.id, v.value).replace('.', '\\.')} \\((better|worse|similar|higher|lower|not compared) [■◆▲▼●○]\\)$`), `${ind.id} against ${c}: ${cell}`);
      else assert.equal(cell, 'not available', `${ind.id} against ${c}`);
    }
  }
  const sentences = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.print-sentence td')].map((td) => td.textContent));
  assert.equal(sentences.length, expected.length);
  // Each row's sentence is the core's about that figure.
  sentences.forEach((s, i) => assert.ok(s.startsWith(`${rows[i][2]} in `), `the sentence of ${rows[i][0]}: ${s}`));

  // The map zoomed to the area and the trend chart, both drawn.
  const map = await ink(page, 'canvas.print-map');
  assert.ok(map && map.inked > map.total * 0.1, `the map has ink (${map?.inked} of ${map?.total})`);
  assert.ok(map.orange > 100, `the map outlines the area (${map.orange} orange pixels)`);
  const trend = await ink(page, 'canvas.print-trend');
  assert.ok(trend && trend.orange > 100, `the trend chart draws the area's line (${trend?.orange} orange pixels)`);

  // On paper: the sheet alone, no control, no empty box; the name, the sources, licence and date.
  await page.emulateMedia({ media: 'print' });
  const paper = await onPaper(page);
  assert.deepEqual(paper.controls, [], 'no drop-down or button on paper');
  assert.deepEqual(paper.empty, [], 'no empty box on paper');
  assert.equal(paper.outsideSheet, 0, 'nothing of the screen layout on paper');
  assert.ok(paper.text.includes(name), 'the area is named');
  for (const ind of expected) assert.ok(paper.text.includes(ind.source.producer), `the source of ${ind.id} is named`);
  assert.ok(paper.text.includes('Open Government Licence v3.0'), 'the licence');
  assert.match(paper.text, /Printed on \d{1,2} [A-Z][a-z]+ \d{4}/, 'the date');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.print-sheet').checkVisibility()), false, 'no sheet on screen');
  // page.pdf prints with the emulated media: back to the default, print.
  await page.emulateMedia({ media: null });

  // The PDF: one or two A4 pages, with the map and the chart as images at twice their CSS size.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  assert.ok(pages >= 1 && pages <= 2, `${pages} A4 pages`);
  const images = [...pdf.matchAll(/\/Subtype\s*\/Image\s*\/Width (\d+)\s*\/Height (\d+)/g)].map((m) => `${m[1]}×${m[2]}`);
  assert.ok(images.includes('1360×640'), `the map is an image in the PDF (${images})`);
  assert.ok(images.includes('1360×380'), `the trend chart is an image in the PDF (${images})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an LSOA report names what is not published for LSOAs and fits two A4 pages', async () => {
  const { page, context, errors } = await suite.openDemo(800);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E01006512'));
  assert.deepEqual(await pressPrint(page), { printed: 1, status: '' });
  const rows = await sheetRows(page);
  const lsoa = bundle.indicators.filter((i) => i.series.some((s) => s.geography === 'lsoa'));
  assert.deepEqual(rows.map((r) => r[0]).sort(), lsoa.map((i) => i.label).sort());
  const others = bundle.indicators.filter((i) => !lsoa.includes(i)).map((i) => i.label);
  const note = await page.evaluate(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.print-note')].map((p) => p.textContent).join(' '));
  for (const label of others) assert.ok(note.includes(label), `${label} is named as not published for LSOAs`);
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  assert.ok(pages >= 1 && pages <= 2, `${pages} A4 pages`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with no area selected Print says to select one; a later print follows the selection of that moment', async () => {
  const { page, context, errors } = await suite.openDemo(1200);
  assert.deepEqual(await pressPrint(page), { printed: 0, status: 'Not possible: select an area to print its report first.' });
  // After the first Print, the browser's own print (beforeprint) redraws the sheet for the area selected then.
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E08000011'));
  assert.deepEqual(await pressPrint(page), { printed: 1, status: '' });
  await page.evaluate(() => {
    document.querySelector('work-health-atlas').select('E06000006');
    window.dispatchEvent(new Event('beforeprint'));
  });
  const heading = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.print-sheet h1').textContent);
  assert.ok(heading.startsWith('Halton'), `the sheet follows the selection: ${heading}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Print works under a strict Content-Security-Policy: no violation, the sheet drawn', async () => {
  const { page, context, errors } = await openPage(suite.browser, { width: 1000, height: 900 });
  await page.goto(`${suite.server.url}/examples/strict-csp.html`);
  await page.evaluate(() => document.querySelector('work-health-atlas').ready);
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E08000012'));
  assert.deepEqual(await pressPrint(page), { printed: 1, status: '' });
  const map = await ink(page, 'canvas.print-map');
  assert.ok(map && map.orange > 100, 'the map is drawn and outlines the area');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(errors, []);
  await context.close();
});
