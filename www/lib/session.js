// A widget's session with the wasm map module: the module instance and handle it uses, the bundle
// the handle was made from, loading them, the one path every call into the core takes when it
// traps (a Rust panic), and the move to a fresh instance after another widget's panic.
import { loadCore, embeddedBundle, embeddedWhole, retireCore, loadOnDemand, loadRestOfBundle } from './core.js';

/** What `call` returns when the core trapped (the trap has been reported). */
export const TRAPPED = Symbol('trapped');

/** The sessions that have a handle: those on an instance that panicked move to a fresh one. */
const live = new Set();

/** Whether a handle holds the indicator `id` (a failing call counts as yes: nothing to wait for). */
function hasIndicator(handle, id) {
  try {
    return handle.catalogue().indicators.some((i) => i.id === id);
  } catch {
    return true;
  }
}

export class Session {
  core = null;
  handle = null;
  /**
   * The packed bundle the handle was made from: what the analysis and import modules read too,
   * and what rebuilds the handle on a fresh module (#move).
   */
  get packed() {
    if (!this.handle) return null;
    // The embedded first view's bytes are copied out of the module only when something asks.
    this.#packed ??= this.#rest ? embeddedWhole(this.core, this.#rest) : embeddedBundle(this.core);
    return this.#packed;
  }

  /** The bytes the handle was made from; null while they are the embedded ones, not yet asked for. */
  #packed = null;
  /** The rest of the embedded bundle, once added to the handle. */
  #rest = null;
  /**
   * True while the handle holds only the embedded first view's indicators: the rest comes from
   * `data/atlas-more.bin` (`complete`).
   */
  partial = false;
  #completing = null;
  #token = 0;

  /**
   * @param {{ fail(code, message, issues), moved(restored), completed(), warn(code, message) }}
   *   owner the element
   */
  constructor(owner) {
    this.owner = owner;
  }

  /**
   * Loads the module, the page's bundle (`src`) and any added data. Resolves with
   * `{ packed, got }`, or null when it failed (reported through `owner.fail`) or a later
   * load or `release` superseded it. `adder` is add-data.js's view of the widget, or null.
   */
  async fetch(element, adder) {
    const token = ++this.#token;
    const current = () => token === this.#token;
    // The page's bundle downloads while the module compiles (its fetch code loads only when the
    // page gives one); its failure is reported below, after the module's.
    const pageBundle = element.getAttribute('src') ? import('./fetch-bundle.js').then((m) => m.pageBundle(element, loadOnDemand)) : null;
    pageBundle?.catch(() => {});
    let core;
    try {
      core = await loadCore();
    } catch (error) {
      if (current()) this.owner.fail('wasm-load-failed', `The map engine could not be loaded: ${error.message}`);
      return null;
    }
    this.core = core;
    let got = {};
    try {
      if (pageBundle) got = await pageBundle;
    } catch (error) {
      if (current()) this.owner.fail(error.code || 'src-failed', error.message, error.issues);
      return null;
    }
    // null: the embedded first view, which the handle reads inside the module (no copy).
    let packed = got.packed ?? null;
    let partial = !got.packed;
    // Added data (series-src, this page's draft) loads its code only when there is some, and is
    // merged into the whole bundle.
    if (adder) {
      if (partial) {
        try {
          packed = embeddedWhole(core, await loadRestOfBundle());
          partial = false;
        } catch (error) {
          if (current()) this.owner.warn('data-incomplete', `${error.message}; only the indicators shown first are available.`);
        }
      }
      packed = await (await import('./add-data.js')).withAddedData(adder, packed ?? embeddedBundle(core));
    }
    return current() && element.isConnected ? { packed, got, partial } : null;
  }

  /** True when `indicator` is not in the handle yet but may be among the indicators still to come. */
  lacks(indicator) {
    return Boolean(indicator && this.partial && this.handle && !hasIndicator(this.handle, indicator));
  }

