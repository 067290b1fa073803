// The "Work × health" tab: any two indicators across the areas of the map's layer as a scatter
// plot (hovering a point highlights its area on the map and the other way round; clicking selects
// it), their correlation with its interval and a caveat, and a 3×3 bivariate map of the same pair
// with a legend that is a real table (counts and words, not only colours) and a table of areas.
import { h, setChildren } from './dom.js';
import { canvasSize } from './chart-tabs.js';

const HEALTH_THEMES = new Set(['health']);

export class WorkHealthView {
  constructor(ext) {
    this.ext = ext;
    this.pane = null;
    this.report = null;
    this.key = '';
    this.hoveredCode = null;
    this.bivariateOn = false;
    this.x = h('select', { id: 'atlas-wh-x' });
    this.y = h('select', { id: 'atlas-wh-y' });
    for (const select of [this.x, this.y]) select.addEventListener('change', () => this.update());
    this.toggle = h('button', { type: 'button', 'aria-pressed': 'false' }, ['Colour the map by this pair']);
    this.toggle.addEventListener('click', () => {
      this.bivariateOn = !this.bivariateOn;
      this.ext.redraw();
    });
    this.sentence = h('p', { class: 'finding', 'aria-live': 'polite' });
    this.layerNote = h('p', { class: 'notice layer-note' });
    this.canvas = h('canvas', { class: 'scatter', role: 'img', 'aria-label': 'Scatter plot of the two indicators, one point per area; the figures are in the table below' });
    this.readout = h('p', { class: 'readout', 'aria-live': 'polite' });
    this.legend = h('table', { class: 'bivariate-legend' });
    this.breaks = h('p', { class: 'hint-text' });
    this.sources = h('ul', { class: 'hint-text sources' });
    this.table = h('table', { class: 'data-table compact' });
    this.mapLegend = h('div', { class: 'legend bivariate', hidden: true });
    ext.host.ui.legend.after(this.mapLegend);
    this.canvas.addEventListener('pointermove', (event) => this.onMove(event));
    this.canvas.addEventListener('pointerleave', () => this.onMove(null));
    this.canvas.addEventListener('click', (event) => {
      const i = this.pointAt(event);
      if (i !== null) this.ext.host.select(this.report.spec.points[i].code);
    });
    this.root = h('div', { class: 'workhealth-view' }, [
      h('h3', {}, ['Work × health']),
      h('div', { class: 'form-grid' }, [
        h('div', { class: 'field' }, [h('label', { for: 'atlas-wh-x' }, ['Across (x)']), this.x]),
        h('div', { class: 'field' }, [h('label', { for: 'atlas-wh-y' }, ['Up (y)']), this.y]),
      ]),
      this.layerNote,
      this.sentence,
      h('figure', { class: 'chart' }, [this.canvas, this.readout]),
      this.toggle,
      this.legend,
      this.breaks,
      h('details', {}, [h('summary', {}, ['Every area’s figures and class']), this.table]),
      this.sources,
    ]);
  }

