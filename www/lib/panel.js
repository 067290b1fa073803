// The side panel, in three tabs: the selected area's trend (sentence, interval, benchmarks with
// glyphs and words, recent trend, chart with legend, readout and table), its profile (every
// indicator as a spine chart and a table), and the districts (small multiples of a yearly
// indicator). Charts are drawn by the core's chart module on canvases.
import { h, setChildren } from './dom.js';

function canvasSize(canvas, cssHeight) {
  const rect = canvas.getBoundingClientRect();
  const dpr = Math.max(1, Math.min(window.devicePixelRatio || 1, 3));
  const width = Math.max(1, Math.round(rect.width));
  if (cssHeight) canvas.style.height = `${cssHeight}px`;
  const height = Math.max(1, Math.round(cssHeight || rect.height));
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.getContext('2d').setTransform(dpr, 0, 0, dpr, 0, 0);
  return { width, height };
}

function table(caption, head, rows) {
  return [
    h('caption', {}, [caption]),
    h('thead', {}, [h('tr', {}, head.map((c) => h('th', { scope: 'col' }, [c])))]),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, [c]) : h('td', {}, [c])))))),
  ];
}

export class Panel {
  /**
   * @param {object} handlers `{ draw(kind, canvas, option) → bool, periodAt(x, y), readout(i), legend(),
   *   info(), summary(), profile(), districts(indicator), districtIndicators(), previewPeriod(id|null) }`
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.hovered = null;
    this.tab = 'trend';
    this.districtIndicator = null;
    const tab = (id, label) => {
      const button = h('button', { type: 'button', role: 'tab', id: `atlas-tab-${id}`, 'aria-controls': `atlas-pane-${id}`, 'aria-selected': String(id === this.tab) }, [label]);
      button.addEventListener('click', () => this.select(id));
      button.addEventListener('keydown', (event) => this.onTabKey(event));
      return button;
    };
    this.tabs = { trend: tab('trend', 'Trend'), profile: tab('profile', 'Profile'), districts: tab('districts', 'Districts') };
    this.title = h('h3', { class: 'panel-title' }, ['Select an area']);
    this.sentence = h('p', { class: 'panel-sentence' });
    this.summary = h('div', { class: 'summary' });
    this.canvas = h('canvas', { class: 'trend', role: 'img', 'aria-label': 'Trend chart; the figures are in the table that follows' });
    this.readout = h('div', { class: 'readout', 'aria-live': 'polite' });
    this.legend = h('ul', { class: 'chart-legend', 'aria-label': 'Chart lines' });
    this.table = h('table', { class: 'visually-hidden' });
    this.chart = h('figure', { class: 'chart', hidden: true }, [this.canvas, this.legend, this.readout, this.table]);
    this.profileCanvas = h('canvas', { class: 'profile', role: 'img', 'aria-label': 'Area profile spine chart; the figures are in the table that follows' });
    this.profileTable = h('table', { class: 'data-table' });
    this.profileKey = h('p', { class: 'profile-key' }, [
      'Bar: the spread across all areas of this layer (light: lowest to highest; dark: middle half). Black tick: Liverpool City Region. Marker: this area compared with the city region at 95% — ■ worse, ◆ better, ▲ higher, ▼ lower, ● similar or not compared.',
    ]);
    this.districtPicker = h('select', { id: 'atlas-district-indicator' });
    this.districtPicker.addEventListener('change', () => {
      this.districtIndicator = this.districtPicker.value;
      this.render();
    });
    this.districtCanvas = h('canvas', { class: 'districts', role: 'img', 'aria-label': 'District small multiples; the figures are in the table that follows' });
    this.districtTable = h('table', { class: 'visually-hidden' });
    this.panes = {
      trend: h('div', { role: 'tabpanel', id: 'atlas-pane-trend', 'aria-labelledby': 'atlas-tab-trend' }, [this.summary, this.chart]),
      profile: h('div', { role: 'tabpanel', id: 'atlas-pane-profile', 'aria-labelledby': 'atlas-tab-profile', hidden: true }, [this.profileCanvas, this.profileKey, this.profileTable]),
      districts: h('div', { role: 'tabpanel', id: 'atlas-pane-districts', 'aria-labelledby': 'atlas-tab-districts', hidden: true }, [
        h('label', { for: 'atlas-district-indicator' }, ['Yearly indicator']),
        this.districtPicker,
        this.districtCanvas,
        h('p', { class: 'profile-key' }, ['Each panel: one district (orange) against the other five (grey), same scale. ONS Health Index figures are published per district; an England figure is not in the source files.']),
        this.districtTable,
      ]),
    };
    this.root = h('aside', { class: 'panel', part: 'panel', 'aria-label': 'Selected area and districts' }, [
      h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Panel views' }, Object.values(this.tabs)),
      this.title,
      this.sentence,
      ...Object.values(this.panes),
    ]);
    this.canvas.addEventListener('pointermove', (event) => this.onMove(event));
    this.canvas.addEventListener('pointerleave', () => this.setHovered(null));
    this.resize = new ResizeObserver(() => this.render());
  }

  connect() {
    this.resize.observe(this.root);
  }

  disconnect() {
    this.resize.disconnect();
  }

  select(id) {
    this.tab = id;
    for (const [key, button] of Object.entries(this.tabs)) {
      button.setAttribute('aria-selected', String(key === id));
      button.tabIndex = key === id ? 0 : -1;
      this.panes[key].hidden = key !== id;
    }
    this.render();
  }

  onTabKey(event) {
    const ids = Object.keys(this.tabs);
    const at = ids.indexOf(this.tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const id = ids[(next + ids.length) % ids.length];
    this.select(id);
    this.tabs[id].focus();
  }

  onMove(event) {
    const rect = this.canvas.getBoundingClientRect();
    const period = this.handlers.periodAt(event.clientX - rect.left, event.clientY - rect.top);
    this.setHovered(period ?? null);
  }

  setHovered(period) {
    if (period === this.hovered) return;
    this.hovered = period;
    this.drawTrend();
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

  drawTrend() {
    canvasSize(this.canvas);
    return this.handlers.draw('trend', this.canvas, this.hovered ?? undefined);
  }

  /** Redraws the visible tab from the core's current state. */
  render() {
    const info = this.handlers.info();
    if (info) {
      this.title.textContent = info.district && info.district !== info.name ? `${info.name}, ${info.district}` : info.name;
      const parts = [
        info.value_text && info.period ? `${info.value_text} in ${info.period}.` : '',
        info.comparison_text ? `${info.comparison_text}.` : '',
        info.rank_text ? `${info.rank_text[0].toUpperCase()}${info.rank_text.slice(1)}.` : '',
      ];
      this.sentence.textContent = parts.filter(Boolean).join(' ');
    } else {
      this.title.textContent = this.tab === 'districts' ? 'Districts' : 'Select an area';
      this.sentence.textContent = this.tab === 'districts' ? '' : 'Click an area on the map, or search for one, to see how it compares and how it is changing.';
    }
    if (this.tab === 'trend') this.renderTrend(info);
    else if (this.tab === 'profile') this.renderProfile(info);
    else this.renderDistricts();
  }