  /**
   * Resolves with the packed whole bundle once the handle holds every indicator: the embedded
   * first view holds only the one shown first, and the rest is fetched and added here (once).
   * Where the rest cannot be had (offline before it came), that is reported and the widget keeps
   * what it has: resolves with the first part; a later call tries again.
   */
  complete() {
    if (!this.partial) return Promise.resolve(this.packed);
    const token = this.#token;
    this.#completing ??= loadRestOfBundle().then(
      (more) => {
        this.#completing = null;
        if (token !== this.#token || !this.partial) return this.packed;
        const refused = (error) => {
          this.owner.warn('data-incomplete', `The other indicators could not be read: ${error.message}; only the indicators shown first are available.`);
        };
        const added = this.call(() => this.handle.addIndicators(more), refused);
        if (added === TRAPPED || added === undefined) return this.packed;
        this.#rest = more;
        if (this.#packed) this.#packed = embeddedWhole(this.core, more);
        this.partial = false;
        this.owner.completed();
        return this.packed;
      },
      (error) => {
        this.#completing = null;
        if (token === this.#token) this.owner.warn('data-incomplete', `${error.message}; only the indicators shown first are available.`);
        return this.packed;
      },
    );
    return this.#completing;
  }

  /**
   * Makes the handle of a fetched bundle at the map's size; resolves false when that failed
   * (reported) or a later load superseded it. When the page asks for an indicator (`asked`) that
   * the embedded first view lacks, the rest of the bundle is added before the handle is used, so
   * that the first view drawn is the one asked for.
   */
  async open({ packed, partial }, { width, height }, asked) {
    const core = this.core;
    const token = this.#token;
    const handle = this.call(() => (packed ? new core.AtlasHandle(packed, width, height) : core.AtlasHandle.fromEmbedded(width, height)));
    if (!handle || handle === TRAPPED) return false;
    let rest = null;
    if (partial && asked && !hasIndicator(handle, asked)) {
      const incomplete = (error) => {
        if (token === this.#token) this.owner.warn('data-incomplete', `${error.message}; only the indicators shown first are available.`);
      };
      const more = await loadRestOfBundle().catch(incomplete);
      const added = more && this.call(() => handle.addIndicators(more), incomplete);
      if (added === TRAPPED) return false;
      if (token !== this.#token) {
        handle.free();
        return false;
      }
      if (added !== undefined && more) {
        // A partial bundle is the embedded one (`packed` null): the getter joins it with `rest`.
        rest = more;
        partial = false;
      }
    }
    this.handle = handle;
    this.#packed = packed;
    this.#rest = rest;
    this.partial = Boolean(partial);
    live.add(this);
    // Another widget's panic retired the module while the bundle was loading.
    if (core.retired) queueMicrotask(() => this.#move(core));
    return true;
  }

  /** Drops the handle (and any load still running). */
  release() {
    this.#token += 1;
    if (this.handle) {
      try {
        this.handle.free();
      } catch {
        // A handle of a trapped module cannot be freed; dropping it is all we can do.
      }
    }
    this.handle = null;
    this.#packed = null;
    this.#rest = null;
    this.partial = false;
    this.#completing = null;
    live.delete(this);
  }

  /**
   * Runs a call into the core. A trap takes the one trap path below and gives `TRAPPED`; any other
   * error goes to `recover` (by default a failure of the widget), whose result is returned.
   */
  call(fn, recover = (error) => this.owner.fail(error.code || 'internal-error', error.message, error.issues)) {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) return recover(error);
      const core = this.core;
      // A trap in an instance that another widget's panic retired is not this widget's error.
      if (!core.retired || !this.handle) {
        let message = null;
        try {
          message = core.lastPanic();
        } catch {
          message = null;
        }
        this.owner.fail('panic', `The atlas hit an internal error: ${message || error.message}`);
        retireCore(core);
      }
      // Every widget still on the trapped instance moves to a fresh one.
      for (const session of live) session.#move(core);
      return TRAPPED;
    }
  }

  /**
   * Another widget's panic retired the module instance this one uses (core.js): move to a fresh
   * instance with the same view, firing no event, so that the user notices nothing. Until then the
   * retired instance is used; a trap there is not this widget's error (see `call`). Concurrent
   * moves are harmless: the first one wins, the others find nothing left to move. Without a fresh
   * instance (e.g. offline) the widget stays where it is; the next trap there tries again.
   */
  async #move(retired) {
    if (this.core !== retired) return;
    const moved = await import('./carry-over.js')
      .then((m) => m.moveToFreshCore(loadCore, () => this.core === retired && this.handle, this.packed, this.owner.size()))
      .catch(() => null);
    // Removed or reloaded in the meantime: the fresh handle is dropped (the glue frees it on GC).
    if (!moved || this.core !== retired || !this.handle) return;
    this.core = moved.core;
    this.handle = moved.handle;
    this.owner.moved(moved.restored);
  }
}