  /** Recomputes for the map's layer and the chosen pair, then redraws. */
  update() {
    const ext = this.ext;
    const handle = ext.host.handle();
    const state = ext.host.state();
    if (!handle || !state || !ext.analysis) return;
    const catalogue = handle.catalogue();
    const options = catalogue.indicators.filter((i) => i.geographies.includes(state.geography));
    if (this.x.dataset.layer !== state.geography) {
      const first = !this.x.dataset.layer;
      this.x.dataset.layer = state.geography;
      const keepX = this.x.value;
      const keepY = this.y.value;
      for (const select of [this.x, this.y]) setChildren(select, options.map((i) => h('option', { value: i.id }, [i.label])));
      const pick = (kept, fallback) => (options.some((i) => i.id === kept) ? kept : fallback?.id ?? '');
      this.x.value = pick(keepX, options.find((i) => i.theme === 'deprivation' || i.theme === 'work') ?? options[0]);
      this.y.value = pick(keepY, options.find((i) => HEALTH_THEMES.has(i.theme) && i.id !== this.x.value) ?? options.find((i) => i.id !== this.x.value));
      // A layer without one of the chosen indicators swaps it: say so, and where it can be seen.
      const dropped = first ? [] : [[keepX, this.x.value], [keepY, this.y.value]].filter(([kept, now]) => kept && kept !== now);
      this.layerNote.textContent = dropped
        .map(([kept, now]) => {
          const was = catalogue.indicators.find((i) => i.id === kept);
          const layers = catalogue.geographies.filter((g) => was?.geographies.includes(g.id)).map((g) => g.label);
          const instead = options.find((i) => i.id === now)?.label ?? 'another indicator';
          const here = catalogue.geographies.find((g) => g.id === state.geography)?.label ?? 'this layer';
          return `${was?.label ?? kept} has no figures for ${here}; it has figures for ${layers.join(' and ')}. Showing ${instead} instead.`;
        })
        .join(' ');
      if (this.layerNote.textContent) this.ext.say(this.layerNote.textContent);
    }
    // The same indicator on both axes says nothing: each list leaves out the other's choice.
    for (const [select, other] of [[this.x, this.y], [this.y, this.x]]) {
      for (const option of select.options) option.disabled = option.value === other.value;
    }
    const request = { layer: state.geography, x: this.x.value, y: this.y.value };
    const key = JSON.stringify(request);
    if (key !== this.key) {
      this.key = key;
      const report = ext.run((a) => a.scatter(request));
      this.report = report?.error ? null : report;
      this.sentence.textContent = report?.error ? `No plot: ${report.error}.` : report.sentence;
      this.renderTables();
      // A new pair or layer: the bivariate colours on the map change with it.
      if (this.bivariateOn) this.ext.refresh();
    }
    this.toggle.setAttribute('aria-pressed', String(this.bivariateOn));
    this.draw();
  }

  renderTables() {
    const report = this.report;
    if (!report) {
      for (const el of [this.legend, this.table, this.sources]) setChildren(el, []);
      this.breaks.textContent = '';
      return;
    }
    const [xLabel, yLabel] = [report.spec.x_label, report.spec.y_label];
    const legend = this.legendTable(report, xLabel, yLabel);
    setChildren(this.legend, legend);
    // Over the map the axes are named without their periods (the tab says them in full).
    const short = (label) => label.replace(/ \(.*\)$/, '');
    setChildren(this.mapLegend, [h('table', { class: 'bivariate-legend' }, this.legendTable(report, short(xLabel), short(yLabel)))]);
    this.breaks.textContent = report.bivariate?.breaks ?? '';
    setChildren(this.sources, report.sources.map((s) => h('li', {}, [s])));
    const words = (cls) => {
      const cell = report.bivariate?.legend[cls];
      return cell ? `${cell.x_band} x, ${cell.y_band} y` : '';
    };
    setChildren(this.table, [
      h('caption', {}, [`${xLabel} and ${yLabel}`]),
      h('thead', {}, [h('tr', {}, ['Area', xLabel, yLabel, 'Class'].map((c) => h('th', { scope: 'col' }, [c])))]),
      h('tbody', {}, report.spec.points.map((p) => h('tr', {}, [h('th', { scope: 'row' }, [p.name]), h('td', { class: 'number' }, [String(p.x)]), h('td', { class: 'number' }, [String(p.y)]), h('td', {}, [p.class === null ? '' : words(p.class)])]))),
    ]);
  }

  /** The 3×3 legend as a table: columns are thirds of x, rows thirds of y (high at the top). */
  legendTable(report, xLabel, yLabel) {
    const cells = report.bivariate?.legend ?? [];
    if (!cells.length) return [];
    const bands = ['low', 'mid', 'high'];
    const rows = [2, 1, 0].map((yb) =>
      h('tr', {}, [
        h('th', { scope: 'row' }, [bands[yb]]),
        ...[0, 1, 2].map((xb) => {
          const cell = cells[yb * 3 + xb];
          const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
          swatch.style.backgroundColor = cell.colour;
          return h('td', { title: cell.label }, [swatch, h('span', { class: 'count', 'aria-hidden': 'true' }, [String(cell.count)]), h('span', { class: 'visually-hidden' }, [cell.label])]);
        }),
      ]),
    );
    return [
      h('caption', {}, [`↑ ${yLabel} (rows) by → ${xLabel} (columns), in thirds; numbers are areas`]),
      h('thead', {}, [h('tr', {}, [h('td', {}), ...bands.map((b) => h('th', { scope: 'col' }, [b]))])]),
      h('tbody', {}, rows),
    ];
  }

