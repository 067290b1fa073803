// Print or save as PDF: one area's report on A4, loaded when "Print" is first pressed (not part of
// the first view). The widget lays a print sheet out in its own shadow root — the area's name,
// the map zoomed to it with its key, its trend chart and comparisons, every indicator of its layer
// with the city region, England, the comparison words and the sentence, then the sources, the
// licence and the date — and its print stylesheet (print.css) puts only that sheet on paper, with
// no controls. `window.print()` prints the host page; the page's own print styles decide what else
// goes on paper (the demo page hides its own header and footer).
//
// The sheet is drawn with a map handle of its own (a second AtlasHandle of the same packed bundle)
// so that the map can be zoomed to the area at the sheet's size and every indicator read without
// moving the view on screen. Every figure and sentence is the core's. The map and the chart are
// canvases, not <img> with data: URLs, which a strict Content-Security-Policy (img-src falling back
// to default-src 'self') refuses. `beforeprint` cannot wait for anything, so the Print button loads
// what the sheet needs first; once loaded, a print from the browser's menu redraws the sheet
// synchronously for the area selected then.
import { h, setChildren } from './dom.js';
import printCss from './print.css';

/** CSS size of the map and chart on the sheet: A4's width inside 12 mm margins is ~700 px. */
const MAP = { width: 680, height: 320 };
const CHART = { width: 680, height: 190 };
/** Device pixels per CSS pixel of the sheet's pictures: sharp on paper. */
const SCALE = 2;
/** The comparators the table has a column for, by the names the bundle gives them. */
const COMPARATORS = ['Liverpool City Region', 'England'];

let sheetStyles = null;
/** One print sheet per widget. */
const sheets = new WeakMap();

/**
 * The Print button (export-bar.js): lays the sheet out for the selected area, then opens the
 * browser's print dialogue; what stops it is said in `status`.
 * @param {{ element, ui, handle(), packed(), call(fn), link(), loadCore(), loadCharts() }} owner the
 *   element's parts and core.js's loaders (passed in: importing core.js here would split the first
 *   view's module into chunks)
 */
export async function printArea(owner, status) {
  let sheet = sheets.get(owner.element);
  if (!sheet) sheets.set(owner.element, (sheet = new PrintSheet(owner)));
  try {
    await sheet.load();
    sheet.prepare();
    status.textContent = '';
  } catch (error) {
    status.textContent = `Not possible: ${error.message}.`;
    return;
  }
  window.print();
}

class PrintSheet {
  #core = null;
  #charts = null;
  #handle = null;
  #packed = null;
  /** What the sheet shows now (state and bundle), so a second print of it draws nothing again. */
  #drawn = null;

  constructor(owner) {
    this.owner = owner;
    this.root = h('section', { class: 'print-sheet', 'aria-label': 'Print view' });
  }

