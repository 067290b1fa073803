// The chart module (plotters, its own wasm module) for the panel's trend, profile and district
// charts: loaded the first time a chart is to be shown, so it is not part of the first view.
import { loadCharts } from './core.js';

export class ChartLoader {
  /** The chart module's handle once loaded (the exports read it too). */
  chart = null;
  /** The last drawn spec and canvas of each kind (`trend`, `profile`, `districts`), for pictures. */
  drawn = {};
  #loading = false;

  /** @param {{ loaded(), warn(code, message) }} owner */
  constructor(owner) {
    this.owner = owner;
  }

  /**
   * Draws a chart (`trend`, `profile` or `districts`) of `spec`, loading the module on first use.
   * Returns whether there is a chart to show (it appears once the module has loaded).
   */
  draw(kind, canvas, spec, option) {
    if (!spec) return false;
    if (!this.chart) {
      this.#load();
      return true;
    }
    try {
      if (kind === 'trend') this.chart.drawTrend(canvas, spec, option);
      else if (kind === 'profile') this.chart.drawProfile(canvas, spec);
      else this.chart.drawDistricts(canvas, spec);
      this.drawn[kind] = { spec, canvas };
    } catch (error) {
      this.owner.warn(error.code || 'chart-failed', error.message);
      return false;
    }
    return true;
  }

  /** The period under a point of the last trend chart drawn, or null. */
  periodAt(x, y) {
    return this.chart ? this.chart.periodAt(x, y) ?? null : null;
  }

  #load() {
    if (this.#loading) return;
    this.#loading = true;
    loadCharts()
      .then((module) => {
        this.chart = new module.ChartHandle();
        this.owner.loaded();
      })
      .catch((error) => this.owner.warn('charts-load-failed', `The chart could not be loaded: ${error.message}`))
      .finally(() => {
        this.#loading = false;
      });
  }
}