  /** The scatter for a picture, as last drawn (the selected area marked), or null. */
  picture() {
    const { report } = this;
    if (!report || !this.drawnSpec) return null;
    // The picture marks the selected area, not where the pointer happens to be.
    const drawnSpec = { ...this.drawnSpec, highlighted: null };
    const key = (report.bivariate?.legend ?? []).map((cell) => ({ label: cell.label, colour: cell.colour }));
    return {
      kind: 'scatter',
      spec: drawnSpec,
      canvas: this.canvas,
      // Drawn again at once on screen: the analysis handle keeps the last drawn points for the pointer.
      draw: (canvas) => {
        this.ext.analysis.drawScatter(canvas, drawnSpec);
        this.draw();
      },
      sources: report.sources,
      words: { title: `${report.spec.x_label} and ${report.spec.y_label}`, notes: [report.sentence, report.bivariate?.breaks].filter(Boolean), key },
    };
  }

  draw() {
    if (!this.report || !this.pane || this.pane.hidden) return;
    const spec = this.report.spec;
    const index = (code) => (code ? spec.points.findIndex((p) => p.code === code) : -1);
    const selected = index(this.ext.host.state()?.area);
    const hovered = index(this.hoveredCode);
    canvasSize(this.canvas, 300);
    try {
      this.drawnSpec = { ...spec, selected: selected < 0 ? null : selected, highlighted: hovered < 0 ? null : hovered };
      this.ext.analysis.drawScatter(this.canvas, this.drawnSpec);
    } catch (error) {
      this.ext.host.warn(error.code || 'chart-failed', error.message);
    }
  }

  pointAt(event) {
    if (!this.report || !event) return null;
    const rect = this.canvas.getBoundingClientRect();
    return this.ext.analysis.pointAt(event.clientX - rect.left, event.clientY - rect.top) ?? null;
  }

  /** Hovering a point: show its figures and outline its area on the map. */
  onMove(event) {
    const i = this.pointAt(event);
    const point = i === null ? null : this.report.spec.points[i];
    const code = point ? point.code : null;
    if (code === this.hoveredCode) return;
    this.hoveredCode = code;
    this.readout.textContent = point ? `${point.name}: ${this.report.spec.x_label} ${point.x}, ${this.report.spec.y_label} ${point.y}` : '';
    const handle = this.ext.host.handle();
    if (handle) this.ext.host.change(() => handle.hoverCode(code ?? undefined));
    this.draw();
  }

  /** The map's hovered area, shown on the plot. */
  highlight(code) {
    if (code === this.hoveredCode) return;
    this.hoveredCode = code;
    this.draw();
  }

  /**
   * The bivariate colours for the map's layer (`0xrrggbb`, or no data), or none when off. They
   * show only while this tab is open: elsewhere the map's own colours return (and come back here
   * when the tab is opened again), so the map never shows a pair nobody is looking at.
   */
  fills(layer) {
    const open = Boolean(this.pane && !this.pane.hidden);
    const on = Boolean(open && this.bivariateOn && this.report?.bivariate && JSON.parse(this.key || '{}').layer === layer);
    this.mapLegend.hidden = !on;
    const legend = this.ext.host.ui.legend;
    legend.hidden = on || !legend.childElementCount;
    this.shown = on;
    return on ? Uint32Array.from(this.report.bivariate.colours, (c) => (c ? parseInt(c.slice(1), 16) : 0x1000000)) : new Uint32Array(0);
  }

  /**
   * The bivariate class of the area with `code` in words ("high employment deprivation rate,
   * low disability rate") while the map shows the pair's colours; null otherwise. The map's info box and
   * sentence give it, so the class is never told by colour alone (1.4.1).
   */
  classWords(code) {
    if (!this.shown || !code) return null;
    const point = this.report.spec.points.find((p) => p.code === code);
    return point && point.class !== null ? this.report.bivariate.legend[point.class]?.words ?? null : null;
  }
}
