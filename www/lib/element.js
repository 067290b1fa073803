// <work-health-atlas>: the custom element. It owns the DOM, every event listener and the animation
// frame; the wasm core owns the data, the state and the drawing. All data-derived text is set with
// textContent, never parsed as HTML.
import { loadCore, loadPostcodeIndex, embeddedBundle, unpacked, loadCharts, loadAnalysis, retireCore, loadOnDemand, assetUrl } from './core.js';
import { atlasStyleSheet } from './styles.js';
import { Controls } from './controls.js';
import { SearchBox } from './search-box.js';
import { Panel } from './panel.js';
import { MapInput } from './map-input.js';
import { parseView, parseControls, parseHeight, hashKey, readHash, writeHash, draftKey, hasImpactWork, hasDraft } from './embed-options.js';
import { buildUi, renderCaption, renderLegend, renderTooltip, showError, showLoading, hideStatus } from './ui.js';

/** This page's address with `hash` in place of its own. */
const withHash = (hash) => window.location.href.replace(/#.*/, '') + hash;

/** The widgets that have a handle: those on an instance that panicked move to a fresh one. */
const live = new Set();

export class AtlasElement extends HTMLElement {
  static observedAttributes = ['indicator', 'geography', 'period', 'area', 'src', 'view', 'controls', 'height', 'sync-url', 'patch', 'patch-src', 'notes-src', 'series-src'];

  #ui;
  #controls;
  #search;
  #panel;
  #chart = null;
  #unshift = false;
  #chartLoading = false;
  #committedPeriod = null;
  #input;
  #table = null;
  #view = 'full';
  #onHashChange;
  #core = null;
  #handle = null;
  #loadToken = 0;
  #frame = 0;
  #dirty = { base: false, overlay: false };
  #size = { width: 0, height: 0, dpr: 1 };
  /** The host a page-given bundle came from, named in the caption (none for the bundled data). */
  #dataFrom;
  #resizeObserver;
  #readyResolve;
  #failed = false;
  #announcedReady = false;
  // The patch, notes and work × health views: a promise while loading, then the object.
  #ext = null;
  #extension = null;
  // This widget's bundle: packed (what its handle was made from, kept to rebuild it on a fresh
  // module after a panic, #move) and as the JSON-shaped object, made when a tool first asks.
  #packed = null;
  #bundle = null;
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
    this.#controls = new Controls({
      view: (change) => this.#applyView(change),
      classification: (method, classes) => this.#applyClassification(method, classes),
      change: (from) => this.#applyChange(from),
    });
    this.#search = new SearchBox({
      find: (query, limit) => (this.#handle ? this.#call(() => this.#handle.search(query, limit)) ?? [] : []),
      choose: (hit) => this.#choose(hit),
      postcode: (query) => this.#findPostcode(query),
    });
    this.#panel = new Panel({
      draw: (kind, canvas, option) => this.#draw(kind, canvas, option),
      periodAt: (x, y) => (this.#chart ? this.#chart.periodAt(x, y) ?? null : null),
      readout: (i) => (this.#handle ? this.#handle.trendReadout(i) : null),
      legend: () => (this.#handle ? [...this.#handle.trendLegend(), ...(this.#extension?.trendLegend() ?? [])] : []),
      info: () => (this.#handle ? this.#handle.selectedInfo() : null),
      summary: () => (this.#handle ? this.#handle.summary() : null),
      profile: () => (this.#handle ? this.#handle.profileSpec() : null),
      districts: (indicator) => (this.#handle ? this.#handle.districtSpec(indicator) : null),
      districtIndicators: () => (this.#handle ? this.#handle.districtIndicators() : []),
      previewPeriod: (id) => this.#previewPeriod(id),
      extension: (tab, pane) => this.#extend().then((x) => x.render(tab, pane)),
    });
    this.#ui = buildUi(this.#controls, this.#search, this.#panel);
    this.#ui.tableToggle.addEventListener('click', () => this.#showTable(this.#ui.tableToggle.getAttribute('aria-pressed') !== 'true'));
    this.#onHashChange = () => this.#restoreFromHash(true);
    root.append(this.#ui.root);
    this.#resizeObserver = new ResizeObserver(() => this.#measure());
    this.#input = new MapInput(this.#ui, {
      handle: () => this.#handle,
      call: (fn) => this.#call(fn),
      schedule: (base, overlay) => this.#schedule(base, overlay),
      repaint: () => {
        this.#unshift = true;
        this.#schedule(true, true);
      },
      select: (info, shift) => {
        // Shift-click adds the area to the patch (or takes it out).
        if (info && (shift || this.#extension?.editing)) this.#extend().then((x) => x.toggle(info.code));
        this.#announceSelection(info);
      },
      hovered: () => this.#extension?.hovered(),
      size: () => this.#size,
      focus: (dx, dy) => this.#focusMove(dx, dy),
      selectFocused: () => {
        const info = this.#call(() => this.#handle.selectFocused());
        if (info) this.#announceSelection(info);
        this.#schedule(false, true);
      },
      clearFocus: () => {
        if (this.#call(() => this.#handle.clearFocus())) {
          this.#announceSelection(null);
          this.#schedule(false, true);
        }
      },
    });
    for (const button of this.#ui.exportBar.querySelectorAll('button')) {
      button.addEventListener('click', () => this.#export(button.dataset.export));
    }
    // Files dropped anywhere on the widget are added as data.
    for (const type of ['dragover', 'drop']) {
      this.#ui.root.addEventListener(type, (event) => {
        if (!event.dataTransfer?.types.includes('Files')) return;
        event.preventDefault();
        if (type === 'drop') this.#addData(event.dataTransfer.files);
      });
    }
  }

  connectedCallback() {
    this.#applyLayout();
    window.addEventListener('hashchange', this.#onHashChange);
    this.#resizeObserver.observe(this.#ui.map);
    this.#panel.connect();
    if (!this.#handle) this.#load();
  }

  disconnectedCallback() {
    this.#resizeObserver.disconnect();
    this.#panel.disconnect();
    this.#controls.stop();
    window.removeEventListener('hashchange', this.#onHashChange);
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#loadToken += 1;
    this.#releaseHandle();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected) return;
    if (name === 'src' || name === 'series-src') {
      this.#releaseHandle();
      this.#load();
      return;
    }
    if (name === 'view' || name === 'controls' || name === 'height') {
      this.#applyLayout();
      if (this.#handle && name === 'view') this.#emit('atlas-change', this.#stateObject());
      return;
    }
    if (name === 'sync-url') {
      this.#restoreFromHash(true);
      return;
    }
    if (!this.#handle) return;
    if (name === 'patch' || name === 'patch-src' || name === 'notes-src') this.#extend().then((x) => x.load());
    else if (name === 'area') this.#applyArea(newValue, true);
    else this.#applyView({ [name]: newValue });
  }

  /** The current view: `{ indicator, geography, period, area, method, classes, change_from, view }`. */
  get state() {
    return this.#handle ? this.#stateObject() : null;
  }

  #stateObject() {
    const state = this.#call(() => this.#handle.state());
    return state ? { ...state, view: this.#view } : null;
  }

  // ---- embed options: view, controls, height, sync-url -------------------------------------

  /** Applies `view`, `controls` and `height`; unknown values fall back and are reported. */
  #applyLayout() {
    const { view, error: viewError } = parseView(this.getAttribute('view'));
    const { shown, error: controlsError } = parseControls(this.getAttribute('controls'));
    const heightAttr = this.getAttribute('height');
    const height = parseHeight(heightAttr);
    this.#view = view;
    this.#ui.root.dataset.view = view;
    this.#controls.show(shown);
    this.#search.root.hidden = !shown.has('search');
    this.#ui.options.classList.toggle('empty', shown.size === 0);
    this.#ui.optionsToggle.hidden = shown.size === 0;
    if (height) this.style.setProperty('--atlas-map-height', height);
    else this.style.removeProperty('--atlas-map-height');
    if (view === 'chart') this.#panel.select('trend');
    if (view === 'profile') this.#panel.select('profile');
    this.#showTable(view === 'table');
    for (const error of [viewError, controlsError, heightAttr && !height ? `"${heightAttr}" is not a CSS length` : null]) {
      if (error && this.isConnected) this.#warn('invalid-attribute', `${error}; using the default.`);
    }
    if (this.#handle) this.#schedule(true, true);
  }

  /**
   * Swaps the map for the data table (the map's text alternative). The table's code is loaded
   * the first time it is shown, so it is not part of the default download.
   */
  async #showTable(on) {
    const table = on || this.#view === 'table';
    this.#ui.root.classList.toggle('table-on', table);
    this.#ui.tableToggle.setAttribute('aria-pressed', String(table));
    this.#ui.tableToggle.textContent = table ? 'Show map' : 'Show table';
    if (table && !this.#table) {
      const { DataTable } = await import('./table.js');
      this.#table ??= new DataTable({
        rows: () => (this.#handle ? this.#call(() => this.#handle.tableRows()) ?? [] : []),
        extra: () => this.#extension?.tableRows() ?? [],
        select: (code) => {
          this.#applyArea(code, true);
          if (this.#view === 'full') this.#showTable(false);
        },
        caption: () => (this.#handle ? this.#handle.caption().title : ''),
      });
      this.#ui.tableSlot.replaceWith(this.#table.root);
      this.#ui.tableSlot = this.#table.root;
    }
    if (this.#table) {
      this.#table.root.hidden = !table;
      this.#table.render();
    }
    if (!table && this.#handle) {
      // The map box was hidden: measure again before painting.
      requestAnimationFrame(() => this.#measure());
    }
  }

  #syncKey() {
    return this.hasAttribute('sync-url') ? hashKey(this.getAttribute('sync-url')) : null;
  }

  /** Applies a state shared in the page's URL hash (`sync-url`). */
  #restoreFromHash(announce) {
    const key = this.#syncKey();
    if (!key || !this.#handle) return;
    let state;
    try {
      state = readHash(window.location.hash, key);
    } catch (error) {
      return this.#warn('invalid-attribute', error.message);
    }
    if (!state) return;
    this.#applyView({ indicator: state.indicator, geography: state.geography, period: state.period }, announce);
    if (state.area && state.area !== this.#handle.state().area) this.#applyArea(state.area, announce);
  }

  /** Keeps this widget's state in the page's URL hash (`sync-url`), without adding history. */
  #writeHash() {
    const key = this.#syncKey();
    if (!key || !this.#handle) return;
    const hash = writeHash(window.location.hash, key, this.#handle.state());
    // An absolute URL: a bare '#…' would resolve against a <base href>, not this page.
    if (hash !== window.location.hash) history.replaceState(history.state, '', withHash(hash));
  }

  /** Selects an area by code (of any layer; the map switches layer when needed) and zooms to it. */
  select(code) {
    return this.#applyArea(code, true);
  }

  /**
   * A point inside the area with this code, `[x, y]` in CSS pixels relative to the map box, or
   * null. Meant for automation and tests (e.g. to hover a known area).
   */
  screenPointOf(code) {
    return this.#handle ? this.#call(() => this.#handle.screenPointOf(code)) : null;
  }

  /** The map's zoom relative to the fitted view (1 = whole region). */
  get zoomLevel() {
    return this.#handle ? this.#call(() => this.#handle.zoom()) : null;
  }

  /** The map box's position in the page, for turning screenPointOf into page coordinates. */
  get mapRect() {
    return this.#ui.map.getBoundingClientRect();
  }

  /** Shows another indicator (by id). */
  setIndicator(id) {
    this.#applyView({ indicator: id });
  }

  /** Shows another period (by id). */
  setPeriod(id) {
    this.#applyView({ period: id });
  }

  // ---- loading -------------------------------------------------------------------------------

  async #load() {
    const token = ++this.#loadToken;
    this.#failed = false;
    this.#announcedReady = false;
    showLoading(this.#ui);
    let core;
    try {
      core = await loadCore();
    } catch (error) {
      if (token === this.#loadToken) this.#fail('wasm-load-failed', `The map engine could not be loaded: ${error.message}`);
      return;
    }
    this.#core = core;
    let got = {};
    try {
      // The fetch code loads only when a page gives its own bundle.
      if (this.getAttribute('src')) got = await (await import('./fetch-bundle.js')).pageBundle(this, loadOnDemand);
    } catch (error) {
      if (token === this.#loadToken) this.#fail(error.code || 'src-failed', error.message, error.issues);
      return;
    }
    // The map module reads the packed form; the JSON-shaped object is made when a tool needs it.
    let { bundle = null, packed = embeddedBundle(core) } = got;
    // Added data (series-src, this page's draft) loads its code only when there is some.
    if (this.#added || this.getAttribute('series-src') || hasDraft(this, ':data')) ({ bundle, packed } = await (await import('./add-data.js')).withAddedData(this.#adder(), bundle ?? unpacked(core, packed), packed));
    if (token !== this.#loadToken || !this.isConnected) return;
    // A refused origin is a link's doing, not the page's: the atlas's own figures stay.
    if (got.refused) this.#warn(got.refused.code, got.refused.message);
    this.#dataFrom = got.host;
    this.#measure(false);
    const handle = this.#call(() => new core.AtlasHandle(packed, this.#size.width, this.#size.height));
    if (!handle) return;
    this.#handle = handle;
    this.#bundle = bundle;
    this.#packed = packed;
    live.add(this);
    this.#controls.setCatalogue(handle.catalogue());
    const keep = this.#keep;
    this.#keep = null;
    this.#applyView(
      keep ?? {
        indicator: this.getAttribute('indicator'),
        geography: this.getAttribute('geography'),
        period: this.getAttribute('period'),
      },
      false,
    );
    const area = keep ? keep.area : this.getAttribute('area');
    if (area) this.#applyArea(area, false);
    this.#restoreFromHash(false);
    hideStatus(this.#ui);
    this.#refreshText();
    this.#schedule(true, true);
    if (this.#ext || hasImpactWork(this)) this.#extend().then((x) => x.load());
    // Another widget's panic retired the module while the bundle was loading.
    if (core.retired) this.#move(core);
  }

  #releaseHandle() {
    if (this.#handle) {
      try {
        this.#handle.free();
      } catch {
        // A handle of a trapped module cannot be freed; dropping it is all we can do.
      }
    }
    this.#handle = null;
    this.#bundle = this.#packed = null;
    live.delete(this);
  }

  /**
   * Another widget's panic retired the module instance this one uses (core.js): move to a fresh
   * instance with the same view, firing no event, so that the user notices nothing. Until then the
   * retired instance is used; a trap there is not this widget's error (see #call). Concurrent
   * moves are harmless: the first one wins, the others find nothing left to move. Without a fresh
   * instance (e.g. offline) the widget stays where it is; the next trap there tries again.
   */
  async #move(retired) {
    if (this.#core !== retired) return;
    const moved = await import('./carry-over.js')
      .then((m) => m.moveToFreshCore(loadCore, () => this.#core === retired && this.#handle, this.#packed, this.#size))
      .catch(() => null);
    // Removed or reloaded in the meantime: the fresh handle is dropped (the glue frees it on GC).
    if (!moved || this.#core !== retired || !this.#handle) return;
    this.#core = moved.core;
    this.#handle = moved.handle;
    // The patch's outlines and fills lived in the old instance: refresh puts them back.
    if (!moved.restored) this.#refreshText();
    else this.#extension?.refresh();
    this.#schedule(true, true);
  }

  // ---- errors --------------------------------------------------------------------------------

  /** Runs a call into the core; a trap (Rust panic) or thrown error is reported, not rethrown. */
  #call(fn) {
    try {
      return fn();
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        const core = this.#core;
        // A trap in an instance that another widget's panic retired is not this widget's error.
        if (!core.retired || !this.#handle) {
          let message = null;
          try {
            message = core.lastPanic();
          } catch {
            message = null;
          }
          this.#fail('panic', `The atlas hit an internal error: ${message || error.message}`);
          retireCore(core);
        }
        // Every widget still on the trapped instance moves to a fresh one.
        for (const element of live) element.#move(core);
      } else {
        this.#fail(error.code || 'internal-error', error.message, error.issues);
      }
      return undefined;
    }
  }

  #fail(code, message, issues) {
    this.#failed = true;
    this.#releaseHandle();
    showError(this.#ui, message, issues);
    this.#emit('atlas-error', { code, message });
  }

  /** Reports a problem that leaves a usable view (e.g. an unknown attribute value). */
  #warn(code, message) {
    this.#emit('atlas-error', { code, message, recovered: true });
  }

  #emit(type, detail) {
    if (type === 'atlas-change') this.#writeHash();
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- view changes --------------------------------------------------------------------------

  #applyView({ indicator = null, geography = null, period = null }, announce = true) {
    if (!this.#handle) return;
    const before = JSON.stringify(this.#handle.state());
    // Apply one at a time so one unknown id does not block the others.
    for (const [key, value] of [['indicator', indicator], ['geography', geography], ['period', period]]) {
      if (value === null || value === undefined || value === '') continue;
      try {
        this.#handle.setView(key === 'indicator' ? value : undefined, key === 'geography' ? value : undefined, key === 'period' ? value : undefined);
      } catch (error) {
        if (this.#recover(error, 'invalid-attribute', '; showing the default instead.')) return;
      }
    }
    this.#refreshText();
    if (JSON.stringify(this.#handle.state()) !== before) {
      this.#schedule(true, true);
      if (announce) this.#emit('atlas-change', this.#stateObject());
    }
  }

  #applyArea(code, announce) {
    if (!this.#handle || !code) return null;
    let info;
    try {
      info = this.#handle.locate(code);
    } catch (error) {
      this.#recover(error, 'unknown-area');
      return null;
    }
    this.#refreshText();
    this.#schedule(true, true);
    if (announce) this.#announceSelection(info);
    return info;
  }

  #applyClassification(method, classes) {
    if (!this.#handle) return;
    try {
      this.#handle.setClassification(method, classes);
    } catch (error) {
      this.#recover(error);
      return;
    }
    this.#changed();
  }

  #applyChange(from) {
    if (!this.#handle) return;
    try {
      this.#handle.setChange(from ?? undefined);
    } catch (error) {
      this.#recover(error);
      this.#refreshText();
      this.#controls.note(error.message);
      return;
    }
    this.#changed();
  }

  /** After any view change: words, paint and `atlas-change`. */
  #changed() {
    this.#refreshText();
    this.#schedule(true, true);
    this.#emit('atlas-change', this.#stateObject());
  }

  /**
   * Reports an error thrown by the core that left the view usable (as `code` unless it names its
   * own); a trap is fatal instead. Returns whether it was a trap.
   */
  #recover(error, code = 'invalid-value', suffix = '') {
    const trap = error instanceof WebAssembly.RuntimeError;
    if (trap)
      this.#call(() => {
        throw error;
      });
    else this.#warn(error.code || code, error.message + suffix);
    return trap;
  }

  /** A search result was chosen: select it (switching layer if needed) and say what happened. */
  #choose(hit) {
    const info = this.#applyArea(hit.code, true);
    if (!info) return `${hit.name} could not be shown.`;
    return info.code === hit.code
      ? `Showing ${info.name}.`
      : `${hit.name} has no figures for this indicator; showing ${info.name}, which contains it.`;
  }

  async #findPostcode(query) {
    if (!this.#handle) return '';
    try {
      if (!this.#handle.hasPostcodes()) {
        const index = await loadPostcodeIndex();
        if (!this.#handle) return '';
        this.#handle.loadPostcodes(index);
      }
      const answer = this.#handle.locatePostcode(query);
      this.#refreshText();
      this.#schedule(true, true);
      this.#announceSelection(answer.area);
      return answer.message;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        this.#recover(error);
        return '';
      }
      return error.code === 'unknown-postcode' ? `${error.message}.` : `The postcode could not be looked up: ${error.message}`;
    }
  }

  /** Moves the keyboard focus to a neighbouring area, keeps it in view and reads it out. */
  #focusMove(dx, dy) {
    const info = this.#call(() => this.#handle.focusMove(dx, dy));
    this.#schedule(true, true);
    this.#speak();
    return info;
  }

  /** Puts the focused (or selected) area's sentence in the live region for screen readers. */
  #speak() {
    const sentence = this.#handle ? this.#call(() => this.#handle.sentence()) : null;
    this.#ui.live.textContent = sentence ?? '';
  }

  // ---- exports -------------------------------------------------------------------------------

  /** The exports with this widget's parts (exports.js, loaded on first use). */
  async #exporter() {
    const { Exporter } = await import('./exports.js');
    return new Exporter({ handle: this.#handle, chart: this.#chart, panel: this.#panel, ui: this.#ui, extension: this.#extension, loadCharts, link: () => this.link() });
  }

  /** The current layer as CSV with its provenance lines (what "Download CSV" saves). */
  async toCsv() {
    return this.#handle ? (await this.#exporter()).csv() : null;
  }

  /** A PNG of the map (`map`) or the trend chart (`chart`) with title, legend and sources drawn in. */
  async toPng(kind = 'map') {
    return (await this.#exporter()).png(kind);
  }

  /** The trend chart as an SVG document with title and sources drawn in. */
  async toSvg() {
    return (await this.#exporter()).svg();
  }

  /** A link to this view (the page URL with the state in its hash). */
  link() {
    if (!this.#handle) return window.location.href;
    const hash = writeHash(window.location.hash, this.#syncKey() ?? 'atlas', this.#handle.state());
    return withHash(hash);
  }

  async #export(kind) {
    if (kind === 'add') this.#addData();
    else (await this.#exporter()).download(kind, this.#ui.exportStatus);
  }

  /** Opens "Add data" (add-data.js, loaded now), adding `files` when given. */
  async #addData(files) {
    (await import('./add-data.js')).openAddData(this.#adder(), files);
  }

  /** The bundle as the object of the JSON schema (the analysis and import tools read it). */
  #object() {
    return (this.#bundle ??= this.#packed && unpacked(this.#core, this.#packed));
  }

  /** What add-data.js needs of this widget. */
  #adder() {
    return {
      element: this,
      ui: this.#ui,
      bundle: () => this.#object(),
      loadOnDemand,
      assetUrl,
      draftKey: draftKey(this),
      // Reloads with the added data, showing indicator `id` (on its finest layer) and the area.
      reload: (id) => {
        this.#keep = id && { indicator: id, area: this.state?.area };
        this.#added = true;
        this.#releaseHandle();
        this.#load();
      },
    };
  }


  #announceSelection(info) {
    this.#panel.render();
    this.#speak();
    if (info) this.#emit('atlas-select', { code: info.code, name: info.name, geography: info.geography });
    this.#emit('atlas-change', this.#stateObject());
  }

  /** The caption and the legend: all a period preview changes. */
  #renderKey() {
    const caption = this.#handle.caption();
    renderCaption(this.#ui, caption, this.#dataFrom);
    renderLegend(this.#ui, this.#handle.legend(), caption.unit);
  }

  #refreshText() {
    if (!this.#handle) return;
    this.#renderKey();
    this.#controls.sync(this.#handle.state(), (from) => this.#handle.changeRefusal(from));
    this.#panel.render();
    this.#table?.render();
    this.#extension?.refresh();
  }

  /**
   * The patch, notes and work × health views (extension.js and the analysis module), loaded when
   * first needed: a tab opened, a shift-click, a patch or notes attribute, or a saved draft.
   */
  #extend() {
    this.#ext ??= import('./extension.js').then(({ Extension }) => {
      this.#extension = new Extension({
        element: this,
        ui: this.#ui,
        panel: this.#panel,
        handle: () => this.#handle,
        call: (fn) => this.#call(fn),
        bundle: () => this.#object(),
        repaint: () => this.#schedule(true, true),
        analysis: loadAnalysis,
        draftKey: () => draftKey(this),
      });
      return this.#extension;
    });
    return this.#ext;
  }

  /**
   * Draws a chart (`trend`, `profile` or `districts`) with the chart module, loading it on first
   * use. Returns whether there is a chart to show (it appears once the module has loaded).
   */
  #draw(kind, canvas, option) {
    const spec = kind === 'trend' ? (this.#handle ? this.#call(() => this.#handle.trendSpec()) : null) : option;
    if (!spec) return false;
    if (kind === 'trend') this.#extension?.decorateTrend(spec);
    if (!this.#chart) {
      if (!this.#chartLoading) {
        this.#chartLoading = true;
        loadCharts()
          .then((module) => {
            this.#chart = new module.ChartHandle();
            this.#panel.render();
          })
          .catch((error) => this.#warn('charts-load-failed', `The chart could not be loaded: ${error.message}`))
          .finally(() => {
            this.#chartLoading = false;
          });
      }
      return true;
    }
    try {
      if (kind === 'trend') this.#chart.drawTrend(canvas, spec, option);
      else if (kind === 'profile') this.#chart.drawProfile(canvas, spec);
      else this.#chart.drawDistricts(canvas, spec);
    } catch (error) {
      this.#warn(error.code || 'chart-failed', error.message);
      return false;
    }
    return true;
  }

  /**
   * Hovering a period on the chart shows that period on the map until the pointer leaves the
   * chart; it is a preview, so no atlas-change is fired.
   */
  #previewPeriod(id) {
    if (!this.#handle) return;
    const current = this.#handle.state().period;
    if (id === null) {
      if (this.#committedPeriod !== null && this.#committedPeriod !== current) this.#call(() => this.#handle.setView(undefined, undefined, this.#committedPeriod));
      this.#committedPeriod = null;
    } else {
      if (this.#committedPeriod === null) this.#committedPeriod = current;
      if (id !== current) this.#call(() => this.#handle.setView(undefined, undefined, id));
    }
    this.#renderKey();
    this.#schedule(true, true);
  }

  // ---- size and painting ---------------------------------------------------------------------

  #measure(repaint = true) {
    const rect = this.#ui.map.getBoundingClientRect();
    const dpr = Math.max(1, Math.min(window.devicePixelRatio || 1, 3));
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    if (width === this.#size.width && height === this.#size.height && dpr === this.#size.dpr) return;
    this.#size = { width, height, dpr };
    for (const canvas of [this.#ui.base, this.#ui.overlay]) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    if (this.#handle && repaint) {
      this.#call(() => this.#handle.resize(width, height));
      this.#schedule(true, true);
    }
  }

  #schedule(base, overlay) {
    this.#dirty.base ||= base;
    this.#dirty.overlay ||= overlay;
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#paint());
  }

  #paint() {
    this.#frame = 0;
    if (!this.#handle) return;
    const { dpr } = this.#size;
    if (this.#dirty.base) {
      const ctx = this.#ui.base.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.#call(() => this.#handle.paintBase(ctx));
    }
    if (this.#dirty.overlay && this.#handle) {
      const ctx = this.#ui.overlay.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.#call(() => this.#handle.paintOverlay(ctx));
    }
    if (this.#unshift) {
      // The gesture's CSS transform ends in the same frame as the real repaint.
      this.#unshift = false;
      this.#ui.base.style.transform = '';
      this.#ui.overlay.style.transform = '';
    }
    if (this.#dirty.base) this.#extension?.painted();
    this.#dirty = { base: false, overlay: false };
    if (this.#handle && !this.#announcedReady && !this.#failed) {
      this.#announcedReady = true;
      const state = this.#stateObject();
      this.#readyResolve(state);
      this.#emit('atlas-ready', state);
      // Never before the first paint: what the widget may need later, for use offline.
      this.#prefetchedResolve(
        this.getAttribute('prefetch') !== 'none' &&
          import('./prefetch.js').then((p) => p.prefetchWhenIdle(loadCharts, loadPostcodeIndex), () => false),
      );
    }
  }

  /**
   * Paint counters `{ base, overlay }` of the current handle (used by tests to prove hover
   * repaints only the overlay); they start again when the widget moves to a fresh module (#move).
   */
  get paintCounts() {
    return this.#handle ? this.#handle.paintCounts() : null;
  }

  /** Test hook: makes the core panic, to prove panics are reported. Not part of the public API. */
  __panicForTests() {
    if (this.#core) this.#call(() => this.#core.__panicForTests());
  }
}
