// <work-health-atlas>: the custom element. It owns the DOM, every event listener and the animation
// frame; the wasm core owns the data, the state and the drawing. All data-derived text is set with
// textContent, never parsed as HTML. The element joins its parts, each a concept of its own: the
// session with the map module (session.js), view changes and their redraw (view-changes.js), the
// canvases' frame (map-frame.js), charts (chart-loader.js), the URL hash (hash-sync.js), the table
// (table-toggle.js), the export bar (export-bar.js) and the impact tools (impact-loader.js).
import { loadPostcodeIndex, loadCharts, assetUrl } from './core.js';
import { atlasStyleSheet } from './styles.js';
import { Controls } from './controls.js';
import { SearchBox } from './search-box.js';
import { Panel } from './panel.js';
import { MapInput } from './map-input.js';
import { Session, TRAPPED } from './session.js';
import { ViewChanges } from './view-changes.js';
import { MapFrame } from './map-frame.js';
import { ChartLoader } from './chart-loader.js';
import { HashSync } from './hash-sync.js';
import { TableToggle } from './table-toggle.js';
import { ExportBar } from './export-bar.js';
import { ImpactLoader } from './impact-loader.js';
import { applyLayout, hasImpactWork, hasDraft, ownPageUrl } from './embed-options.js';
import { PageSettings } from './page-settings.js';
import { buildUi, renderCaption, renderLegend, showError, showLoading, hideStatus } from './ui.js';
import { say } from './dom.js';
import { arrowKeyGraph } from './test-hooks.js';

export class AtlasElement extends HTMLElement {
  static observedAttributes = ['indicator', 'geography', 'period', 'area', 'src', 'view', 'controls', 'height', 'sync-url', 'patch', 'notes', 'patch-src', 'notes-src', 'series-src', 'labels'];

  #ui;
  #controls;
  #search;
  #panel;
  #session;
  #views;
  #frame;
  #charts;
  #hash;
  #table;
  #exports;
  #impact;
  #input;
  #page;
  #view = 'full';
  #onHashChange;
  #resizeObserver;
  #readyResolve;
  #failed = false;
  #announcedReady = false;
  /** The host a page-given bundle came from, named in the caption (none for the bundled data). */
  #dataFrom;
  // Data added in this page (add-data.js), and the view to keep when the widget reloads with it.
  #added = false;
  #keep = null;
  #prefetchedResolve;
  /** Resolves when the page's prefetch for offline use has settled (false with `prefetch="none"`). */
  prefetched = new Promise((resolve) => {
    this.#prefetchedResolve = resolve;
  });

