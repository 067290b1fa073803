// Builds dist/: the wasm core (cargo → wasm-bindgen → wasm-opt), the element's JS, the demo page
// and the data files, then prints sizes and enforces the budgets — all as set in wasm-pack.toml.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, existsSync, writeFileSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { build as esbuild, transform } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings, measure, formatSizes, metafilePath } from './build-settings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const settings = readSettings(root);
const { target, profile, features, outName } = settings.build;
const outDir = join(root, settings.build.outDir);
const stage = join(root, 'target', 'atlas-stage');

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', cwd: root, ...options });
}

// 1–2. A wasm module per feature set: cargo, then wasm-bindgen's JS glue, into the stage.
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
/**
 * Builds one module with its own Cargo profile (wasm-pack.toml: each section's `profile`), in a
 * target directory of its own: the modules are the one crate with different features, and a
 * cdylib's file name carries no feature hash, so in a shared directory each build overwrote the
 * last and every `make build` compiled the crate four times. Apart, an unchanged module is fresh.
 */
function buildModule(moduleFeatures, name, moduleProfile) {
  const targetDir = join(root, 'target', 'wasm', name);
  // --locked: the build uses exactly the crate versions in Cargo.lock, never a newer one.
  const cargoArgs = ['build', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'work-health-atlas', '--lib', '--target-dir', targetDir];
  cargoArgs.push(moduleProfile === 'release' ? '--release' : `--profile=${moduleProfile}`);
  cargoArgs.push('--no-default-features');
  if (moduleFeatures.length) cargoArgs.push('--features', moduleFeatures.join(','));
  run('cargo', cargoArgs);
  const profileDir = moduleProfile === 'dev' ? 'debug' : moduleProfile;
  const rawWasm = join(targetDir, 'wasm32-unknown-unknown', profileDir, 'work_health_atlas.wasm');
  run('wasm-bindgen', ['--target', target, '--out-dir', stage, '--out-name', name, '--no-typescript', rawWasm]);
}
buildModule(features, outName, profile);
buildModule(settings.charts.features, settings.charts.outName, settings.charts.profile);
buildModule(settings.analysis.features, settings.analysis.outName, settings.analysis.profile);
buildModule(settings.importer.features, settings.importer.outName, settings.importer.profile);

