// The area and postcode search box. Its DOM is built at once; its behaviour (matching,
// suggestions, postcode look-up) loads from search.js the first time someone uses the box, so it
// is not part of the default download.
import { h } from './dom.js';

export class SearchBox {
  /** @param {object} handlers passed on to the search behaviour (see search.js) */
  constructor(handlers) {
    this.input = h('input', {
      id: 'atlas-search',
      type: 'search',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'atlas-search-list',
      placeholder: 'e.g. Anfield, Liverpool 031A, L4 0TH',
    });
    this.list = h('ul', { id: 'atlas-search-list', role: 'listbox', class: 'suggestions', hidden: true, 'aria-label': 'Matching areas' });
    this.message = h('p', { class: 'search-message', role: 'status', 'aria-live': 'polite' });
    this.root = h('div', { class: 'search', part: 'search' }, [
      h('label', { for: 'atlas-search' }, ['Find an area or postcode']),
      this.input,
      this.list,
      this.message,
    ]);
    let loading = null;
    let ready = false;
    const activate = () => {
      loading ??= import('./search.js').then(({ Search }) => {
        const search = new Search(handlers, this);
        ready = true;
        // Catch up with what was typed while the code loaded.
        if (this.input.value) search.update();
        return search;
      });
      return loading;
    };
    this.input.addEventListener('focus', activate, { once: true });
    this.input.addEventListener('input', activate, { once: true });
    // Enter pressed before the code has loaded is kept and carried out once it has.
    this.input.addEventListener('keydown', (event) => {
      if (ready || event.key !== 'Enter') return;
      event.preventDefault();
      activate().then((search) => {
        search.update();
        if (search.active >= 0) search.choose(search.active);
      });
    });
  }
}
