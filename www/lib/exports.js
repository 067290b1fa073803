// Downloads of exactly what is shown, for reports and funding bids: the layer as CSV (a plain
// table, header first, with its CSVW sidecar describing source, licence and period; both from
// the core), the map and the trend chart as PNG with title, legend,
// source, period, boundaries and attribution drawn in, the chart as SVG, and a link to this view.

const MARGIN = 16;
const LINE = 16;

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

/**
 * Composes a PNG: title, the given canvases stacked (drawn at their pixel size), legend rows and
 * caption lines. Returns a Promise of the Blob.
 */
export function composePng({ title, canvases, legend = [], legendTitle = '', caption, width }) {
  const scale = canvases[0] ? canvases[0].width / Math.max(1, canvases[0].getBoundingClientRect().width) : 1;
  const cssWidth = width;
  const probe = document.createElement('canvas').getContext('2d');
  probe.font = '600 18px system-ui, sans-serif';
  const titleLines = wrap(probe, title, cssWidth - 2 * MARGIN);
  probe.font = '12px system-ui, sans-serif';
  const notes = captionLines(caption).flatMap((l) => wrap(probe, l, cssWidth - 2 * MARGIN));
  const mapHeight = canvases[0] ? canvases[0].height / scale : 0;
  const legendHeight = legend.length ? 8 + legend.length * 18 + (legendTitle ? 18 : 0) : 0;
  const height = MARGIN + titleLines.length * 24 + 8 + mapHeight + legendHeight + 8 + notes.length * LINE + MARGIN;
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
  for (const source of canvases) ctx.drawImage(source, 0, y, source.width / scale, source.height / scale);
  y += mapHeight + 8;
  if (legend.length && legendTitle) {
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.fillText(legendTitle, MARGIN, y);
    y += 18;
  }
  ctx.font = '12px system-ui, sans-serif';
  for (const row of legend) {
    if (row.no_data) {
      ctx.fillStyle = '#f2f2f2';
      ctx.fillRect(MARGIN, y, 18, 12);
      ctx.strokeStyle = '#767676';
      for (let x = -12; x < 18; x += 5) {
        ctx.beginPath();
        ctx.moveTo(MARGIN + Math.max(0, x), y + 12 - Math.max(0, -x));
        ctx.lineTo(MARGIN + Math.min(18, x + 12), y + Math.max(0, x + 12 - 18));
        ctx.stroke();
      }
    } else {
      ctx.fillStyle = row.colour;
      ctx.fillRect(MARGIN, y, 18, 12);
    }
    ctx.strokeStyle = '#0b0c0c';
    ctx.strokeRect(MARGIN + 0.5, y + 0.5, 17, 11);
    ctx.fillStyle = '#0b0c0c';
    ctx.fillText(row.label, MARGIN + 26, y);
    y += 18;
  }
  y += 8;
  ctx.fillStyle = '#505a5f';
  for (const line of notes) {
    ctx.fillText(line, MARGIN, y);
    y += LINE;
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be made'))), 'image/png'));
}

export function downloadBlob(name, blob) {
  download(name, blob);
}

export function downloadText(name, text, type) {
  download(name, new Blob([text], { type }));
}

/**
 * One widget's exports (the element's toCsv, toPng, toSvg and its download buttons), given its
 * parts: `{ handle, chart, panel, ui, impact, loadCharts, link() }`.
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

  png(kind) {
    const { handle, ui, panel } = this;
    if (!handle) throw new Error('the atlas has not loaded');
    const caption = handle.caption();
    if (kind === 'chart') {
      const canvas = panel.canvas;
      if (!this.chart || panel.chart.hidden) throw new Error('select an area to show its chart first');
      const info = handle.selectedInfo();
      const legend = [...handle.trendLegend(), ...(this.impact?.trendLegend() ?? [])].map((l) => ({ colour: l.colour, label: l.label, no_data: false }));
      return composePng({ title: `${caption.title}: ${info ? info.name : ''}`, canvases: [canvas], legend, caption, width: canvas.getBoundingClientRect().width });
    }
    return composePng({
      title: caption.title,
      canvases: [ui.base, ui.overlay, ...(this.impact?.mapCanvases() ?? [])],
      legend: [...handle.legend(), ...(this.impact?.mapLegend() ?? [])],
      legendTitle: caption.unit,
      caption,
      width: ui.base.getBoundingClientRect().width,
    });
  }

  svg() {
    const own = this.handle ? this.handle.trendSpec() : null;
    if (!own || !this.chart) throw new Error('select an area to show its chart first');
    const spec = this.impact?.decorateTrend(own) ?? own;
    const caption = this.handle.caption();
    const info = this.handle.selectedInfo();
    return this.chart.trendSvg(spec, `${caption.title}: ${info ? info.name : ''}`, captionLines(caption), 720);
  }

  /** What a download button does; the outcome is said in `status`. */
  async download(kind, status) {
    try {
      const title = this.handle.caption().title;
      if (kind === 'csv') {
        // Two files: the table, and beside it the description a CSVW reader looks for.
        const name = fileName(title, 'csv');
        const [csv, metadata] = [await this.csv(), await this.csvMetadata(name)];
        downloadText(name, csv, 'text/csv;charset=utf-8');
        downloadText(`${name}-metadata.json`, metadata, 'application/csvm+json');
        status.textContent = `Downloaded the CSV and its description (${name}-metadata.json).`;
        return;
      } else if (kind === 'map-png') downloadBlob(fileName(title, 'png'), await this.png('map'));
      else if (kind === 'chart-png') downloadBlob(fileName(`${title} chart`, 'png'), await this.png('chart'));
      else if (kind === 'chart-svg') downloadText(fileName(`${title} chart`, 'svg'), await this.svg(), 'image/svg+xml');
      else if (kind === 'link') {
        await navigator.clipboard.writeText(this.link());
        status.textContent = 'Link copied.';
        return;
      }
      status.textContent = 'Downloaded.';
    } catch (error) {
      status.textContent = `Not possible: ${error.message}.`;
    }
  }
}
