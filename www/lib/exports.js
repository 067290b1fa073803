// Downloads of exactly what is shown, for reports and funding bids: the layer as CSV (a plain
// table, header first, with its CSVW sidecar describing source, licence and period; both from the
// core), the map and any chart on screen (the trend, profile, districts, the patch's trend, its
// comparison and event study, the scatter) as PNG at twice CSS resolution whatever the screen,
// every chart also as SVG, each with its title, key, footnotes, source, period, boundaries and
// attribution drawn in and wrapped, and a link to this view.

const MARGIN = 16;
const LINE = 16;
/** Device pixels per CSS pixel of every exported PNG, whatever the screen's devicePixelRatio. */
export const PICTURE_SCALE = 2;
/** The charts a picture can be made of; `chart` is the one the visible tab shows. */
const CHARTS = ['trend', 'profile', 'districts', 'patch', 'did', 'event-study', 'scatter'];

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * A file name from the title: lower case words joined by hyphens, the whole title (a name cut
 * short loses the period or layer at its end, which is what tells two downloads apart).
 */
export function fileName(title, extension) {
  const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'work-health-atlas';
  return `${stem}.${extension}`;
}

/** Word-wraps text to a width on a 2D context. */
function wrap(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The caption lines every picture carries. */
export function captionLines(caption) {
  return [
    caption.source && `Source: ${caption.source}.`,
    caption.period && `Reference period: ${caption.period}.`,
    caption.geography && `Boundaries: ${caption.geography}.`,
    ...caption.attribution,
    caption.vintage && `Data: ${caption.vintage}.`,
    caption.synthetic && 'SYNTHETIC test data — not real figures.',
  ].filter(Boolean);
}

function toPng(canvas) {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be made'))), 'image/png'));
}

/** A legend row's swatch: a map class (colour, or hatched for no data) or a chart key's sample. */
function drawSwatch(ctx, row, x, y) {
  const rgb = (c) => (Array.isArray(c) ? `rgb(${c.join(',')})` : c);
  const [kind, sample] = row.sample ? Object.entries(row.sample)[0] : ['Map', null];
  ctx.save();
  ctx.strokeStyle = ctx.fillStyle = rgb(sample?.colour ?? sample ?? row.colour);
  ctx.beginPath();
  if (kind === 'Line') {
    ctx.lineWidth = sample.width;
    ctx.setLineDash(sample.dash ? [sample.dash, sample.dash] : []);
    ctx.moveTo(x, y + 6);
    ctx.lineTo(x + 22, y + 6);
    ctx.stroke();
    ctx.beginPath();
    if (sample.round) ctx.arc(x + 11, y + 6, 4, 0, 2 * Math.PI);
    else ctx.rect(x + 8, y + 3, 6, 6);
    ctx.fill();
  } else if (kind === 'Rule' || kind === 'DashedRule') {
    ctx.lineWidth = kind === 'Rule' ? 2 : 1;
    ctx.setLineDash(kind === 'Rule' ? [] : [3, 3]);
    ctx.moveTo(x + 11, y - 1);
    ctx.lineTo(x + 11, y + 13);
    ctx.stroke();
  } else if (kind === 'Pin') {
    ctx.arc(x + 11, y + 6, 5, 0, 2 * Math.PI);
    ctx.fill();
  } else if (row.no_data) {
    ctx.fillStyle = '#f2f2f2';
    ctx.fillRect(x, y, 18, 12);
    ctx.strokeStyle = '#767676';
    for (let d = -12; d < 18; d += 5) {
      ctx.moveTo(x + Math.max(0, d), y + 12 - Math.max(0, -d));
      ctx.lineTo(x + Math.min(18, d + 12), y + Math.max(0, d + 12 - 18));
    }
    ctx.stroke();
  } else {
    ctx.fillRect(x, y, 18, 12);
  }
  if (kind === 'Map' || kind === 'Block') {
    ctx.strokeStyle = '#0b0c0c';
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, 17, 11);
  }
  ctx.restore();
}

/**
 * Composes a PNG at PICTURE_SCALE: the title, the given canvases stacked on one another in a box
 * of `box` CSS px (drawn scaled: a chart drawn at PICTURE_SCALE keeps every pixel), legend rows
 * (map classes `{ colour, label, no_data }` or chart key rows `{ sample, label }`), then `notes`
 * (footnotes, then the caption lines). Every text wraps to the width: a note on the map is shown in full.
 * Returns a Promise of the Blob.
 */