// 3. dist/: the element's modules and the glue bundled into one minified ES module (one request,
// ~40% smaller than the separate files), the static pages, then the optimised wasm.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const jsStage = join(stage, 'js');
cpSync(join(root, 'www'), jsStage, { recursive: true });
cpSync(join(stage, `${outName}.js`), join(jsStage, `${outName}.js`));
// The metafile records what each output imports: the size check below reads it (build-settings.mjs).
const { metafile } = await esbuild({
  entryPoints: [join(jsStage, 'work-health-atlas.js')],
  bundle: true,
  format: 'esm',
  // Code used only on demand (the data table, exports) goes into chunks loaded when first needed.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  charset: 'utf8',
  target: 'es2022',
  legalComments: 'none',
  // The element's CSS is imported as text (for its constructable stylesheet), minified first.
  plugins: [
    {
      name: 'minified-css-text',
      setup(plugin) {
        plugin.onLoad({ filter: /\.css$/ }, async (args) => {
          const { code } = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true });
          return { contents: code, loader: 'text' };
        });
      },
    },
  ],
  outdir: outDir,
  // Output paths in the metafile are relative to this directory, whatever the caller's.
  absWorkingDir: root,
  metafile: true,
  logLevel: 'warning',
});
for (const name of readdirSync(join(root, 'www'))) {
  if (name === 'lib' || name === 'work-health-atlas.js') continue;
  cpSync(join(root, 'www', name), join(outDir, name), { recursive: true });
}
for (const name of [settings.charts.outName, settings.analysis.outName, settings.importer.outName]) cpSync(join(stage, `${name}.js`), join(outDir, `${name}.js`));
// The core's glue also as a file of its own, loaded only after a panic: a fresh module instance
// is made by importing it under a new URL (www/lib/core.js). Not part of the default download.
const glue = await transform(readFileSync(join(stage, `${outName}.js`), 'utf8'), { format: 'esm', minify: true, target: 'es2022', legalComments: 'none' });
writeFileSync(join(outDir, `${outName}.js`), glue.code);
// wasm-opt with `--converge` takes most of a minute for the four modules; its output depends only
// on its input, its arguments and its version, so a result is kept under that key and reused.
const cacheDir = join(root, 'target', 'wasm-opt-cache');
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
/** wasm-opt's version and arguments, asked once per build (null until the first module). */
let wasmOptKey = null;
/** Optimises `input` into `output`, or copies the kept result; returns the kept file's path. */
function optimise(input, output) {
  if (!wasmOptKey) {
    if (!existsSync(wasmOpt)) throw new Error('wasm-opt from npm binaryen is missing: run `npm ci` (make does this).');
    wasmOptKey = JSON.stringify([execFileSync(wasmOpt, ['--version'], { encoding: 'utf8' }).trim(), settings.wasmOpt.args]);
  }
  const key = createHash('sha256').update(wasmOptKey).update(readFileSync(input)).digest('hex');
  const cached = join(cacheDir, `${key}.wasm`);
  if (existsSync(cached)) {
    console.log(`wasm-opt: ${input.replace(`${root}/`, '')} unchanged since it was last optimised`);
  } else {
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so an interrupted run leaves no half file under the key.
    run(wasmOpt, [...settings.wasmOpt.args, input, '-o', `${cached}.part`]);
    renameSync(`${cached}.part`, cached);
  }
  cpSync(cached, output);
  return cached;
}
const optimised = new Set();
for (const name of [outName, settings.charts.outName, settings.analysis.outName, settings.importer.outName]) {
  const wasmIn = join(stage, `${name}_bg.wasm`);
  const wasmOut = join(outDir, `${name}_bg.wasm`);
  if (settings.wasmOpt.enabled) optimised.add(optimise(wasmIn, wasmOut));
  else cpSync(wasmIn, wasmOut);
}
// Only this build's results are kept, so the cache does not grow with every change.
if (existsSync(cacheDir)) {
  for (const file of readdirSync(cacheDir)) {
    if (!optimised.has(join(cacheDir, file))) rmSync(join(cacheDir, file), { force: true });
  }
}
mkdirSync(join(outDir, 'data'), { recursive: true });
for (const file of ['atlas.json', 'atlas.bin', 'atlas-more.bin', 'postcodes.json', 'lookups.json']) {
  const from = join(root, 'data', file);
  if (existsSync(from)) cpSync(from, join(outDir, 'data', file));
}

// 4. npm-ready package metadata for developers who bundle (the folder is the package). The
// version, description and licence are the crate's, as Cargo reads them from Cargo.toml.
const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));
const crate = metadata.packages.find((p) => p.name === 'work-health-atlas');
if (!crate) throw new Error('cargo metadata lists no package named work-health-atlas');
writeFileSync(
  join(outDir, 'package.json'),
  `${JSON.stringify(
    {
      name: 'work-health-atlas',
      version: crate.version,
      description: crate.description,
      license: crate.license,
      type: 'module',
      main: './work-health-atlas.js',
      module: './work-health-atlas.js',
      types: './work-health-atlas.d.ts',
      exports: { '.': { types: './work-health-atlas.d.ts', default: './work-health-atlas.js' }, './embed-resize.js': './embed-resize.js' },
      files: ['work-health-atlas.js', 'work-health-atlas.d.ts', `${outName}_bg.wasm`, `${outName}.js`, `${settings.charts.outName}.js`, `${settings.charts.outName}_bg.wasm`, `${settings.analysis.outName}.js`, `${settings.analysis.outName}_bg.wasm`, `${settings.importer.outName}.js`, `${settings.importer.outName}_bg.wasm`, 'chunks/', 'data/', 'embed.html', 'embed.css', 'embed-frame.js', 'embed-resize.js', 'favicon.svg'],
      sideEffects: ['./work-health-atlas.js'],
    },
    null,
    2,
  )}\n`,
);

// 5. Sizes and budgets.
writeFileSync(metafilePath(root), JSON.stringify(metafile));
const sizes = measure(outDir, root, settings, metafile);
console.log(formatSizes(sizes, settings));
writeFileSync(join(root, 'target', 'atlas-sizes.json'), JSON.stringify(sizes, null, 2));
const over = sizes.overBudget;
if (over.length) {
  console.error(`Over budget: ${over.join('; ')}`);
  process.exit(1);
}
console.log(`Built ${outDir}`);
