// SYNTHETIC files in the exact layouts a person can add in the browser (Nomis API and web
// downloads, Stat-Xplore table exports, the community template), for tests only. Every number
// here is made up by a seeded PRNG: nothing is a real figure. File names contain SYNTHETIC and
// the layouts with a title line say SYNTHETIC there.
//
// CLI: node tests/e2e/support/synthetic-import.mjs OUTDIR          (full-size files)
//      node tests/e2e/support/synthetic-import.mjs --fixtures DIR  (the small committed fixtures)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const CONDITIONALITY = ['Searching for work', 'Working - with requirements', 'No work requirements'];

/** 32-bit FNV-1a hash of a string: the seed for everything keyed by a code or name. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32 PRNG.
 * @param {number} seed 32-bit seed
 * @returns {() => number} uniform numbers in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Months since January 2020 (the index `syntheticCount` takes), so files with different starts agree.
 * @param {string} month `YYYY-MM`
 */
export function monthIndexOf(month) {
  const [y, m] = month.split('-').map(Number);
  return (y - 2020) * 12 + (m - 1);
}

/**
 * `count` consecutive months from `start`.
 * @param {string} start `YYYY-MM`
 * @param {number} count
 * @returns {{id: string, label: string, index: number}[]} e.g. `{id:'2024-01', label:'January 2024', index:48}`
 */
export function monthRange(start, count) {
  const first = monthIndexOf(start);
  return Array.from({ length: count }, (_, i) => {
    const index = first + i;
    const year = 2020 + Math.floor(index / 12);
    const month = index % 12;
    return { id: `${year}-${String(month + 1).padStart(2, '0')}`, label: `${MONTHS[month]} ${year}`, index };
  });
}

function areasOf(bundle, id) {
  const layer = bundle.geographies.find((g) => g.id === id);
  if (!layer) throw new Error(`bundle has no "${id}" layer`);
  return layer.areas.map(({ code, name, parents }) => ({ code, name, parents }));
}

/**
 * LSOA 2021 codes in bundle order.
 * @param {object} bundle parsed data/atlas.json
 * @returns {string[]}
 */
export function lsoaCodes(bundle) {
  return areasOf(bundle, 'lsoa').map((a) => a.code);
}

/**
 * LSOA 2021 areas in bundle order (for names alongside `lsoaCodes`).
 * @param {object} bundle parsed data/atlas.json
 * @returns {{code: string, name: string, parents: object}[]}
 */
export function lsoaAreas(bundle) {
  return areasOf(bundle, 'lsoa');
}

/**
 * Wards in bundle order.
 * @param {object} bundle parsed data/atlas.json
 * @returns {{code: string, name: string, parents: object}[]}
 */
export function wardAreas(bundle) {
  return areasOf(bundle, 'ward');
}

/**
 * Local authority districts in bundle order.
 * @param {object} bundle parsed data/atlas.json
 * @returns {{code: string, name: string, parents: object}[]}
 */
export function districtAreas(bundle) {
  return areasOf(bundle, 'lad');
}

/**
 * A deterministic, plausible SYNTHETIC claimant count: a code-dependent level (15–85), a gentle
 * trend (within ±0.2 a month), a small yearly wave, rounded to a multiple of 5 (as Nomis
 * rounds) and kept in 0–120.
 * @param {string} code area code
 * @param {number} monthIndex months since January 2020 (see `monthIndexOf`)
 * @returns {number}
 */
export function syntheticCount(code, monthIndex) {
  const random = mulberry32(hash(code));
  const level = 15 + random() * 70;
  const trend = (random() - 0.5) * 0.4;
  const amplitude = 1 + random() * 5;
  const phase = random() * 12;
  const raw = level + trend * monthIndex + amplitude * Math.sin((2 * Math.PI * (monthIndex + phase)) / 12);
  return Math.min(120, Math.max(0, Math.round(raw / 5) * 5));
}

