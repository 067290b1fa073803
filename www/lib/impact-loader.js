// The impact tools (impact-tools.js, with the analysis module): the patch, notes and work ×
// health. Loaded when first needed — a tab opened, a shift-click, a patch or notes attribute, or
// a saved draft — so that none of it is part of the first view.
import { loadAnalysis } from './core.js';
import { draftKey } from './embed-options.js';

export class ImpactLoader {
  /** The tools once loaded, else null. */
  tools = null;
  #loading = null;

  /** @param {{ element, ui, panel, handle(), call(fn), change(fn), packed(), whole() }} host */
  constructor(host) {
    this.host = host;
  }

  /** The tools, loading them on first use (with every indicator of the bundle in). */
  load() {
    this.#loading ??= Promise.all([import('./impact-tools.js'), this.host.whole()]).then(([{ ImpactTools }]) => {
      this.tools = new ImpactTools({ ...this.host, analysis: loadAnalysis, draftKey: () => draftKey(this.host.element) });
      return this.tools;
    });
    return this.#loading;
  }

  /** An area's info for the map's info box: while the map shows a work × health pair, its class. */
  explain(info) {
    const words = info && this.tools?.classWords(info.code);
    return words ? { ...info, class_label: words } : info;
  }

  /** An area's sentence, with the work × health class while the map shows the pair's colours. */
  explainSentence(sentence, code) {
    const words = this.tools?.classWords(code);
    return words ? `${sentence} Work × health: ${words}.` : sentence;
  }

  /** The patch's value in the address (hash-sync.js): undefined until the tools loaded one. */
  linkText() {
    const value = this.tools?.linkValue();
    return value === undefined ? undefined : value?.text ?? null;
  }

  /** The patch and the user's notes as the embed snippets carry them, or null. */
  shared() {
    const tools = this.tools;
    return tools?.loaded && tools.patch.areas.length ? { patch: tools.patch, notes: tools.sharedNotes() } : null;
  }

  /** Whether the tools have been asked for (they then follow every reload). */
  get wanted() {
    return this.#loading !== null;
  }
}
