// `make bench`: our widget against a Leaflet choropleth in headless Chromium (CPU raster), at the
// LCR LSOA layer (1,003 polygons) and at ~10,000 and ~35,000 SYNTHETIC polygons. Prints one table
// per scale (metric | ours | Leaflet | ours/peer | issue 15's target), each number the median of
// `--runs` interleaved runs (ours, then Leaflet, per run), and writes target/bench/results.json
// and target/bench/results.md. Method: tools/bench/README.md.
//
// Usage: node tools/bench/run.mjs [--scales lcr,synthetic-10k,synthetic-35k] [--moves 200] [--runs 3]
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import os from 'node:os';
import { launch } from '../../tests/e2e/support/browser.mjs';
import { extent, makeScale, repoRoot } from './make-scale.mjs';
import { startBenchServer } from './server.mjs';

const VIEWPORT = { width: 1000, height: 700 };
const OUT = join(repoRoot, 'target', 'bench');
const LIMIT_MS = 30 * 60 * 1000;
const started = Date.now();

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const SCALE_IDS = argument('--scales', 'lcr,synthetic-10k,synthetic-35k').split(',');
const MOVES = Number(argument('--moves', '200'));
const SWITCHES = 6;
// Whole runs per scale, ours and Leaflet interleaved; the table shows each metric's median.
const RUNS = Math.max(1, Number(argument('--runs', '3')));
const LOAD_REPEATS = 3;

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${LIMIT_MS / 60000} minutes; giving up.`);
  process.exit(2);
}, LIMIT_MS);
watchdog.unref();

// ---- statistics ----------------------------------------------------------------------------

function quantile(values, p) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const rank = Math.ceil(p * sorted.length) - 1; // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
const median = (v) => quantile(v, 0.5);
const p95 = (v) => quantile(v, 0.95);
const round = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

// ---- one map, one scale ----------------------------------------------------------------------

function category(url) {
  const path = new URL(url).pathname;
  // The probe and ours.js (the bench's hooks; a real embed needs no page script) are not counted.
  if (path === '/bench/probe.js' || path === '/bench/ours.js' || path.endsWith('.html') || path.endsWith('.css') || path.endsWith('favicon.ico')) return 'other';
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js') || path.endsWith('.mjs')) return 'js';
  if (path.endsWith('.json') || path.endsWith('.geojson') || path.endsWith('.bin')) return 'data';
  return 'other';
}

function gzipSize(buffer) {
  return gzipSync(buffer, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
}

function summariseBytes(records) {
  const out = { wasm: { raw: 0, gzip: 0 }, js: { raw: 0, gzip: 0 }, data: { raw: 0, gzip: 0 }, other: { raw: 0, gzip: 0 }, files: [] };
  for (const r of records) {
    out[r.category].raw += r.raw;
    out[r.category].gzip += r.gzip;
    out.files.push({ path: new URL(r.url).pathname, category: r.category, raw: r.raw, gzip: r.gzip });
  }
  out.total = { raw: out.wasm.raw + out.js.raw + out.data.raw, gzip: out.wasm.gzip + out.js.gzip + out.data.gzip };
  return out;
}

/** Records every response body of `page` (raw and gzip size) into `sink` while `sink.on`. */
function recordResponses(page, sink) {
  page.on('response', (response) => {
    if (!sink.on) return;
    const url = response.url();
    if (!url.startsWith('http://127.0.0.1')) {
      sink.foreign.push(url);
      return;
    }
    sink.pending.push(
      response
        .body()
        .then((body) => sink.records.push({ url, category: category(url), raw: body.length, gzip: gzipSize(body) }))
        .catch(() => {}),
    );
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1') && !request.url().startsWith('data:')) sink.foreign.push(request.url());
  });
}

/**
 * The scripted pointer path: 5 sweeps over the middle 70 % of the drawn map, `n` points. Both maps
 * fit the layer's bounds in the box (contain, centred), so the drawn map is the box shrunk to the
 * bounds' Web Mercator aspect ratio (`aspect` = width / height).
 */
function pointerPath(mapBox, n, aspect) {
  const width = Math.min(mapBox.width, mapBox.height * aspect);
  const height = width / aspect;
  const box = { left: mapBox.left + (mapBox.width - width) / 2, top: mapBox.top + (mapBox.height - height) / 2, width, height };
  const rows = 5;
  const perRow = Math.ceil(n / rows);
  const points = [];
  for (let r = 0; r < rows; r += 1) {
    const y = box.top + box.height * (0.15 + (0.7 * r) / (rows - 1));
    for (let i = 0; i < perRow && points.length < n; i += 1) {
      const t = i / (perRow - 1);
      const f = r % 2 === 0 ? t : 1 - t;
      points.push({ x: box.left + box.width * (0.15 + 0.7 * f), y });
    }
  }
  return points;
}

async function measure(browser, server, kind, scale, mapSize) {
  const url =
    kind === 'ours'
      ? `${server.url}/bench/ours.html${scale.packed ? `?src=${encodeURIComponent(`/data/${scale.packed}`)}` : ''}`
      : `${server.url}/bench/leaflet.html?geojson=${encodeURIComponent(`/data/${scale.geojson}`)}&w=${mapSize.width}&h=${mapSize.height}`;
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(180000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const sink = { on: true, records: [], pending: [], foreign: [] };
  recordResponses(page, sink);
  const B = (fn, arg) => page.evaluate(fn, arg);
  const checkErrors = async (step) => {
    const pageErrors = await B(() => window.__bench.errors ?? null);
    if (pageErrors) throw new Error(`${kind} ${scale.id} ${step}: ${JSON.stringify(pageErrors)}`);
  };

  // Cold load (fresh context, empty cache).
  await page.goto(url, { waitUntil: 'load' });
  const cold = await B(() => window.__bench.loadTimes());
  await checkErrors('cold load');
  await Promise.all(sink.pending);
  sink.on = false;
  const bytes = summariseBytes(sink.records);
  // The first view: what was fetched before the first map paint (issue 15's measure).
  const beforePaint = new Set(cold.beforePaint ?? []);
  bytes.firstView = summariseBytes(sink.records.filter((r) => beforePaint.has(r.url))).total;

  // Warm load: the same URL again in the same context (HTTP cache, compiled-code caches).
  const hitsBefore = new Map(server.hits);
  await page.goto(url, { waitUntil: 'load' });
  const warm = await B(() => window.__bench.loadTimes());
  await checkErrors('warm load');
  const refetched = [...server.hits].filter(([p, n]) => n > (hitsBefore.get(p) ?? 0)).map(([p]) => p);

  const box = await B(() => window.__bench.mapBox());
  const legend = kind === 'ours' ? await B(() => window.__bench.legendColours()) : null;

  // Hover: the same pointer path for both, paced ≥ 40 ms apart (Leaflet ignores moves within 32 ms
  // of the last one it handled); each move waits until its highlight frame has been measured.
  const path = pointerPath(box, MOVES, scale.aspect);
  await page.mouse.move(path[0].x, path[0].y);
  await B(() => window.__bench.settle(40));
  await B(() => {
    window.__bench.hover = [];
    window.__bench.pointerMoves = 0;
  });
  const overlayBefore = kind === 'ours' ? await B(() => window.__bench.paintCounts()) : null;
  for (const p of path) {
    await page.mouse.move(p.x, p.y);
    await B(() => window.__bench.settle(40));
  }
  const hover = await B(() => ({ samples: window.__bench.hover, moves: window.__bench.pointerMoves }));
  const overlayAfter = kind === 'ours' ? await B(() => window.__bench.paintCounts()) : null;
  await checkErrors('hover');

  // Indicator switch: alternate between the two indicators.
  await page.mouse.move(box.left + box.width / 2, box.top + box.height + 40 > VIEWPORT.height ? 2 : box.top + box.height + 40);
  await B(() => window.__bench.settle(0));
  const switches = [];
  for (let i = 0; i < SWITCHES; i += 1) {
    const id = i % 2 === 0 ? 'income-deprivation' : 'employment-deprivation';
    switches.push(await B((ind) => window.__bench.switchIndicator(ind), id));
    await B(() => window.__bench.afterPaint());
  }
  const stateAfterSwitch = await B(() => window.__bench.state());
  await checkErrors('indicator switch');

  // Pan: a drag of 30 moves (10 px left, 5 px up each), one frame apart.
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  await page.mouse.move(cx, cy);
  await B(() => window.__bench.settle(0));
  await B(() => window.__bench.startFrames());
  await page.mouse.down();
  for (let i = 1; i <= 30; i += 1) {
    await page.mouse.move(cx - 10 * i, cy - 5 * i);
    await B(() => window.__bench.nextFrame());
  }
  await page.mouse.up();
  await B(() => window.__bench.settleGesture());
  const pan = await B(() => window.__bench.stopFrames());

  // Zoom: 8 wheel steps in, then 8 out, one frame apart, at the centre.
  await page.mouse.move(cx, cy);
  await B(() => window.__bench.startFrames());
  for (const dy of [...Array(8).fill(-100), ...Array(8).fill(100)]) {
    await page.mouse.wheel(0, dy);
    await B(() => window.__bench.nextFrame());
  }
  await B(() => window.__bench.settleGesture());
  const zoom = await B(() => window.__bench.stopFrames());
  await checkErrors('pan/zoom');

  // Selection → trend chart (ours only; the peer has no chart). The first includes loading the
  // chart module; the second is warm.
  let chart = null;
  let chartBytes = null;
  if (kind === 'ours') {
    const sinkChart = { on: true, records: [], pending: [], foreign: [] };
    recordResponses(page, sinkChart);
    const first = await B((code) => window.__bench.selectToChart(code), scale.codes[0]);
    const warmChart = await B((code) => window.__bench.selectToChart(code), scale.codes[1]);
    await Promise.all(sinkChart.pending);
    sinkChart.on = false;
    chart = { first: first.ms, warm: warmChart.ms };
    chartBytes = summariseBytes(sinkChart.records);
    sink.foreign.push(...sinkChart.foreign);
    await checkErrors('selection');
  }

  const memory = await B(() => window.__bench.memory());
  await context.close();

  // Load times are noisy: two more cold + warm pairs in fresh contexts; the table shows medians.
  const loads = [{ cold, warm }];
  for (let i = 0; i < LOAD_REPEATS - 1; i += 1) loads.push(await loadOnly(browser, url));
  const loadMedian = (which, key) => median(loads.map((l) => l[which][key]));

  const changed = hover.samples;
  return {
    url: url.replace(server.url, ''),
    errors,
    foreignRequests: [...new Set(sink.foreign)],
    mapBox: { width: box.width, height: box.height },
    legendColours: legend,
    bytes,
    chartModuleBytes: chartBytes,
    load: {
      coldFirstPaint: loadMedian('cold', 'firstPaint'),
      coldInteractive: loadMedian('cold', 'interactive'),
      warmFirstPaint: loadMedian('warm', 'firstPaint'),
      warmInteractive: loadMedian('warm', 'interactive'),
      samples: loads,
      warmRefetched: refetched,
    },
    hover: {
      moves: hover.moves,
      highlightChanges: changed.length,
      overlayPaints: overlayBefore && overlayAfter ? overlayAfter.overlay - overlayBefore.overlay : null,
      basePaints: overlayBefore && overlayAfter ? overlayAfter.base - overlayBefore.base : null,
      latencyMedian: median(changed.map((s) => s.latency)),
      latencyP95: p95(changed.map((s) => s.latency)),
      processingMedian: median(changed.map((s) => s.processing)),
      processingP95: p95(changed.map((s) => s.processing)),
      workMedian: median(changed.map((s) => s.work)),
      workP95: p95(changed.map((s) => s.work)),
    },
    indicatorSwitch: { samples: switches, median: median(switches), max: Math.max(...switches), state: stateAfterSwitch },
    pan: frameSummary(pan),
    zoom: frameSummary(zoom),
    selectionToChart: chart,
    memory,
  };
}

function frameSummary({ intervals, work }) {
  return {
    frames: work.length,
    workMedian: median(work),
    workP95: p95(work),
    workMax: work.length ? Math.max(...work) : null,
    intervalMedian: median(intervals),
    intervalP95: p95(intervals),
    over16: work.filter((w) => w > 16.7).length,
  };
}

/** Width / height of the topology's bounds in Web Mercator. */
function mercatorAspect(topology) {
  const { minX, minY, maxX, maxY } = extent(topology);
  const [sx, sy] = topology.scale;
  const [tx, ty] = topology.translate;
  const merc = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const w = ((maxX - minX) * sx * Math.PI) / 180;
  const h = merc(maxY * sy + ty) - merc(minY * sy + ty);
  return w / h;
}

/** Extra cold + warm loads in fresh contexts (first paint and interactive only), for medians. */
async function loadOnly(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(180000);
  await page.goto(url, { waitUntil: 'load' });
  const cold = await page.evaluate(() => window.__bench.loadTimes());
  await page.goto(url, { waitUntil: 'load' });
  const warm = await page.evaluate(() => window.__bench.loadTimes());
  await context.close();
  return { cold, warm };
}

// ---- table -------------------------------------------------------------------------------------

const KB = (b) => (b === null || b === undefined ? null : b / 1000);
const MB = (b) => (b === null || b === undefined ? null : b / 1e6);

function rows(ours, peer) {
  const r = (metric, a, b, unit, digits = 1) => ({ metric, unit, ours: round(a, digits), peer: round(b, digits) });
  return [
    r('wasm bytes, raw', KB(ours.bytes.wasm.raw), KB(peer.bytes.wasm.raw), 'KB'),
    r('wasm bytes, gzip', KB(ours.bytes.wasm.gzip), KB(peer.bytes.wasm.gzip), 'KB'),
    r('JS bytes, raw', KB(ours.bytes.js.raw), KB(peer.bytes.js.raw), 'KB'),
    r('JS bytes, gzip', KB(ours.bytes.js.gzip), KB(peer.bytes.js.gzip), 'KB'),
    r('data bytes, raw', KB(ours.bytes.data.raw), KB(peer.bytes.data.raw), 'KB'),
    r('data bytes, gzip', KB(ours.bytes.data.gzip), KB(peer.bytes.data.gzip), 'KB'),
    r('first-view download (before first paint), gzip', KB(ours.bytes.firstView.gzip), KB(peer.bytes.firstView.gzip), 'KB'),
    r('total download incl. idle prefetch, gzip', KB(ours.bytes.total.gzip), KB(peer.bytes.total.gzip), 'KB'),
    r('chart module on first chart, gzip', KB(ours.chartModuleBytes?.total.gzip), null, 'KB'),
    r('first map paint, cold', ours.load.coldFirstPaint, peer.load.coldFirstPaint, 'ms', 0),
    r('first map paint, warm', ours.load.warmFirstPaint, peer.load.warmFirstPaint, 'ms', 0),
    r('interactive, cold', ours.load.coldInteractive, peer.load.coldInteractive, 'ms', 0),
    r('interactive, warm', ours.load.warmInteractive, peer.load.warmInteractive, 'ms', 0),
    r('hover→highlight, median', ours.hover.latencyMedian, peer.hover.latencyMedian, 'ms'),
    r('hover→highlight, p95', ours.hover.latencyP95, peer.hover.latencyP95, 'ms'),
    r('hover main-thread work, median', ours.hover.workMedian, peer.hover.workMedian, 'ms'),
    r('hover main-thread work, p95', ours.hover.workP95, peer.hover.workP95, 'ms'),
    r('highlight changes measured', ours.hover.highlightChanges, peer.hover.highlightChanges, 'n', 0),
    r('pan frame, median', ours.pan.workMedian, peer.pan.workMedian, 'ms'),
    r('pan frame, p95', ours.pan.workP95, peer.pan.workP95, 'ms'),
    r('zoom frame, median', ours.zoom.workMedian, peer.zoom.workMedian, 'ms'),
    r('zoom frame, p95', ours.zoom.workP95, peer.zoom.workP95, 'ms'),
    r('indicator switch, median', ours.indicatorSwitch.median, peer.indicatorSwitch.median, 'ms'),
    r('selection→chart, first', ours.selectionToChart?.first, null, 'ms', 0),
    r('selection→chart, warm', ours.selectionToChart?.warm, null, 'ms', 0),
    r('JS heap (after GC)', MB(ours.memory.jsHeap), MB(peer.memory.jsHeap), 'MB'),
    r('wasm linear memory', MB(ours.memory.wasm), MB(peer.memory.wasm), 'MB'),
    r('JS heap + wasm memory', MB(ours.memory.jsHeap + ours.memory.wasm), MB(peer.memory.jsHeap + peer.memory.wasm), 'MB'),
  ].map((row) => ({ ...row, ratio: row.ours !== null && row.peer ? round(row.ours / row.peer, 2) : null }));
}

// Issue 15's targets as ours/Leaflet ratios, by metric and scale (default, then per scale).
const TARGETS = {
  'first-view download (before first paint), gzip': { all: 1.0 },
  'first map paint, cold': { all: 0.7, 'synthetic-35k': 0.5 },
  'first map paint, warm': { all: 0.7, 'synthetic-35k': 0.5 },
  'hover main-thread work, median': { all: 0.8 },
  'pan frame, p95': { all: 0.7 },
  'zoom frame, p95': { all: 0.7 },
  'indicator switch, median': { all: 0.7 },
  'JS heap + wasm memory': { all: 1.0 },
};

/** The table's rows with each target beside the ratio: `{ ..., target, met }`. */
function withTargets(table, scaleId) {
  return table.map((row) => {
    const t = TARGETS[row.metric];
    const target = t ? (t[scaleId] ?? t.all) : null;
    return { ...row, target, met: target === null || row.ratio === null ? null : row.ratio <= target };
  });
}

/** Rows of several runs of one scale, each number the median of the runs. */
function medianRows(tables) {
  return tables[0].map((row, i) => {
    const ours = median(tables.map((t) => t[i].ours));
    const peer = median(tables.map((t) => t[i].peer));
    return { ...row, ours, peer, ratio: ours !== null && peer ? round(ours / peer, 2) : null };
  });
}

const verdict = (t) => (t.target === null ? '' : `≤ ${t.target}× ${t.met ? 'met' : t.met === false ? 'NOT met' : '—'}`);

function textTable(title, table) {
  const head = ['metric', 'ours', 'Leaflet', 'ours/peer', 'target'];
  const body = table.map((t) => [`${t.metric} (${t.unit})`, fmt(t.ours), fmt(t.peer), t.ratio === null ? '—' : `${t.ratio}×`, verdict(t)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [title, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(title, table) {
  return [
    `### ${title}`,
    '',
    '| metric | ours | Leaflet | ours/peer | target |',
    '|---|---:|---:|---:|---|',
    ...table.map((t) => `| ${t.metric} (${t.unit}) | ${fmt(t.ours)} | ${fmt(t.peer)} | ${t.ratio === null ? '—' : `${t.ratio}×`} | ${verdict(t)} |`),
    '',
  ].join('\n');
}

