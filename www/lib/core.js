// Loads the wasm core once per page and shares it between every <work-health-atlas> instance.
import init, { AtlasHandle, lastPanic, __panicForTests } from '../atlas_core.js';

let wasmUrl = null;
let loading = null;

/** Sets where the .wasm file lives (called by the entry module with a URL relative to itself). */
export function configureCore(url) {
  wasmUrl = url;
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
