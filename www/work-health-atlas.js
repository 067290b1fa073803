// Work & Health Atlas — the embeddable element.
//
// This ES module defines <work-health-atlas>. It loads the WebAssembly core once per page,
// relative to its own URL (import.meta.url), so the folder can be served from any path or origin.
import { AtlasElement } from './lib/element.js';
import { configureCore } from './lib/core.js';

configureCore(new URL('./atlas_core_bg.wasm', import.meta.url));

if (!customElements.get('work-health-atlas')) {
  customElements.define('work-health-atlas', AtlasElement);
}

export { AtlasElement };
