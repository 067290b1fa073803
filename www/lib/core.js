// Loads the wasm core once per page and shares it between every <work-health-atlas> instance.
import init, { AtlasHandle, lastPanic, __panicForTests } from '../atlas_core.js';

let wasmUrl = null;
let loading = null;
let postcodes = null;
let embedded = null;
let charts = null;

/** Sets where the .wasm file lives (called by the entry module with a URL relative to itself). */
export function configureCore(url) {
  wasmUrl = url;
}

/** URL of a file shipped beside the widget (e.g. `data/postcodes.json`). */
export function assetUrl(path) {
  return new URL(path, wasmUrl ?? import.meta.url);
}

/**
 * The embedded bundle, parsed once per page by the browser's JSON parser (every instance reads
 * the same object; the core copies what it needs).
 */
export function embeddedBundle(core) {
  if (!embedded) embedded = JSON.parse(core.AtlasHandle.embeddedBundle());
  return embedded;
}

/**
 * The postcode index, fetched once per page from the widget's own folder, only when someone
 * first searches a postcode.
 */
export function loadPostcodeIndex() {
  if (!postcodes) {
    postcodes = fetch(assetUrl('data/postcodes.json'), { credentials: 'same-origin' }).then((response) => {
      if (!response.ok) throw new Error(`the postcode index could not be loaded (HTTP ${response.status})`);
      return response.json();
    });
    postcodes.catch(() => {
      postcodes = null;
    });
  }
  return postcodes;
}

/** Resolves when the wasm module is instantiated; every instance awaits the same promise. */
export function loadCore() {
  if (!loading) {
    loading = init({ module_or_path: wasmUrl }).then(() => ({ AtlasHandle, lastPanic, __panicForTests }));
    // A failed load may be retried by a later instance (e.g. after the network comes back).
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * The chart module (a second, smaller wasm), loaded once per page when a chart is first shown so
 * that charting code is not part of the default download.
 */
export function loadCharts() {
  if (!charts) {
    const glue = assetUrl('atlas_charts.js');
    charts = import(glue.href).then(async (module) => {
      await module.default({ module_or_path: assetUrl('atlas_charts_bg.wasm') });
      return module;
    });
    charts.catch(() => {
      charts = null;
    });
  }
  return charts;
}
