// The control row: indicator (grouped by theme), period with play, geography, classification
// method and class count, and change mode. Builds its DOM from the core's catalogue and calls
// back with what the user chose; `sync` reflects the current state (after attribute changes,
// searches or fallbacks) without firing anything.
import { h, say, setChildren } from './dom.js';
import { infoTip } from './toggletip.js';

const PLAY_INTERVAL_MS = 1500;

function labelled(id, text, control, extra = []) {
  return h('div', { class: 'control' }, [h('label', { for: id }, [text]), h('div', { class: 'control-row' }, [control, ...extra])]);
}

function option(value, text, selected = false, disabled = false) {
  const el = h('option', { value }, [text]);
  el.selected = selected;
  el.disabled = disabled;
  return el;
}

/** An option for `setOptions`. */
function choice(value, text, selected = false, disabled = false) {
  return { value, text, selected, disabled };
}

/**
 * Gives a select these options. When they are the ones it has, only the choice moves: rebuilding
 * a list makes the browser measure every option's text again, about half of an indicator
 * switch's layout work in a trace.
 */
function setOptions(select, options) {
  const current = select.options;
  const same = current.length === options.length && options.every((o, i) => current[i].value === o.value && current[i].text === o.text && current[i].disabled === o.disabled);
  if (!same) {
    setChildren(select, options.map((o) => option(o.value, o.text, o.selected, o.disabled)));
    return;
  }
  options.forEach((o, i) => {
    if (current[i].selected !== o.selected) current[i].selected = o.selected;
  });
}

export class Controls {
  /**
   * @param {object} handlers `{ view({indicator, geography, period}), classification(method, classes), change(from), names(on) }`
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.catalogue = null;
    this.timer = 0;
    this.indicator = h('select', { id: 'atlas-indicator' });
    this.period = h('select', { id: 'atlas-period' });
    this.play = h('button', { type: 'button', class: 'play', 'aria-pressed': 'false' }, ['Play']);
    this.geography = h('select', { id: 'atlas-geography' });
    this.method = h('select', { id: 'atlas-method' });
    this.classes = h('select', { id: 'atlas-classes', 'aria-label': 'Number of classes' });
    this.changeFrom = h('select', { id: 'atlas-change' });
    this.changeNote = h('p', { class: 'change-note', role: 'status', 'aria-live': 'polite' });
    this.names = h('input', { type: 'checkbox', id: 'atlas-names', checked: true });
    for (let k = 3; k <= 7; k += 1) this.classes.append(option(String(k), `${k} classes`));
    this.groups = {
      indicator: labelled('atlas-indicator', 'Indicator', this.indicator),
      period: labelled('atlas-period', 'Period', this.period, [this.play]),
      geography: labelled('atlas-geography', 'Areas', this.geography, [...infoTip('LSOA'), ...infoTip('MSOA')]),
      classes: labelled('atlas-method', 'Classes', this.method, [this.classes, ...infoTip('quantiles', 'What are quantiles?')]),
      change: labelled('atlas-change', 'Change since', this.changeFrom),
      names: h('div', { class: 'control names' }, [this.names, h('label', { for: 'atlas-names' }, ['Place names'])]),
    };
    this.root = h('div', { class: 'controls', part: 'controls', role: 'group', 'aria-label': 'Map options' }, [
      ...Object.values(this.groups),
      this.changeNote,
    ]);
    this.indicator.addEventListener('change', () => {
      this.stop();
      handlers.view({ indicator: this.indicator.value });
    });
    this.period.addEventListener('change', () => {
      this.stop();
      handlers.view({ period: this.period.value });
    });
    this.geography.addEventListener('change', () => handlers.view({ geography: this.geography.value }));
    this.method.addEventListener('change', () => handlers.classification(this.method.value, Number(this.classes.value)));
    this.classes.addEventListener('change', () => handlers.classification(this.method.value, Number(this.classes.value)));
    this.changeFrom.addEventListener('change', () => handlers.change(this.changeFrom.value || null));
    this.play.addEventListener('click', () => this.togglePlay());
    this.names.addEventListener('change', () => handlers.names(this.names.checked));
  }

  /** Fills the indicator and method lists from the core's catalogue. */
  setCatalogue(catalogue) {
    this.catalogue = catalogue;
    const groups = new Map();
    for (const indicator of catalogue.indicators) {
      if (!groups.has(indicator.theme)) groups.set(indicator.theme, h('optgroup', { label: indicator.theme }));
      groups.get(indicator.theme).append(option(indicator.id, indicator.label));
    }
    setChildren(this.indicator, [...groups.values()]);
    setChildren(this.method, catalogue.methods.map(([id, label]) => option(id, label)));
  }