/**
 * A deterministic SYNTHETIC count of people on Universal Credit in one LSOA, conditionality
 * regime and month, or `null` where the Stat-Xplore export shows `..`: names ending in `A` in
 * every sixth month (index % 6 === 1) for 'No work requirements' and 'Total', and about 1 cell
 * in 97 otherwise. 'Total' is the sum of the three regimes.
 * @param {string} name LSOA name, as Stat-Xplore labels rows
 * @param {string} category one of the three regimes, or 'Total'
 * @param {number} monthIndex months since January 2020
 * @returns {number | null}
 */
export function syntheticUcCount(name, category, monthIndex) {
  if (name.endsWith('A') && monthIndex % 6 === 1 && (category === 'No work requirements' || category === 'Total')) return null;
  if (hash(`${name}|${category}|${monthIndex}`) % 97 === 0) return null;
  if (category === 'Total') {
    return CONDITIONALITY.reduce((sum, c) => sum + (syntheticUcCount(name, c, monthIndex) ?? 0), 0);
  }
  const random = mulberry32(hash(`${name}|${category}`));
  const base = { 'Searching for work': 20, 'Working - with requirements': 10, 'No work requirements': 40 }[category];
  const level = base * (0.5 + random() * 1.5);
  const trend = 0.04 + random() * 0.08; // UC caseloads grow 4–12% a year
  const noise = mulberry32(hash(`${name}|${category}|${monthIndex}`))() * 3 - 1.5;
  return Math.max(0, Math.round(level * (1 + (trend * (monthIndex - 48)) / 12) + noise));
}