  constructor() {
    super();
    /** Resolves with the state when the first view of the current data is drawn. */
    this.ready = new Promise((resolve) => {
      this.#readyResolve = resolve;
    });
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [atlasStyleSheet()];
    // What the parts may ask of the element; each takes what it needs.
    const handle = () => this.#session.handle;
    const call = (fn) => this.#call(fn);
    const host = {
      element: this,
      handle,
      call,
      warn: (code, message, about) => this.#warn(code, message, about),
      change: (fn, recover) => this.#views.change(fn, { announce: false, recover }),
      announce: (info, speak) => this.#announceSelection(info, speak),
      impact: () => this.#impact.tools,
      packed: () => this.#session.packed,
      // The whole bundle (every indicator): what the tools that read the bundle wait for.
      whole: () => this.#session.complete(),
      size: () => this.#frame.size,
      repaint: () => this.#frame.schedule(true, true),
    };
    this.#session = new Session({
      fail: (code, message, issues) => this.#fail(code, message, issues),
      warn: (code, message) => this.#warn(code, message),
      size: host.size,
      moved: (restored) => this.#moved(restored),
      completed: () => this.#completed(),
    });
    this.#controls = new Controls({
      view: (ids) => this.#views.view(ids),
      classification: (method, classes) => this.#views.change(() => handle().setClassification(method, classes)),
      change: (from) => this.#views.changeFrom(from),
      say: (text) => say(this.#ui.live, text),
      names: (on) => this.#page.names(on),
    });
    // A found area is brought into view (on a phone the map may be scrolled away).
    this.#search = new SearchBox({ ...host, locate: (code) => this.#views.area(code, true), loadPostcodeIndex, reveal: () => this.#ui.map.scrollIntoView({ block: 'nearest' }) });
    this.#charts = new ChartLoader({ ...host, loaded: () => this.#panel.render() });
    this.#panel = new Panel({
      ...host,
      draw: (kind, canvas, option) => this.#charts.draw(kind, canvas, kind === 'trend' ? this.#trendSpec() : option, option),
      periodAt: (x, y) => this.#charts.periodAt(x, y),
      key: () => this.#renderKey(),
      tool: (tab, pane) => this.#impact.load().then((tools) => tools.render(tab, pane)),
    });
    const ui = (this.#ui = host.ui = buildUi(this.#controls, this.#search, this.#panel));
    this.#page = new PageSettings({ ...host, controls: this.#controls });
    this.#frame = new MapFrame(ui, { ...host, painted: (base) => this.#painted(base) });
    this.#views = new ViewChanges({
      ...host,
      session: this.#session,
      frame: this.#frame,
      refreshText: () => this.#refreshText(),
      note: (message) => this.#controls.note(message),
      say: (text) => say(this.#ui.live, text),
      changed: () => this.#emit('atlas-change', this.#stateObject()),
    });
    const openPatch = () => this.#impact.load().then((tools) => tools.load());
    const apply = (state, announce) => this.#whenHas(state.indicator, () => this.#views.shared(state, announce));
    this.#hash = new HashSync({ ...host, state: () => handle()?.state(), apply, patch: () => this.#impact.linkText(), openPatch });
    this.#table = new TableToggle({ ...host, panel: this.#panel, view: () => this.#view, select: (code) => this.#views.area(code, true), measure: () => this.#frame.measure() });
    this.#impact = new ImpactLoader({ ...host, panel: this.#panel, linkPatch: () => this.#hash.patchText(), shared: () => this.#hash.write(), exportChart: (kind, status) => this.#exports.run(kind, status) });
    this.#exports = new ExportBar({
      ...host,
      panel: this.#panel,
      chart: () => this.#charts.chart,
      drawn: () => this.#charts.drawn,
      link: () => this.link(),
      // Reloads with the added data, showing indicator `id` (on its finest layer) and the area.
      reload: (id) => {
        this.#keep = id && { indicator: id, area: this.state?.area };
        this.#added = true;
        this.#session.release();
        this.#load();
      },
    });
    this.#onHashChange = () => this.#hash.restore(true);
    root.append(ui.root);
    this.#resizeObserver = new ResizeObserver(() => this.#frame.measure());
    this.#input = new MapInput(ui, {
      ...host,
      // A gesture moved the last picture with a CSS transform: repaint for real (MapFrame).
      settle: () => {
        call(() => handle().takeUpdate());
        this.#frame.settle();
      },
      select: (info, shift) => {
        // Shift-click adds the area to the patch (or takes it out).
        if (info && (shift || this.#impact.tools?.editing)) this.#impact.load().then((tools) => tools.toggle(info.code));
        this.#announceSelection(info);
      },
      say: (text) => say(ui.live, text),
      hovered: () => this.#impact.tools?.hovered(),
      explain: (info) => this.#impact.explain(info),
    });
  }

  connectedCallback() {
    this.#applyLayout();
    window.addEventListener('hashchange', this.#onHashChange);
    this.#resizeObserver.observe(this.#ui.map);
    this.#panel.connect();
    this.#input.connect();
    if (!this.#session.handle) this.#load();
  }

  disconnectedCallback() {
    this.#resizeObserver.disconnect();
    this.#panel.disconnect();
    this.#input.disconnect();
    this.#controls.stop();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#frame.stop();
    this.#session.release();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // The view's attributes apply whenever they are set, even to the text they held: the reader
    // may have moved on since, and page and widget must then agree again (README "Attributes").
    const always = ['indicator', 'geography', 'period', 'area'].includes(name);
    if ((oldValue === newValue && !always) || !this.isConnected) return;
    const apply = () => this.#page.asked(() => this.#attributeChanged(name, newValue));
    if (name === 'indicator') this.#whenHas(newValue, apply);
    else apply();
  }

  #attributeChanged(name, newValue) {
    if (name === 'src' || name === 'series-src') {
      this.#session.release();
      this.#load();
    } else if (name === 'view' || name === 'controls' || name === 'height') {
      this.#applyLayout();
      if (this.#session.handle && name === 'view') this.#emit('atlas-change', this.#stateObject());
    } else if (name === 'sync-url') this.#hash.restore(true);
    else if (!this.#session.handle) return;
    else if (['patch', 'notes', 'patch-src', 'notes-src'].includes(name)) this.#impact.load().then((tools) => tools.load());
    else if (name === 'labels') this.#page.labels();
    else if (name === 'area') this.#views.area(newValue, true);
    else this.#views.view({ [name]: newValue });
  }

  /** The current view: `{ indicator, geography, period, area, method, classes, change_from, view }`. */
  get state() {
    return this.#session.handle ? this.#stateObject() : null;
  }

  #stateObject() {
    const state = this.#call(() => this.#session.handle.state());
    return state ? { ...state, view: this.#view } : null;
  }

  /** Applies `view`, `controls` and `height` (embed-options.js). */
  #applyLayout() {
    const warn = (code, message) => this.#warn(code, message);
    this.#view = this.#page.asked(() => applyLayout(this, { ui: this.#ui, controls: this.#controls, search: this.#search, panel: this.#panel, warn }));
    this.#table.show(this.#view === 'table');
    if (this.#session.handle) this.#frame.schedule(true, true);
  }

  /** Selects an area by code (of any layer; the map switches layer when needed) and zooms to it. */
  select(code) {
    return this.#views.area(code, true);
  }

  /**
   * A point inside the area with this code, `[x, y]` in CSS pixels relative to the map box, or
   * null. Meant for automation and tests (e.g. to hover a known area).
   */
  screenPointOf(code) {
    return this.#session.handle ? this.#call(() => this.#session.handle.screenPointOf(code)) : null;
  }

  /** The map's zoom relative to the fitted view (1 = whole region). */
  get zoomLevel() {
    return this.#session.handle ? this.#call(() => this.#session.handle.zoom()) : null;
  }

  /** The map box's position in the page, for turning screenPointOf into page coordinates. */
  get mapRect() {
    return this.#ui.map.getBoundingClientRect();
  }

  /**
   * Shows another indicator (by id). Applied at once, or, for an indicator of the part of the
   * bundle still loading, when it has come: the returned promise resolves then.
   */
  setIndicator(id) {
    return this.#whenHas(id, () => {
      this.#views.view({ indicator: id });
    });
  }

  /**
   * Resolves with true once the widget holds every indicator of its data: the default embed's
   * first view carries only the indicator it shows; the rest loads from its own folder just
   * after (false when that failed, reported with `atlas-error`).
   */
  async complete() {
    await this.ready;
    await this.#session.complete();
    return !this.#session.partial;
  }

  /** Shows another period (by id). */
  setPeriod(id) {
    this.#views.view({ period: id });
  }

  /** The current layer as CSV, header first (what "Download CSV" saves). */
  async toCsv() {
    return this.#session.handle ? (await this.#exports.exporter()).csv() : null;
  }

  /** The CSVW sidecar of that CSV (source, licence, period, columns) as JSON text; `name` is its file. */
  async toCsvMetadata(name) {
    return this.#session.handle ? (await this.#exports.exporter()).csvMetadata(name) : null;
  }

  /**
   * A PNG (at 2×) of the map (`map`), the visible tab's chart (`chart`) or a chart by name
   * (`trend`, `profile`, `districts`, `patch`, `did`, `event-study`, `scatter`), with title,
   * key, footnotes and sources drawn in.
   */
  async toPng(kind = 'map') {
    return (await this.#exports.exporter()).png(kind);
  }

  /** The visible tab's chart (`chart`) or a chart by name as an SVG document (see `toPng`). */
  async toSvg(kind = 'chart') {
    return (await this.#exports.exporter()).svg(kind);
  }

  /** The patch and the user's notes as the embed snippets carry them, or null without a patch. */
  sharedPatch() {
    return this.#impact.shared();
  }

  /** A link to this view (the page URL with the state and the patch in its hash). */
  link() {
    return this.#hash.link();
  }

  // ---- loading and errors --------------------------------------------------------------------

  async #load() {
    this.#failed = false;
    this.#announcedReady = false;
    showLoading(this.#ui);
    const wantsAdded = this.#added || this.getAttribute('series-src') || hasDraft(this, ':data');
    const fetched = await this.#session.fetch(this, wantsAdded ? this.#exports.adder() : null);
    if (!fetched) return;
    // A refused origin is a link's doing, not the page's: the atlas's own figures stay.
    if (fetched.got.refused) this.#warn(fetched.got.refused.code, fetched.got.refused.message);
    this.#dataFrom = fetched.got.host;
    // An indicator asked for by the page or a link may be in the part of the bundle that the
    // first view leaves out: the session then adds that part first.
    const asked = this.#keep?.indicator ?? this.getAttribute('indicator') ?? this.#hash.askedIndicator();
    // The handle is made at the box's last size (a nominal one at first) and fitted to the box
    // once the lists are filled: one forced layout before the first paint, not two.
    if (!(await this.#session.open(fetched, this.#frame.lastSize(), asked))) return;
    this.#controls.setCatalogue(this.#session.handle.catalogue());
    hideStatus(this.#ui);
    this.#frame.fit();
    this.#page.labels();
    const keep = this.#keep;
    this.#keep = null;
    this.#page.asked(() => {
      this.#views.view(keep ?? { indicator: this.getAttribute('indicator'), geography: this.getAttribute('geography'), period: this.getAttribute('period') }, false);
      const area = keep ? keep.area : this.getAttribute('area');
      if (area) this.#views.area(area, false);
    });
    this.#hash.restore(false);
    this.#refreshText();
    this.#frame.schedule(true, true);
    if (this.#impact.wanted || hasImpactWork(this)) this.#impact.load().then((tools) => tools.load());
  }

  /** Runs `fn` now, or, when it needs an indicator still loading, once every indicator is in. */
  #whenHas(indicator, fn) {
    if (!this.#session.lacks(indicator)) return Promise.resolve(fn());
    const handle = this.#session.handle;
    return this.#session.complete().then(() => {
      if (this.#session.handle === handle) fn();
    });
  }

  /** Every indicator is in (session.js): the lists and the panel show them. */
  #completed() {
    this.#controls.setCatalogue(this.#session.handle.catalogue());
    if (this.#announcedReady) this.#refreshText();
  }

  /** The session moved to a fresh module after a panic elsewhere (session.js). */
  #moved(restored) {
    // The fresh handle was brought to the old view: all of it is to be shown, nothing reported.
    this.#frame.insets(true);
    this.#page.names(this.#controls.names.checked);
    this.#call(() => this.#session.handle.takeUpdate());
    // The patch's outlines and fills lived in the old instance: refresh puts them back.
    if (!restored) this.#refreshText();
    else this.#impact.tools?.refresh();
    this.#frame.schedule(true, true);
  }

  /** Runs a call into the core; a trap or thrown error is reported (session.js), not rethrown. */
  #call(fn) {
    const result = this.#session.call(fn);
    return result === TRAPPED ? undefined : result;
  }

  #fail(code, message, issues) {
    this.#failed = true;
    this.#session.release();
    showError(this.#ui, message, issues, ownPageUrl(this, assetUrl));
    this.#emit('atlas-error', { code, message });
  }

  /**
   * Reports a problem that leaves a usable view (e.g. an unknown attribute value); when it is the
   * page's own setting, the notice says so too. `about` is `{ key, value }` when known.
   */
  #warn(code, message, about) {
    this.#page.warned(message, about);
    this.#emit('atlas-error', { code, message, recovered: true });
  }

  #emit(type, detail) {
    if (type === 'atlas-change') this.#hash.write();
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- words ---------------------------------------------------------------------------------

  /** Puts the focused (or selected) area's full sentence in the live region for screen readers. */
  #speak() {
    const handle = this.#session.handle;
    const sentence = (handle && this.#call(() => handle.sentence())) ?? '';
    say(this.#ui.live, sentence && this.#impact.explainSentence(sentence, handle.state().area));
  }

  /** A selection was made: the panel, the events, and (unless the caller says it) the sentence. */
  #announceSelection(info, speak = true) {
    this.#panel.render();
    if (speak) this.#speak();
    if (info) this.#emit('atlas-select', { code: info.code, name: info.name, geography: info.geography });
    this.#emit('atlas-change', this.#stateObject());
  }

  /** The caption and the legend: all a period preview changes. */
  #renderKey() {
    const caption = this.#session.handle.caption();
    renderCaption(this.#ui, caption, this.#dataFrom);
    renderLegend(this.#ui, this.#session.handle.legend(), caption.unit);
  }

  #refreshText() {
    const handle = this.#session.handle;
    if (!handle) return;
    this.#renderKey();
    this.#controls.sync(handle.state(), (from) => handle.changeRefusal(from));
    this.#panel.render();
    this.#table.render();
    this.#impact.tools?.refresh();
  }

  /** The selected area's trend chart, with what the impact tools add for the patch. */
  #trendSpec() {
    const spec = this.#session.handle ? this.#call(() => this.#session.handle.trendSpec()) : null;
    return spec && (this.#impact.tools?.decorateTrend(spec) ?? spec);
  }

  /** After a paint: the note pins follow the base; the first paint makes the widget ready. */
  #painted(base) {
    if (base) this.#impact.tools?.painted();
    if (this.#announcedReady || this.#failed) return;
    this.#announcedReady = true;
    const state = this.#stateObject();
    this.#readyResolve(state);
    this.#emit('atlas-ready', state);
    // The indicators the first view left out, now that it is drawn (whatever `prefetch` says:
    // they are this widget's data, not code for later).
    const whole = this.#session.complete();
    // Never before the first paint: what the widget may need later, for use offline.
    const prefetch = this.getAttribute('prefetch') !== 'none' && import('./prefetch.js').then((p) => p.prefetchWhenIdle(loadCharts, loadPostcodeIndex), () => false);
    this.#prefetchedResolve(whole.then(() => prefetch));
  }

  /**
   * Paint counters `{ base, overlay }` of the current handle (used by tests to prove hover
   * repaints only the overlay); they start again when the widget moves to a fresh module.
   */
  get paintCounts() {
    return this.#session.handle ? this.#session.handle.paintCounts() : null;
  }

  /**
   * Test hook: the codes of `geography` reachable with the arrow keys from the start focus
   * (test-hooks.js). Moves the view there. Not public API.
   */
  __arrowKeyGraphForTests(geography) {
    this.#views.view({ geography });
    return arrowKeyGraph(this.#session.handle);
  }

  /** Test hook: makes the core panic, to prove panics are reported. Not part of the public API. */
  __panicForTests() {
    if (this.#session.core) this.#call(() => this.#session.core.__panicForTests());
  }
}
