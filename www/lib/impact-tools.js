// Tracking impact and work × health, for one <work-health-atlas>: the patch (a named set of
// LSOAs with its interventions), co-researcher notes, the matched comparison, and the scatter and
// bivariate map of two indicators. Loaded on demand (impact-loader.js). The analyses run in the
// analysis module (AnalysisHandle, see src/web/analysis.rs) on the bundle the map already holds; this
// file keeps the state, the draft in local storage, the map's outlines and note pins, and what the
// element's trend chart, table and exports add for the patch. Text from data, pages and drafts is
// only ever set as text.
import { h, setChildren } from './dom.js';
import { readDraft, restoreDraft, saveDraft } from './drafts.js';
import impactCss from './impact-tools.css';
import { adoptViewStyles } from './chart-tabs.js';
import { NotePins } from './note-pins.js';
import { PatchView } from './patch-view.js';
import { readLinkText, linkText, samePatch, sameNote, showLink } from './shared-patch.js';
import { WorkHealthView } from './workhealth-view.js';

/** Largest patch or notes file accepted from a page (bytes). */
const MAX_FILE_BYTES = 1024 * 1024;
let sheet = null;

export class ImpactTools {
  /**
   * @param {object} parts from element.js (impact-loader.js): `{ element, ui, panel, handle(),
   *   call(fn), change(fn), warn(code, message), bundle(), analysis(), draftKey() }`; the rest goes
   *   through the element's public API and events.
   */
  constructor(parts) {
    const { element } = parts;
    const emit = (type, detail) => element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    this.host = {
      ...parts,
      state: () => element.state,
      select: (code) => element.select(code),
      emit,
      // A problem that leaves the widget usable, reported like the element's own.
      warn: (code, message) => emit('atlas-error', { code, message, recovered: true }),
    };
    const host = this.host;
    this.module = null;
    this.analysis = null;
    this.packed = null;
    this.patch = { name: 'My patch', areas: [], interventions: [] };
    this.pagePatch = null;
    this.pageNotes = [];
    this.linkNotes = [];
    this.draftNotes = [];
    // Whether a load finished or the patch changed: until then the address's patch entry is left
    // as the page was opened with it (hash-sync.js).
    this.loaded = false;
    this.comparison = null;
    this.notices = [];
    this.editing = false;
    this.loading = null;
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(impactCss);
    const root = host.element.shadowRoot;
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    adoptViewStyles(host.ui.map);
    this.pins = new NotePins(this);
    this.patchView = new PatchView(this);
    this.workHealth = new WorkHealthView(this);
  }

  // ---- analysis module ---------------------------------------------------------------------

  /**
   * The analysis handle for the current bundle, read from its packed form (made again when `src`
   * or added data changed the bundle).
   */
  async ready() {
    const packed = this.host.packed();
    if (!packed) throw new Error('the atlas has not loaded');
    if (this.analysis && this.packed === packed) return this.analysis;
    this.module ??= await this.host.analysis();
    if (this.packed !== packed) {
      this.analysis?.free();
      this.analysis = new this.module.AnalysisHandle(packed);
      this.packed = packed;
    }
    return this.analysis;
  }

  /** Runs a call into the analysis module; its errors become a message (returned as `{ error }`). */
  run(fn) {
    try {
      return fn(this.analysis);
    } catch (error) {
      return { error: error.message || String(error), issues: error.issues || [] };
    }
  }

  get notes() {
    return [...this.pageNotes, ...this.linkNotes, ...this.draftNotes];
  }

  /** The notes for the patch's chart: about the patch, or about one of its areas. */
  notesFor() {
    const inPatch = new Set(this.patch.areas);
    return this.notes.filter((n) => n.patch === this.patch.name || (n.area && inPatch.has(n.area))).map(({ source, ...n }) => n);
  }

  /** An area's name (of any layer), or its code. */
  nameOf(code) {
    return this.analysis?.areaName(code) ?? code;
  }

  /** A note's one-line label, "Note 2: author, period (area or patch): text" (the core's words). */
  noteLabel(note, i) {
    const { source, ...plain } = note;
    return this.analysis.noteLabel(i + 1, plain);
  }

  // ---- loading: page attributes and the draft ----------------------------------------------

  /**
   * Loads the page's patch and notes and the saved draft. Calls queue behind a running load, and
   * calls made before a queued load starts share it (several attributes set at once load once).
   */
  load() {
    this.queued ??= (this.loading ?? Promise.resolve()).then(() => {
      this.queued = null;
      return this.#load();
    });
    this.loading = this.queued.catch((error) => this.host.warn('analysis-failed', `The patch tools failed: ${error.message}`));
    return this.loading;
  }

