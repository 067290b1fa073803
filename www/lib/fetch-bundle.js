// Fetches a data bundle given by the page (`src`), with a size limit read as a stream, a timeout
// and errors that say what went wrong, and refuses fields the schema does not have and text with
// control characters. Only http(s) URLs are accepted, and only from the allowed origins when the
// element has `allowed-origins` (checked again after redirects); credentials are never sent
// cross-origin. Patch and notes files use `fetchJson`.
import { controlCharacters, unknownFields } from './bundle-fields.js';


/** Largest bundle accepted (bytes); matches the core's limit. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
/** How long to wait for a bundle. */
export const FETCH_TIMEOUT_MS = 20000;

/** The first three of a list of problems, and how many more there are. */
function firstFew(list) {
  return list.slice(0, 3).join('; ') + (list.length > 3 ? `; and ${list.length - 3} more` : '');
}

class BundleError extends Error {
  constructor(code, message, issues = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/**
 * A parsed data bundle given by the page, refused (`invalid-structure`, every place listed in
 * `issues`) if it has fields the schema does not (see bundle-fields.js), or control characters.
 */
function checkedFields(bundle) {
  const unknown = unknownFields(bundle);
  if (unknown.length) {
    throw new BundleError('invalid-structure', `The data file has ${unknown.length} field(s) this widget does not know: ${firstFew(unknown)}.`, unknown);
  }
  const controls = controlCharacters(bundle);
  if (controls.length) {
    throw new BundleError('invalid-data', `The data file has control characters in ${controls.length} text field(s): ${firstFew(controls)}.`, controls);
  }
  return bundle;
}

/**
 * The bundle an element's `src` names, from the origins its `allowed-origins` allows:
 * `{ bundle, packed, host }`, or `{ refused }` (the error) when the origin is not allowed, so the element
 * can keep its own data. Other failures reject. `loadOnDemand` is core.js's module loader (passed in
 * so that this chunk imports none of the element's own modules).
 */
export async function pageBundle(element, loadOnDemand) {
  const origins = allowedOrigins(element);
  let got;
  try {
    got = await fetchTextFrom(element.getAttribute('src'), document.baseURI, 'data file', MAX_BUNDLE_BYTES, { origins, packed: true });
  } catch (error) {
    if (error.code === 'src-origin-refused') return { refused: error };
    throw error;
  }
  const host = got.url.host;
  // A packed file goes to the map module as it is (which checks it); JSON is checked and packed.
  if (got.packed) return { packed: got.packed, host };
  checkedFields(parseJson(got.text, 'data file', got.url));
  return { packed: await packBundle(got.text, loadOnDemand), host };
}

/**
 * A bundle's JSON text in the packed form the map module reads, made by the importer module
 * (which carries the JSON schema's deserialiser; the map module does not). Rejects with the
 * importer's `invalid-structure` error when the text is not of the schema's shape.
 */
export async function packBundle(json, loadOnDemand) {
  const module = await loadOnDemand('atlas_import');
  return module.Importer.packBundle(json);
}

/**
 * Resolves with the parsed JSON or rejects with an Error carrying a `code`. `what` names the file
 * in messages (a patch or notes file uses the same checks); `limit` is the size limit in bytes;
 * `options.origins`, when given, is the list of origins the file may come from (see
 * `fetchJsonFrom`).
 */
export async function fetchJson(src, base, what = 'data file', limit = MAX_BUNDLE_BYTES, options = {}) {
  return (await fetchJsonFrom(src, base, what, limit, options)).json;
}

/**
 * The origins list of the element's `allowed-origins` attribute (space-separated), or null when
 * the attribute is absent (any http(s) origin). The frame embed always sets it (embed-frame.js),
 * so a link cannot make a partner's domain show another site's figures.
 */
export function allowedOrigins(element) {
  const attribute = element.getAttribute('allowed-origins');
  if (attribute === null) return null;
  const origins = [];
  for (const word of String(attribute).split(/\s+/).filter(Boolean)) {
    try {
      origins.push(new URL(word, document.baseURI).origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return origins;
}

function refuseOrigin(what, url, origins) {
  const allowed = origins.length ? origins.join(', ') : 'none';
  return new BundleError('src-origin-refused', `The ${what} ${url.href} is on ${url.origin}, which this page does not allow (allowed: ${allowed}).`);
}

/**
 * `fetchJson` with where the file came from: `{ json, url }`. With `options.origins` the URL's
 * origin must be one of them, before the request and again after redirects (`response.url`).
 * The body is read as a stream and the request cancelled as soon as it passes `limit`, so an
 * endless or huge response never sits in memory.
 */
export async function fetchJsonFrom(src, base, what = 'data file', limit = MAX_BUNDLE_BYTES, { origins = null } = {}) {
  const { text, url } = await fetchTextFrom(src, base, what, limit, { origins });
  return { json: parseJson(text, what, url), url };
}

function parseJson(text, what, url) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BundleError('invalid-json', `The ${what} ${url.href} is not valid JSON: ${error.message}`);
  }
}

/**
 * The checks of `fetchJsonFrom` for a UTF-8 text file: `{ text, url }`. With `csv` a CSV file
 * (`text/csv`) is accepted as well as JSON (added data, `series-src`); with `packed` a packed
 * bundle is accepted too, and given as `{ packed, url }` (its bytes).
 */
export async function fetchTextFrom(src, base, what, limit, { origins = null, csv = false, packed = false } = {}) {
  let url;
  try {
    url = new URL(src, base);
  } catch {
    throw new BundleError('src-invalid-url', `The ${what} address "${src}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BundleError('src-invalid-url', `The ${what} address must be http or https, not "${url.protocol}".`);
  }
  if (origins && !origins.includes(url.origin)) throw refuseOrigin(what, url, origins);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
  } catch (error) {
    clearTimeout(timer);
    if (error.name === 'AbortError') {
      throw new BundleError('src-timeout', `The ${what} ${url.href} did not arrive within ${FETCH_TIMEOUT_MS / 1000} s.`);
    }
    throw new BundleError('src-network', `The ${what} ${url.href} could not be fetched: ${error.message}`);
  }
  try {
    // After redirects the body may come from somewhere else: check where it ended up.
    const finalUrl = response.url ? new URL(response.url) : url;
    if (origins && !origins.includes(finalUrl.origin)) throw refuseOrigin(what, finalUrl, origins);
    if (!response.ok) {
      const code = response.status === 404 ? 'src-not-found' : 'src-http-error';
      throw new BundleError(code, `The ${what} ${url.href} could not be loaded (HTTP ${response.status}).`);
    }
    const type = (response.headers.get('content-type') || '').toLowerCase();
    if (type && !type.includes('json') && !type.includes('octet-stream') && !type.startsWith('text/plain') && !(csv && type.includes('csv'))) {
      throw new BundleError('src-wrong-type', `The ${what} ${url.href} is "${type}", not ${csv ? 'JSON or CSV' : 'JSON'}.`);
    }
    const length = Number(response.headers.get('content-length') || 0);
    if (length > limit) {
      throw new BundleError('src-too-large', `The ${what} is ${length} bytes; the limit is ${limit}.`);
    }
    const bytes = await readLimited(response, limit, what, controller);
    // A packed bundle (`databuild pack`, model/packed.rs) starts with "WHAB".
    if (packed && bytes[0] === 0x57 && bytes[1] === 0x48 && bytes[2] === 0x41 && bytes[3] === 0x42) return { packed: bytes, url: finalUrl };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), url: finalUrl };
    } catch {
      throw new BundleError('invalid-json', `The ${what} ${url.href} is not UTF-8 text.`);
    }
  } catch (error) {
    if (error.name === 'AbortError') {
      throw new BundleError('src-timeout', `The ${what} ${url.href} did not arrive within ${FETCH_TIMEOUT_MS / 1000} s.`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The body's bytes, read chunk by chunk; past `limit` the request is cancelled and refused. */
async function readLimited(response, limit, what, controller) {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop the download itself, not only the reading of it.
      reader.cancel().catch(() => {});
      controller.abort();
      throw new BundleError('src-too-large', `The ${what} is more than ${limit} bytes (the limit); it was not read further.`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
