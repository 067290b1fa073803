// Area and postcode search behaviour: an ARIA 1.2 combobox (input + listbox) with
// keyboard-operable suggestions, loaded by search-box.js on first use. Names and codes are matched by the core; a postcode is looked up in the postcode
// index, fetched from the widget's own folder the first time someone searches one.
import { h, say, setChildren } from './dom.js';
import { adoptViewStyles } from './chart-tabs.js';

const POSTCODE = /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$/;
/** The start of a postcode being typed ("L4", "L4 0T"): no "no match" while it is unfinished. */
const POSTCODE_START = /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*(?:[0-9][A-Za-z]?)?\s*$/;
const LIMIT = 8;

export function looksLikePostcode(text) {
  return POSTCODE.test(text);
}

export class Search {
  /**
   * @param {object} handlers from element.js: `{ handle(), call(fn), change(fn, recover), warn(code,
   *   message), announce(info), loadPostcodeIndex() }`
   * @param {object} box the SearchBox whose elements this drives
   */
  constructor(handlers, box) {
    adoptViewStyles(box.root);
    this.handlers = handlers;
    this.hits = [];
    this.active = -1;
    this.input = box.input;
    this.list = box.list;
    this.message = box.message;
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  update() {
    const query = this.input.value;
    if (!query.trim()) {
      say(this.message, '');
      this.close();
      return;
    }
    this.hits = looksLikePostcode(query)
      ? [{ postcode: query.trim().toUpperCase(), name: `Postcode ${query.trim().toUpperCase()}`, geography_label: 'find its area' }]
      : this.find(query);
    this.active = this.hits.length ? 0 : -1;
    this.render();
  }

  render() {
    if (!this.hits.length) {
      this.close();
      const text = this.input.value.trim();
      say(this.message, text && !POSTCODE_START.test(text) ? 'No area matches that name or code.' : '');
      return;
    }
    say(this.message, this.hits[0].close ? 'No area has that name. Close matches:' : '');
    setChildren(
      this.list,
      this.hits.map((hit, i) => {
        const item = h('li', { id: `atlas-search-option-${i}`, role: 'option', 'aria-selected': String(i === this.active) }, [
          h('span', { class: 'hit-name' }, [hit.name]),
          h('span', { class: 'hit-layer' }, [hit.context ? `${hit.context} · ${hit.geography_label}` : hit.geography_label]),
        ]);
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.choose(i);
        });
        return item;
      }),
    );
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `atlas-search-option-${this.active}`);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  onKey(event) {
    const open = !this.list.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) this.update();
      if (!this.hits.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.hits.length) % this.hits.length;
      this.render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!open) this.update();
      if (this.active >= 0) this.choose(this.active);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    }
  }

  async choose(index) {
    const hit = this.hits[index];
    this.close();
    if (!hit) return;
    if (hit.postcode) {
      // Said only when the postcode index must be fetched first: otherwise the answer is immediate.
      if (!this.handlers.handle()?.hasPostcodes()) say(this.message, `Looking up ${hit.postcode}…`);
      say(this.message, await this.postcode(hit.postcode));
      return;
    }
    this.input.value = hit.name;
    say(this.message, this.chooseArea(hit));
  }

  /** Areas of any layer matching a name or code, best first (matched by the core). */
  find(query) {
    const { handle, call } = this.handlers;
    return (handle() && call(() => handle().search(query, LIMIT))) ?? [];
  }

  /** Shows a search result's area (switching layer when needed); the core says what it showed. */
  chooseArea(hit) {
    const { handle, change, warn, announce } = this.handlers;
    let problem = '';
    const answer = handle() && change(() => handle().choose(hit.code), (error) => warn(error.code || 'unknown-area', (problem = error.message)));
    if (!answer) return problem;
    // The search message says what was shown: one announcement, not a second in the map's region.
    announce(answer.area, false);
    this.handlers.reveal();
    return answer.message;
  }

  /** Looks up a postcode: the index is fetched on first use; the core finds the area and says so. */
  async postcode(query) {
    const { handle, change, announce, loadPostcodeIndex } = this.handlers;
    const unanswered = (error) => (error.code === 'unknown-postcode' ? `${error.message}.` : `The postcode could not be looked up: ${error.message}`);
    let index = null;
    if (handle() && !handle().hasPostcodes()) {
      try {
        index = await loadPostcodeIndex();
      } catch (error) {
        return unanswered(error);
      }
    }
    let problem = '';
    const answer =
      handle() &&
      change(() => {
        if (index) handle().loadPostcodes(index);
        return handle().locatePostcode(query);
      }, (error) => {
        problem = unanswered(error);
      });
    if (!answer) return problem;
    announce(answer.area, false);
    this.handlers.reveal();
    return answer.message;
  }
}
