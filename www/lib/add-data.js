// "Add data": monthly official series (Nomis claimant count, Stat-Xplore people on Universal
// Credit) and a community team's own figures, read in the browser by the importer wasm
// (atlas_import, `crate::import`) and merged into the widget's bundle as ordinary indicators, so
// the map, charts, table, exports and patches treat them like the atlas's own. Loaded only when
// someone adds data, drops a file, or the page names `series-src`; the default embed carries
// nothing of it. Added data is kept as a draft in this browser (beside the patch draft) and can be
// downloaded as an overlay file that a partner hosts and names with `series-src`.
import { h, setChildren } from './dom.js';
import { allowedOrigins, fetchTextFrom } from './fetch-bundle.js';
import { button, showProblems } from './form-parts.js';
import addDataCss from './add-data.css';

/** Largest file read (bytes). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024; // the importer's limit (src/import/importer.rs)
/** Problems listed in full; the rest are counted. */
const SHOWN_PROBLEMS = 40;

const sheet = new CSSStyleSheet();
/**
 * Per element: `{ base, added, checked, panel, importer, importerBase }` — the packed bundle
 * without added data, the added indicators, those read and checked in this page (unset until the
 * page adds or removes data: a reload then reads the draft saved in this browser instead), the
 * panel, and the importer for `importerBase`.
 */
const states = new WeakMap();
let lookups = null;

function stateOf(element) {
  if (!states.has(element)) states.set(element, { base: null, added: [], checked: null, panel: null, importer: null, importerBase: null });
  return states.get(element);
}

/**
 * The widget's parts this module uses (the element passes them in, so that this chunk imports
 * nothing of the element's own modules): `{ element, ui, packed(), loadOnDemand, assetUrl,
 * draftKey, reload(id) }`.
 * @typedef {object} Host
 */

const dataKey = (host) => `${host.draftKey}:data`;

/** The lookups file (residents 16–64, LSOA 2011 → 2021), fetched once per page when first needed. */
function loadLookups(host) {
  lookups ??= fetch(host.assetUrl('data/lookups.json'), { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`the lookups file could not be loaded (HTTP ${response.status})`);
    return response.text();
  });
  lookups.catch(() => {
    lookups = null;
  });
  return lookups;
}

/**
 * The element's importer for its base bundle, made once and kept (reading the bundle into it
 * takes tens of milliseconds); a new base (another `src`) makes a new one.
 */
function sharedImporter(host, state) {
  const base = state.base ?? host.packed();
  if (state.importerBase !== base) {
    state.importer?.then((old) => old.free(), () => {});
    state.importerBase = base;
    state.importer = importerFor(host, base);
    state.importer.catch(() => {
      state.importerBase = null;
    });
  }
  return state.importer;
}

/** A few rows in the Nomis API layout about area `code`, read once when the panel opens (see `warmUp`). */
function warmUpCsv(code) {
  const rows = ['2024-01', '2024-02', '2024-03'].map((m) => `${m},${m},${code},2021 super output areas - lower layer,Total,All categories: Age 16+,Claimant count,Value,5,A`);
  return ['DATE,DATE_NAME,GEOGRAPHY_CODE,GEOGRAPHY_TYPE,GENDER_NAME,AGE_NAME,MEASURE_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS', ...rows].join('\n');
}

/** An importer for this packed bundle (the module and the lookups load on first use). */
async function importerFor(host, packed) {
  const [module, reference] = await Promise.all([host.loadOnDemand('atlas_import'), loadLookups(host)]);
  const importer = new module.Importer(packed, reference);
  // JSON text crosses the boundary both ways (see src/web/import.rs).
  return {
    importFile: (name, text, meta) => JSON.parse(importer.importFile(name, text, meta ? JSON.stringify(meta) : undefined)),
    checkOverlay: (text, origin) => JSON.parse(importer.checkOverlay(text, origin)),
    withIndicators: (indicators) => importer.withIndicators(JSON.stringify(indicators)),
    firstArea: () => importer.firstArea(),
    free: () => importer.free(),
  };
}

