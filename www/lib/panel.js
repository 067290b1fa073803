// The side panel, in tabs: the selected area's trend (sentence, interval, benchmarks with glyphs
// and words, recent trend, chart with legend, readout and table), its profile (every indicator as
// a spine chart and a table), the districts (small multiples of a yearly indicator), and the
// patch (tracking impact) and work × health views, whose code loads when they are first opened.
// Charts are drawn by the core's chart module on canvases.
import { h, touch } from './dom.js';
import { infoTip } from './toggletip.js';

export class Panel {
  /**
   * @param {object} host from element.js: `{ handle(), call(fn), impact(), draw(kind, canvas, option)
   *   → bool, periodAt(x, y), key(), repaint(), tool(tab, pane) }`
   */
  constructor(host) {
    // The core's answers for the views; none while the atlas has no handle.
    const ask =
      (question, none = null) =>
      (...args) => {
        const handle = host.handle();
        return handle ? question(handle, ...args) : none;
      };
    this.handlers = {
      ...host,
      readout: ask((handle, i) => handle.trendReadout(i)),
      legend: ask((handle) => [...handle.trendLegend(), ...(host.impact()?.trendLegend() ?? [])], []),
      info: ask((handle) => handle.selectedInfo()),
      summary: ask((handle) => handle.summary()),
      profile: ask((handle) => handle.profileSpec()),
      districts: ask((handle, indicator) => handle.districtSpec(indicator)),
      districtIndicators: ask((handle) => handle.districtIndicators(), []),
    };
    // The ⓘ maker for the on-demand views (chart-tabs.js): taken from here, toggletip.js stays
    // in the first view's file rather than becoming a chunk of its own shared with them.
    this.tip = infoTip;
    this.hovered = null;
    this.committedPeriod = null;
    this.tab = 'trend';
    this.districtIndicator = null;
    const tab = (id, label) => {
      const button = h('button', { type: 'button', role: 'tab', id: `atlas-tab-${id}`, 'aria-controls': `atlas-pane-${id}`, 'aria-selected': String(id === this.tab) }, [label]);
      button.addEventListener('click', () => this.select(id));
      button.addEventListener('keydown', (event) => this.onTabKey(event));
      return button;
    };
    this.tabs = {
      trend: tab('trend', 'Trend'),
      profile: tab('profile', 'Profile'),
      districts: tab('districts', 'Districts'),
      patch: tab('patch', 'Patch'),
      workhealth: tab('workhealth', 'Work × health'),
    };
    this.title = h('h3', { class: 'panel-title', tabindex: '-1' }, ['Select an area']);
    this.sentence = h('p', { class: 'panel-sentence' });
    this.summary = h('div', { class: 'summary' });
    this.canvas = h('canvas', { class: 'trend', role: 'img', 'aria-label': 'Trend chart; the figures are in the table that follows' });
    this.readout = h('div', { class: 'readout', 'aria-live': 'polite' });
    this.legend = h('ul', { class: 'chart-legend', 'aria-label': 'Chart lines' });
    // Hidden tables sit in a hidden box: a table grows to its content whatever its width, and
    // would reach past the widget (the page would scroll sideways); the box's overflow clips it.
    const hidden = (table) => h('div', { class: 'visually-hidden' }, [table]);
    this.table = h('table');
    this.chart = h('figure', { class: 'chart', hidden: true }, [this.canvas, this.legend, this.readout, hidden(this.table)]);
    this.profileCanvas = h('canvas', { class: 'profile', role: 'img', 'aria-label': 'Area profile spine chart; the figures are in the table that follows' });
    this.profileTable = h('table', { class: 'data-table' });
    this.profileKey = h('p', { class: 'profile-key' }, [
      'Bar: the spread across all areas of this layer (outlined bar: lowest to highest; shaded: middle half). Black tick: Liverpool City Region. Marker: this area compared with the city region at 95% — ■ worse, ◆ better, ▲ higher, ▼ lower, ● similar or not compared.',
    ]);
    this.districtPicker = h('select', { id: 'atlas-district-indicator' });
    this.districtPicker.addEventListener('change', () => {
      this.districtIndicator = this.districtPicker.value;
      this.render();
    });
    this.districtCanvas = h('canvas', { class: 'districts', role: 'img', 'aria-label': 'District small multiples; the figures are in the table that follows' });
    this.districtTable = h('table');
    this.panes = {
      trend: h('div', { role: 'tabpanel', id: 'atlas-pane-trend', 'aria-labelledby': 'atlas-tab-trend' }, [this.summary, this.chart]),
      profile: h('div', { role: 'tabpanel', id: 'atlas-pane-profile', 'aria-labelledby': 'atlas-tab-profile', hidden: true }, [this.profileCanvas, this.profileKey, h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Profile table' }, [this.profileTable])]),
      districts: h('div', { role: 'tabpanel', id: 'atlas-pane-districts', 'aria-labelledby': 'atlas-tab-districts', hidden: true }, [
        h('label', { for: 'atlas-district-indicator' }, ['Yearly indicator']),
        this.districtPicker,
        this.districtCanvas,
        h('p', { class: 'profile-key' }, ['Each panel: one district (orange) against the other five (grey), same scale. ONS Health Index figures are published per district; an England figure is not in the source files.']),
        hidden(this.districtTable),
      ]),
      patch: h('div', { role: 'tabpanel', id: 'atlas-pane-patch', 'aria-labelledby': 'atlas-tab-patch', hidden: true }),
      workhealth: h('div', { role: 'tabpanel', id: 'atlas-pane-workhealth', 'aria-labelledby': 'atlas-tab-workhealth', hidden: true }),
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
    // The chart exists only once the views have drawn it, so they are loaded by now.
    if (period === this.hovered || !this.loadedViews) return;
    this.hovered = period;
    this.loadedViews.drawTrend(this);
    const readout = period === null ? null : this.handlers.readout(period);
    this.loadedViews.showReadout(this, readout);
    this.previewPeriod(readout ? readout.period_id : null);
  }

  /**
   * Hovering a period on the chart shows that period on the map until the pointer leaves the
   * chart. It is a preview, not a change of the view: only the key and the map follow it, and no
   * atlas-change is fired.
   */
  previewPeriod(id) {
    const { handle: current, call, key, repaint } = this.handlers;
    const handle = current();
    if (!handle) return;
    const shown = handle.state().period;
    const show = id ?? this.committedPeriod;
    this.committedPeriod = id === null ? null : this.committedPeriod ?? shown;
    if (show !== null && show !== shown) call(() => handle.setView(undefined, undefined, show));
    call(() => handle.takeUpdate());
    key();
    repaint();
  }

  /** Moves focus to the panel's heading (after an area was chosen elsewhere, e.g. in the table). */
  focusHeading() {
    if (this.root.hidden || !this.root.isConnected) return;
    this.title.focus({ preventScroll: false });
  }

  /** Redraws the visible tab from the core's current state. */
  render() {
    if (this.tab === 'patch' || this.tab === 'workhealth') {
      this.title.hidden = this.sentence.hidden = true;
      this.handlers.tool(this.tab, this.panes[this.tab]);
      return;
    }
    this.title.hidden = this.sentence.hidden = false;
    const info = this.handlers.info();
    if (info) {
      this.title.textContent = info.heading;
      this.sentence.textContent = info.summary;
    } else {
      this.title.textContent = this.tab === 'districts' ? 'Districts' : 'Select an area';
      this.sentence.textContent = this.tab === 'districts' ? '' : `${touch() ? 'Tap' : 'Click'} an area on the map, or search for one, to see how it compares and how it is changing.`;
    }
    const tab = this.tab;
    // Nothing selected: nothing to draw, and no need to load the views' code yet.
    if (tab === 'trend' && !info) {
      this.chart.hidden = true;
      this.summary.replaceChildren();
      this.summaryKey = null;
      return;
    }
    this.views().then((views) => (tab === 'trend' ? views.renderTrend(this) : tab === 'profile' ? views.renderProfile(this, info) : views.renderDistricts(this)));
  }

  /** The tab views (chart-tabs.js), loaded when a view is first drawn. */
  views() {
    this.viewsLoading ??= import('./chart-tabs.js').then((views) => {
      this.loadedViews = views;
      return views;
    });
    return this.viewsLoading;
  }
}
