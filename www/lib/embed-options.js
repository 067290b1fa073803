// Parsing the embed attributes that shape the widget (view, controls, height) and the shareable
// URL-hash state used by `sync-url`. Everything here is validated: unknown values fall back to
// the defaults and are reported by the element as recoverable atlas-error events.

/** The views an embed can show alone. */
export const VIEWS = ['full', 'map', 'chart', 'profile', 'table'];
/** The controls an embed can show (`controls="search indicator"`). */
export const CONTROL_NAMES = ['search', 'indicator', 'period', 'geography', 'classes', 'change', 'names'];

/** `{ view, error }`: the view, or `full` with an error message for an unknown one. */
export function parseView(value) {
  if (value === null || value === '') return { view: 'full' };
  const view = value.trim().toLowerCase();
  return VIEWS.includes(view) ? { view } : { view: 'full', error: `unknown view "${value}" (use ${VIEWS.join(', ')})` };
}

/** `{ shown: Set, error }`: the controls to show. */
export function parseControls(value) {
  if (value === null || value.trim() === '' || value.trim() === 'all') return { shown: new Set(CONTROL_NAMES) };
  if (value.trim() === 'none') return { shown: new Set() };
  const words = value.trim().toLowerCase().split(/\s+/);
  const unknown = words.filter((w) => !CONTROL_NAMES.includes(w));
  const shown = new Set(words.filter((w) => CONTROL_NAMES.includes(w)));
  return unknown.length ? { shown, error: `unknown control(s) ${unknown.map((w) => `"${w}"`).join(', ')} (use ${CONTROL_NAMES.join(', ')}, all or none)` } : { shown };
}

/** A CSS length for the map's height, or null when the value is not a length. */
export function parseHeight(value) {
  if (!value) return null;
  const text = /^\d+(\.\d+)?$/.test(value.trim()) ? `${value.trim()}px` : value.trim();
  return CSS.supports('height', text) && !/[;{}]/.test(text) ? text : null;
}

/**
 * Applies an element's `view`, `controls` and `height` to its parts; unknown values fall back to
 * the defaults and are reported through `warn`. Returns the view.
 */
export function applyLayout(element, { ui, controls, search, panel, warn }) {
  const { view, error: viewError } = parseView(element.getAttribute('view'));
  const { shown, error: controlsError } = parseControls(element.getAttribute('controls'));
  const heightAttr = element.getAttribute('height');
  const height = parseHeight(heightAttr);
  ui.root.dataset.view = view;
  controls.show(shown);
  search.root.hidden = !shown.has('search');
  ui.options.classList.toggle('empty', shown.size === 0);
  ui.optionsToggle.hidden = shown.size === 0;
  if (height) element.style.setProperty('--atlas-map-height', height);
  else element.style.removeProperty('--atlas-map-height');
  if (view === 'chart') panel.select('trend');
  if (view === 'profile') panel.select('profile');
  for (const error of [viewError, controlsError, heightAttr && !height ? `"${heightAttr}" is not a CSS length` : null]) {
    if (error && element.isConnected) warn('invalid-attribute', `${error}; using the default.`);
  }
  return view;
}

/** The atlas's own frame page (embed.html beside its files) showing what `element` asks for. */
export function ownPageUrl(element, assetUrl) {
  const url = assetUrl('embed.html');
  for (const name of ['indicator', 'geography', 'period', 'area', 'view']) {
    const value = element.getAttribute(name);
    if (value) url.searchParams.set(name, value);
  }
  return url;
}

/** The hash key for a widget: `atlas`, or `atlas-<name>` for `sync-url="<name>"`. */
export function hashKey(syncUrl) {
  const name = (syncUrl || '').trim().toLowerCase().replace(/[^a-z0-9-]/g, '');
  return name && name !== 'true' && name !== 'sync-url' ? `atlas-${name}` : 'atlas';
}

const FIELDS = ['indicator', 'geography', 'period', 'area'];

/**
 * Reads `#atlas=indicator:…;geography:…` (one of several `&`-separated entries) from a hash.
 * Throws an Error saying so when the entry is not valid percent-encoding.
 */
export function readHash(hash, key) {
  for (const entry of hash.replace(/^#/, '').split('&')) {
    const [name, value] = entry.split('=');
    if (name !== key || !value) continue;
    const state = {};
    let text;
    try {
      text = decodeURIComponent(value);
    } catch {
      // A hand-edited or truncated link (`#atlas=%`) must not stop the widget from loading.
      throw new Error(`Ignored malformed #${key}`);
    }
    for (const part of text.split(';')) {
      const [field, ...rest] = part.split(':');
      if (FIELDS.includes(field) && rest.length) state[field] = rest.join(':').slice(0, 64);
    }
    return state;
  }
  return null;
}

/** The hash with this widget's entry set from `state`, other entries kept. */
export function writeHash(hash, key, state) {
  const value = FIELDS.filter((f) => state[f]).map((f) => `${f}:${state[f]}`).join(';');
  const entries = hash.replace(/^#/, '').split('&').filter((e) => e && e.split('=')[0] !== key);
  entries.push(`${key}=${encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%3B/gi, ';')}`);
  return `#${entries.join('&')}`;
}

// Where a widget keeps its draft (patch and notes) in the browser's local storage, and whether a
// widget has impact work to load at start (a patch or notes from the page, or a saved draft).

/** The local-storage key of a widget's draft: per page and per element id. */
export function draftKey(element) {
  return `work-health-atlas:draft:${location.pathname}#${element.id || 'atlas'}`;
}

/** True when a draft (`suffix` '' for the patch and notes, ':data' for added data) was saved here. */
export function hasDraft(element, suffix = '') {
  try {
    return localStorage.getItem(draftKey(element) + suffix) !== null;
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): there is no draft to load.
    return false;
  }
}

/** True when the page gives a patch or notes, or a draft was saved here before. */
export function hasImpactWork(element) {
  return ['patch', 'notes', 'patch-src', 'notes-src'].some((name) => element.hasAttribute(name)) || hasDraft(element);
}
