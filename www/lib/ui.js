// Builds and updates the element's DOM. Everything from data goes in through textContent.
import { h, setChildren } from './dom.js';
import { infoTip } from './toggletip.js';

/** Creates the element's static structure and returns references to its parts. */
export function buildUi(controls, search, panel) {
  const title = h('h2', { class: 'title', part: 'title' });
  const optionsToggle = h('button', { type: 'button', class: 'options-toggle', 'aria-expanded': 'false', 'aria-controls': 'atlas-options' }, ['Map options']);
  const options = h('div', { class: 'options', id: 'atlas-options' }, [search.root, controls.root]);
  optionsToggle.addEventListener('click', () => {
    const open = optionsToggle.getAttribute('aria-expanded') !== 'true';
    optionsToggle.setAttribute('aria-expanded', String(open));
    options.classList.toggle('open', open);
  });
  const base = h('canvas', { class: 'base', 'aria-hidden': 'true' });
  // The keys the map takes, on screen while it has focus (dismissible) and as its description.
  const keysText = h('p', { id: 'atlas-keyboard-help' }, ['Keyboard: arrows move between areas, Enter selects, Escape closes, + − 0 zoom, Shift+arrows pan. The table has the same figures.']);
  const keysHide = h('button', { type: 'button' }, ['Hide']);
  const keys = h('div', { class: 'keyboard-help', hidden: true }, [keysText, keysHide]);
  // An application, not an image: screen readers then pass the arrow keys through to the map.
  const overlay = h('canvas', {
    class: 'overlay',
    tabindex: '0',
    role: 'application',
    'aria-roledescription': 'map',
    'aria-label': 'Map of the areas',
    'aria-describedby': 'atlas-keyboard-help',
  });
  const tooltip = h('div', { class: 'tooltip', hidden: true, 'aria-hidden': 'true' });
  const button = (label, text, attrs = {}) => h('button', { type: 'button', 'aria-label': label, title: label, ...attrs }, [text]);
  const zoomIn = button('Zoom in', '+');
  const zoomOut = button('Zoom out', '−');
  const zoomReset = button('Reset zoom', '⟲');
  // Moving without dragging (2.5.7): the arrow buttons pan as Shift+arrow keys do.
  const pan = (direction, text) => button(`Pan ${direction}`, text, { 'data-pan': direction });
  const pans = { left: pan('left', '←'), up: pan('up', '↑'), right: pan('right', '→'), down: pan('down', '↓') };
  const legend = h('div', { class: 'legend', part: 'legend', hidden: true });
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const hint = h('div', { class: 'hint', hidden: true, 'aria-hidden': 'true' }, ['Use two fingers to move the map']);
  const wheelHint = h('div', { class: 'hint wheel-hint', hidden: true, 'aria-hidden': 'true' }, ['Use Ctrl + scroll to zoom the map, or click it first']);
  const zoomBox = h('div', { class: 'zoom' }, [zoomIn, zoomOut, zoomReset, h('div', { class: 'pan', role: 'group', 'aria-label': 'Pan the map' }, [pans.up, pans.left, pans.right, pans.down])]);
  // The two canvases move together during a gesture: one element's transform, one layer.
  const pane = h('div', { class: 'pane' }, [base, overlay]);
  const map = h('div', { class: 'map', part: 'map' }, [
    pane,
    tooltip,
    zoomBox,
    // After the buttons in the Tab order: from the map, Tab reaches zoom and pan first.
    keys,
    hint,
    wheelHint,
    status,
  ]);
  // The legend sits below the map, so it hides no area (the map fits clear of the buttons too).
  const mapArea = h('div', { class: 'map-area' }, [map, legend]);
  const caption = h('div', { class: 'caption' });
  const exportButton = (label, kind) => h('button', { type: 'button', 'data-export': kind }, [label]);
  const exportBar = h('div', { class: 'exports', role: 'group', 'aria-label': 'Download or share' }, [
    exportButton('Download CSV', 'csv'),
    exportButton('Map as PNG', 'map-png'),
    exportButton('Chart as PNG', 'chart-png'),
    exportButton('Chart as SVG', 'chart-svg'),
    exportButton('Copy link', 'link'),
    exportButton('Print', 'print'),
    exportButton('Add data', 'add'),
  ]);
  const exportStatus = h('p', { class: 'export-status', role: 'status', 'aria-live': 'polite' });
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const footer = h('footer', { class: 'footer', part: 'caption' }, [caption, exportBar, exportStatus, live]);
  // A toggle keeps one name; its state is aria-pressed (4.1.2).
  const tableToggle = h('button', { type: 'button', class: 'table-toggle', 'aria-pressed': 'false' }, ['Data table']);
  // The data table's code loads on first use; this placeholder marks where it goes.
  const tableSlot = h('section', { class: 'table-view', hidden: true });
  const body = h('div', { class: 'body' }, [mapArea, tableSlot, panel.root]);
  const toolbar = h('div', { class: 'toolbar' }, [optionsToggle, tableToggle]);
  const root = h('div', { class: 'atlas', part: 'root' }, [title, toolbar, options, body, footer]);
  return { root, title, options, optionsToggle, tableToggle, tableSlot, map, hint, wheelHint, keys, keysHide, exportBar, exportStatus, live, pane, base, overlay, tooltip, zoomBox, zoomIn, zoomOut, zoomReset, pans, legend, status, caption };
}

