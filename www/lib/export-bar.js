// The "Download or share" bar: the exports (exports.js, loaded on first use) of exactly what is
// shown, Print (print.js, loaded on first use) and "Add data" (add-data.js, loaded when opened or
// when files are dropped on the widget).
import { loadCore, loadCharts, loadOnDemand, assetUrl } from './core.js';
import { draftKey } from './embed-options.js';

export class ExportBar {
  /**
   * @param {{ element, ui, panel, handle(), chart(), drawn(), impact(), packed(), whole(), link(), reload(id) }}
   *   owner the element's parts
   */
  constructor(owner) {
    this.owner = owner;
    for (const button of owner.ui.exportBar.querySelectorAll('button')) {
      button.addEventListener('click', () => this.run(button.dataset.export));
    }
    // Files dropped anywhere on the widget are added as data.
    for (const type of ['dragover', 'drop']) {
      owner.ui.root.addEventListener(type, (event) => {
        if (!event.dataTransfer?.types.includes('Files')) return;
        event.preventDefault();
        if (type === 'drop') this.addData(event.dataTransfer.files);
      });
    }
  }

  /** The exports with this widget's parts as they are now. */
  async exporter() {
    const { Exporter } = await import('./exports.js');
    const { handle, chart, drawn, panel, ui, impact, link } = this.owner;
    return new Exporter({ handle: handle(), chart: chart(), drawn: drawn(), panel, ui, impact: impact(), loadCharts, link });
  }

  /**
   * A button of the bar: `add`, `print`, or an export kind (`csv`, `map-png`, `chart-png`, `did-svg`, …),
   * its outcome said in `status` (the bar's own status line unless given).
   */
  async run(kind, status = this.owner.ui.exportStatus) {
    // Every export, the report and the importer read the whole bundle.
    await this.owner.whole();
    if (kind === 'add') this.addData();
    else if (kind === 'print') (await import('./print.js')).printArea({ ...this.owner, loadCore, loadCharts }, status);
    else (await this.exporter()).download(kind, status);
  }

  /** Opens "Add data", adding `files` when given. */
  async addData(files) {
    await this.owner.whole();
    (await import('./add-data.js')).openAddData(this.adder(), files);
  }

  /** What add-data.js needs of this widget. */
  adder() {
    const { element, ui, packed, reload } = this.owner;
    return { element, ui, packed, loadOnDemand, assetUrl, draftKey: draftKey(element), reload };
  }
}