export function composePng({ title, canvases, box, legend = [], legendTitle = '', notes = [] }) {
  const scale = PICTURE_SCALE;
  const cssWidth = Math.max(240, Math.round(box.width));
  const boxHeight = Math.round(box.height);
  const probe = document.createElement('canvas').getContext('2d');
  probe.font = '600 18px system-ui, sans-serif';
  const titleLines = wrap(probe, title, cssWidth - 2 * MARGIN);
  probe.font = '600 12px system-ui, sans-serif';
  const headLines = legend.length && legendTitle ? wrap(probe, legendTitle, cssWidth - 2 * MARGIN) : [];
  probe.font = '12px system-ui, sans-serif';
  const rows = legend.map((row) => ({ ...row, lines: wrap(probe, row.label, cssWidth - 2 * MARGIN - 30) }));
  const footer = notes.flatMap((l) => wrap(probe, l, cssWidth - 2 * MARGIN));
  const legendHeight = rows.length ? 8 + headLines.length * 18 + rows.reduce((sum, r) => sum + Math.max(1, r.lines.length) * LINE + 2, 0) : 0;
  const height = MARGIN + titleLines.length * 24 + 8 + boxHeight + legendHeight + 8 + footer.length * LINE + MARGIN;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(cssWidth * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, cssWidth, height);
  ctx.fillStyle = '#0b0c0c';
  ctx.textBaseline = 'top';
  ctx.font = '600 18px system-ui, sans-serif';
  let y = MARGIN;
  for (const line of titleLines) {
    ctx.fillText(line, MARGIN, y);
    y += 24;
  }
  y += 8;
  ctx.imageSmoothingQuality = 'high';
  for (const source of canvases) ctx.drawImage(source, 0, y, box.width, boxHeight);
  y += boxHeight + 8;
  ctx.font = '600 12px system-ui, sans-serif';
  for (const line of headLines) {
    ctx.fillText(line, MARGIN, y);
    y += 18;
  }
  ctx.font = '12px system-ui, sans-serif';
  for (const row of rows) {
    drawSwatch(ctx, row, MARGIN, y + 1);
    ctx.fillStyle = '#0b0c0c';
    for (const line of row.lines) {
      ctx.fillText(line, MARGIN + 30, y);
      y += LINE;
    }
    y += row.lines.length ? 2 : LINE + 2;
  }
  y += 8;
  ctx.fillStyle = '#505a5f';
  for (const line of footer) {
    ctx.fillText(line, MARGIN, y);
    y += LINE;
  }
  return toPng(canvas);
}

export function downloadBlob(name, blob) {
  download(name, blob);
}

export function downloadText(name, text, type) {
  download(name, new Blob([text], { type }));
}

/**
 * One widget's exports (the element's toCsv, toPng, toSvg and its download buttons), given its
 * parts: `{ handle, chart, drawn, panel, ui, impact, loadCharts, link() }` (`drawn`: the chart
 * loader's last spec and canvas of each panel chart).
 */
export class Exporter {
  constructor(parts) {
    Object.assign(this, parts);
  }

  /**
   * The layer as CSV (header first, after a byte order mark), the patch's row first; built by the
   * chart module from the map's rows.
   */
  async csv() {
    const charts = await this.loadCharts();
    return charts.csvFromRows(this.handle.caption(), [...(this.impact?.tableRows() ?? []), ...this.handle.tableRows()]);
  }

  /** The CSVW sidecar of the layer's CSV saved as `name` (its `url`): source, licence, period, columns. */
  async csvMetadata(name = fileName(this.handle.caption().title, 'csv')) {
    const charts = await this.loadCharts();
    return charts.csvMetadata(this.handle.caption(), name);
  }

  /**
   * A chart to picture: `name` (one of CHARTS), or `chart` for the visible tab's (the patch's
   * trend on the Patch tab, the scatter on Work × health). `{ kind, spec, canvas, words, draw? }`,
   * the spec as last drawn (`draw(canvas)` for the analysis module's charts); throws a sentence
   * saying what to do first.
   */
  chartTarget(name = 'chart') {
    const { handle, panel } = this;
    if (!handle) throw new Error('the atlas has not loaded');
    const which = name === 'chart' ? ({ patch: 'patch', workhealth: 'scatter' }[panel.tab] ?? panel.tab) : name;
    if (!CHARTS.includes(which)) throw new Error(`there is no chart called "${name}"`);
    const caption = handle.caption();
    const lines = captionLines(caption);
    if (['patch', 'did', 'event-study', 'scatter'].includes(which)) {
      const target = this.impact?.chartFor(which);
      if (!target) throw new Error(which === 'scatter' ? 'open Work × health to show the scatter first' : which === 'patch' ? 'add areas to the patch to show its chart first' : 'compare the patch with similar areas first');
      // The scatter names its own two sources; the map's caption would name only one.
      const captionOf = target.sources ? [...target.sources, ...caption.attribution] : lines;
      return { ...target, words: { ...target.words, caption: captionOf } };
    }
    const drawn = this.drawn?.[which];
    const shown = { trend: panel.chart, profile: panel.profileCanvas, districts: panel.districtCanvas }[which];
    if (!drawn || !this.chart || (shown.hidden && which !== 'districts')) throw new Error(which === 'districts' ? 'open the Districts tab to draw its chart first' : 'select an area to show its chart first');
    const info = handle.selectedInfo();
    const title = { trend: `${caption.title}: ${info ? info.name : ''}`, profile: `${drawn.spec.area}: every indicator`, districts: `${drawn.spec.label} by district` }[which];
    const notes = which === 'profile' ? [panel.profileKey.textContent] : [];
    return { kind: which, spec: drawn.spec, canvas: drawn.canvas, words: { title, notes, caption: lines } };
  }

