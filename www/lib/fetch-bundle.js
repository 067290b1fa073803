// Fetches a data bundle given by the page (`src`), with a size limit, a timeout and errors that
// say what went wrong, and refuses fields the schema does not have. Only http(s) URLs are
// accepted; credentials are never sent cross-origin. Patch and notes files use `fetchJson`.
import { unknownFields } from './bundle-fields.js';


/** Largest bundle accepted (bytes); matches the core's limit. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
/** How long to wait for a bundle. */
export const FETCH_TIMEOUT_MS = 20000;

class BundleError extends Error {
  constructor(code, message, issues = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/**
 * A data bundle given by the page: fetched as `fetchJson` does, then refused (`invalid-structure`,
 * every place listed in `issues`) if it has fields the schema does not (see bundle-fields.js).
 */
export async function fetchBundle(src, base) {
  const bundle = await fetchJson(src, base);
  const unknown = unknownFields(bundle);
  if (unknown.length) {
    const first = unknown.slice(0, 3).join('; ') + (unknown.length > 3 ? `; and ${unknown.length - 3} more` : '');
    throw new BundleError('invalid-structure', `The data file has ${unknown.length} field(s) this widget does not know: ${first}.`, unknown);
  }
  return bundle;
}

/**
 * Resolves with the parsed JSON or rejects with an Error carrying a `code`. `what` names the file
 * in messages (a patch or notes file uses the same checks); `limit` is the size limit in bytes.
 */
export async function fetchJson(src, base, what = 'data file', limit = MAX_BUNDLE_BYTES) {
  let url;
  try {
    url = new URL(src, base);
  } catch {
    throw new BundleError('src-invalid-url', `The ${what} address "${src}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BundleError('src-invalid-url', `The ${what} address must be http or https, not "${url.protocol}".`);
  }
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
    if (!response.ok) {
      const code = response.status === 404 ? 'src-not-found' : 'src-http-error';
      throw new BundleError(code, `The ${what} ${url.href} could not be loaded (HTTP ${response.status}).`);
    }
    const type = (response.headers.get('content-type') || '').toLowerCase();
    if (type && !type.includes('json') && !type.includes('octet-stream') && !type.startsWith('text/plain')) {
      throw new BundleError('src-wrong-type', `The ${what} ${url.href} is "${type}", not JSON.`);
    }
    const length = Number(response.headers.get('content-length') || 0);
    if (length > limit) {
      throw new BundleError('src-too-large', `The ${what} is ${length} bytes; the limit is ${limit}.`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > limit) {
      throw new BundleError('src-too-large', `The ${what} is ${bytes.length} bytes; the limit is ${limit}.`);
    }
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BundleError('invalid-json', `The ${what} ${url.href} is not UTF-8 text.`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new BundleError('invalid-json', `The ${what} ${url.href} is not valid JSON: ${error.message}`);
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
