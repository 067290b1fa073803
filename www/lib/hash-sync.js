// A view shared through the page's address: `sync-url` keeps the widget's state in the URL hash
// (without adding history) and applies a hash the page opens with; "Copy link" uses the same form.
// A patch travels beside the view as its own entry (`#atlas=…&atlas.patch=…`), written and read
// by the impact tools (shared-patch.js), so that none of its code is in the first view.
import { hashKey, readHash, writeHash } from './embed-options.js';

/** This page's address with `hash` in place of its own. */
const withHash = (hash) => window.location.href.replace(/#.*/, '') + hash;

/** The name of the hash entry that carries a widget's patch. */
const patchEntry = (key) => `${key}.patch`;

/** The raw value of entry `name` in a hash, or null. */
function entryOf(hash, name) {
  for (const entry of hash.replace(/^#/, '').split('&')) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at) === name) return entry.slice(at + 1) || null;
  }
  return null;
}

/** The hash with entry `name` set to `value` (taken out for null), other entries kept. */
function withEntry(hash, name, value) {
  const entries = hash.replace(/^#/, '').split('&').filter((e) => e && e.split('=')[0] !== name);
  if (value) entries.push(`${name}=${value}`);
  return `#${entries.join('&')}`;
}

export class HashSync {
  /**
   * @param {{ element, state(), apply(state, announce), warn(code, message), patch(),
   *   openPatch() }} owner — `patch()` is the patch's hash value (null for none, undefined while
   *   the impact tools have not loaded one), `openPatch()` loads the tools to read the hash's.
   */
  constructor(owner) {
    this.owner = owner;
  }

  /** The key this widget's state has in the hash, or null without `sync-url`. */
  #key() {
    const { element } = this.owner;
    return element.hasAttribute('sync-url') ? hashKey(element.getAttribute('sync-url')) : null;
  }

  /** The patch the page's hash carries for this widget (raw), or null. */
  patchText() {
    const key = this.#key();
    return key ? entryOf(window.location.hash, patchEntry(key)) : null;
  }

  /** The indicator the page's hash asks this widget for (`sync-url`), or null. */
  askedIndicator() {
    const key = this.#key();
    try {
      return (key && readHash(window.location.hash, key)?.indicator) || null;
    } catch {
      return null;
    }
  }

  /** Applies a state shared in the page's URL hash (`sync-url`), and its patch. */
  restore(announce) {
    const key = this.#key();
    if (!key || !this.owner.state()) return;
    let state;
    try {
      state = readHash(window.location.hash, key);
    } catch (error) {
      return this.owner.warn('invalid-attribute', error.message);
    }
    if (state) this.owner.apply(state, announce);
    const patch = this.patchText();
    if (patch && patch !== this.owner.patch()) this.owner.openPatch();
  }

  /** The hash with this widget's state and patch (when the tools hold one) under `key`. */
  #hashWith(key, state) {
    const hash = writeHash(window.location.hash, key, state);
    const patch = this.owner.patch();
    return patch === undefined ? hash : withEntry(hash, patchEntry(key), patch);
  }

  /** Keeps the state in the page's URL hash (`sync-url`), without adding history. */
  write() {
    const key = this.#key();
    const state = key && this.owner.state();
    if (!state) return;
    const hash = this.#hashWith(key, state);
    // An absolute URL: a bare '#…' would resolve against a <base href>, not this page.
    if (hash !== window.location.hash) history.replaceState(history.state, '', withHash(hash));
  }

  /** A link to this view (the page URL with the state and the patch in its hash). */
  link() {
    const state = this.owner.state();
    return state ? withHash(this.#hashWith(this.#key() ?? 'atlas', state)) : window.location.href;
  }
}
