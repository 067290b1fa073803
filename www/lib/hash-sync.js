// A view shared through the page's address: `sync-url` keeps the widget's state in the URL hash
// (without adding history) and applies a hash the page opens with; "Copy link" uses the same form.
import { hashKey, readHash, writeHash } from './embed-options.js';

/** This page's address with `hash` in place of its own. */
const withHash = (hash) => window.location.href.replace(/#.*/, '') + hash;

export class HashSync {
  /** @param {{ element, state(), apply(state, announce), warn(code, message) }} owner */
  constructor(owner) {
    this.owner = owner;
  }

  /** The key this widget's state has in the hash, or null without `sync-url`. */
  #key() {
    const { element } = this.owner;
    return element.hasAttribute('sync-url') ? hashKey(element.getAttribute('sync-url')) : null;
  }

  /** Applies a state shared in the page's URL hash (`sync-url`). */
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
  }

  /** Keeps the state in the page's URL hash (`sync-url`), without adding history. */
  write() {
    const key = this.#key();
    const state = key && this.owner.state();
    if (!state) return;
    const hash = writeHash(window.location.hash, key, state);
    // An absolute URL: a bare '#…' would resolve against a <base href>, not this page.
    if (hash !== window.location.hash) history.replaceState(history.state, '', withHash(hash));
  }

  /** A link to this view (the page URL with the state in its hash). */
  link() {
    const state = this.owner.state();
    return state ? withHash(writeHash(window.location.hash, this.#key() ?? 'atlas', state)) : window.location.href;
  }
}
