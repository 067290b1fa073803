// The iframe embed (embed.html): builds one <work-health-atlas> from the query string (the same
// options as the element's attributes) and tells the parent page its height whenever it changes,
// so the host can size the frame (see embed-resize.js). Only known options are passed on; values
// are set as attributes (text), never as HTML.
//
// Anyone can write a link to this page, so its query string is not the partner's word: files
// named by `src`, `patch-src`, `notes-src` and `series-src` are fetched only from this page's own
// origin and from origins the partner lists in embed.html's `work-health-atlas-allowed-origins`
// meta tag (space-separated), checked again after redirects. A file from anywhere else is refused with a
// recoverable `atlas-error` (`src-origin-refused`) and the atlas's own data stays on show.
import './work-health-atlas.js';

const OPTIONS = ['indicator', 'geography', 'period', 'area', 'view', 'controls', 'height', 'src', 'prefetch', 'patch-src', 'notes-src', 'series-src'];
const params = new URLSearchParams(window.location.search);
const atlas = document.createElement('work-health-atlas');
const listed = document.querySelector('meta[name="work-health-atlas-allowed-origins"]')?.content ?? '';
atlas.setAttribute('allowed-origins', [window.location.origin, ...listed.split(/\s+/).filter(Boolean)].join(' '));
// A shared patch and its notes travel inline (checked by the analysis module like any page's).
const LONG = { patch: 20000, notes: 20000 };
for (const name of [...OPTIONS, ...Object.keys(LONG)]) {
  const value = params.get(name);
  if (value !== null && value.length <= (LONG[name] ?? 200)) atlas.setAttribute(name, value);
}
document.body.append(atlas);

let last = 0;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  // The height is not sensitive; any embedding page may read it.
  window.parent.postMessage({ type: 'work-health-atlas:height', height }, '*');
}
new ResizeObserver(report).observe(document.body);
atlas.addEventListener('atlas-ready', report);