  /** The size to lay a chart out at: its CSS size on screen, or a default when it is not shown. */
  static size(canvas) {
    const rect = canvas?.getBoundingClientRect();
    return rect && rect.width > 0 ? { width: Math.round(rect.width), height: Math.round(rect.height) } : { width: 640, height: 260 };
  }

  /**
   * A PNG of the map (`map`) or of a chart (`chart` for the visible tab's, or one of CHARTS), at
   * PICTURE_SCALE. A chart is drawn again at that scale by the code that draws it on screen (the
   * chart or analysis module), with its key and footnotes from the chart module.
   */
  async png(kind = 'map') {
    const { handle, ui } = this;
    if (!handle) throw new Error('the atlas has not loaded');
    if (kind !== 'map') {
      const target = this.chartTarget(kind);
      const charts = await this.loadCharts();
      const box = Exporter.size(target.canvas);
      // The chart drawn again, at PICTURE_SCALE, by the code that draws it on screen.
      const canvas = document.createElement('canvas');
      canvas.width = box.width * PICTURE_SCALE;
      canvas.height = box.height * PICTURE_SCALE;
      canvas.getContext('2d').setTransform(PICTURE_SCALE, 0, 0, PICTURE_SCALE, 0, 0);
      if (target.draw) target.draw(canvas);
      else {
        // A handle of its own, so the panel's keeps its pointer look-ups.
        const pictures = new charts.ChartHandle();
        try {
          pictures[{ trend: 'drawTrend', profile: 'drawProfile', districts: 'drawDistricts' }[target.kind]](canvas, target.spec);
        } finally {
          pictures.free();
        }
      }
      const { key, notes } = charts.pictureKey(target.kind, target.spec);
      const extra = (target.words.key ?? []).map((row) => ({ ...row, no_data: false }));
      return composePng({ title: target.words.title, canvases: [canvas], box, legend: [...key, ...extra], notes: [...notes, ...(target.words.notes ?? []), ...target.words.caption] });
    }
    const box = ui.base.getBoundingClientRect();
    return composePng({
      title: handle.caption().title,
      canvases: [ui.base, ui.overlay, ...(this.impact?.mapCanvases(PICTURE_SCALE) ?? [])],
      box,
      legend: [...handle.legend(), ...(this.impact?.mapLegend() ?? [])],
      legendTitle: handle.caption().unit,
      notes: captionLines(handle.caption()),
    });
  }

  /** A chart (`chart` for the visible tab's, or one of CHARTS) as an SVG document. */
  async svg(kind = 'chart') {
    const target = this.chartTarget(kind);
    const charts = await this.loadCharts();
    const { width, height } = Exporter.size(target.canvas);
    return charts.pictureSvg(target.kind, target.spec, target.words, width, height);
  }

  /** What a download button does; the outcome is said in `status`. */
  async download(kind, status) {
    try {
      const title = this.handle.caption().title;
      // `<chart>-png` and `<chart>-svg`: a chart by name (`chart` is the visible tab's).
      const picture = /^(.+)-(png|svg)$/.exec(kind);
      if (kind === 'csv') {
        // Two files: the table, and beside it the description a CSVW reader looks for.
        const name = fileName(title, 'csv');
        const [csv, metadata] = [await this.csv(), await this.csvMetadata(name)];
        downloadText(name, csv, 'text/csv;charset=utf-8');
        downloadText(`${name}-metadata.json`, metadata, 'application/csvm+json');
        status.textContent = `Downloaded the CSV and its description (${name}-metadata.json).`;
        return;
      } else if (kind === 'map-png') downloadBlob(fileName(title, 'png'), await this.png('map'));
      else if (picture && picture[2] === 'png') downloadBlob(fileName(this.chartTarget(picture[1]).words.title, 'png'), await this.png(picture[1]));
      else if (picture) downloadText(fileName(this.chartTarget(picture[1]).words.title, 'svg'), await this.svg(picture[1]), 'image/svg+xml');
      else if (kind === 'link') {
        await navigator.clipboard.writeText(this.link());
        const left = this.impact?.linkValue()?.notesLeftOut;
        status.textContent = left ? `Link copied with the patch; its ${left} notes did not fit in a link (“Download notes (JSON)” on the Patch tab saves them).` : 'Link copied.';
        return;
      }
      status.textContent = 'Downloaded.';
    } catch (error) {
      status.textContent = `Not possible: ${error.message}.`;
    }
  }
}