  /** Reflects `state`; `refusal(from)` says why a change from `from` cannot be shown (or null). */
  sync(state, refusal) {
    if (!this.catalogue || !state.indicator || this.hiddenAll) {
      this.root.hidden = true;
      return;
    }
    this.root.hidden = false;
    const indicator = this.catalogue.indicators.find((i) => i.id === state.indicator);
    this.indicator.value = state.indicator;
    setOptions(this.period, indicator.periods.map((p) => choice(p.id, p.label, p.id === state.period)));
    this.play.disabled = indicator.periods.length < 2;
    const layers = this.catalogue.geographies.filter((g) => indicator.geographies.includes(g.id));
    setOptions(this.geography, layers.map((g) => choice(g.id, g.label, g.id === state.geography)));
    this.method.value = state.method;
    this.classes.value = String(state.classes);
    const index = indicator.periods.findIndex((p) => p.id === state.period);
    const earlier = indicator.periods.slice(0, Math.max(0, index));
    const reasons = earlier.map((p) => refusal(p.id));
    setOptions(this.changeFrom, [
      choice('', 'No change (show values)', !state.change_from),
      ...earlier.map((p, i) => choice(p.id, reasons[i] ? `${p.label} (not comparable)` : p.label, p.id === state.change_from, Boolean(reasons[i]))),
    ]);
    this.changeFrom.disabled = earlier.length === 0;
    const firstReason = [...reasons].reverse().find(Boolean);
    // Written only when it changes: a live region repeats every write (Play steps re-sync each time).
    if (state.change_from) say(this.changeNote, '');
    else if (earlier.length === 0) say(this.changeNote, indicator.periods.length < 2 ? 'This indicator has one period, so no change over time.' : '');
    else if (reasons.every(Boolean)) say(this.changeNote, `Change over time is not shown: ${firstReason.replace(/^change from \S+ to \S+ cannot be shown: /, '')}.`);
    else say(this.changeNote, '');
  }

  /** Shows only the named control groups (`indicator`, `period`, `geography`, `classes`, `change`, `names`). */
  show(names) {
    for (const [name, group] of Object.entries(this.groups)) group.hidden = !names.has(name);
    this.changeNote.hidden = !names.has('change');
    this.hiddenAll = ![...Object.keys(this.groups)].some((n) => names.has(n));
  }

  /** Shows a message under the controls (e.g. why a change was refused). */
  note(text) {
    say(this.changeNote, text);
  }

  togglePlay() {
    if (this.timer) {
      this.stop();
      return;
    }
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduced) {
      // No automatic animation: each press steps one period.
      this.step();
      return;
    }
    // One name, its state in aria-pressed (a toggle that renamed itself would announce both).
    this.play.setAttribute('aria-pressed', 'true');
    this.step();
    this.timer = setInterval(() => this.step(), PLAY_INTERVAL_MS);
  }

  step() {
    const options = [...this.period.options];
    const at = options.findIndex((o) => o.selected);
    const nextIndex = (at + 1) % options.length;
    const next = options[nextIndex];
    if (!next) return;
    // Playing stops on the latest period.
    if (this.timer && nextIndex === options.length - 1) this.stop();
    this.handlers.view({ period: next.value });
    // Each step says the period it shows (the map's own words follow in the caption).
    this.handlers.say?.(`Showing ${next.textContent}.`);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = 0;
    this.play.setAttribute('aria-pressed', 'false');
  }
}