  async #load() {
    try {
      await this.ready();
    } catch (error) {
      this.host.warn('analysis-failed', `The patch tools could not be loaded: ${error.message}`);
      return;
    }
    this.notices = [];
    this.pagePatch = await this.#pageFile('patch', 'patch-src', 'patch file', (value) => this.analysis.loadPatch(value));
    const notes = await this.#pageFile('notes', 'notes-src', 'notes file', (value) => this.analysis.loadNotes(value));
    this.pageNotes = (notes?.notes ?? []).map((n) => ({ ...n, source: 'page' }));
    if (notes?.problems?.length) this.#problem('invalid-notes', `Some notes from the page were left out: ${notes.problems.join('; ')}`);
    const { draft, problems, setAside } = readDraft(this.host.draftKey(), (d) => this.#checkDraft(d));
    if (problems.length) this.#draftProblem(draft, problems, setAside);
    const link = this.#linkPatch();
    this.linkNotes = [];
    if (link && !(draft && samePatch(draft.patch, link.patch))) {
      showLink(this, link, draft);
      return this.#changed(false);
    }
    if (draft) {
      this.patch = draft.patch;
      this.draftNotes = draft.notes;
      // The sharer's own link (reopened, or kept in the address by sync-url): its notes are theirs.
      if (link) this.linkNotes = link.notes.filter((n) => !draft.notes.some((d) => sameNote(d, n)));
      if (this.pagePatch) this.notices.push({ text: 'Showing your saved draft, not the patch this page gives.', action: 'page-patch' });
    } else if (this.pagePatch) {
      this.patch = this.pagePatch;
    }
    // A trimmed draft is saved as it now is (its original is set aside), so the next load is clean.
    this.#changed(Boolean(problems.length && draft));
  }

