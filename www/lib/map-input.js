// Pointer, wheel, touch and keyboard input on the map. Mouse: hover, click to select, drag to
// pan, double-click to zoom; the wheel zooms with Ctrl/⌘ or once the map has focus, and otherwise
// scrolls the page, with a hint (a map that fills the screen must not trap the scroll). Touch: a
// tap selects; one finger scrolls the page and a hint says to use two fingers, which pan and
// pinch-zoom the map. Keyboard: arrow keys move between areas (across water where no neighbour
// shares a border), the info box shows the focused area and a short line is announced; Enter
// selects; Escape closes the info box, a second Escape clears; + / − / 0 zoom and reset,
// Shift+arrows pan, as do the pan buttons. All changes go through the core.
import { renderTooltip } from './ui.js';
import { innerRect } from './dom.js';

/** Movement (CSS px) below which a press-and-release counts as a click, not a drag. */
const CLICK_SLOP = 4;
/** Wheel delta (px) that doubles or halves the zoom. */
const WHEEL_PIXELS_PER_DOUBLING = 350;
/** Arrow-key pan step in CSS pixels. */
const PAN_STEP = 60;
/** Distance (CSS px) from the info box within which a pointer moving towards it leaves it be. */
const BOX_REACH = 48;
/** How long (ms) a pointer heading for the info box may pause before the map follows it again. */
const BOX_GRACE_MS = 250;
/** How long the two-finger hint stays up. */
const HINT_MS = 1500;

export class MapInput {
  /**
   * @param {object} ui the element's parts (overlay canvas, zoom buttons, tooltip, hint)
   * @param {object} host `{ handle(), call(fn), change(fn), settle(), select(info, shift),
   *   announce(info), say(text), hovered(), explain(info), size() }`: `change` runs a core call and applies what
   *   it changed; `call` only runs it (a gesture's changes are applied once it settles)
   */
  constructor(ui, host) {
    this.ui = ui;
    this.host = host;
    this.pointers = new Map();
    this.drag = null;
    this.hintTimer = 0;
    // During a drag, pinch or wheel the last picture is moved with a CSS transform and the map is
    // redrawn once the gesture pauses: one repaint instead of one per frame.
    this.shift = { s: 1, x: 0, y: 0 };
    this.settle = 0;
    const { overlay } = ui;
    overlay.addEventListener('pointermove', (event) => this.onPointerMove(event));
    overlay.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    overlay.addEventListener('pointerup', (event) => {
      this.pointers.delete(event.pointerId);
      this.onPointerUp(event);
    });
    overlay.addEventListener('pointercancel', (event) => {
      this.pointers.delete(event.pointerId);
      this.drag = null;
    });
    // The info box stays where it opened while the pointer is in the same area, so the pointer
    // can move onto it (1.4.13); leaving the map — not onto the box — closes it.
    const leave = (event) => {
      if (this.drag || ui.tooltip.contains(event.relatedTarget) || event.relatedTarget === overlay) return;
      clearTimeout(this.boxTimer);
      renderTooltip(ui, null);
      const handle = host.handle();
      if (handle && host.change(() => handle.clearHover())) host.hovered();
    };
    overlay.addEventListener('pointerleave', leave);
    ui.tooltip.addEventListener('pointerleave', leave);
    // On the box, the pointer has arrived: the map does not follow where it crossed.
    ui.tooltip.addEventListener('pointerenter', () => clearTimeout(this.boxTimer));
    overlay.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    overlay.addEventListener('dblclick', (event) => {
      const [x, y] = this.point(event);
      this.zoom(event.shiftKey ? 0.5 : 2, x, y);
    });
    // Two fingers move the map; one finger scrolls the page and gets a hint.
    overlay.addEventListener(
      'touchmove',
      (event) => {
        if (event.touches.length >= 2) event.preventDefault();
        else this.showHint();
      },
      { passive: false },
    );
    overlay.addEventListener('keydown', (event) => this.onKey(event));
    ui.zoomIn.addEventListener('click', () => this.zoom(2));
    ui.zoomOut.addEventListener('click', () => this.zoom(0.5));
    ui.zoomReset.addEventListener('click', () => this.reset());
    const steps = { left: [PAN_STEP, 0], up: [0, PAN_STEP], right: [-PAN_STEP, 0], down: [0, -PAN_STEP] };
    for (const [direction, button] of Object.entries(ui.pans)) button.addEventListener('click', () => this.pan(...steps[direction]));
    // The keyboard help shows once the map has focus and stays while focus is in the map box (so
    // its own Hide button can be reached), until it is hidden for this page.
    this.helpHidden = false;
    overlay.addEventListener('focus', () => {
      ui.keys.hidden = this.helpHidden;
    });
    ui.map.addEventListener('focusout', (event) => {
      if (!ui.map.contains(event.relatedTarget)) ui.keys.hidden = true;
    });
    ui.keysHide.addEventListener('click', () => {
      this.helpHidden = true;
      ui.keys.hidden = true;
      overlay.focus();
    });
    // Escape anywhere closes the info box first (1.4.13); on the map a second Escape clears.
    this.onEscape = (event) => {
      if (event.key === 'Escape' && !ui.tooltip.hidden && event.composedPath()[0] !== overlay) renderTooltip(ui, null);
    };
  }