/** One CSV cell, quoted when it holds a comma, quote or line break. */
function cell(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell always double-quoted (Nomis web and Stat-Xplore style). */
const quoted = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`;

const API_HEADER = ['DATE', 'DATE_NAME', 'DATE_CODE', 'DATE_TYPE', 'DATE_TYPECODE', 'DATE_SORTORDER',
  'GEOGRAPHY', 'GEOGRAPHY_NAME', 'GEOGRAPHY_CODE', 'GEOGRAPHY_TYPE', 'GEOGRAPHY_TYPECODE', 'GEOGRAPHY_SORTORDER',
  'GENDER', 'GENDER_NAME', 'GENDER_CODE', 'GENDER_TYPE', 'GENDER_TYPECODE', 'GENDER_SORTORDER',
  'AGE', 'AGE_NAME', 'AGE_CODE', 'AGE_TYPE', 'AGE_TYPECODE', 'AGE_SORTORDER',
  'MEASURE', 'MEASURE_NAME', 'MEASURE_CODE', 'MEASURE_TYPE', 'MEASURE_TYPECODE', 'MEASURE_SORTORDER',
  'MEASURES', 'MEASURES_NAME', 'OBS_VALUE', 'OBS_STATUS', 'OBS_STATUS_NAME', 'OBS_CONF', 'OBS_CONF_NAME',
  'URI', 'RECORD_OFFSET', 'RECORD_COUNT'];

/** A stable Nomis-style numeric geography id from a code (E01006512 → 1249906512). */
function geographyId(code) {
  const digits = Number(code.slice(3)) || hash(code) % 100000;
  return 1249900000 + (digits % 100000);
}

/**
 * The Nomis API download of the claimant count (NM_162_1, `.data.csv`), SYNTHETIC values.
 * One row per month × code, months the outer loop; CRLF line endings like the real API.
 * @param {object} options
 * @param {string[]} options.codes area codes
 * @param {string[]} [options.names] names aligned with `codes` (default: the codes)
 * @param {string} [options.start] first month `YYYY-MM`
 * @param {number} [options.months] how many months
 * @param {string} [options.geographyType] GEOGRAPHY_TYPE text
 * @param {object[]} [options.extraRows] rows appended after the others: `{code, date, ...overrides}`
 *   where `code` and `date` (default the first code and month) pick the base row and any other key
 *   named like a column replaces that cell, e.g. `{code, date:'2023-02', GENDER:'1',
 *   GENDER_NAME:'Male'}` or `{code, OBS_VALUE:'', OBS_STATUS:'Q', OBS_STATUS_NAME:'Withheld'}`
 * @returns {string}
 */
export function nomisApiCsv({ codes, names = codes, start = '2023-01', months = 24,
  geographyType = '2021 super output areas - lower layer', extraRows = [] }) {
  const range = monthRange(start, months);
  const total = range.length * codes.length + extraRows.length;
  const typeCode = /2011/.test(geographyType) ? 298 : 151; // Nomis TYPE298 = LSOA 2011, TYPE151 = LSOA 2021
  const row = (month, code, sortOrder, offset) => {
    const value = syntheticCount(code, month.index);
    const name = names[codes.indexOf(code)] ?? code;
    return {
      DATE: month.id, DATE_NAME: month.label, DATE_CODE: month.id, DATE_TYPE: 'date', DATE_TYPECODE: 0,
      DATE_SORTORDER: range.indexOf(month),
      GEOGRAPHY: geographyId(code), GEOGRAPHY_NAME: name, GEOGRAPHY_CODE: code, GEOGRAPHY_TYPE: geographyType,
      GEOGRAPHY_TYPECODE: typeCode, GEOGRAPHY_SORTORDER: sortOrder,
      GENDER: 0, GENDER_NAME: 'Total', GENDER_CODE: 0, GENDER_TYPE: 'sex', GENDER_TYPECODE: 0, GENDER_SORTORDER: 0,
      AGE: 0, AGE_NAME: 'All categories: Age 16+', AGE_CODE: 0, AGE_TYPE: 'age', AGE_TYPECODE: 0, AGE_SORTORDER: 0,
      MEASURE: 1, MEASURE_NAME: 'Claimant count', MEASURE_CODE: 1, MEASURE_TYPE: 'measure', MEASURE_TYPECODE: 0,
      MEASURE_SORTORDER: 0, MEASURES: 20100, MEASURES_NAME: 'Value', OBS_VALUE: value,
      OBS_STATUS: 'A', OBS_STATUS_NAME: 'Normal Value', OBS_CONF: 'F', OBS_CONF_NAME: 'Free (free of disclosure control)',
      URI: `Nm-162d1/${month.id}/${code}/0/0/1/20100`, RECORD_OFFSET: offset, RECORD_COUNT: total,
    };
  };
  const lines = [API_HEADER.join(',')];
  let offset = 0;
  for (const month of range) {
    codes.forEach((code, i) => lines.push(API_HEADER.map((h) => cell(row(month, code, i, offset)[h])).join(',')));
    offset += codes.length;
  }
  for (const extra of extraRows) {
    const { code = codes[0], date = range[0].id, ...overrides } = extra;
    const month = range.find((m) => m.id === date) ?? monthRange(date, 1)[0];
    const base = { ...row(month, code, Math.max(0, codes.indexOf(code)), offset++), ...overrides };
    lines.push(API_HEADER.map((h) => cell(base[h])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * The Nomis web query download ("Download data as CSV"), SYNTHETIC values: metadata lines, a
 * header of month names, one row per area (`"CODE : Name"`, or name and `mnemonic` columns),
 * footnotes. Every cell double-quoted.
 * @param {object} options
 * @param {string[]} options.codes area codes
 * @param {string[]} options.names names aligned with `codes`
 * @param {string} [options.start] first month `YYYY-MM`
 * @param {number} [options.months] how many months
 * @param {boolean} [options.codeColumn] codes in their own `mnemonic` column
 * @returns {string}
 */
export function nomisWebCsv({ codes, names, start = '2023-01', months = 24, codeColumn = false }) {
  const range = monthRange(start, months);
  const line = (cells) => cells.map(quoted).join(',');
  const lines = [
    line(['Claimant count by sex and age (SYNTHETIC test data)']),
    line(['ONS Crown Copyright Reserved [from Nomis on 3 December 2026]']),
    line(['sex:', 'Total']),
    line(['age:', 'All categories: Age 16+']),
    line(['measure:', 'Claimant count']),
    line(['units:', 'Persons']),
    line(['']),
    line(['2021 super output area - lower layer', ...(codeColumn ? ['mnemonic'] : []), ...range.map((m) => m.label)]),
  ];
  codes.forEach((code, i) => {
    const label = codeColumn ? [names[i], code] : [`${code} : ${names[i]}`];
    lines.push(line([...label, ...range.map((m) => syntheticCount(code, m.index))]));
  });
  lines.push(line(['']), line(['Claimant count data are SYNTHETIC and for testing only.']));
  return lines.join('\n') + '\n';
}

/**
 * A Stat-Xplore table export (People on Universal Credit, LSOA 2021 rows × Month columns,
 * optionally by Conditionality Regime), SYNTHETIC values from `syntheticUcCount`; `..` where
 * that is null; a closing "Total" row summing the shown cells; footnotes. Every cell double-quoted.
 * @param {object} options
 * @param {string[]} options.names LSOA names (Stat-Xplore labels rows by name only)
 * @param {string} [options.start] first month `YYYY-MM`
 * @param {number} [options.months] how many months
 * @param {boolean} [options.conditionality] add the Conditionality Regime column (3 rows per LSOA)
 * @returns {string}
 */
export function statXploreCsv({ names, start = '2024-01', months = 12, conditionality = true }) {
  const range = monthRange(start, months);
  const line = (cells) => cells.map(quoted).join(',');
  const lines = [
    line(['Dataset: People on Universal Credit (SYNTHETIC test data)']), line(['']),
    line(['Counting:', 'People on Universal Credit']), line(['']),
    line(['Filters:']), line(['Employment indicator', 'Total']), line(['']),
    line(['Lower Layer Super Output Area (2021)', ...(conditionality ? ['Conditionality Regime'] : []), ...range.map((m) => m.label)]),
  ];
  const totals = range.map(() => 0);
  for (const name of names) {
    for (const category of conditionality ? CONDITIONALITY : ['Total']) {
      const values = range.map((m, j) => {
        const v = syntheticUcCount(name, category, m.index);
        if (v !== null) totals[j] += v;
        return v ?? '..';
      });
      lines.push(line([name, ...(conditionality ? [category] : []), ...values]));
    }
  }
  lines.push(line(['Total', ...(conditionality ? ['Total'] : []), ...totals]));
  lines.push(line(['']),
    line(['* Figures for the latest month are provisional and subject to revision.']),
    line(['Statistical disclosure control has been applied to this table to avoid the release of confidential data. Totals may not equal the sum of the categories.']));
  return lines.join('\n') + '\n';
}

/**
 * A community template CSV: `area,period,numerator,denominator`, or `area,period,value` when the
 * first row has `value` and no `numerator`. Cells are written as given (strings allowed, for
 * broken cases) and quoted when they hold commas, quotes or line breaks. Other row keys are ignored.
 * @param {object} options
 * @param {{area: string, period: string, numerator?: *, denominator?: *, value?: *}[]} options.rows
 * @returns {string}
 */
export function templateCsv({ rows }) {
  const valueOnly = rows.length > 0 && 'value' in rows[0] && !('numerator' in rows[0]);
  const columns = valueOnly ? ['area', 'period', 'value'] : ['area', 'period', 'numerator', 'denominator'];
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** Quarters `2023-Q1` … `2024-Q4`. */
const QUARTERS = ['2023', '2024'].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));

/**
 * A SYNTHETIC community template: residents supported into work (numerator, 0–40) of people
 * engaged (denominator, 40–200, ≥ numerator) in 6 wards — 3 given by name (Anfield first when
 * present; names unique across all layers), 3 by code — over 8 quarters 2023-Q1…2024-Q4.
 * @param {object} bundle parsed data/atlas.json
 * @returns {{csv: string, rows: {area: string, period: string, numerator: number, denominator: number, code: string, name: string, layer: 'ward', by: 'name'|'code'}[]}}
 */
export function communitySample(bundle) {
  const wards = wardAreas(bundle);
  const nameCount = new Map();
  for (const g of bundle.geographies) for (const a of g.areas) nameCount.set(a.name, (nameCount.get(a.name) ?? 0) + 1);
  const uniqueNamed = wards.filter((w) => nameCount.get(w.name) === 1);
  const spread = (list, n, offset) => Array.from({ length: n }, (_, i) => list[Math.floor(((i + offset) * list.length) / (2 * n))]);
  const byName = [];
  const anfield = uniqueNamed.find((w) => w.name === 'Anfield');
  if (anfield) byName.push(anfield);
  for (const w of spread(uniqueNamed, 3, 0)) if (byName.length < 3 && !byName.includes(w)) byName.push(w);
  const rest = wards.filter((w) => !byName.includes(w));
  const byCode = spread(rest, 3, 3);
  const rows = [];
  for (const [by, list] of [['name', byName], ['code', byCode]]) {
    for (const w of list) {
      for (const period of QUARTERS) {
        const random = mulberry32(hash(`${w.code}|${period}|community`));
        const denominator = 40 + Math.floor(random() * 161);
        const numerator = Math.floor(random() * 41);
        rows.push({ area: by === 'name' ? w.name : w.code, period, numerator, denominator, code: w.code, name: w.name, layer: 'ward', by });
      }
    }
  }
  return { csv: templateCsv({ rows }), rows };
}

/** The ONS LSOA 2011→2021 lookup for the region, when the shared raw folder is present. */
function readLookup() {
  const url = new URL('../../../../shared/data/raw/lookups/lcr_lsoa11_to_lsoa21.csv', import.meta.url);
  return existsSync(url) ? readFileSync(url, 'utf8') : null;
}

/**
 * A community template (`area,period,numerator,denominator`, quarters) with one known case per
 * line. Cases: good1–good3 (an LSOA code, a ward name, a district code), unknownCode E01099999,
 * scottishDataZone S01006506, lsoa2011 (a split/merged 2011 code from the ONS lookup that is
 * not a 2021 code; left out when the lookup is absent), duplicate (of good1), nonNumber
 * `twelve`, negative `-3`, numeratorOverDenominator, suppressedStar `*`, suppressedDots `..`,
 * suppressedX `x`, suppressedDash `-`, otherPeriod `2024-03`, markupName (area
 * `<img src=x onerror=alert(1)>`), formula (area `=HYPERLINK("http://evil.example","x")`).
 * @param {object} bundle parsed data/atlas.json
 * @param {{lookupCsv?: string|null}} [options] the lookup's text (default: read from ../shared)
 * @returns {{csv: string, lines: Object<string, number>, rows: object[], lsoa2011: {code: string, to: string[]} | null}}
 *   `lines` maps case name → 1-based line number in `csv` (line 1 is the header)
 */
export function brokenTemplate(bundle, { lookupCsv = readLookup() } = {}) {
  const lsoa = lsoaCodes(bundle);
  const ward = wardAreas(bundle).find((w) => w.name === 'Anfield') ?? wardAreas(bundle)[0];
  const lad = districtAreas(bundle)[0];
  let lsoa2011 = null;
  if (lookupCsv) {
    const known = new Set(lsoa);
    const records = lookupCsv.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const pick = records.find(([code, , change]) => (change === 'S' || change === 'M') && !known.has(code));
    if (pick) lsoa2011 = { code: pick[0], to: records.filter((r) => r[0] === pick[0]).map((r) => r[3]) };
  }
  const cases = [
    ['good1', { area: lsoa[0], period: '2024-Q1', numerator: 12, denominator: 80 }],
    ['good2', { area: ward.name, period: '2024-Q1', numerator: 7, denominator: 55 }],
    ['good3', { area: lad.code, period: '2024-Q2', numerator: 30, denominator: 150 }],
    ['unknownCode', { area: 'E01099999', period: '2024-Q1', numerator: 4, denominator: 40 }],
    ['scottishDataZone', { area: 'S01006506', period: '2024-Q1', numerator: 4, denominator: 40 }],
    ...(lsoa2011 ? [['lsoa2011', { area: lsoa2011.code, period: '2024-Q1', numerator: 6, denominator: 60 }]] : []),
    ['duplicate', { area: lsoa[0], period: '2024-Q1', numerator: 12, denominator: 80 }],
    ['nonNumber', { area: lsoa[1], period: '2024-Q1', numerator: 'twelve', denominator: 80 }],
    ['negative', { area: lsoa[2], period: '2024-Q1', numerator: -3, denominator: 80 }],
    ['numeratorOverDenominator', { area: lsoa[3], period: '2024-Q1', numerator: 90, denominator: 80 }],
    ['suppressedStar', { area: lsoa[4], period: '2024-Q1', numerator: '*', denominator: 80 }],
    ['suppressedDots', { area: lsoa[5], period: '2024-Q1', numerator: '..', denominator: 80 }],
    ['suppressedX', { area: lsoa[6], period: '2024-Q1', numerator: 'x', denominator: 80 }],
    ['suppressedDash', { area: lsoa[7], period: '2024-Q1', numerator: '-', denominator: 80 }],
    ['otherPeriod', { area: lsoa[8], period: '2024-03', numerator: 5, denominator: 50 }],
    ['markupName', { area: '<img src=x onerror=alert(1)>', period: '2024-Q1', numerator: 5, denominator: 50 }],
    ['formula', { area: '=HYPERLINK("http://evil.example","x")', period: '2024-Q1', numerator: 5, denominator: 50 }],
  ];
  const lines = Object.fromEntries(cases.map(([name], i) => [name, i + 2]));
  const rows = cases.map(([, row]) => row);
  return { csv: templateCsv({ rows }), lines, rows, lsoa2011 };
}

/**
 * Bytes that are clearly not a CSV: a PNG signature, an IHDR chunk start and NULs.
 * @returns {Uint8Array}
 */
export function notCsvBytes() {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  return bytes;
}

/**
 * Every file, by file name. `small` gives the committed fixtures (few areas and months).
 * @param {object} bundle parsed data/atlas.json
 * @param {{small?: boolean}} [options]
 * @returns {Object<string, string|Uint8Array>}
 */
export function syntheticFiles(bundle, { small = false } = {}) {
  const areas = lsoaAreas(bundle);
  const pick = (n) => (small ? areas.slice(0, n) : areas);
  const web = pick(5);
  const files = {
    [small ? 'nomis-api_SYNTHETIC.csv' : 'NM_162_1_SYNTHETIC.data.csv']: nomisApiCsv({
      codes: pick(5).map((a) => a.code), names: pick(5).map((a) => a.name), start: '2023-01', months: small ? 3 : 24,
    }),
    'nomis-web_SYNTHETIC.csv': nomisWebCsv({ codes: web.map((a) => a.code), names: web.map((a) => a.name), months: small ? 3 : 24 }),
    'nomis-web-code-column_SYNTHETIC.csv': nomisWebCsv({
      codes: web.map((a) => a.code), names: web.map((a) => a.name), months: small ? 3 : 24, codeColumn: true,
    }),
    'stat-xplore_SYNTHETIC.csv': statXploreCsv({ names: pick(3).map((a) => a.name), months: small ? 3 : 12 }),
    'community_SYNTHETIC.csv': communitySample(bundle).csv,
    'broken_SYNTHETIC.csv': brokenTemplate(bundle).csv,
  };
  if (!small) {
    files['stat-xplore-no-conditionality_SYNTHETIC.csv'] = statXploreCsv({ names: areas.map((a) => a.name), conditionality: false });
    files['not-a-csv_SYNTHETIC.csv'] = notCsvBytes();
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const small = args[0] === '--fixtures';
  const out = small ? args[1] : args[0];
  if (!out) {
    console.error('usage: node tests/e2e/support/synthetic-import.mjs [--fixtures] OUTDIR');
    process.exit(2);
  }
  const bundle = JSON.parse(readFileSync(new URL('../../../data/atlas.json', import.meta.url), 'utf8'));
  mkdirSync(out, { recursive: true });
  for (const [name, content] of Object.entries(syntheticFiles(bundle, { small }))) {
    writeFileSync(join(out, name), content);
    console.log(`${join(out, name)}\t${Buffer.byteLength(content)} B`);
  }
}
