// Reads wasm-pack.toml and measures dist/ against its budgets. Shared by the build and the tests.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'smol-toml';

/** The build settings, with defaults for anything left out. */
export function readSettings(root) {
  const toml = parse(readFileSync(join(root, 'wasm-pack.toml'), 'utf8'));
  const build = toml.build ?? {};
  const wasmOpt = toml['wasm-opt'] ?? {};
  const budgets = toml.budgets ?? {};
  const charts = toml.charts ?? {};
  const analysis = toml.analysis ?? {};
  const importer = toml.import ?? {};
  return {
    build: {
      target: build.target ?? 'web',
      profile: build.profile ?? 'release',
      features: build.features ?? [],
      outDir: build['out-dir'] ?? 'dist',
      outName: build['out-name'] ?? 'atlas_core',
    },
    charts: { features: charts.features ?? ['chart-shell'], outName: charts['out-name'] ?? 'atlas_charts', profile: charts.profile ?? 'release' },
    analysis: { features: analysis.features ?? ['analysis-shell'], outName: analysis['out-name'] ?? 'atlas_analysis', profile: analysis.profile ?? 'release' },
    importer: { features: importer.features ?? ['import-shell'], outName: importer['out-name'] ?? 'atlas_import', profile: importer.profile ?? 'release' },
    wasmOpt: { enabled: wasmOpt.enabled ?? true, args: wasmOpt.args ?? ['-Oz'] },
    budgets: {
      totalGzip: budgets['total-gzip'] ?? Infinity,
      dataGzip: budgets['data-gzip'] ?? Infinity,
      chartsGzip: budgets['charts-gzip'] ?? Infinity,
      analysisGzip: budgets['analysis-gzip'] ?? Infinity,
      importGzip: budgets['import-gzip'] ?? Infinity,
    },
  };
}

function sizeOf(path) {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** esbuild's metafile of the last build (what each file in dist/ imports), kept by tools/build.mjs. */
export function metafilePath(root) {
  return join(root, 'target', 'atlas-metafile.json');
}

function readMetafile(root) {
  const path = metafilePath(root);
  if (!existsSync(path)) throw new Error(`${relative(root, path)} is missing: tools/build.mjs writes it with dist/ (make build)`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The JS a page embedding the widget downloads at first: the element's module and the chunks it
 * imports statically. Chunks it imports with `import()` (the data table, exports), the chart
 * module's glue and the demo and iframe helpers are not part of the default download. Read from
 * esbuild's metafile, whose output paths are relative to the build's working directory (`root`).
 */
function jsFiles(dir, root, metafile) {
  const entry = join(dir, 'work-health-atlas.js');
  const key = relative(root, entry).split(sep).join('/');
  const output = metafile.outputs[key];
  if (!output) throw new Error(`esbuild's metafile lists no ${key}: build dist/ again (make build)`);
  const staticImports = output.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => join(root, i.path));
  return [entry, ...staticImports].filter((path) => statSync(path).isFile());
}

/**
 * Raw and gzip sizes of what the default embed downloads, and which budgets are exceeded.
 * `metafile` is esbuild's for the build of `outDir`; by default the one the last build kept.
 */
export function measure(outDir, root, settings, metafile = readMetafile(root)) {
  const wasm = sizeOf(join(outDir, `${settings.build.outName}_bg.wasm`));
  const js = jsFiles(outDir, root, metafile)
    .map((path) => ({ path: relative(outDir, path), ...sizeOf(path) }))
    .reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, files: [...sum.files, f.path] }), {
      raw: 0,
      gzip: 0,
      files: [],
    });
  // The part of the bundle embedded in the map module (the rest, data/atlas-more.bin, comes after).
  const data = sizeOf(join(root, 'data', 'atlas-first.bin'));
  const module = (name) => {
    const [wasmSize, jsSize] = [sizeOf(join(outDir, `${name}_bg.wasm`)), sizeOf(join(outDir, `${name}.js`))];
    return { raw: wasmSize.raw + jsSize.raw, gzip: wasmSize.gzip + jsSize.gzip };
  };
  const charts = module(settings.charts.outName);
  const analysis = module(settings.analysis.outName);
  const importer = module(settings.importer.outName);
  const total = { raw: wasm.raw + js.raw, gzip: wasm.gzip + js.gzip };
  const overBudget = [];
  if (total.gzip > settings.budgets.totalGzip) overBudget.push(`total ${total.gzip} B gzip > ${settings.budgets.totalGzip} B`);
  if (data.gzip > settings.budgets.dataGzip) overBudget.push(`data ${data.gzip} B gzip > ${settings.budgets.dataGzip} B`);
  if (charts.gzip > settings.budgets.chartsGzip) overBudget.push(`charts ${charts.gzip} B gzip > ${settings.budgets.chartsGzip} B`);
  if (analysis.gzip > settings.budgets.analysisGzip) overBudget.push(`analysis ${analysis.gzip} B gzip > ${settings.budgets.analysisGzip} B`);
  if (importer.gzip > settings.budgets.importGzip) overBudget.push(`import ${importer.gzip} B gzip > ${settings.budgets.importGzip} B`);
  let postcodes = null;
  try {
    postcodes = sizeOf(join(outDir, 'data', 'postcodes.json'));
  } catch {
    postcodes = null;
  }
  return { wasm, js, data, total, charts, analysis, importer, postcodes, overBudget };
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

/** A small table for the console. */
export function formatSizes(s, settings) {
  const rows = [
    ['wasm (data embedded)', s.wasm],
    [`JS (${s.js.files.length} files)`, s.js],
    ['  of which data bundle', s.data],
    ['total default embed', s.total],
  ];
  rows.push(['chart module (on demand)', s.charts]);
  rows.push(['analysis module (on demand)', s.analysis]);
  rows.push(['import module (on demand)', s.importer]);
  if (s.postcodes) rows.push(['postcode index (on demand)', s.postcodes]);
  const lines = rows.map(([name, v]) => `${name.padEnd(28)} ${kb(v.raw).padStart(10)} raw ${kb(v.gzip).padStart(9)} gzip`);
  lines.push(
    `budgets: total ≤ ${kb(settings.budgets.totalGzip)} gzip, data ≤ ${kb(settings.budgets.dataGzip)} gzip, charts ≤ ${kb(settings.budgets.chartsGzip)} gzip, analysis ≤ ${kb(settings.budgets.analysisGzip)} gzip, import ≤ ${kb(settings.budgets.importGzip)} gzip`,
  );
  return lines.join('\n');
}
