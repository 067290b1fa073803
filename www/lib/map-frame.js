// The map's two canvases and their animation frame: their size in CSS and device pixels, which
// of them needs painting, and the one requestAnimationFrame that paints both. The base holds the
// fills and borders; the overlay the hover, focus and selection outlines, so that moving the
// pointer repaints only the overlay.

import { innerRect } from './dom.js';

export class MapFrame {
  #frame = 0;
  #dirty = { base: false, overlay: false };
  /** The gesture's CSS transform on the canvases' pane ends in the frame that repaints them. */
  #unshift = false;
  /** The insets last told to the core, as text (see `insets`). */
  #insets = '';
  size = { width: 0, height: 0, dpr: 1 };

  /**
   * @param ui the widget's parts (map box, base and overlay canvases)
   * @param {{ handle(), call(fn), change(fn), painted(base) }} owner
   */
  constructor(ui, owner) {
    this.ui = ui;
    this.owner = owner;
  }

  /** Marks canvases as needing paint and asks for a frame. */
  schedule(base, overlay) {
    this.#dirty.base ||= base;
    this.#dirty.overlay ||= overlay;
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#paint());
  }

  /** Repaints both and takes off the gesture's transform in the same frame. */
  settle() {
    this.#unshift = true;
    this.schedule(true, true);
  }

  stop() {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Sizes the canvases to the map box; tells the core and repaints when it changed. */
  measure(repaint = true) {
    // Inside the border, where the canvases are: measured with the border, the backing store was
    // two pixels wider and taller than the canvas shown, and the browser shrank (blurred) it.
    const rect = innerRect(this.ui.map);
    const dpr = Math.max(1, Math.min(window.devicePixelRatio || 1, 3));
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    if (width === this.size.width && height === this.size.height && dpr === this.size.dpr) {
      // The box kept its size, but the buttons may have moved (a container query).
      if (repaint) this.insets();
      return;
    }
    this.size = { width, height, dpr };
    for (const canvas of [this.ui.base, this.ui.overlay]) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const handle = this.owner.handle();
    if (handle && repaint) {
      this.owner.change(() => handle.resize(width, height));
      this.insets();
      // Resizing a canvas clears it, even when the view did not move.
      this.schedule(true, true);
    }
  }

  /** The box's size as last measured, or a nominal one before the first measure. */
  lastSize() {
    const { width, height } = this.size;
    return width && height ? { width, height } : { width: 600, height: 450 };
  }

  /** After a new handle: sizes the canvases and the handle to the box, with the buttons' strip. */
  fit() {
    this.size = { width: 0, height: 0, dpr: 0 };
    this.#insets = '';
    this.measure(true);
  }

  /**
   * Tells the core which strip of the map the zoom and pan buttons cover — a column down the
   * right, or on narrow screens a row along the bottom — so the whole region fits clear of them
   * and no place name hides under them. `fresh` after a new handle, which knows none yet.
   */
  insets(fresh = false) {
    const handle = this.owner.handle();
    const map = this.ui.map.getBoundingClientRect();
    const zoom = this.ui.zoomBox.getBoundingClientRect();
    if (!handle || !zoom.width || !zoom.height) return;
    const gap = 4;
    const insets = zoom.height > zoom.width ? [0, map.right - zoom.left + gap, 0, 0] : [0, 0, map.bottom - zoom.top + gap, 0];
    const text = insets.map((v) => Math.max(0, Math.round(v))).join(' ');
    if (text === this.#insets && !fresh) return;
    this.#insets = text;
    this.owner.change(() => handle.setInsets(...text.split(' ').map(Number)));
  }

  #paint() {
    this.#frame = 0;
    const { dpr } = this.size;
    const dirty = this.#dirty;
    this.#dirty = { base: false, overlay: false };
    for (const [layer, paint] of [
      ['base', 'paintBase'],
      ['overlay', 'paintOverlay'],
    ]) {
      const handle = this.owner.handle();
      if (!dirty[layer] || !handle) continue;
      const ctx = this.ui[layer].getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.owner.call(() => handle[paint](ctx));
    }
    if (this.#unshift) {
      this.#unshift = false;
      this.ui.pane.style.transform = '';
    }
    if (this.owner.handle()) this.owner.painted(dirty.base);
  }
}