  /** The patch and notes of the link the page was opened with (hash-sync.js), checked; or null. */
  #linkPatch() {
    const text = this.host.linkPatch();
    const { refused, notesLeftOut, ...link } = text ? readLinkText(text, (fn) => this.run(fn)) : { refused: null };
    if (refused) this.#problem('invalid-link-patch', `The patch in this link cannot be used: ${refused}.`);
    if (notesLeftOut) this.#problem('invalid-notes', `Some notes from the link were left out: ${notesLeftOut}`);
    return link.patch ? link : null;
  }

  /** The link's `{ text, notesLeftOut }` (shared-patch.js); undefined until loaded (hash-sync.js). */
  linkValue() {
    if (!this.loaded) return undefined;
    return linkText(this.patch, this.sharedNotes());
  }

  /** The notes a shared patch carries: the link's and the user's own, not the page's. */
  sharedNotes() {
    return [...this.linkNotes, ...this.draftNotes].map(({ source, ...n }) => n);
  }

  /** A patch or notes file from the page: inline JSON in `inline`, or fetched from `src`. */
  async #pageFile(inline, src, what, read) {
    let text = inline ? this.host.element.getAttribute(inline) : null;
    const url = this.host.element.getAttribute(src);
    if (!text && url) {
      try {
        const { fetchJson, allowedOrigins } = await import('./fetch-bundle.js');
        text = JSON.stringify(await fetchJson(url, document.baseURI, what, MAX_FILE_BYTES, { origins: allowedOrigins(this.host.element) }));
      } catch (error) {
        this.#problem(error.code ? error.code.replace(/^src/, src) : `${src}-failed`, error.message);
        return null;
      }
    }
    if (!text) return null;
    if (text.length > MAX_FILE_BYTES) {
      this.#problem(`${src}-too-large`, `The ${what} is larger than ${MAX_FILE_BYTES} bytes.`);
      return null;
    }
    const result = this.run(() => read(JSON.parse(text)));
    if (result?.error) {
      this.#problem(`invalid-${inline || 'notes'}`, `The ${what} cannot be used: ${result.error}`);
      return null;
    }
    return result;
  }

  /**
   * A draft's problems and the part of it that can be used: its patch and notes go through the
   * same checks as a page's; notes that fail (or are past the limit) are left out and the rest
   * kept, and a patch that fails is replaced by an empty one, so the notes survive it.
   */
  #checkDraft(draft) {
    const problems = [];
    // A draft may hold a patch without areas yet (a name, interventions, notes): it is checked
    // with a stand-in area, which is then taken out again.
    const areas = Array.isArray(draft.patch?.areas) ? draft.patch.areas : null;
    const standIn = areas && areas.length === 0 ? [this.analysis.firstArea()] : areas;
    let patch = this.run(() => this.analysis.loadPatch(draft.patch ? { ...draft.patch, areas: standIn } : null));
    if (!patch || patch.error) {
      problems.push(...(patch?.issues?.length ? patch.issues : [patch?.error ?? 'its patch could not be read']));
      patch = { name: 'My patch', areas: [], interventions: [] };
    } else if (!areas.length) patch = { ...patch, areas: [] };
    let notes = [];
    if (!Array.isArray(draft.notes)) problems.push('its notes are not a list');
    else {
      const loaded = this.run(() => this.analysis.loadNotes(draft.notes));
      if (!loaded || loaded.error) problems.push(loaded?.error ?? 'its notes could not be read');
      else {
        problems.push(...loaded.problems);
        notes = loaded.notes;
      }
    }
    return { problems, usable: { patch, notes } };
  }

  /** Reports what was left out of a draft, and offers the copy that was set aside. */
  #draftProblem(draft, problems, setAside) {
    const listed = problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
    const kept = draft ? `What could be read is shown (${draft.patch.areas.length} areas, ${draft.notes.length} notes)` : 'The patch starts afresh';
    const message = `A saved draft had problems: ${listed}. ${kept}; the draft as it was is kept in this browser as "${setAside}".`;
    this.#problem(draft ? 'draft-trimmed' : 'draft-corrupt', message);
    this.notices.at(-1).setAside = setAside;
  }

  /** Brings back a set-aside draft (see drafts.js); offers its text as a file when unreadable. */
  async restoreSetAside(setAside) {
    const { draft, problems, raw } = restoreDraft(this.host.draftKey(), setAside, (d) => this.#checkDraft(d));
    this.notices = this.notices.filter((n) => n.setAside !== setAside);
    if (draft) {
      this.patch = draft.patch;
      this.draftNotes = draft.notes;
      this.comparison = null;
      this.say(`Restored the set-aside draft${problems.length ? `, without what could not be read: ${problems.slice(0, 3).join('; ')}` : ''}.`);
      this.#changed(true);
    } else if (raw !== null) {
      const { downloadText } = await import('./exports.js');
      downloadText('work-health-atlas-set-aside-draft.txt', raw, 'text/plain;charset=utf-8');
      this.notices.push({ text: 'The set-aside draft cannot be read by the atlas; its text was downloaded so nothing is lost.', problem: true });
      this.redraw();
    }
  }

  #problem(code, message) {
    this.notices.push({ text: message, problem: true });
    this.host.warn(code, message);
  }

  // ---- changes -----------------------------------------------------------------------------

  /** After any change to the patch or notes: save the draft, outline, redraw, tell the page. */
  #changed(save = true) {
    this.loaded = true;
    if (save) {
      const refused = saveDraft(this.host.draftKey(), this.patch, this.draftNotes);
      this.saveNote = refused ?? `Draft saved in this browser at ${new Date().toLocaleTimeString()}.`;
    }
    this.redraw();
    const state = this.host.state();
    if (state) this.host.emit('atlas-change', { ...state, patch: this.summary() });
    this.host.shared();
  }

  /** What `atlas-change` says about the patch. */
  summary() {
    return { name: this.patch.name, areas: [...this.patch.areas], interventions: this.patch.interventions.length, notes: this.notes.length };
  }

  setPatch(patch, save = true) {
    this.patch = patch;
    this.comparison = null;
    this.#changed(save);
  }

  /** Adds an area (any layer: a ward adds its LSOAs) to the patch, or takes it out if all in. */
  async toggle(code) {
    await this.ready();
    const found = this.analysis.resolve(code);
    if (!found.codes.length) return;
    const inPatch = new Set(this.patch.areas);
    const all = found.codes.every((c) => inPatch.has(c));
    for (const c of found.codes) {
      if (all) inPatch.delete(c);
      else inPatch.add(c);
    }
    const areas = this.analysis.inLayerOrder([...inPatch]);
    const what = found.expanded[0] ?? code;
    this.say(all ? `Took ${what} out of the patch.` : `Added ${what} to the patch.`);
    this.setPatch({ ...this.patch, areas });
  }

  addNote(note) {
    this.draftNotes = [...this.draftNotes, note];
    this.#changed();
  }

  removeNote(note) {
    this.draftNotes = this.draftNotes.filter((n) => n !== note);
    this.#changed();
  }

  /**
   * Adds imported notes to the draft, as many as fit its limit (the analysis module's
   * `maxNotes`); returns how many were left out.
   */
  importNotes(notes) {
    const room = Math.max(0, this.analysis.maxNotes() - this.draftNotes.length);
    this.draftNotes = [...this.draftNotes, ...notes.slice(0, room)];
    this.#changed();
    return notes.length - Math.min(room, notes.length);
  }

  /** Announces a change to screen readers (the element's live region). */
  say(text) {
    this.host.ui.live.textContent = text;
  }

  // ---- hooks from the element --------------------------------------------------------------

  /**
   * The map's side, after a view change (the panel redraws the open tab itself): outlines and
   * fills for the shown layer, and the note pins.
   */
  refresh() {
    const handle = this.host.handle();
    if (!handle || !this.analysis || this.packed !== this.host.packed()) return;
    const layer = handle.state().geography;
    const on = (codes) => Uint32Array.from(codes.length ? this.analysis.indicesOnLayer(codes, layer) : []);
    const [patch, comparison, fills] = [on(this.patch.areas), on(this.comparison?.report.codes ?? []), this.workHealth.fills(layer)];
    // Only when there is something to show or to take off: clearing the fills recolours the map.
    const marking = patch.length + comparison.length + fills.length > 0;
    if (marking || this.marking) {
      this.host.change(() => handle.setMarks(patch, comparison, fills));
    }
    this.marking = marking;
    // The notes may have changed even when the map does not need painting.
    this.painted();
  }

  /** After a change made in the tools: the map's side and the open tab. */
  redraw() {
    this.refresh();
    const tab = this.host.panel.tab;
    if (tab === 'patch') this.patchView.update();
    else if (tab === 'workhealth') this.workHealth.update();
  }

  /** After the map's base was painted: move the note pins. */
  painted() {
    this.pins.place();
  }

  /** The bivariate class of an area in words while the map shows it (work × health), or null. */
  classWords(code) {
    return this.workHealth.classWords(code);
  }

  hovered() {
    if (this.host.panel.tab !== 'workhealth') return;
    const handle = this.host.handle();
    this.workHealth.highlight(handle ? handle.hoverInfo()?.code ?? null : null);
  }

  /** Draws a tab's content (called by the panel). */
  async render(tab, pane) {
    try {
      await this.ready();
    } catch (error) {
      setChildren(pane, [h('p', { class: 'problem' }, [`These tools could not be loaded: ${error.message}`])]);
      return;
    }
    const view = tab === 'patch' ? this.patchView : this.workHealth;
    if (view.pane !== pane) {
      view.pane = pane;
      setChildren(pane, [view.root]);
      // The bivariate colours follow the work × health tab being open (see its fills()).
      if (view === this.workHealth) new MutationObserver(() => this.refresh()).observe(pane, { attributes: true, attributeFilter: ['hidden'] });
    }
    view.update();
  }

  /** The patch's figures for the current indicator, or null. */
  figures() {
    const state = this.host.state();
    if (!this.analysis || !this.patch.areas.length || !state?.indicator) return null;
    return this.analysis.patchFigures(this.patch.areas, state.indicator);
  }

  /**
   * The selected area's trend chart with the patch's line and, on the charts of the patch's own
   * areas, its interventions' markers (made by the analysis module); `spec` when there is no patch.
   */
  decorateTrend(spec) {
    const state = this.host.state();
    if (!this.analysis || !this.patch.areas.length || !state?.indicator) return spec;
    const decorated = this.run((a) => a.patchOnTrend(spec, this.patch, state.indicator, this.patch.areas.includes(state.area)));
    return decorated && !decorated.error ? decorated : spec;
  }

  /** The legend row the patch's line adds to the trend chart, if it has one. */
  trendLegend() {
    const state = this.host.state();
    return this.analysis && this.patch.areas.length && state?.indicator ? this.analysis.patchLegend(this.patch, state.indicator) : [];
  }

  /** The patch as a row of the data table and CSV (the shown period's figure), if it has one. */
  tableRows() {
    const state = this.host.state();
    const row = this.analysis && this.patch.areas.length && state?.period ? this.analysis.patchRow(this.patch, state.indicator, state.period) : null;
    return row ? [row] : [];
  }

  /** The note pins drawn on a canvas of the map's size at `scale`, for the map picture. */
  mapCanvases(scale) {
    return this.pins.canvases(scale);
  }

  /**
   * A chart of these tools for a picture (`patch`, `did`, `event-study` or `scatter`), as last
   * drawn: `{ kind, spec, canvas, words, sources? }`, or null when it is not drawn.
   */
  chartFor(name) {
    return name === 'scatter' ? this.workHealth.picture() : this.patchView.picture(name);
  }

  /** Legend rows the map picture adds: the patch outline and each note (the core's words). */
  mapLegend() {
    return this.analysis ? this.analysis.mapLegend(this.patch, this.notes.map(({ source, ...n }) => n)) : [];
  }
}
