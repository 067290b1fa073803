// The panel's profile and district views, loaded the first time one of those tabs is opened (not
// part of the default download). The panel passes its drawing helpers in, so this module does
// not import the panel back.
import { h, setChildren } from './dom.js';

export function renderProfile(panel, info, { canvasSize, table }) {
  const spec = info ? panel.handlers.profile() : null;
  panel.profileCanvas.hidden = !spec;
  panel.profileKey.hidden = !spec;
  if (!spec) {
    setChildren(panel.profileTable, []);
    return;
  }
  canvasSize(panel.profileCanvas, spec.rows.length * 30 + 26);
  panel.handlers.draw('profile', panel.profileCanvas, spec);
  setChildren(
    panel.profileTable,
    table(
      `${spec.area}: every indicator`,
      ['Indicator', 'Period', 'Value', 'Liverpool City Region', 'Compared (95%)'],
      spec.rows.map((r) => [r.label, r.period, r.value_text, r.region_text, `${r.glyph} ${r.comparison}`]),
    ),
  );
}

export function renderDistricts(panel, { canvasSize, table }) {
  const choices = panel.handlers.districtIndicators();
  if (!panel.districtPicker.options.length) {
    setChildren(panel.districtPicker, choices.map(([id, label]) => h('option', { value: id }, [label])));
  }
  const spec = panel.handlers.districts(panel.districtIndicator ?? undefined);
  if (!spec) return;
  panel.districtPicker.value = spec.indicator;
  const width = panel.districtCanvas.getBoundingClientRect().width;
  const columns = width < 360 ? 1 : width < 700 ? 2 : 3;
  canvasSize(panel.districtCanvas, Math.ceil(spec.districts.length / columns) * 150);
  panel.handlers.draw('districts', panel.districtCanvas, spec);
  setChildren(
    panel.districtTable,
    table(`${spec.label} by district`, ['District', ...spec.periods], spec.districts.map((d) => [d.name, ...d.values.map((v) => (v === null ? 'no data' : v.toFixed(spec.decimals)))])),
  );
}