  renderTrend(info) {
    if (!info) {
      setChildren(this.summary, []);
      this.chart.hidden = true;
      return;
    }
    const summary = this.handlers.summary();
    if (summary) {
      const items = summary.benchmarks.map((b) =>
        h('li', { class: `benchmark ${b.word_95.replace(' ', '-')}` }, [
          h('span', { class: 'glyph', 'aria-hidden': 'true' }, [b.glyph_95]),
          ` ${b.word_95[0].toUpperCase()}${b.word_95.slice(1)} than ${b.comparator} (${b.comparator_value}) at 95%; ${b.word_998} at 99.8%.`,
        ]),
      );
      setChildren(this.summary, [
        h('p', { class: 'interval' }, [`${summary.interval_text}.`]),
        items.length ? h('ul', { class: 'benchmarks', 'aria-label': 'Compared with' }, items) : null,
        h('p', { class: 'recent-trend' }, [`Recent trend: ${summary.recent_trend}.`]),
      ]);
    }
    this.chart.hidden = false;
    const drawn = this.drawTrend();
    this.chart.hidden = !drawn;
    setChildren(
      this.legend,
      this.handlers.legend().map((line) => {
        const sample = h('span', { class: line.primary ? 'line-sample primary' : 'line-sample', 'aria-hidden': 'true' });
        sample.style.borderTopColor = line.colour;
        sample.style.borderTopStyle = line.dash === 0 ? 'solid' : line.dash <= 3 ? 'dotted' : 'dashed';
        return h('li', {}, [sample, line.label]);
      }),
    );
    const readouts = [];
    for (let i = 0; ; i += 1) {
      const r = this.handlers.readout(i);
      if (!r) break;
      readouts.push(r);
    }
    if (!readouts.length) {
      setChildren(this.table, []);
      return;
    }
    setChildren(
      this.table,
      table(
        'Trend chart figures',
        ['Period', ...readouts[0].lines.map((l) => l.label)],
        readouts.map((r) => [r.period, ...r.lines.map((l) => (l.interval_text ? `${l.value_text} (${l.interval_text})` : l.value_text))]),
      ),
    );
  }

  renderProfile(info) {
    // The profile and district views load their code when one is first opened.
    import('./panel-views.js').then((views) => views.renderProfile(this, info, { canvasSize, table }));
  }

  renderDistricts() {
    import('./panel-views.js').then((views) => views.renderDistricts(this, { canvasSize, table }));
  }
}
