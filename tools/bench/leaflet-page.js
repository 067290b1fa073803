// Bench page for the peer: the obvious hand-built Leaflet choropleth. Canvas renderer, one GeoJSON
// layer of the same LSOA polygons, the widget's 5 quantile classes and colours, hover highlight
// with setStyle + bringToFront and a sticky tooltip (as in Leaflet's own choropleth tutorial), no
// tile layer. Query: ?geojson=URL&w=WIDTH&h=HEIGHT (the widget's map box size, so both draw the
// same number of pixels).
/* global L */
(async () => {
  const B = window.__bench;
  const params = new URLSearchParams(window.location.search);
  const box = document.getElementById('map');
  box.style.width = `${Number(params.get('w') || 600)}px`;
  box.style.height = `${Number(params.get('h') || 460)}px`;

  // The widget's classes: 5 quantiles (R-7, as d3), rounded to the indicator's 1 decimal, kept
  // when inside (min, max]; class = number of breaks ≤ value. Colours: the widget's sequential
  // Blues for 5 classes (src/scale/colour.rs); the runner checks them against the widget's legend.
  const COLOURS = ['#deebf7', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  const NO_DATA = '#d9d9d9';
  const DECIMALS = 1;

  function quantileBreaks(values, k) {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) return [];
    const at = (p) => {
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      const hi = Math.min(lo + 1, sorted.length - 1);
      return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
    };
    const factor = 10 ** DECIMALS;
    const [min, max] = [sorted[0], sorted[sorted.length - 1]];
    const breaks = [];
    for (let i = 1; i < k; i += 1) {
      const b = Math.round(at(i / k) * factor) / factor;
      if (b > min && b <= max && b !== breaks[breaks.length - 1]) breaks.push(b);
    }
    return breaks;
  }

  function styler(features, indicator) {
    const breaks = quantileBreaks(features.map((f) => f.properties[indicator]).filter((v) => v !== null), 5);
    const colours = breaks.length + 1 === COLOURS.length ? COLOURS : COLOURS.slice(0, breaks.length + 1);
    return (feature) => {
      const v = feature.properties[indicator];
      let fill = NO_DATA;
      if (v !== null && Number.isFinite(v)) {
        let c = 0;
        while (c < breaks.length && breaks[c] <= v) c += 1;
        fill = colours[c];
      }
      return { fillColor: fill, fillOpacity: 1, color: '#ffffff', weight: 0.5, opacity: 1 };
    };
  }

  const response = await fetch(params.get('geojson'));
  const data = await response.json();
  let indicator = 'employment-deprivation';
  let style = styler(data.features, indicator);

  const map = L.map(box, { renderer: L.canvas(), zoomSnap: 0, attributionControl: false });
  const geo = L.geoJSON(data, {
    style: (feature) => style(feature),
    onEachFeature: (feature, layer) => {
      layer.bindTooltip(() => {
        const v = feature.properties[indicator];
        return `${feature.properties.name}: ${v === null ? 'no data' : `${v.toFixed(DECIMALS)}%`}`;
      }, { sticky: true });
      layer.on({
        mouseover: () => {
          layer.setStyle({ weight: 2, color: '#000000' });
          layer.bringToFront();
          B.hoverChanged();
        },
        mouseout: () => geo.resetStyle(layer),
      });
    },
  });
  map.fitBounds(geo.getBounds(), { animate: false });
  geo.addTo(map);
  // The canvas renderer draws in an animation frame requested while the layer was added; this
  // frame callback runs after it.
  requestAnimationFrame(() => {
    B.marks.firstPaint = performance.now();
  });

  B.mapBox = () => {
    const r = box.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  };
  B.state = () => ({ indicator, zoom: map.getZoom() });

  /** Restyles every feature for another indicator (breaks recomputed) → next painted frame. */
  B.switchIndicator = async (id) => {
    const t0 = performance.now();
    indicator = id;
    style = styler(data.features, id);
    geo.setStyle(style);
    return (await B.afterPaint()) - t0;
  };

  /**
   * Waits for a pending wheel zoom to finish: Leaflet collects wheel deltas for 40 ms
   * (`_startTime` set), then animates the zoom for 250 ms (`_animatingZoom`), then redraws the
   * canvas on `moveend` in an animation frame. Bounded at 10 s of frames.
   */
  B.settleGesture = async () => {
    for (let i = 0; i < 600; i += 1) {
      const busy = Boolean(map.scrollWheelZoom._startTime) || Boolean(map._animatingZoom) || Boolean(map.dragging.moving());
      await B.afterPaint();
      if (!busy) break;
    }
    await B.afterPaint();
  };

  B.ready = true;
})().catch((error) => {
  window.__bench.errors = [String(error && error.stack || error)];
});
