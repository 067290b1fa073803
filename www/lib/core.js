// Loads the wasm core once per page and shares it between every <work-health-atlas> instance.
//
// A Rust panic traps the module instance it happens in and may leave it inconsistent, so that
// instance is *retired*: the next load makes a fresh one (a new generation), and the widgets still
// using the retired one move to it (element.js). Generation 0 uses the glue bundled into the
// element's module; later generations import the same glue from its own file under a new URL,
// which gives a new module record (the glue keeps its wasm instance in a module-level variable).
import init, { AtlasHandle, lastPanic, __panicForTests } from '../atlas_core.js';

let wasmUrl = null;
let loading = null;
let generation = 0;
let postcodes = null;
let embedded = null;

/** Sets where the .wasm file lives (called by the entry module with a URL relative to itself). */
export function configureCore(url) {
  wasmUrl = url;
}

/** URL of a file shipped beside the widget (e.g. `data/postcodes.json`). */
export function assetUrl(path) {
  return new URL(path, wasmUrl ?? import.meta.url);
}

/**
 * The embedded bundle in packed form (a Uint8Array, copied once per page; every instance loads
 * it into its own handle). Every module reads this form: the map, analysis and import modules.
 */
export function embeddedBundle(core) {
  embedded ??= core.AtlasHandle.embeddedBundle();
  return embedded;
}

let rest = null;

/**
 * The indicators the embedded first view leaves out (`data/atlas-more.bin`, packed extension
 * sections: the data builder's split), fetched once per page from the widget's own folder after
 * the first paint, or before it when the page asks for one of them. A Uint8Array.
 */
export function loadRestOfBundle() {
  if (!rest) {
    rest = fetch(assetUrl('data/atlas-more.bin'), { credentials: 'same-origin' }).then(async (response) => {
      if (!response.ok) throw new Error(`the other indicators could not be loaded (HTTP ${response.status})`);
      return new Uint8Array(await response.arrayBuffer());
    });
    rest.catch(() => {
      rest = null;
    });
  }
  return rest;
}

let whole = null;

/**
 * The embedded bundle joined with its rest: one object per page, so that what is keyed on the
 * bytes (the importer, the analysis handle) is made once, not again on every reload.
 */
export function embeddedWhole(core, rest) {
  whole ??= joined(embeddedBundle(core), rest);
  return whole;
}

/** The packed bundle `first` followed by extension sections `more` (one packed bundle). */
export function joined(first, more) {
  const whole = new Uint8Array(first.length + more.length);
  whole.set(first);
  whole.set(more, first.length);
  return whole;
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

/**
 * Resolves with the current module instance `{ AtlasHandle, lastPanic, __panicForTests }`; every
 * widget awaits the same promise until a panic retires it.
 */
export function loadCore() {
  if (!loading) {
    const glue = generation
      ? import(assetUrl(`atlas_core.js?generation=${generation}`).href)
      : Promise.resolve({ default: init, AtlasHandle, lastPanic, __panicForTests });
    // A later generation fetches the .wasm again (usually from the HTTP cache) and compiles it anew.
    loading = glue.then(async (g) => {
      await g.default({ module_or_path: wasmUrl });
      return { ...g };
    });
    // A failed load may be retried by a later instance (e.g. after the network comes back).
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * Retires a module instance that trapped: the next load makes a fresh one. (Should the instance
 * be an older one, the current one is replaced too, needlessly but harmlessly.)
 */
export function retireCore(core) {
  core.retired = true;
  generation += 1;
  loading = null;
}

const onDemand = new Map();

/** A wasm module loaded on demand, once per page (a failed load may be tried again later). */
export function loadOnDemand(name) {
  if (!onDemand.has(name)) {
    const loading = import(assetUrl(`${name}.js`).href).then(async (module) => {
      await module.default({ module_or_path: assetUrl(`${name}_bg.wasm`) });
      return module;
    });
    loading.catch(() => onDemand.delete(name));
    onDemand.set(name, loading);
  }
  return onDemand.get(name);
}

/** The chart module (a second wasm), loaded when a chart is first shown. */
export const loadCharts = () => loadOnDemand('atlas_charts');

/** The analysis module (a third wasm), loaded when the patch or work × health tools first open. */
export const loadAnalysis = () => loadOnDemand('atlas_analysis');