const fmt = (v) => (v === null || v === undefined ? '—' : String(v));

// ---- main ----------------------------------------------------------------------------------------

async function main() {
  for (const file of ['work-health-atlas.js', 'atlas_core_bg.wasm']) {
    if (!existsSync(join(repoRoot, 'dist', file))) throw new Error(`dist/${file} is missing: run \`make build\` first (or \`make bench\`).`);
  }
  if (!existsSync(join(repoRoot, 'node_modules', 'leaflet', 'dist', 'leaflet.js'))) {
    throw new Error('node_modules/leaflet is missing: run `npm ci` (or `make bench`).');
  }
  mkdirSync(OUT, { recursive: true });
  const written = makeScale(OUT);
  const lcrBundle = JSON.parse(readFileSync(join(repoRoot, 'data', 'atlas.json'), 'utf8'));
  const codesOf = (bundle) => {
    const areas = bundle.geographies.find((g) => g.id === 'lsoa').areas;
    // Two areas that are copies of different LCR areas (so their charts differ).
    return [areas[Math.floor(areas.length * 0.1) + 17].code, areas[Math.floor(areas.length * 0.6) + 311].code];
  };
  const scales = [];
  for (const id of SCALE_IDS) {
    const w = written[id];
    if (!w) throw new Error(`unknown scale "${id}" (known: ${Object.keys(written).join(', ')})`);
    const bundle = w.bundle ? JSON.parse(readFileSync(join(OUT, w.bundle), 'utf8')) : lcrBundle;
    scales.push({ id, polygons: w.polygons, synthetic: Boolean(w.bundle), bundle: w.bundle, packed: w.packed, geojson: w.geojson, codes: codesOf(bundle), aspect: mercatorAspect(bundle.topology) });
  }

  const server = await startBenchServer({
    dist: join(repoRoot, 'dist'),
    bench: join(repoRoot, 'tools', 'bench'),
    leaflet: join(repoRoot, 'node_modules', 'leaflet', 'dist'),
    data: OUT,
  });
  const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  const version = browser.version();
  const results = {
    generated: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGB: round(os.totalmem() / 1e9, 1), platform: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version },
    browser: `Chromium ${version} headless, --disable-gpu (CPU raster)`,
    viewport: { ...VIEWPORT, deviceScaleFactor: 1 },
    pointerMoves: MOVES,
    scales: [],
  };
  const texts = [];
  const markdown = [
    '## Benchmark: ours vs Leaflet',
    '',
    `${results.generated} · ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGB} GB · ${results.browser} · viewport ${VIEWPORT.width}×${VIEWPORT.height} @1x. Synthetic scales are the LCR LSOA layer tiled (SYNTHETIC, not real areas). Method: tools/bench/README.md.`,
    '',
  ];
  try {
    for (const scale of scales) {
      const label = `${scale.id}: ${scale.polygons.toLocaleString('en-GB')} polygons${scale.synthetic ? ' (SYNTHETIC)' : ' (real LCR LSOAs)'}, median of ${RUNS} run${RUNS === 1 ? '' : 's'}`;
      const runs = [];
      for (let run = 1; run <= RUNS; run += 1) {
        process.stderr.write(`bench: ${label}, run ${run} of ${RUNS}: ours… `);
        const t0 = Date.now();
        const ours = await measure(browser, server, 'ours', scale, null);
        process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s; Leaflet… `);
        const t1 = Date.now();
        const peer = await measure(browser, server, 'leaflet', scale, ours.mapBox);
        process.stderr.write(`${((Date.now() - t1) / 1000).toFixed(1)} s\n`);
        runs.push({ ours, peer, table: rows(ours, peer) });
      }
      const table = withTargets(medianRows(runs.map((r) => r.table)), scale.id);
      const { ours, peer } = runs[0];
      results.scales.push({ id: scale.id, label, polygons: scale.polygons, synthetic: scale.synthetic, runs: runs.map((r) => r.table), ours, leaflet: peer, table });
      texts.push(textTable(label, table));
      markdown.push(markdownTable(label, table));
      for (const [name, r] of runs.flatMap((run) => [['ours', run.ours], ['Leaflet', run.peer]])) {
        if (r.errors.length) console.warn(`warning: ${name} ${scale.id} page errors: ${r.errors.slice(0, 5).join(' | ')}`);
        if (r.foreignRequests.length) console.warn(`warning: ${name} ${scale.id} requested other origins: ${r.foreignRequests.join(', ')}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const expected = ['rgb(222, 235, 247)', 'rgb(198, 219, 239)', 'rgb(107, 174, 214)', 'rgb(33, 113, 181)', 'rgb(8, 48, 107)'];
  const legend = results.scales[0]?.ours.legendColours ?? [];
  results.peerColoursMatchLegend = JSON.stringify(legend) === JSON.stringify(expected);
  if (!results.peerColoursMatchLegend) console.warn(`warning: the widget's legend colours ${JSON.stringify(legend)} differ from the peer's ${JSON.stringify(expected)}`);
  results.elapsedSeconds = round((Date.now() - started) / 1000, 1);
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(OUT, 'results.md'), `${markdown.join('\n')}\n`);
  console.log(`\n${results.generated} · ${results.machine.cpus} × ${results.machine.cpuModel} · ${results.browser} · ${VIEWPORT.width}×${VIEWPORT.height} @1x\n`);
  console.log(texts.join('\n\n'));
  console.log(`\nWrote target/bench/results.json and target/bench/results.md in ${results.elapsedSeconds} s.`);
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack || error}`);
  process.exit(1);
});
