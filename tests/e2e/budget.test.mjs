// The size budgets of wasm-pack.toml hold for the built dist/: everything the default embed
// downloads (element JS, glue, wasm with the data inside) and the embedded data bundle, gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings, measure, formatSizes } from '../../tools/build-settings.mjs';
import { repoRoot, distDir } from './support/server.mjs';

test('the default embed and its data stay within the budgets in wasm-pack.toml', () => {
  const settings = readSettings(repoRoot);
  const sizes = measure(distDir, repoRoot, settings);
  console.log(formatSizes(sizes, settings));
  assert.ok(Number.isFinite(settings.budgets.totalGzip), 'wasm-pack.toml sets a total budget');
  assert.ok(sizes.total.gzip <= settings.budgets.totalGzip, `total ${sizes.total.gzip} B > ${settings.budgets.totalGzip} B`);
  assert.ok(sizes.data.gzip <= settings.budgets.dataGzip, `data ${sizes.data.gzip} B > ${settings.budgets.dataGzip} B`);
  assert.ok(sizes.charts.gzip <= settings.budgets.chartsGzip, `chart module ${sizes.charts.gzip} B > ${settings.budgets.chartsGzip} B`);
  assert.ok(sizes.analysis.gzip <= settings.budgets.analysisGzip, `analysis module ${sizes.analysis.gzip} B > ${settings.budgets.analysisGzip} B`);
  assert.ok(sizes.importer.gzip <= settings.budgets.importGzip, `import module ${sizes.importer.gzip} B > ${settings.budgets.importGzip} B`);
  assert.equal(sizes.js.files[0], 'work-health-atlas.js', 'the element module is counted');
  assert.ok(sizes.js.files.every((f) => f === 'work-health-atlas.js' || f.startsWith('chunks/')), sizes.js.files.join(', '));
});

test('dist/ has the documented layout', async () => {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  for (const file of ['work-health-atlas.js', 'atlas_core_bg.wasm', 'atlas_charts.js', 'atlas_charts_bg.wasm', 'atlas_analysis.js', 'atlas_analysis_bg.wasm', 'atlas_import.js', 'atlas_import_bg.wasm', 'index.html', 'data/atlas.json', 'data/atlas.bin', 'data/atlas-more.bin', 'data/postcodes.json', 'data/lookups.json']) {
    assert.ok(existsSync(join(distDir, file)), `dist/${file}`);
  }
});
