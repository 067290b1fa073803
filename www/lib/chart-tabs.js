// The panel's trend, profile and district views, loaded the first time the panel draws one (not
// part of the default download): the widget shows nothing in the panel until an area is chosen.
import { h, setChildren } from './dom.js';
import viewsCss from './views.css';

let viewSheet = null;

/** Adds the on-demand views' styles (views.css) to the widget's shadow root, once. */
export function adoptViewStyles(node) {
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  viewSheet ??= new CSSStyleSheet();
  if (!viewSheet.cssRules.length) viewSheet.replaceSync(viewsCss);
  if (!root.adoptedStyleSheets.includes(viewSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, viewSheet];
}

export function canvasSize(canvas, cssHeight) {
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

export function table(caption, head, rows) {
  return [
    h('caption', {}, [caption]),
    h('thead', {}, [h('tr', {}, head.map((c) => h('th', { scope: 'col' }, [c])))]),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, [c]) : h('td', {}, [c])))))),
  ];
}

export function showReadout(panel, readout) {
  if (!readout) {
    setChildren(panel.readout, []);
    return;
  }
  const rows = readout.lines.map((line) =>
    h('li', {}, [h('strong', {}, [`${line.label}: `]), line.value_text, line.interval_text ? ` (${line.interval_text})` : '']),
  );
  setChildren(panel.readout, [
    h('p', { class: 'readout-period' }, [readout.period]),
    h('ul', {}, rows),
    readout.change_note ? h('p', { class: 'readout-note' }, [`‡ ${readout.change_note} `, ...panel.tip('‡', 'What does ‡ mean?')]) : null,
  ]);
}

export function drawTrend(panel) {
  canvasSize(panel.canvas);
  return panel.handlers.draw('trend', panel.canvas, panel.hovered ?? undefined);
}

/** The trend tab for a selected area (the panel handles "nothing selected" itself). */
export function renderTrend(panel) {
  adoptViewStyles(panel.root);
  const summary = panel.handlers.summary();
  // A redraw for a new size keeps the words, and so any ⓘ answer open in them (opening one
  // resizes the panel, which redraws it).
  const key = summary && JSON.stringify(summary);
  if (summary && key !== panel.summaryKey) {
    panel.summaryKey = key;
    const items = summary.benchmarks.map((b, i) =>
      h('li', { class: `benchmark ${b.word_95.replace(' ', '-')}` }, [
        h('span', { class: 'glyph', 'aria-hidden': 'true' }, [b.glyph_95]),
        ` ${b.sentence} `,
        // The first line says "at 95%; … at 99.8%": what those mean, once.
        ...(i === 0 && /99\.8%/.test(b.sentence) ? panel.tip('95%', 'What do 95% and 99.8% mean?') : []),
      ]),
    );
    setChildren(panel.summary, [
      h('p', { class: 'interval' }, [`${summary.interval_text}. `, ...panel.tip('interval', 'What is the interval?')]),
      items.length ? h('ul', { class: 'benchmarks', 'aria-label': 'Compared with' }, items) : null,
      summary.recent_trend ? h('p', { class: 'recent-trend' }, [`Recent trend: ${summary.recent_trend}.`]) : null,
    ]);
  }
  panel.chart.hidden = false;
  const drawn = drawTrend(panel);
  panel.chart.hidden = !drawn;
  setChildren(
    panel.legend,
    panel.handlers.legend().map((line) => {
      const sample = h('span', { class: line.primary ? 'line-sample primary' : 'line-sample', 'aria-hidden': 'true' });
      sample.style.borderTopColor = line.colour;
      sample.style.borderTopStyle = line.dash === 0 ? 'solid' : line.dash <= 3 ? 'dotted' : 'dashed';
      return h('li', {}, [sample, line.label]);
    }),
  );
  const readouts = [];
  for (let i = 0; ; i += 1) {
    const r = panel.handlers.readout(i);
    if (!r) break;
    readouts.push(r);
  }
  if (!readouts.length) {
    setChildren(panel.table, []);
    return;
  }
  setChildren(
    panel.table,
    table(
      'Trend chart figures',
      ['Period', ...readouts[0].lines.map((l) => l.label)],
      readouts.map((r) => [r.period, ...r.lines.map((l) => (l.interval_text ? `${l.value_text} (${l.interval_text})` : l.value_text))]),
    ),
  );
}

export function renderProfile(panel, info) {
  adoptViewStyles(panel.root);
  const spec = info ? panel.handlers.profile() : null;
  panel.profileCanvas.hidden = !spec;
  panel.profileKey.hidden = !spec;
  if (!spec) {
    setChildren(panel.profileTable, []);
    return;
  }
  canvasSize(panel.profileCanvas, spec.rows.length * 30 + 26);
  panel.handlers.draw('profile', panel.profileCanvas, spec);
  setChildren(
    panel.profileTable,
    table(
      `${spec.area}: every indicator`,
      ['Indicator', 'Period', 'Value', 'Liverpool City Region', 'Compared (95%)'],
      spec.rows.map((r) => [r.label, r.period, r.value_text, r.region_text, `${r.glyph} ${r.comparison}`]),
    ),
  );
}

export function renderDistricts(panel) {
  adoptViewStyles(panel.root);
  const choices = panel.handlers.districtIndicators();
  if (!panel.districtPicker.options.length) {
    setChildren(panel.districtPicker, choices.map(([id, label]) => h('option', { value: id }, [label])));
  }
  const spec = panel.handlers.districts(panel.districtIndicator ?? undefined);
  if (!spec) return;
  panel.districtPicker.value = spec.indicator;
  const width = panel.districtCanvas.getBoundingClientRect().width;
  const columns = width < 360 ? 1 : width < 700 ? 2 : 3;
  canvasSize(panel.districtCanvas, Math.ceil(spec.districts.length / columns) * 150);
  panel.handlers.draw('districts', panel.districtCanvas, spec);
  setChildren(
    panel.districtTable,
    table(`${spec.label} by district`, ['District', ...spec.periods], spec.districts.map((d) => [d.name, ...d.texts])),
  );
}