export function showLoading(ui) {
  ui.status.hidden = false;
  ui.status.className = 'status';
  ui.map.setAttribute('aria-busy', 'true');
  setChildren(ui.status, [h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { class: 'message' }, ['Loading the map…'])]);
}

export function hideStatus(ui) {
  ui.status.hidden = true;
  ui.map.removeAttribute('aria-busy');
  setChildren(ui.status, []);
}

/** Shows an error inside the element's box (and keeps it until the next load). */
export function showError(ui, message, issues, ownPage) {
  ui.status.hidden = false;
  ui.status.className = 'status error';
  ui.status.setAttribute('role', 'alert');
  ui.map.removeAttribute('aria-busy');
  ui.legend.hidden = true;
  const details = [];
  if (Array.isArray(issues) && issues.length > 1) {
    details.push(h('ul', {}, issues.slice(0, 20).map((issue) => h('li', {}, [String(issue)]))));
    if (issues.length > 20) details.push(h('p', {}, [`…and ${issues.length - 20} more.`]));
  }
  // A way on when the page cannot run it (files on another site without CORS, a blocked file).
  if (ownPage) details.push(h('p', {}, [h('a', { href: String(ownPage), target: '_blank', rel: 'noopener' }, ['Open the atlas on its own page'])]));
  setChildren(ui.status, [h('div', { class: 'message' }, [h('strong', {}, ['The atlas cannot be shown']), String(message), ...details])]);
}

export function renderCaption(ui, caption, dataFrom) {
  ui.title.textContent = caption.title;
  const lines = [];
  if (dataFrom) lines.push(h('p', {}, [`Data from ${dataFrom}.`]));
  if (caption.synthetic) lines.push(h('p', { class: 'synthetic' }, ['Synthetic test data — not real figures.']));
  if (caption.definition) lines.push(h('p', {}, [caption.definition]));
  // The Indices of Deprivation are named by their abbreviation (IoD2025): say what it is.
  if (caption.source) lines.push(h('p', {}, [`Source: ${caption.source}. `, ...(/IoD/.test(caption.source) ? infoTip('IoD') : [])]));
  if (caption.period) lines.push(h('p', {}, [`Reference period: ${caption.period}.`]));
  if (caption.geography) lines.push(h('p', {}, [`Boundaries: ${caption.geography}.`]));
  if (caption.unit) lines.push(h('p', {}, [`Unit: ${caption.unit}.`]));
  for (const line of caption.attribution) lines.push(h('p', { class: 'attribution' }, [line]));
  if (caption.vintage) lines.push(h('p', { class: 'vintage' }, [`Data: ${caption.vintage}.`]));
  setChildren(ui.caption, lines);
}

export function renderLegend(ui, rows, unit = '') {
  if (!rows.length) {
    ui.legend.hidden = true;
    setChildren(ui.legend, []);
    return;
  }
  ui.legend.hidden = false;
  const items = rows.map((row) => {
    const swatch = h('span', { class: row.no_data ? 'swatch nodata' : 'swatch', 'aria-hidden': 'true' });
    if (!row.no_data) swatch.style.backgroundColor = row.colour;
    return h('li', {}, [swatch, h('span', {}, [row.label])]);
  });
  setChildren(ui.legend, [unit ? h('p', { class: 'legend-title' }, [unit]) : null, h('ul', { 'aria-label': unit ? `Legend: ${unit}` : 'Legend' }, items)]);
}

/** What each info box shows now (the key `renderTooltip` drew it for). */
const shownTips = new WeakMap();

/**
 * Shows the info box for an area near (x, y), or hides it when `info` is null; `pinned` for the
 * keyboard-focused area, where it stays (and may be hovered) instead of following the pointer.
 */
export function renderTooltip(ui, info, x = 0, y = 0, pinned = false) {
  if (!info) {
    ui.tooltip.hidden = true;
    shownTips.delete(ui.tooltip);
    return;
  }
  // A pointer moving within one area asks for the same box at the same place on every move:
  // rebuilding it, and measuring it (a forced layout), would be most of the hover's work.
  const key = JSON.stringify([info, x, y, pinned]);
  if (!ui.tooltip.hidden && shownTips.get(ui.tooltip) === key) return;
  shownTips.set(ui.tooltip, key);
  ui.tooltip.classList.toggle('pinned', pinned);
  const parts = [h('span', { class: 'name' }, [info.name])];
  if (info.district && info.district !== info.name) parts.push(h('span', { class: 'district' }, [info.district]));
  if (info.value_text) {
    parts.push(h('span', { class: 'value' }, [info.period ? `${info.value_text} (${info.period})` : info.value_text]));
  }
  for (const line of [info.class_label && `Class: ${info.class_label}`, info.rank_text, info.comparison_text]) {
    if (line) parts.push(h('span', { class: 'detail' }, [line]));
  }
  setChildren(ui.tooltip, parts);
  ui.tooltip.hidden = false;
  const box = ui.map.getBoundingClientRect();
  const tip = ui.tooltip.getBoundingClientRect();
  const left = Math.min(Math.max(4, x + 14), Math.max(4, box.width - tip.width - 4));
  const top = y + 14 + tip.height > box.height ? Math.max(4, y - tip.height - 10) : y + 14;
  ui.tooltip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  ui.tooltip.style.left = '0';
  ui.tooltip.style.top = '0';
}