function recoverable(element, code, message, issues = []) {
  element.dispatchEvent(new CustomEvent('atlas-error', { detail: { code, message, issues, recovered: true }, bubbles: true, composed: true }));
}

/** One problem as a line of text: "file.csv:12, column area, value "E01099999": … Hint: …". */
export function problemText(p) {
  const where = [p.place, p.column && `column ${p.column}`, p.value !== null && p.value !== undefined && `value "${p.value}"`].filter(Boolean).join(', ');
  const text = `${where}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`;
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** Later indicators replace earlier ones with the same id. */
function byId(indicators) {
  return [...new Map(indicators.map((i) => [i.id, i])).values()];
}

/** The draft's overlay text, or null (none, or storage blocked). */
function readDraftText(host) {
  try {
    return localStorage.getItem(dataKey(host));
  } catch {
    return null;
  }
}

/** Keeps the added indicators as this page's draft; returns a message when the browser refused. */
function saveDraft(host, overlayText) {
  const state = stateOf(host.element);
  state.checked = state.added;
  try {
    if (overlayText === null) localStorage.removeItem(dataKey(host));
    else localStorage.setItem(dataKey(host), overlayText);
    return null;
  } catch (error) {
    return `The added data could not be kept in this browser (${error.message}); it stays until this page is closed. Download the overlay file to keep it.`;
  }
}

/**
 * The bundle with the page's added data merged in: every `series-src` file (overlay JSON or a
 * CSV of a recognised layout) and this page's draft, each checked as strictly as `src`. A file
 * that fails is left out and reported with a recoverable `atlas-error`; the rest keeps working.
 * Resolves with the packed bundle (`packed`, the page's own, as given when nothing was added).
 */
export async function withAddedData(host, packed) {
  const { element } = host;
  const state = stateOf(element);
  state.base = packed;
  const sources = [];
  const urls = (element.getAttribute('series-src') || '').split(/\s+/).filter(Boolean);
  const origins = allowedOrigins(element);
  const fetched = await Promise.allSettled(urls.map((url) => fetchTextFrom(url, document.baseURI, 'added data file', MAX_FILE_BYTES, { origins, csv: true })));
  const problems = [];
  fetched.forEach((result, i) => {
    if (result.status === 'fulfilled') sources.push({ name: result.value.url.href, text: result.value.text });
    else problems.push(`${urls[i]}: ${result.reason.message}`);
  });
  // Data added in this page was checked when it was read: only a stored draft is read again.
  let added = state.checked ? [...state.checked] : [];
  const draft = state.checked ? null : readDraftText(host);
  if (draft) sources.push({ name: 'the draft saved in this browser', text: draft, draft: true });
  let importer = null;
  try {
    if (sources.length || added.length) importer = await sharedImporter(host, state);
    for (const source of sources) {
      const { indicators, errors } = readSource(importer, source);
      added.push(...indicators);
      problems.push(...errors);
    }
  } catch (error) {
    problems.push(`The data importer could not be loaded: ${error.message}`);
  }
  added = byId(added);
  state.added = added;
  if (problems.length) recoverable(element, 'series-invalid', `Some added data could not be used: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`, problems);
  if (!added.length || !importer) return packed;
  // The importer merges the added indicators into its copy of the bundle and packs the result.
  try {
    return importer.withIndicators(added);
  } catch (error) {
    recoverable(element, 'series-invalid', `The added data could not be merged: ${error.message}`, error.issues ?? []);
    return packed;
  }
}

/** Indicators and error lines of one source: an overlay (JSON) or a CSV file. */
function readSource(importer, { name, text }) {
  if (/^\s*[{[]/.test(text)) {
    const checked = importer.checkOverlay(text, name);
    return { indicators: checked.indicators, errors: checked.problems.filter((p) => p.severity === 'error').map(problemText) };
  }
  const result = importer.importFile(name, text, undefined);
  const errors = result.problems.filter((p) => p.severity === 'error').map(problemText);
  if (result.needs_meta) errors.push(`${name}: this file needs a name, unit, source and licence; host it as an overlay file (download it from "Add data") instead.`);
  return { indicators: result.indicators, errors };
}

// ---- the panel ---------------------------------------------------------------------------------

/**
 * Opens the "Add data" panel of a widget (`host`, see Host) and adds `files` when given (a
 * drop).
 */
export function openAddData(host, files) {
  const state = stateOf(host.element);
  const root = host.element.shadowRoot;
  if (!sheet.cssRules.length) sheet.replaceSync(addDataCss);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  state.panel ??= new AddDataPanel(host, state);
  state.panel.open();
  warmUp(host, state);
  if (files?.length) state.panel.addFiles([...files]);
}

/**
 * While the person picks a file, the importer is made and reads a few rows once, so the
 * browser has compiled the reading code by the time the real file arrives (the first call into
 * a fresh wasm module runs several times slower than later ones).
 */
function warmUp(host, state) {
  if (state.warm) return;
  state.warm = sharedImporter(host, state).then(
    (importer) => importer.importFile('warm-up.csv', warmUpCsv(importer.firstArea())),
    () => (state.warm = null),
  );
}

class AddDataPanel {
  constructor(host, state) {
    this.host = host;
    this.state = state;
    this.pending = null;
    this.heading = h('h2', { tabindex: '-1', id: 'add-data-title' }, ['Add data']);
    this.input = h('input', { type: 'file', id: 'add-data-file', accept: '.csv,.json,text/csv,application/json', multiple: true });
    this.input.addEventListener('change', () => {
      this.addFiles([...this.input.files]);
      this.input.value = '';
    });
    const template = button('Download the blank template', () => this.downloadTemplate());
    this.status = h('div', { class: 'add-status', role: 'status', 'aria-live': 'polite' });
    this.problems = h('div', { class: 'add-problems' });
    this.form = this.buildForm();
    this.list = h('div', { class: 'added' });
    const close = button('Close', () => this.close());
    this.root = h('section', { class: 'add-data', 'aria-labelledby': 'add-data-title', hidden: true }, [
      this.heading,
      h('p', {}, [
        'Add figures by area and month, quarter or year: a Nomis claimant count download (CSV), a Stat-Xplore export of people on Universal Credit, your own figures in the community template (area, period, numerator, denominator), or an overlay file saved from here. Files stay in this browser; nothing is uploaded.',
      ]),
      h('div', { class: 'field' }, [h('label', { for: 'add-data-file' }, ['Choose a file (CSV or overlay JSON, up to 50 MB)']), this.input]),
      h('p', { class: 'hint-text' }, ['Or drop a file onto the atlas.']),
      h('div', { class: 'button-row' }, [template, close]),
      this.status,
      this.form,
      this.problems,
      this.list,
    ]);
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    host.ui.root.append(this.root);
    this.renderAdded();
  }

  open() {
    this.root.hidden = false;
    this.heading.focus();
    this.root.scrollIntoView?.({ block: 'nearest' });
  }

  close() {
    this.root.hidden = true;
    this.host.ui.exportBar.querySelector('[data-export="add"]')?.focus();
  }

  say(text) {
    this.status.textContent = text;
  }

  /** The short form for files without metadata (the community template). */
  buildForm() {
    const field = (label, control) => h('div', { class: 'field' }, [h('label', { for: control.id }, [label]), control]);
    this.name = h('input', { id: 'add-name', required: true, maxlength: '120' });
    this.unit = h('select', { id: 'add-unit' }, [h('option', { value: '%' }, ['Per cent (numerator ÷ denominator)']), h('option', { value: 'people' }, ['People (a count)']), h('option', { value: 'value' }, ['Another value, as given'])]);
    this.polarity = h('select', { id: 'add-polarity' }, [
      h('option', { value: 'higher-is-worse' }, ['Higher is worse']),
      h('option', { value: 'higher-is-better' }, ['Higher is better']),
      h('option', { value: 'neither' }, ['Neither']),
    ]);
    this.source = h('input', { id: 'add-source', required: true, maxlength: '200' });
    this.licence = h('input', { id: 'add-licence', required: true, maxlength: '120', value: 'Open Government Licence v3.0' });
    this.formStatus = h('p', { class: 'hint-text', role: 'status' });
    this.metaFields = { name: { control: this.name, label: 'Name' }, unit: { control: this.unit, label: 'Unit' }, source: { control: this.source, label: 'Source' }, licence: { control: this.licence, label: 'Licence' } };
    const form = h('form', { class: 'add-form', hidden: true }, [
      h('p', {}, ['This file does not say what it measures. Describe it, then add it:']),
      h('div', { class: 'form-grid' }, [
        field('Name', this.name),
        field('Unit', this.unit),
        field('Higher values are', this.polarity),
        field('Source (who collected the figures)', this.source),
        field('Licence', this.licence),
      ]),
      this.formStatus,
      h('div', { class: 'button-row' }, [h('button', { type: 'submit' }, ['Add these figures']), button('Cancel', () => this.cancelForm())]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const meta = { name: this.name.value.trim(), unit: this.unit.value, polarity: this.polarity.value, source: this.source.value.trim(), licence: this.licence.value.trim() };
      if (this.pending) this.read(this.pending, meta);
    });
    return form;
  }

  cancelForm() {
    this.pending = null;
    this.form.hidden = true;
    this.say('Nothing was added.');
  }

  async addFiles(files) {
    for (const file of files) {
      // The importer says whether a file is too large to read (and how large it is, in words).
      const tooLarge = await this.host.loadOnDemand('atlas_import').then(
        (module) => module.Importer.tooLarge(file.name, file.size),
        () => null,
      );
      if (tooLarge) {
        this.say(tooLarge);
        continue;
      }
      this.say(`Reading ${file.name}…`);
      let text;
      try {
        text = await file.text();
      } catch (error) {
        this.say(`${file.name} could not be read: ${error.message}`);
        continue;
      }
      await this.read({ name: file.name, text });
    }
  }

  /** Reads one file; with the form's `meta` for files that need it. */
  async read(file, meta) {
    const started = performance.now();
    let importer;
    try {
      importer = await sharedImporter(this.host, this.state);
    } catch (error) {
      this.say(`The data importer could not be loaded: ${error.message}`);
      return;
    }
    let indicators = [];
    let problems = [];
    let summary = [];
    try {
      if (/^\s*[{[]/.test(file.text)) {
        const checked = importer.checkOverlay(file.text, file.name);
        ({ indicators, problems } = checked);
        summary = [`${file.name}: an overlay file with ${indicators.length} indicator(s).`];
      } else {
        const result = importer.importFile(file.name, file.text, meta);
        if (result.needs_meta && !meta) {
          this.pending = file;
          this.name.value = result.needs_meta.name || '';
          this.form.hidden = false;
          this.renderProblems(result.problems);
          this.say(`${file.name} is in the community template. Describe the figures below, then add them.`);
          // The suggested name is selected, so typing replaces it.
          this.name.focus();
          this.name.select();
          return;
        }
        ({ indicators, problems, summary } = result);
        // Problems with the description go back to the form, beside their fields (3.3.1, 3.3.3).
        const described = meta ? problems.filter((p) => p.column?.startsWith('meta.')) : [];
        if (showProblems(this.formStatus, this.metaFields, described.map((p) => `error at ${p.column}: ${p.message}`))) return;
      }
    } catch (error) {
      this.say(`${file.name} could not be read: ${error.message}`);
      return;
    }
    this.pending = null;
    this.form.hidden = true;
    this.renderProblems(problems);
    if (!indicators.length) {
      this.say(`Nothing from ${file.name} could be added. ${problems.length ? 'The problems are listed below.' : ''}`);
      return;
    }
    this.state.added = byId([...this.state.added, ...indicators]);
    // What this page added is checked: the reload merges it as it is.
    this.state.checked = this.state.added;
    const ms = Math.round(performance.now() - started);
    const said = `${summary.join(' ')} Added ${indicators.map((i) => i.label).join(', ')} (read in ${ms} ms).`;
    this.say(said);
    this.renderAdded();
    // The draft is saved once the map shows the new data: writing the overlay file is not on the
    // way to seeing it (about a tenth of adding 60 months for 1,003 areas).
    const settled = new AbortController();
    const shown = new Promise((resolve) => {
      for (const type of ['atlas-ready', 'atlas-error']) this.host.element.addEventListener(type, resolve, { once: true, signal: settled.signal });
    });
    this.host.reload(indicators[0].id);
    await shown;
    settled.abort();
    const kept = await this.keep();
    if (kept) this.say(`${said} ${kept}`);
  }

  /** Saves the added indicators as the draft; returns a message when the browser refused. */
  async keep() {
    const text = this.state.added.length ? await this.overlayText() : null;
    return saveDraft(this.host, text);
  }

  async overlayText() {
    const module = await this.host.loadOnDemand('atlas_import');
    const synthetic = this.state.added.some((i) => /synthetic/i.test(`${i.label} ${i.source.edition}`));
    return module.Importer.overlayJson(JSON.stringify(this.state.added), synthetic);
  }

  renderProblems(problems) {
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity !== 'error');
    const list = (items, title, cls) =>
      items.length
        ? h('div', { class: cls }, [
            h('h3', {}, [title]),
            h('ul', {}, items.slice(0, SHOWN_PROBLEMS).map((p) => h('li', {}, [problemText(p)]))),
            items.length > SHOWN_PROBLEMS ? h('p', {}, [`…and ${items.length - SHOWN_PROBLEMS} more.`]) : null,
          ])
        : null;
    setChildren(this.problems, [list(errors, `${errors.length} problem(s): the rows named were left out; the good rows were kept`, 'problem'), list(warnings, `${warnings.length} note(s)`, 'notice')]);
  }

  renderAdded() {
    const added = this.state.added;
    if (!added.length) {
      setChildren(this.list, []);
      return;
    }
    const items = added.map((indicator) =>
      h('li', {}, [`${indicator.label} — ${indicator.periods.length} period(s), ${indicator.periods[0]?.label ?? ''} to ${indicator.periods.at(-1)?.label ?? ''}. `, button(`Remove ${indicator.label}`, () => this.remove(indicator.id))]),
    );
    setChildren(this.list, [
      h('h3', {}, ['Added in this browser']),
      h('ul', {}, items),
      h('div', { class: 'button-row' }, [button('Download the overlay file (JSON)', () => this.downloadOverlay())]),
      h('p', { class: 'hint-text' }, ['Host the overlay file beside your page and name it with series-src="overlay.json" on the element, so every visitor sees these figures.']),
    ]);
  }

  async remove(id) {
    this.state.added = this.state.added.filter((i) => i.id !== id);
    const kept = await this.keep();
    this.renderAdded();
    this.say(`Removed. ${kept ?? ''}`);
    this.host.reload(null);
  }

  async downloadOverlay() {
    const { downloadText } = await import('./exports.js');
    downloadText('work-health-atlas-overlay.json', await this.overlayText(), 'application/json');
    this.say('The overlay file was downloaded.');
  }

  async downloadTemplate() {
    const [{ downloadText }, module] = await Promise.all([import('./exports.js'), this.host.loadOnDemand('atlas_import')]);
    downloadText('work-health-atlas-template.csv', module.Importer.templateCsv(), 'text/csv');
    this.say('The blank template was downloaded. Write one row per area and period: area is a code or a name of any layer (e.g. Anfield or E05015290), period is a year (2024), a month (2024-03) or a quarter (2024-Q1), and numerator and denominator are counts (e.g. residents supported into work of those the team worked with).');
  }
}
