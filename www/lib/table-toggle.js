// The "Data table" toggle: swaps the map for the data table, the map's text alternative, in every
// view that shows the map. The table's code (table.js) loads the first time it is shown, so it is
// not in the first view.

export class TableToggle {
  #table = null;

  /** @param {{ ui, panel, handle(), call(fn), impact(), view(), select(code), measure() }} owner */
  constructor(owner) {
    this.owner = owner;
    const button = owner.ui.tableToggle;
    button.addEventListener('click', () => this.show(button.getAttribute('aria-pressed') !== 'true'));
  }

  /** Shows the table (always in `view="table"`) or the map. */
  async show(on) {
    const { ui, view } = this.owner;
    const table = on || view() === 'table';
    ui.root.classList.toggle('table-on', table);
    ui.tableToggle.setAttribute('aria-pressed', String(table));
    if (table && !this.#table) {
      const { DataTable } = await import('./table.js');
      const { handle, call, impact } = this.owner;
      this.#table ??= new DataTable({
        rows: () => (handle() ? call(() => handle().tableRows()) ?? [] : []),
        extra: () => impact()?.tableRows() ?? [],
        caption: () => handle()?.caption().title ?? '',
        select: (code) => {
          this.owner.select(code);
          if (view() === 'full') this.show(false);
          // Focus follows the choice to what it opened, not back to the page (2.4.3).
          this.owner.panel.focusHeading();
        },
      });
      ui.tableSlot.replaceWith(this.#table.root);
      ui.tableSlot = this.#table.root;
    }
    if (this.#table) {
      this.#table.root.hidden = !table;
      this.#table.render();
    }
    // The map box was hidden: measure again before painting.
    if (!table) requestAnimationFrame(() => this.owner.measure());
  }

  render() {
    this.#table?.render();
  }
}
