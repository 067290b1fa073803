// Changing the view: every core call that changes what is shown goes through `change`, and what
// the core says it changed (its update, `{ base, overlay, text, state }`) is applied in one place,
// `apply`: the repaint of the base or overlay canvas, the words, and `atlas-change`.
import { TRAPPED } from './session.js';

export class ViewChanges {
  /**
   * @param {{ session, frame, warn(code, message, about), refreshText(), note(message),
   *   changed(), announce(info), say(text) }} owner the element's parts: `changed` fires
   *   `atlas-change`; `say` writes the live region
   */
  constructor(owner) {
    this.owner = owner;
  }

  /**
   * Runs a core call that changes the view, then applies what the core says it changed. An error
   * it throws leaves the view usable and goes to `recover` (by default reported); a trap is fatal
   * (session.js). Returns the call's result, or undefined after an error.
   */
  change(fn, { announce = true, recover = (error) => this.owner.warn(error.code || 'invalid-value', error.message) } = {}) {
    const { session } = this.owner;
    const handle = session.handle;
    if (!handle) return undefined;
    let failed = false;
    const result = session.call(fn, (error) => {
      failed = true;
      recover(error);
    });
    if (session.handle === handle) {
      const update = session.call(() => handle.takeUpdate());
      if (update && update !== TRAPPED) this.apply(update, announce);
    }
    return failed || result === TRAPPED ? undefined : result;
  }

  /** The one place a change is shown. */
  apply(update, announce) {
    if (update.text) this.owner.refreshText();
    if (update.base || update.overlay) this.owner.frame.schedule(update.base, update.overlay);
    if (update.state && announce) this.owner.changed();
  }

  /**
   * Shows other ids; each is applied alone, so one unknown id does not block the others. An
   * indicator the layer lacks moves the map to a layer that has it: that is said, not silent.
   */
  view(ids, announce = true) {
    const handle = this.owner.session.handle;
    const from = handle?.state().geography;
    this.change(() => {
      for (const key of ['indicator', 'geography', 'period']) {
        if (!ids[key]) continue;
        const view = { indicator: undefined, geography: undefined, period: undefined, [key]: ids[key] };
        try {
          handle.setView(view.indicator, view.geography, view.period);
        } catch (error) {
          if (error instanceof WebAssembly.RuntimeError) throw error;
          this.owner.warn(error.code || 'invalid-attribute', `${error.message}; showing the default instead.`, { key, value: ids[key] });
        }
      }
    }, { announce });
    if (!handle || !ids.indicator || ids.geography || this.owner.session.handle !== handle) return;
    const moved = this.owner.session.call(() => handle.layerNote(from));
    if (typeof moved === 'string') this.owner.say(moved);
  }

  /** Selects an area of any layer by code (announced when `announce`); its info, or null. */
  area(code, announce) {
    if (!code) return null;
    const recover = (error) => this.owner.warn(error.code || 'unknown-area', error.message, { key: 'area', value: code });
    const info = this.change(() => this.owner.session.handle.locate(code), { announce: false, recover });
    if (info && announce) this.owner.announce(info);
    return info ?? null;
  }

  /** A view shared in the URL hash: the layer, indicator and period, then the area. */
  shared(state, announce) {
    this.view(state, announce);
    if (state.area && state.area !== this.owner.session.handle?.state().area) this.area(state.area, announce);
  }

  /** Change mode from an earlier period (or off); a refusal is said beside the control. */
  changeFrom(from) {
    const refuse = (error) => {
      this.owner.warn(error.code || 'invalid-value', error.message);
      this.owner.refreshText();
      this.owner.note(error.message);
    };
    this.change(() => this.owner.session.handle.setChange(from ?? undefined), { recover: refuse });
  }
}
