// The element's stylesheet, adopted by its shadow root (a constructable stylesheet, which a strict
// Content-Security-Policy without 'unsafe-inline' allows). Theme with the --atlas-* properties.
export const cssText = `
:host {
  display: block;
  box-sizing: border-box;
  min-width: 0;
  color: var(--atlas-text, #0b0c0c);
  background: var(--atlas-background, #ffffff);
  font-family: var(--atlas-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  font-size: 16px;
  line-height: 1.4;
  contain: content;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: inherit; }
.atlas { display: flex; flex-direction: column; gap: 0.5rem; padding: 0.75rem; container-type: inline-size; }
.map-area { position: relative; min-width: 0; }
.body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75rem; }
@container (min-width: 900px) {
  .body { grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); align-items: start; }
}
.panel { min-width: 0; display: flex; flex-direction: column; gap: 0.4rem; }
.panel-title { margin: 0; font-size: 1.05rem; }
.tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--atlas-border, #b1b4b6); }
.tabs button {
  font: inherit; font-size: 0.9rem; min-height: 32px; padding: 0.2rem 0.7rem; cursor: pointer;
  background: none; border: 1px solid transparent; border-bottom: none; border-radius: 4px 4px 0 0;
  color: var(--atlas-text, #0b0c0c);
}
.tabs button[aria-selected="true"] { border-color: var(--atlas-border, #b1b4b6); background: var(--atlas-background, #ffffff); font-weight: 650; margin-bottom: -1px; }
[role="tabpanel"][hidden] { display: none; }
.summary p { margin: 0.1rem 0; }
.benchmarks { list-style: none; margin: 0.2rem 0; padding: 0; }
.benchmarks .glyph { display: inline-block; width: 1.2em; text-align: center; font-weight: 700; }
.benchmark.worse .glyph { color: #d53e0f; }
.benchmark.better .glyph { color: #1d70b8; }
.benchmark.higher .glyph, .benchmark.lower .glyph { color: #6f3c97; }
canvas.profile, canvas.districts { width: 100%; display: block; }
.profile-key { font-size: 0.8rem; color: var(--atlas-muted, #505a5f); margin: 0.3rem 0; }
.data-table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-top: 0.4rem; }
.data-table caption { text-align: left; font-weight: 650; padding-bottom: 0.2rem; }
.data-table th, .data-table td { text-align: left; border-bottom: 1px solid #e0e0e0; padding: 0.2rem 0.3rem; }
.panel-sentence { margin: 0; }
.chart { margin: 0; display: flex; flex-direction: column; gap: 0.3rem; }
.chart[hidden] { display: none; }
canvas.trend { width: 100%; height: 240px; display: block; border: 1px solid var(--atlas-border, #b1b4b6); border-radius: 4px; }
.chart-legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; font-size: 0.8rem; }
.chart-legend li { display: flex; align-items: center; gap: 0.35rem; }
.line-sample { display: inline-block; width: 1.6rem; border-top-width: 2px; }
.line-sample.primary { border-top-width: 4px; }
.readout { font-size: 0.85rem; min-height: 1.2rem; }
.readout ul { list-style: none; margin: 0; padding: 0; }
.readout p { margin: 0; }
.readout-period { font-weight: 650; }
.readout-note { color: var(--atlas-muted, #505a5f); }
.options { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-start; }
.options-toggle { display: none; }
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; flex: 3 1 30rem; }
.controls[hidden] { display: none; }
.control { display: flex; flex-direction: column; gap: 0.15rem; min-width: 0; }
.control label, .search label { font-size: 0.8rem; font-weight: 600; color: var(--atlas-muted, #505a5f); }
.control-row { display: flex; gap: 0.35rem; }
select, input[type="search"], .options button, .options-toggle {
  font: inherit; font-size: 0.9rem;
  min-height: 32px;
  color: var(--atlas-text, #0b0c0c);
  background: var(--atlas-background, #ffffff);
  border: 1px solid var(--atlas-border, #505a5f);
  border-radius: 4px;
  padding: 0.2rem 0.4rem;
  max-width: 100%;
}
.options button, .options-toggle { cursor: pointer; font-weight: 600; }
.options button[aria-pressed="true"] { background: var(--atlas-accent, #1d70b8); color: #ffffff; border-color: var(--atlas-accent, #1d70b8); }
select:focus-visible, input:focus-visible, button:focus-visible {
  outline: 3px solid var(--atlas-focus, #ffbf47); outline-offset: 0;
}
#atlas-indicator { max-width: 22rem; }
.change-note { flex-basis: 100%; margin: 0; font-size: 0.8rem; color: var(--atlas-muted, #505a5f); }
.change-note:empty { display: none; }
.search { position: relative; display: flex; flex-direction: column; gap: 0.15rem; flex: 1 1 14rem; max-width: 24rem; }
.search input { width: 100%; }
.suggestions {
  position: absolute; top: 100%; left: 0; right: 0; z-index: 5;
  margin: 2px 0 0; padding: 0.2rem 0; list-style: none;
  background: var(--atlas-background, #ffffff);
  border: 1px solid var(--atlas-border, #505a5f); border-radius: 4px;
  box-shadow: 0 4px 10px rgba(0, 0, 0, 0.15);
  max-height: 18rem; overflow: auto;
}
.suggestions[hidden] { display: none; }
.suggestions li { display: flex; justify-content: space-between; gap: 0.75rem; padding: 0.35rem 0.6rem; cursor: pointer; min-height: 24px; }
.suggestions li[aria-selected="true"] { background: var(--atlas-accent, #1d70b8); color: #ffffff; }
.hit-layer { font-size: 0.8rem; opacity: 0.85; }
.search-message { margin: 0; font-size: 0.85rem; }
.search-message:empty { display: none; }
.legend-title { margin: 0 0 0.2rem; font-weight: 600; }
.tooltip .detail { display: block; font-size: 0.8rem; }
.title { font-size: 1.15rem; font-weight: 650; margin: 0; }
.map {
  position: relative;
  width: 100%;
  height: var(--atlas-map-height, 460px);
  min-height: 240px;
  border: 1px solid var(--atlas-border, #b1b4b6);
  border-radius: 4px;
  overflow: hidden;
  touch-action: none;
  background: var(--atlas-map-background, #ffffff);
}
.map canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
.map canvas.overlay { cursor: crosshair; }
.map canvas.overlay:focus-visible { outline: 3px solid var(--atlas-focus, #ffbf47); outline-offset: -3px; }
.tooltip {
  position: absolute;
  pointer-events: none;
  max-width: min(18rem, 80%);
  padding: 0.4rem 0.6rem;
  background: var(--atlas-tooltip-background, #0b0c0c);
  color: var(--atlas-tooltip-text, #ffffff);
  border-radius: 4px;
  font-size: 0.875rem;
  box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
}
.tooltip[hidden] { display: none; }
.tooltip .name { font-weight: 650; display: block; }
.tooltip .value { font-size: 1rem; display: block; }
.zoom { position: absolute; top: 0.5rem; right: 0.5rem; display: flex; flex-direction: column; gap: 0.25rem; }
.zoom button {
  min-width: 32px; min-height: 32px;
  font: inherit; font-size: 1.1rem; font-weight: 650; line-height: 1;
  color: var(--atlas-text, #0b0c0c);
  background: var(--atlas-background, #ffffff);
  border: 1px solid var(--atlas-border, #505a5f);
  border-radius: 4px;
  cursor: pointer;
}
.zoom button:focus-visible { outline: 3px solid var(--atlas-focus, #ffbf47); outline-offset: 0; }
.legend {
  position: absolute; left: 0.5rem; bottom: 0.5rem;
  background: color-mix(in srgb, var(--atlas-background, #ffffff) 92%, transparent);
  border: 1px solid var(--atlas-border, #b1b4b6);
  border-radius: 4px;
  padding: 0.35rem 0.5rem;
  font-size: 0.8rem;
  max-width: calc(100% - 4rem);
  /* The legend sits over the map's corner: let the pointer reach the areas beneath it. */
  pointer-events: none;
}
.legend[hidden] { display: none; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; align-items: center; gap: 0.4rem; }
.swatch { width: 1.1rem; height: 0.8rem; border: 1px solid #0b0c0c; flex: none; }
.swatch.nodata {
  background-color: #f2f2f2;
  background-image: repeating-linear-gradient(135deg, #767676 0 1.5px, transparent 1.5px 5px);
}
.status {
  position: absolute; inset: 0;
  display: flex; align-items: center; justify-content: center;
  padding: 1rem; text-align: center;
  background: var(--atlas-background, #ffffff);
}
.status[hidden] { display: none; }
.status.error { align-items: flex-start; justify-content: flex-start; text-align: left; overflow: auto; }
.status .message { max-width: 40rem; }
.status.error .message { border-left: 5px solid var(--atlas-error, #d4351c); padding-left: 0.75rem; }
.status .message strong { display: block; color: var(--atlas-error, #d4351c); }
.spinner {
  width: 1.5rem; height: 1.5rem; margin-right: 0.5rem;
  border: 3px solid var(--atlas-border, #b1b4b6); border-top-color: var(--atlas-accent, #1d70b8);
  border-radius: 50%; animation: spin 0.9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
.caption { font-size: 0.8rem; color: var(--atlas-muted, #505a5f); display: grid; gap: 0.15rem; }
.caption p { margin: 0; }
.caption .synthetic { color: var(--atlas-error, #d4351c); font-weight: 650; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
@container (max-width: 560px) {
  .options-toggle { display: inline-block; align-self: flex-start; }
  .options { display: none; flex-direction: column; }
  .options.open { display: flex; }
  .search { max-width: none; flex-basis: auto; width: 100%; }
  .controls { flex-basis: auto; flex-direction: column; align-items: stretch; }
  .control-row select { flex: 1 1 auto; min-width: 0; }
  #atlas-indicator { max-width: none; }
}
@container (max-width: 760px) {
  .legend { position: static; max-width: none; margin-top: 0.4rem; background: none; }
  .legend ul { display: flex; flex-wrap: wrap; gap: 0.15rem 0.75rem; }
}
@container (max-width: 400px) {
  .title { font-size: 1rem; }
  .map { height: var(--atlas-map-height-narrow, 340px); }
}
@media (max-width: 400px) {
  .atlas { padding: 0.4rem; }
}
`;

let sheet = null;

/** The shared constructable stylesheet (created once per page). */
export function atlasStyleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
  }
  return sheet;
}
