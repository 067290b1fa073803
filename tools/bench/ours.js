// Bench page for our widget: the default embed (one module, one element). `?src=` gives a bundle
// (the synthetic scales); without it the embedded LCR bundle is drawn.
import '/dist/work-health-atlas.js';

const B = window.__bench;
const params = new URLSearchParams(window.location.search);
const el = document.createElement('work-health-atlas');
if (params.get('src')) el.setAttribute('src', params.get('src'));
el.addEventListener('atlas-ready', () => {
  B.marks.firstPaint = performance.now();
}, { once: true });
el.addEventListener('atlas-error', (event) => {
  B.errors = [...(B.errors || []), event.detail];
});
document.getElementById('host').append(el);

// Hover detection: the element updates its tooltip in its own pointermove handler; this
// bubbling listener runs after it and reports a change of the hovered area's name.
let shownName = null;
window.addEventListener('pointermove', () => {
  const tip = el.shadowRoot.querySelector('.tooltip');
  const name = tip && !tip.hidden ? tip.querySelector('.name')?.textContent ?? null : null;
  if (name !== shownName) {
    shownName = name;
    if (name !== null) B.hoverChanged();
  }
});

B.mapBox = () => {
  const r = el.mapRect;
  return { left: r.left, top: r.top, width: r.width, height: r.height };
};

B.legendColours = () =>
  [...el.shadowRoot.querySelectorAll('.legend .swatch:not(.nodata)')].map((s) => s.style.backgroundColor);

B.state = () => el.state;
B.paintCounts = () => el.paintCounts;

B.switchIndicator = async (id) => {
  const t0 = performance.now();
  el.setIndicator(id);
  return (await B.afterPaint()) - t0;
};

// The gesture has settled when the element has painted its pending frame.
B.settleGesture = async () => {
  await B.afterPaint();
};

function trendSignature() {
  const canvas = el.shadowRoot.querySelector('canvas.trend');
  if (!canvas || canvas.width === 0 || canvas.height === 0) return 'empty';
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    hash = (hash * 31 + data[i] + data[i + 1] * 3 + data[i + 2] * 7 + data[i + 3] * 11) | 0;
    if (data[i + 3] !== 0) ink += 1;
  }
  // A canvas that was only resized (cleared) has no ink: the chart is not drawn yet.
  return ink === 0 ? 'blank' : `${canvas.width}x${canvas.height}:${hash}`;
}

/** select(code) → the first frame after which the trend chart's pixels have changed. */
B.selectToChart = async (code) => {
  const before = trendSignature();
  const t0 = performance.now();
  el.select(code);
  for (let i = 0; i < 1200; i += 1) {
    const now = await B.afterPaint();
    const chart = el.shadowRoot.querySelector('figure.chart');
    const now2 = trendSignature();
    if (chart && !chart.hidden && now2 !== 'blank' && now2 !== 'empty' && now2 !== before) return { ms: now - t0, frames: i + 1 };
  }
  return { ms: null, frames: 1200 };
};
