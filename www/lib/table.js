// The data table view: every area of the current layer as a real <table> with column headers,
// sortable (buttons in the headers, aria-sort) and searchable. Choosing an area's name selects it
// on the map. Rows come from the core; every cell is text.
import { h, say, setChildren } from './dom.js';
import { adoptViewStyles } from './chart-tabs.js';

const COLUMNS = [
  ['name', 'Area'],
  ['district', 'District'],
  ['value', 'Value'],
  ['interval', '95% interval'],
  ['comparison', 'Compared with the city region'],
  ['rank', 'Rank'],
];

export class DataTable {
  /** @param {object} handlers `{ rows() → [...], extra() → [...], select(code), caption() → string }` */
  constructor(handlers) {
    this.handlers = handlers;
    this.sort = { key: 'rank', ascending: true };
    this.filter = '';
    this.search = h('input', { type: 'search', id: 'atlas-table-search', autocomplete: 'off', placeholder: 'Filter by name, district or code' });
    this.search.addEventListener('input', () => {
      this.filter = this.search.value.trim().toLowerCase();
      this.render();
    });
    this.count = h('p', { class: 'table-count', role: 'status', 'aria-live': 'polite' });
    this.table = h('table', { class: 'data-table' });
    // A thousand rows are a thousand Tab presses: a way past them (2.4.1).
    const end = h('span', { class: 'table-end', tabindex: '-1' });
    const skip = h('button', { type: 'button', class: 'skip-table' }, ['Skip the table']);
    skip.addEventListener('click', () => end.focus());
    this.root = h('section', { class: 'table-view', part: 'table', 'aria-label': 'Data table', hidden: true }, [
      h('label', { for: 'atlas-table-search' }, ['Filter the table']),
      this.search,
      this.count,
      skip,
      h('div', { class: 'table-scroll' }, [this.table]),
      end,
    ]);
  }

  sortBy(key) {
    this.sort = this.sort.key === key ? { key, ascending: !this.sort.ascending } : { key, ascending: key !== 'value' };
    this.render();
  }

  render() {
    if (this.root.hidden) return;
    adoptViewStyles(this.root);
    const all = this.handlers.rows();
    const rows = this.filter
      ? all.filter((r) => `${r.name} ${r.district} ${r.code}`.toLowerCase().includes(this.filter))
      : all.slice();
    const { key, ascending } = this.sort;
    const valueOf = (r) => (key === 'value' || key === 'interval' ? r.value : key === 'rank' ? r.rank : String(r[key] ?? ''));
    rows.sort((a, b) => {
      const x = valueOf(a);
      const y = valueOf(b);
      // Missing values always sort last.
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const order = typeof x === 'number' ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    say(this.count, `${rows.length} of ${all.length} areas shown.`);
    const head = h('tr', {}, COLUMNS.map(([k, label]) => {
      const button = h('button', { type: 'button', class: 'sort' }, [label]);
      button.addEventListener('click', () => this.sortBy(k));
      const sorted = k === key || (key === 'value' && k === 'interval');
      return h('th', { scope: 'col', 'aria-sort': k === key ? (ascending ? 'ascending' : 'descending') : 'none' }, [button, sorted && k === key ? (ascending ? ' ▲' : ' ▼') : '']);
    }));
    const body = rows.map((r) => {
      const link = h('button', { type: 'button', class: 'area-link' }, [r.name]);
      link.addEventListener('click', () => this.handlers.select(r.code));
      return h('tr', {}, [
        h('th', { scope: 'row' }, [link, h('span', { class: 'code' }, [` ${r.code}`])]),
        h('td', {}, [r.district]),
        h('td', { class: 'number' }, [r.value_text]),
        h('td', {}, [r.interval_text]),
        h('td', {}, [r.glyph ? `${r.glyph} ${r.comparison}` : r.comparison]),
        h('td', { class: 'number' }, [r.rank === null ? '–' : String(r.rank)]),
      ]);
    });
    // Patch rows (from the patch view) lead the table, outside the sort: they are not areas.
    const extra = (this.handlers.extra?.() ?? []).map((r) =>
      h('tr', { class: 'extra-row' }, [
        h('th', { scope: 'row' }, [r.name]),
        h('td', {}, [r.district]),
        h('td', { class: 'number' }, [r.value_text]),
        h('td', {}, [r.interval_text]),
        h('td', {}, [r.comparison]),
        h('td', { class: 'number' }, ['–']),
      ]),
    );
    setChildren(this.table, [h('caption', {}, [this.handlers.caption()]), h('thead', {}, [head]), h('tbody', {}, [...extra, ...body])]);
  }
}