  /** Listens for Escape on the whole page while the element is connected. */
  connect() {
    document.addEventListener('keydown', this.onEscape);
  }

  disconnect() {
    document.removeEventListener('keydown', this.onEscape);
  }

  /** Whether the map itself has the focus (clicking it focuses it too). */
  focused() {
    return this.ui.overlay.getRootNode().activeElement === this.ui.overlay;
  }

  /** The event's position in the map's CSS pixels. Measured from the map box inside its border,
   *  not from the canvas: during a gesture the canvases' pane carries a CSS transform that moves
   *  their box with the picture, which halved every drag. */
  point(event) {
    const rect = innerRect(this.ui.map);
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  /** Shows a hint over the map for a moment: the touch one, or `wheelHint`. */
  showHint(hint = this.ui.hint) {
    hint.hidden = false;
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => {
      hint.hidden = true;
    }, HINT_MS);
  }

  onPointerDown(event) {
    if (!this.host.handle() || event.button !== 0) return;
    const [x, y] = this.point(event);
    this.pointers.set(event.pointerId, [x, y]);
    // Touch pointers are not captured, so the page can scroll under one finger.
    if (event.pointerType !== 'touch') this.ui.overlay.setPointerCapture(event.pointerId);
    // A second finger turns the gesture into a pinch; no click follows it.
    this.drag = this.pointers.size === 1 ? { x, y, startX: x, startY: y, moved: false, id: event.pointerId, touch: event.pointerType === 'touch' } : null;
  }

  onPointerMove(event) {
    const handle = this.host.handle();
    if (!handle) return;
    const [x, y] = this.point(event);
    if (this.pointers.has(event.pointerId) && this.pointers.size === 2) {
      this.pinch(event.pointerId, x, y);
      return;
    }
    if (this.drag && this.drag.id === event.pointerId) {
      const dx = x - this.drag.x;
      const dy = y - this.drag.y;
      if (!this.drag.moved && Math.hypot(x - this.drag.startX, y - this.drag.startY) < CLICK_SLOP) return;
      this.drag.moved = true;
      // One finger scrolls the page, not the map.
      if (this.drag.touch) return;
      this.drag.x = x;
      this.drag.y = y;
      renderTooltip(this.ui, null);
      this.host.call(() => handle.pan(dx, dy));
      this.follow(dx, dy);
      return;
    }
    if (event.pointerType === 'touch') return;
    // Heading for the info box, it stays as it is so the pointer can reach it (1.4.13); a pointer
    // that stops short of it gets the area under it after a moment, as if it had not been heading.
    const toBox = this.towardsBox(x, y);
    this.lastPointer = [x, y];
    clearTimeout(this.boxTimer);
    if (toBox) this.boxTimer = setTimeout(() => this.hoverAt(x, y), BOX_GRACE_MS);
    else this.hoverAt(x, y);
  }

  /** Hovers the area at (x, y) and shows its info box (where it opened, for the same area). */
  hoverAt(x, y) {
    const handle = this.host.handle();
    if (!handle) return;
    if (this.host.change(() => handle.hover(x, y)) || this.ui.tooltip.hidden || !this.tipAt) {
      this.host.hovered();
      this.tipAt = [x, y];
    }
    renderTooltip(this.ui, this.host.explain(handle.hoverInfo()), ...this.tipAt, true);
  }

  /** Whether the pointer, at (x, y) in the map box, is closing in on the open info box. */
  towardsBox(x, y) {
    if (this.ui.tooltip.hidden || !this.lastPointer) return false;
    const map = this.ui.map.getBoundingClientRect();
    const box = this.ui.tooltip.getBoundingClientRect();
    const gap = (px, py) => Math.hypot(Math.max(box.left - map.left - px, 0, px - (box.right - map.left)), Math.max(box.top - map.top - py, 0, py - (box.bottom - map.top)));
    const now = gap(x, y);
    return now < BOX_REACH && now < gap(...this.lastPointer);
  }