  /** Loads the map module instance and the chart module, and adopts the print styles. */
  async load() {
    this.#core = await this.owner.loadCore();
    this.#charts ??= new (await this.owner.loadCharts()).ChartHandle();
    const root = this.owner.ui.root.getRootNode();
    sheetStyles ??= new CSSStyleSheet();
    if (!sheetStyles.cssRules.length) sheetStyles.replaceSync(printCss);
    if (root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheetStyles)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheetStyles];
    if (!this.root.isConnected) {
      this.owner.ui.root.append(this.root);
      // A print from the browser's menu: the sheet follows the selection of that moment.
      window.addEventListener('beforeprint', () => {
        if (!this.owner.element.isConnected) return;
        try {
          this.prepare();
        } catch {
          // Nothing selected (or the atlas not loaded): the widget prints as it is, without controls.
          this.#clear();
        }
      });
    }
  }

  /** Lays the sheet out for the selected area; throws a sentence saying what to do first. */
  prepare() {
    const state = this.owner.handle()?.state();
    if (!state) throw new Error('the atlas has not loaded');
    if (!state.area) throw new Error('select an area to print its report first');
    const packed = this.owner.packed();
    const key = JSON.stringify(state);
    if (this.#drawn?.key === key && this.#drawn.packed === packed && this.#drawn.core === this.#core) {
      this.owner.ui.root.classList.add('printing');
      return;
    }
    try {
      setChildren(this.root, this.#layout(this.#handleFor(packed), state));
    } catch (error) {
      // A trap takes the element's one trap path (reported, the module instance retired).
      if (error instanceof WebAssembly.RuntimeError) {
        this.owner.call(() => {
          throw error;
        });
      }
      this.#free();
      this.#clear();
      throw error;
    }
    this.#drawn = { key, packed, core: this.#core };
    this.owner.ui.root.classList.add('printing');
  }

  #clear() {
    this.#drawn = null;
    this.owner.ui.root.classList.remove('printing');
    setChildren(this.root, []);
  }

  /** The sheet's own map handle, made again when the bundle or the module instance changed. */
  #handleFor(packed) {
    if (this.#handle && this.#packed === packed && this.#handle.core === this.#core) return this.#handle.handle;
    this.#free();
    const handle = new this.#core.AtlasHandle(packed, MAP.width, MAP.height);
    this.#handle = { handle, core: this.#core };
    this.#packed = packed;
    return handle;
  }

  #free() {
    try {
      this.#handle?.handle.free();
    } catch {
      // A handle of a trapped module cannot always be freed; dropping it is all we can do.
    }
    this.#handle = null;
  }

  /** The sheet's parts for `state` (the on-screen view), drawn with the sheet's handle. */
  #layout(handle, state) {
    // The view as on screen (indicator, layer, period, classes, change), the area selected, and
    // the map zoomed to it at the sheet's size (select zooms to the area it selects).
    handle.setView(state.indicator ?? undefined, state.geography, state.period ?? undefined);
    handle.setClassification(state.method, state.classes);
    handle.setChange(state.change_from ?? undefined);
    handle.resize(MAP.width, MAP.height);
    handle.select(state.area);
    const info = handle.selectedInfo();
    const caption = handle.caption();
    // Some context around the area: its neighbours show beside it.
    handle.zoomAt(0.75, MAP.width / 2, MAP.height / 2);
    // The overlay (the selection's outline) is painted on a picture of its own, as on screen:
    // each paint starts by clearing its canvas.
    const outline = picture('', MAP, '', (ctx) => handle.paintOverlay(ctx));
    const map = picture('print-map', MAP, `Map of ${caption.title}, zoomed to ${info.name}`, (ctx) => {
      handle.paintBase(ctx);
      ctx.drawImage(outline, 0, 0, MAP.width, MAP.height);
    });
    const legend = mapKey(handle.legend(), caption.unit);
    const trend = this.#trend(handle);
    const indicators = this.#indicators(handle, state.geography);
    // What the sheet's handle was asked is not a change anyone needs to hear of.
    handle.takeUpdate();
    return [
      h('header', { class: 'print-head' }, [h('p', { class: 'print-kicker' }, ['Work & Health Atlas — area report']), h('h1', {}, [info.heading]), h('p', {}, [info.summary])]),
      h('figure', { class: 'print-figure' }, [h('figcaption', {}, [caption.title]), map, legend]),
      trend,
      indicators.table,
      h('footer', { class: 'print-sources' }, [
        h('h2', {}, ['Sources']),
        ...indicators.sources.map((line) => h('p', {}, [line])),
        h('p', {}, [`Printed on ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date())} from ${this.owner.link()}`]),
      ]),
    ];
  }

  /** The area's trend chart for the shown indicator, its key and its comparisons. */
  #trend(handle) {
    const spec = handle.trendSpec();
    const summary = handle.summary();
    if (!spec && !summary) return null;
    const chart = spec ? picture('print-trend', CHART, 'Trend chart; the figures are in the table of indicators', (ctx) => this.#charts.drawTrend(ctx.canvas, spec)) : null;
    const lines = spec ? handle.trendLegend() : [];
    const key = list(
      'print-key',
      lines.map((line) => {
        const sample = h('span', { class: 'line-sample', 'aria-hidden': 'true' });
        sample.style.borderTopColor = line.colour;
        sample.style.borderTopStyle = line.dash === 0 ? 'solid' : line.dash <= 3 ? 'dotted' : 'dashed';
        return h('li', {}, [sample, line.label]);
      }),
    );
    const words = summary
      ? [
          h('p', {}, [`${summary.interval_text}.`]),
          list('print-benchmarks', summary.benchmarks.map((b) => h('li', {}, [h('span', { 'aria-hidden': 'true' }, [`${b.glyph_95} `]), b.sentence]))),
          summary.recent_trend ? h('p', {}, [`Recent trend: ${summary.recent_trend}.`]) : null,
        ]
      : [];
    return h('figure', { class: 'print-figure' }, [h('figcaption', {}, [`${handle.caption().title}: trend`]), chart, key, ...words]);
  }

  /**
   * Every indicator of the area's layer at its latest period there: the area's figure, the city
   * region's and England's with the comparison words, and the core's sentence; and the sources of
   * them all. Indicators not published for the layer are named.
   */
  #indicators(handle, geography) {
    const catalogue = handle.catalogue();
    const layer = catalogue.geographies.find((g) => g.id === geography)?.label ?? geography;
    const sources = new Set();
    const rows = [];
    const missing = [];
    handle.setChange(undefined);
    for (const indicator of catalogue.indicators) {
      if (!indicator.geographies.includes(geography)) {
        missing.push(indicator.label);
        continue;
      }
      // The last period; the core falls back to the latest one this layer has.
      handle.setView(indicator.id, geography, indicator.periods.at(-1)?.id);
      const info = handle.selectedInfo();
      const summary = handle.summary();
      const caption = handle.caption();
      if (!info) continue;
      const against = (name) => {
        const b = summary?.benchmarks.find((line) => line.comparator === name);
        return h('td', {}, [b ? `${b.comparator_value} (${b.word_95} ${b.glyph_95})` : 'not available']);
      };
      rows.push(
        h('tr', {}, [h('th', { scope: 'row' }, [indicator.label, h('span', { class: 'print-period' }, [info.period ?? caption.period])]), h('td', {}, [info.value_text]), ...COMPARATORS.map(against)]),
        h('tr', { class: 'print-sentence' }, [h('td', { colspan: '4' }, [info.summary])]),
      );
      if (caption.source) sources.add(`${caption.source}${caption.licence ? ` (${caption.licence})` : ''}.`);
      for (const line of caption.attribution) sources.add(line);
    }
    const table = h('section', { class: 'print-indicators' }, [
      h('h2', {}, [`Every indicator for this layer (${layer})`]),
      h('table', {}, [
        h('thead', {}, [h('tr', {}, ['Indicator', 'This area', ...COMPARATORS].map((c) => h('th', { scope: 'col' }, [c])))]),
        h('tbody', {}, rows),
      ]),
      h('p', { class: 'print-note' }, ['In brackets: this area compared with the city region and England at 95% (■ worse, ◆ better, ▲ higher, ▼ lower, ● similar, ○ not compared: no interval).']),
      missing.length ? h('p', { class: 'print-note' }, [`Not published for this layer: ${missing.join(', ')}.`]) : null,
    ]);
    return { table, sources: [...sources] };
  }
}

/** A canvas of `size` CSS px at SCALE, drawn by `draw(ctx)` in CSS px; an image to assistive tech. */
function picture(className, size, label, draw) {
  const canvas = h('canvas', { class: className, role: 'img', 'aria-label': label });
  canvas.width = size.width * SCALE;
  canvas.height = size.height * SCALE;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(SCALE, 0, 0, SCALE, 0, 0);
  draw(ctx);
  return canvas;
}

/** The map's key: a swatch (hatched for no data) and a label per class, under the unit. */
function mapKey(rows, unit) {
  const items = rows.map((row) => {
    const swatch = h('span', { class: row.no_data ? 'swatch nodata' : 'swatch', 'aria-hidden': 'true' });
    if (!row.no_data) swatch.style.backgroundColor = row.colour;
    return h('li', {}, [swatch, row.label]);
  });
  return items.length ? h('div', { class: 'print-legend' }, [unit ? h('p', {}, [unit]) : null, h('ul', {}, items)]) : null;
}

/** A list of `items`, or nothing when there are none: no empty box on paper. */
function list(className, items) {
  return items.length ? h('ul', { class: className }, items) : null;
}
