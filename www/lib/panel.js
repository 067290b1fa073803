// The selected area's panel: its name and sentence, and its trend chart (drawn by the core with
// plotters on a canvas) with a legend, a readout for the hovered period and a text alternative.
import { h, setChildren } from './dom.js';

export class Panel {
  /**
   * @param {object} handlers `{ paint(canvas, hovered) → bool, periodAt(x, y), readout(i), legend(),
   *   info(), previewPeriod(periodId|null) }`
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.hovered = null;
    this.size = { width: 0, height: 0, dpr: 1 };
    this.title = h('h3', { class: 'panel-title' }, ['Select an area']);
    this.sentence = h('p', { class: 'panel-sentence' }, ['Click an area on the map, or search for one, to see how it is changing.']);
    this.canvas = h('canvas', { class: 'trend', role: 'img', 'aria-label': 'Trend chart' });
    this.readout = h('div', { class: 'readout', 'aria-live': 'polite' });
    this.legend = h('ul', { class: 'chart-legend', 'aria-label': 'Chart lines' });
    this.table = h('table', { class: 'visually-hidden' });
    this.chart = h('figure', { class: 'chart', hidden: true }, [this.canvas, this.legend, this.readout, this.table]);
    this.root = h('aside', { class: 'panel', part: 'panel', 'aria-label': 'Selected area' }, [this.title, this.sentence, this.chart]);
    this.canvas.addEventListener('pointermove', (event) => this.onMove(event));
    this.canvas.addEventListener('pointerleave', () => this.setHovered(null));
    this.resize = new ResizeObserver(() => this.render());
  }

  connect() {
    this.resize.observe(this.chart);
  }

  disconnect() {
    this.resize.disconnect();
  }

  onMove(event) {
    const rect = this.canvas.getBoundingClientRect();
    const period = this.handlers.periodAt(event.clientX - rect.left, event.clientY - rect.top);
    this.setHovered(period ?? null);
  }

  setHovered(period) {
    if (period === this.hovered) return;
    this.hovered = period;
    this.paint();
    const readout = period === null ? null : this.handlers.readout(period);
    this.showReadout(readout);
    this.handlers.previewPeriod(readout ? readout.period_id : null);
  }

  showReadout(readout) {
    if (!readout) {
      setChildren(this.readout, []);
      return;
    }
    const rows = readout.lines.map((line) =>
      h('li', {}, [h('strong', {}, [`${line.label}: `]), line.value_text, line.interval_text ? ` (${line.interval_text})` : '']),
    );
    setChildren(this.readout, [
      h('p', { class: 'readout-period' }, [readout.period]),
      h('ul', {}, rows),
      readout.change_note ? h('p', { class: 'readout-note' }, [`‡ ${readout.change_note}`]) : null,
    ]);
  }

  paint() {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = Math.max(1, Math.min(window.devicePixelRatio || 1, 3));
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    if (width !== this.size.width || height !== this.size.height || dpr !== this.size.dpr) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.size = { width, height, dpr };
    }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return this.handlers.paint(this.canvas, this.hovered ?? undefined);
  }

  /** Redraws everything from the core's current state. */
  render() {
    const info = this.handlers.info();
    if (!info) {
      this.title.textContent = 'Select an area';
      this.sentence.textContent = 'Click an area on the map, or search for one, to see how it is changing.';
      this.chart.hidden = true;
      return;
    }
    this.title.textContent = info.district && info.district !== info.name ? `${info.name}, ${info.district}` : info.name;
    const parts = [info.value_text && info.period ? `${info.value_text} in ${info.period}.` : '', info.comparison_text ? `${info.comparison_text}.` : '', info.rank_text ? `${info.rank_text[0].toUpperCase()}${info.rank_text.slice(1)}.` : ''];
    this.sentence.textContent = parts.filter(Boolean).join(' ');
    this.chart.hidden = false;
    const drawn = this.paint();
    this.chart.hidden = !drawn;
    const legend = this.handlers.legend();
    setChildren(
      this.legend,
      legend.map((line) => {
        const sample = h('span', { class: line.primary ? 'line-sample primary' : 'line-sample', 'aria-hidden': 'true' });
        sample.style.borderTopColor = line.colour;
        sample.style.borderTopStyle = line.dash === 0 ? 'solid' : line.dash <= 3 ? 'dotted' : 'dashed';
        return h('li', {}, [sample, line.label]);
      }),
    );
    this.renderTable();
  }

  /** The chart as a table for screen readers (and anyone who prefers numbers). */
  renderTable() {
    const first = this.handlers.readout(0);
    if (!first) {
      setChildren(this.table, []);
      return;
    }
    const readouts = [];
    for (let i = 0; ; i += 1) {
      const r = i === 0 ? first : this.handlers.readout(i);
      if (!r) break;
      readouts.push(r);
    }
    const head = h('tr', {}, [h('th', { scope: 'col' }, ['Period']), ...first.lines.map((l) => h('th', { scope: 'col' }, [l.label]))]);
    const body = readouts.map((r) =>
      h('tr', {}, [h('th', { scope: 'row' }, [r.period]), ...r.lines.map((l) => h('td', {}, [l.interval_text ? `${l.value_text} (${l.interval_text})` : l.value_text]))]),
    );
    setChildren(this.table, [h('caption', {}, ['Trend chart figures']), h('thead', {}, [head]), h('tbody', {}, body)]);
  }
}
