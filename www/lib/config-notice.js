// The notice a page's author sees when the widget fell back from one of the page's own settings
// (an unknown indicator, an invalid view…): the same problem the recoverable `atlas-error` event
// reports, in words on the widget, so a typo in an attribute does not go unnoticed. The reader can
// dismiss it; a later problem shows it again.
import { h, setChildren } from './dom.js';

/** What each setting is called in the notice. */
const NOUNS = { indicator: 'indicator', geography: 'areas', period: 'period', area: 'area' };

/**
 * The sentence for one problem. `problem` is `{ key, value, message }` (key and value when the
 * problem is one attribute's value); `shown(key)` names what the widget shows instead.
 */
export function noticeText({ key, value, message }, shown) {
  if (key in NOUNS && value) {
    const instead = key === 'area' ? 'no area is selected' : `showing ${shown(key) ?? 'the default'}`;
    return `This page asked for ${NOUNS[key]} “${value}”, which the atlas does not have; ${instead}.`;
  }
  return `This page’s settings: ${message}`;
}

export class ConfigNotice {
  /** @param {HTMLElement} before the node the notice goes in front of */
  constructor(before) {
    this.list = h('ul');
    const dismiss = h('button', { type: 'button', class: 'notice-dismiss' }, ['Dismiss']);
    this.root = h('div', { class: 'config-notice', part: 'config-notice', role: 'status', hidden: true }, [
      h('p', { class: 'notice-title' }, ['Check this page’s settings']),
      this.list,
      dismiss,
    ]);
    dismiss.addEventListener('click', () => this.clear());
    before.before(this.root);
  }

  /** Adds a sentence (once) and shows the notice. */
  add(text) {
    if ([...this.list.children].some((li) => li.textContent === text)) return;
    this.list.append(h('li', {}, [text]));
    this.root.hidden = false;
  }

  clear() {
    setChildren(this.list, []);
    this.root.hidden = true;
  }
}
