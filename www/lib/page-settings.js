// What the page asks for in the element's attributes, and what the reader then sees of it: a
// fallback from one of the page's values shows the configuration notice (config-notice.js) as
// well as firing `atlas-error`, and the `labels` attribute and the "Place names" box stay in step.
import { ConfigNotice, noticeText } from './config-notice.js';

/** `labels="off"` (or `none`, `false`) hides the place names; empty, `on` or `true` shows them. */
export function parseLabels(value) {
  const word = (value ?? '').trim().toLowerCase();
  if (['', 'on', 'true'].includes(word)) return { on: true };
  if (['off', 'none', 'false'].includes(word)) return { on: false };
  return { on: true, error: `unknown labels "${value}" (use on or off)` };
}

export class PageSettings {
  #asking = 0;
  #notice = null;

  /** @param {{ element, ui, handle(), change(fn), controls, warn(code, message) }} host */
  constructor(host) {
    this.host = host;
  }

  /** Runs `fn` as the page's doing: a problem it reports is shown in the notice. */
  asked(fn) {
    this.#asking += 1;
    try {
      return fn();
    } finally {
      this.#asking -= 1;
    }
  }

  /** A recoverable problem was reported; `about` is `{ key, value }` for one setting's value. */
  warned(message, about = {}) {
    if (!this.#asking) return;
    this.#notice ??= new ConfigNotice(this.host.ui.map.parentElement);
    this.#notice.add(noticeText({ ...about, message }, (key) => this.#shown(key)));
  }

  /** Applies the `labels` attribute to the map and the "Place names" box. */
  labels() {
    const { on, error } = parseLabels(this.host.element.getAttribute('labels'));
    if (error) this.asked(() => this.host.warn('invalid-attribute', `${error}; using on.`));
    this.names(on);
  }

  /** Shows or hides the place names (the box or the attribute asked). */
  names(on) {
    this.host.controls.names.checked = on;
    const handle = this.host.handle();
    if (handle) this.host.change(() => handle.setLabels(on));
  }

  /** The name of what is shown instead, for the notice. */
  #shown(key) {
    const state = this.host.handle()?.state();
    const catalogue = this.host.controls.catalogue;
    if (!state || !catalogue) return null;
    const indicator = catalogue.indicators.find((i) => i.id === state.indicator);
    if (key === 'indicator') return indicator?.label;
    if (key === 'geography') return catalogue.geographies.find((g) => g.id === state.geography)?.label;
    return indicator?.periods.find((p) => p.id === state.period)?.label;
  }
}
