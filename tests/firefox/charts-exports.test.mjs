// Charts and downloads in Firefox, on a screen of two device pixels per CSS pixel (the profile's
// `layout.css.devPixelsPerPx`, as a Retina laptop or a phone): the trend chart of a selected area
// is drawn by the chart module at the page's devicePixelRatio, "Download CSV" saves the table and
// its CSVW description, and "Map as PNG" and "Chart as PNG" save valid PNG files at twice CSS
// resolution. Downloads are real: Firefox saves them to the suite's folder, read from disk here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { useFirefox, waitFor, shadowText } from './support/firefox.mjs';
import { layer, valueOf, formatted } from '../e2e/support/bundle.mjs';
import { strictCsv } from '../e2e/support/csv.mjs';

const RATIO = 2;
const suite = useFirefox({ prefs: { 'layout.css.devPixelsPerPx': String(RATIO) } });

/** Clicks a button of the "Download or share" bar. */
async function exportButton(page, kind) {
  await (await page.$(`work-health-atlas >>> .exports button[data-export="${kind}"]`)).click();
}

/** Checks the PNG signature and that every chunk's CRC holds, up to IEND; returns the IHDR size. */
function checkPng(bytes, what) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${what}: the PNG signature`);
  let at = 8;
  const chunks = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const crc = bytes.readUInt32BE(at + 8 + length);
    assert.equal(crc32(bytes.subarray(at + 4, at + 8 + length)), crc, `${what}: the CRC of chunk ${chunks.length} (${type})`);
    chunks.push(type);
    at += 12 + length;
  }
  assert.equal(at, bytes.length, `${what}: the chunks fill the file`);
  assert.equal(chunks[0], 'IHDR');
  assert.ok(chunks.includes('IDAT'), `${what}: image data`);
  assert.equal(chunks.at(-1), 'IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test(`the trend chart is drawn at the page's devicePixelRatio (${RATIO})`, async () => {
  const { page, errors } = await suite.open('/index.html');
  assert.equal(await page.evaluate(() => window.devicePixelRatio), RATIO, 'the profile sets the ratio');
  const area = layer('lsoa').areas[200];
  await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), area.code);
  // The chart module loads on demand; wait for the selected area's orange line.
  await waitFor(page, () => {
    const canvas = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend');
    if (!canvas || !canvas.width) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 110 && data[i + 2] < 60) n += 1;
    return n > 50;
  });
  const canvas = await page.evaluate(() => {
    const c = document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend');
    const rect = c.getBoundingClientRect();
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    // Ink (neither white nor transparent) in the left and the right half of the canvas.
    const ink = [0, 0];
    for (let y = 0; y < c.height; y += 1) {
      for (let x = 0; x < c.width; x += 1) {
        const i = (y * c.width + x) * 4;
        if (data[i + 3] > 128 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) ink[x < c.width / 2 ? 0 : 1] += 1;
      }
    }
    return { width: c.width, height: c.height, cssWidth: rect.width, cssHeight: rect.height, ink };
  });
  assert.ok(canvas.cssWidth > 100, `the chart is ${canvas.cssWidth} CSS px wide`);
  assert.ok(Math.abs(canvas.width - canvas.cssWidth * RATIO) <= RATIO, `backing store ${canvas.width} px for ${canvas.cssWidth} CSS px`);
  assert.ok(Math.abs(canvas.height - canvas.cssHeight * RATIO) <= RATIO, `backing store ${canvas.height} px high for ${canvas.cssHeight} CSS px`);
  // Drawn across the whole canvas, not only its magnified top-left corner.
  assert.ok(canvas.ink[0] > 500 && canvas.ink[1] > 500, `ink in both halves: ${canvas.ink}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Download CSV" saves the layer as CSV and its CSVW description', async () => {
  const { page, errors } = await suite.open('/index.html');
  await exportButton(page, 'csv');
  const status = await waitFor(page, () => {
    const text = document.querySelector('work-health-atlas').shadowRoot.querySelector('.export-status').textContent;
    return text.startsWith('Downloaded') || text.startsWith('Not possible') ? text : null;
  });
  const name = /\(([^()]+\.csv)-metadata\.json\)/.exec(status)?.[1];
  assert.ok(name, `the status names the file: ${status}`);
  const csv = (await suite.download(name)).bytes.toString('utf8');
  const rows = strictCsv(csv);
  const areas = layer('lsoa').areas;
  const codeColumn = rows[0].findIndex((h) => /code/i.test(h));
  assert.ok(codeColumn >= 0, `a code column in ${rows[0]}`);
  const codes = rows.slice(1).map((r) => r[codeColumn]);
  assert.equal(new Set(codes).size, areas.length, 'one row per LSOA');
  const area = areas[7];
  const row = rows.find((r) => r[codeColumn] === area.code);
  const value = valueOf('employment-deprivation', 'lsoa', '2025', area.code);
  assert.ok(row.includes(value.toFixed(1)) || row.includes(formatted('employment-deprivation', value)), `${area.code}'s row holds ${value}: ${row}`);
  // The same text the element's own toCsv() gives: nothing lost on the way to disk.
  assert.equal(csv, await page.evaluate(() => document.querySelector('work-health-atlas').toCsv()));
  const metadata = JSON.parse((await suite.download(`${name}-metadata.json`)).bytes.toString('utf8'));
  assert.equal(metadata.url, name, 'the description names the CSV beside it');
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Map as PNG" and "Chart as PNG" save valid PNG files at twice CSS resolution', async () => {
  const { page, errors } = await suite.open('/index.html');
  const title = await shadowText(page, '.title');
  const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const mapWidth = await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.base').getBoundingClientRect().width);
  await exportButton(page, 'map-png');
  const map = await suite.download(`${stem}.png`);
  const size = checkPng(map.bytes, 'the map');
  // Twice the map's CSS width, whatever the screen's ratio (here also 2).
  assert.equal(size.width, Math.max(240, Math.round(mapWidth)) * 2, `the map PNG is ${size.width} px wide for a ${mapWidth} CSS px map`);

  const area = layer('lsoa').areas[300];
  await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), area.code);
  await waitFor(page, () => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend')?.width > 0);
  await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('canvas.trend').scrollIntoView());
  await exportButton(page, 'chart-png');
  const chart = await suite.download((n) => n !== map.name && n.endsWith('.png'));
  assert.match(chart.name, new RegExp(area.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')), 'the file is named after the area');
  const chartSize = checkPng(chart.bytes, 'the chart');
  assert.ok(chartSize.width > 400 && chartSize.height > 200, `the chart PNG is ${chartSize.width}×${chartSize.height}`);
  assert.match(await shadowText(page, '.export-status'), /^Downloaded/);
  assert.deepEqual(errors, []);
  await page.close();
});