  /** Follows a pan (dx, dy) and zoom (factor about x, y) with a CSS transform until the gesture pauses. */
  follow(dx, dy, factor = 1, x = 0, y = 0) {
    const t = this.shift;
    t.x = factor * t.x + (1 - factor) * x + dx;
    t.y = factor * t.y + (1 - factor) * y + dy;
    t.s *= factor;
    const matrix = `matrix(${t.s},0,0,${t.s},${t.x},${t.y})`;
    this.ui.pane.style.transform = matrix;
    clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.shift = { s: 1, x: 0, y: 0 };
      this.host.settle();
    }, 120);
  }

  /** Zooms about (x, y) as part of a gesture; returns the factor the core really applied. */
  gestureZoom(factor, x, y) {
    const handle = this.host.handle();
    const before = handle.zoom();
    this.host.call(() => handle.zoomAt(factor, x, y));
    return handle.zoom() / before;
  }

  /** Two-finger pinch: zoom by the change in finger distance about their midpoint, pan with it. */
  pinch(id, x, y) {
    const handle = this.host.handle();
    const [a, b] = [...this.pointers.values()];
    const before = { mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], dist: Math.hypot(a[0] - b[0], a[1] - b[1]) };
    this.pointers.set(id, [x, y]);
    const [c, d] = [...this.pointers.values()];
    const mid = [(c[0] + d[0]) / 2, (c[1] + d[1]) / 2];
    const dist = Math.hypot(c[0] - d[0], c[1] - d[1]);
    const factor = before.dist > 0 && dist > 0 ? this.gestureZoom(dist / before.dist, mid[0], mid[1]) : 1;
    this.host.call(() => handle.pan(mid[0] - before.mid[0], mid[1] - before.mid[1]));
    renderTooltip(this.ui, null);
    this.follow(mid[0] - before.mid[0], mid[1] - before.mid[1], factor, mid[0], mid[1]);
  }

  onPointerUp(event) {
    const drag = this.drag;
    this.drag = null;
    const handle = this.host.handle();
    if (!handle || !drag || drag.moved) return;
    const [x, y] = this.point(event);
    const info = this.host.change(() => handle.selectAt(x, y));
    if (info !== undefined) this.host.select(info, event.shiftKey);
  }

  onWheel(event) {
    if (!this.host.handle()) return;
    if (!(event.ctrlKey || event.metaKey || this.focused())) {
      this.showHint(this.ui.wheelHint);
      return;
    }
    event.preventDefault();
    const pixels = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaMode === 2 ? event.deltaY * 400 : event.deltaY;
    const [x, y] = this.point(event);
    this.follow(0, 0, this.gestureZoom(2 ** (-pixels / WHEEL_PIXELS_PER_DOUBLING), x, y), x, y);
  }

  zoom(factor, x, y) {
    const handle = this.host.handle();
    if (!handle) return;
    const size = this.host.size();
    this.host.change(() => handle.zoomAt(factor, x ?? size.width / 2, y ?? size.height / 2));
  }

  reset() {
    const handle = this.host.handle();
    if (!handle) return;
    this.host.change(() => handle.resetView());
  }

  pan(dx, dy) {
    const handle = this.host.handle();
    this.host.change(() => handle.pan(dx, dy));
  }

  /**
   * Moves the keyboard focus one area in direction (dx, dy) and keeps it in view: the info box
   * shows the area, and a short line (or "No area further west") is announced.
   */
  focus(dx, dy) {
    const handle = this.host.handle();
    const step = this.host.change(() => handle.focusStep(dx, dy));
    if (!step) return;
    this.showFocused(step.area);
    this.host.say(step.announcement ?? '');
  }

  /** The info box, fixed beside the focused area (so it can be read and hovered). */
  showFocused(info) {
    const at = info ? this.host.handle().screenPointOf(info.code) : null;
    renderTooltip(this.ui, this.host.explain(info), at?.[0] ?? 0, at?.[1] ?? 0, true);
  }

  /** Enter or Space: selects the focused area (its full sentence is announced). */
  selectFocused() {
    const handle = this.host.handle();
    const info = this.host.change(() => handle.selectFocused());
    if (info) this.host.announce(info);
  }

  /** Escape: clears the focus (and the selection). */
  clearFocus() {
    const handle = this.host.handle();
    if (this.host.change(() => handle.clearFocus())) this.host.announce(null);
  }

  onKey(event) {
    if (!this.host.handle()) return;
    const actions = {
      '+': () => this.zoom(2),
      '=': () => this.zoom(2),
      '-': () => this.zoom(0.5),
      0: () => this.reset(),
      ArrowLeft: () => (event.shiftKey ? this.pan(PAN_STEP, 0) : this.focus(-1, 0)),
      ArrowRight: () => (event.shiftKey ? this.pan(-PAN_STEP, 0) : this.focus(1, 0)),
      ArrowUp: () => (event.shiftKey ? this.pan(0, PAN_STEP) : this.focus(0, -1)),
      ArrowDown: () => (event.shiftKey ? this.pan(0, -PAN_STEP) : this.focus(0, 1)),
      Enter: () => this.selectFocused(),
      ' ': () => this.selectFocused(),
      Escape: () => {
        if (this.ui.tooltip.hidden) this.clearFocus();
        else renderTooltip(this.ui, null);
      },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }
}
