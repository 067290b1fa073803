// The fields of each object of the data bundle's schema (src/model/bundle.rs, the single
// definition; tests/e2e/bundle-fields.test.mjs keeps the two in step). The browser hands the core
// a parsed object, and serde-wasm-bindgen reads only the fields it knows, so a misspelt field in a
// page's bundle ("numerator" for "numerators") would be dropped without a word; the native reader
// refuses it. This check, run on `src` bundles only, makes the browser as strict.

export const FIELDS = {
  Bundle: ['schema', 'version', 'meta', 'topology', 'geographies', 'comparators', 'indicators'],
  BundleMeta: ['title', 'licence', 'attribution', 'notes', 'synthetic', 'vintage'],
  Topology: ['scale', 'translate', 'arcs'],
  Geography: ['id', 'label', 'noun_plural', 'vintage', 'approximate', 'note', 'dissolved_from', 'areas'],
  Area: ['code', 'name', 'parents', 'polygons'],
  Comparator: ['code', 'name'],
  Indicator: ['id', 'label', 'title', 'definition', 'unit', 'decimals', 'polarity', 'theme', 'source', 'licence', 'geography_vintage', 'periods', 'series', 'comparator_values'],
  Unit: ['symbol', 'label', 'multiplier'],
  Source: ['producer', 'dataset', 'edition'],
  Period: ['id', 'label', 'reference', 'change_note'],
  Series: ['geography', 'period', 'values', 'numerators', 'denominators', 'estimated', 'method'],
  ComparatorValue: ['code', 'period', 'value', 'numerator', 'denominator', 'estimated', 'method'],
};

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v) => (Array.isArray(v) ? v : []);

/** Every field the schema does not have, located as the core's validator locates problems. */
export function unknownFields(bundle) {
  const found = [];
  const check = (value, type, at) => {
    if (!isObject(value)) return;
    for (const key of Object.keys(value)) if (!FIELDS[type].includes(key)) found.push(`${at}: unknown field "${key}"`);
  };
  check(bundle, 'Bundle', 'bundle');
  if (!isObject(bundle)) return found;
  check(bundle.meta, 'BundleMeta', 'meta');
  check(bundle.topology, 'Topology', 'topology');
  list(bundle.geographies).forEach((g, i) => {
    const at = `geographies[${g?.id ?? i}]`;
    check(g, 'Geography', at);
    list(g?.areas).forEach((a, j) => check(a, 'Area', `${at}.areas[${a?.code ?? j}]`));
  });
  list(bundle.comparators).forEach((c, i) => check(c, 'Comparator', `comparators[${c?.code ?? i}]`));
  list(bundle.indicators).forEach((ind, i) => {
    const at = `indicators[${ind?.id ?? i}]`;
    check(ind, 'Indicator', at);
    check(ind?.unit, 'Unit', `${at}.unit`);
    check(ind?.source, 'Source', `${at}.source`);
    list(ind?.periods).forEach((p, j) => check(p, 'Period', `${at}.periods[${p?.id ?? j}]`));
    list(ind?.series).forEach((s, j) => check(s, 'Series', `${at}.series[${s?.geography ?? '?'}/${s?.period ?? j}]`));
    list(ind?.comparator_values).forEach((c, j) => check(c, 'ComparatorValue', `${at}.comparator_values[${j}] (${c?.code}/${c?.period})`));
  });
  return found;
}

// Category Cc (C0, DEL, C1): never part of a name or a provenance line, and able to split CSV
// rows or corrupt SVG in exports.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Every text value holding a control character, located by its path (`meta.attribution[1]`).
 * The native validator refuses the same (src/model/text.rs); in the browser the check runs here,
 * on `src` bundles only, to keep it out of the default download (the embedded bundle was checked
 * when it was built).
 */
export function controlCharacters(bundle) {
  const found = [];
  const walk = (value, at) => {
    if (typeof value === 'string') {
      const c = CONTROL.exec(value);
      if (c) found.push(`${at}: holds the control character U+${c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}; text must be printable`);
    } else if (Array.isArray(value)) {
      // Arcs and series are long lists of numbers: look inside only lists that hold something else.
      for (let i = 0; i < value.length; i += 1) if (typeof value[i] !== 'number') walk(value[i], `${at}[${i}]`);
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) walk(value[key], at ? `${at}.${key}` : key);
    }
  };
  walk(bundle, '');
  return found;
}
