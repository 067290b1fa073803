// The note pins on the map: a numbered button on each note's area (on the shown layer: a note
// about an LSOA sits on its ward when the map shows wards), moved after every repaint of the map,
// opening the note in the Patch tab; and the same pins drawn into the map picture.
import { h, setChildren } from './dom.js';

/** A pin's size in CSS px: at least the 24 px target size of WCAG 2.5.8 (impact-tools.css). */
const PIN = 24;

export class NotePins {
  /** Where the pins are (CSS px of the map box): `{ x, y, label }`. */
  spots = [];
  /** Pins are kept from paint to paint (only moved), so one that has the keyboard focus keeps it. */
  pinFor = new Map();

  /** @param tools the impact tools (their notes, analysis handle and host) */
  constructor(tools) {
    this.tools = tools;
    this.root = h('div', { class: 'pins' });
    tools.host.ui.map.insertBefore(this.root, tools.host.ui.tooltip);
  }

  /** Puts a pin on each note's area that is in view (after the map's base was painted). */
  place() {
    const { tools } = this;
    const handle = tools.host.handle();
    if (!handle || !tools.analysis) return;
    const layer = handle.state().geography;
    const { width, height } = tools.host.ui.map.getBoundingClientRect();
    const shown = new Map();
    // Pins on the same spot are spread along a row, so each can be seen and pressed.
    const stacked = new Map();
    this.spots = [];
    tools.notes.forEach((note, i) => {
      if (!note.area) return;
      const code = tools.analysis.areaOnLayer(note.area, layer);
      const point = code ? handle.screenPointOf(code) : null;
      if (!point || point[0] < 0 || point[1] < 0 || point[0] > width || point[1] > height) return;
      const label = tools.noteLabel(note, i);
      let pin = this.pinFor.get(note);
      if (!pin || pin.getAttribute('aria-label') !== label) {
        pin = h('button', { type: 'button', class: 'pin', 'aria-label': label, title: label }, [String(i + 1)]);
        pin.addEventListener('click', () => {
          tools.host.panel.select('patch');
          // The tab draws its notes after a microtask (it awaits the analysis module): focus the
          // note in the next frame, once the list is there.
          requestAnimationFrame(() => tools.patchView.notes.focus(tools.notes.indexOf(note)));
        });
      }
      const spot = `${Math.round(point[0])},${Math.round(point[1])}`;
      const before = stacked.get(spot) ?? 0;
      stacked.set(spot, before + 1);
      const x = point[0] + before * (PIN + 2);
      pin.style.transform = `translate(${Math.round(x - PIN / 2)}px, ${Math.round(point[1] - PIN / 2)}px)`;
      shown.set(note, pin);
      this.spots.push({ x, y: point[1], label: String(i + 1) });
    });
    this.pinFor = shown;
    const pins = [...shown.values()];
    if (pins.length !== this.root.children.length || pins.some((pin, i) => this.root.children[i] !== pin)) setChildren(this.root, pins);
  }

  /** The pins drawn on a canvas of the map's CSS size times `scale`, for the map picture. */
  canvases(scale = 2) {
    const spots = this.spots;
    if (!spots.length) return [];
    const box = this.tools.host.ui.base.getBoundingClientRect();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const ctx = canvas.getContext('2d');
    ctx.scale(scale, scale);
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const colour = this.tools.analysis.patchColour();
    for (const { x, y, label } of spots) {
      ctx.fillStyle = colour;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, PIN / 2 - 1, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label, x, y);
    }
    return [canvas];
  }
}
