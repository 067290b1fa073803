// A static file server on 127.0.0.1 for the end-to-end tests: serves dist/ at / and at /sub/path/
// (to prove the widget works from a sub-path), the test fixtures at /__fixtures/, and a redirect
// and an endless stream and a partner-edited embed page for the hardening tests (see `testRoute`).
//
// Every response carries `Access-Control-Allow-Origin: *`, so a page on another origin can load
// the widget's module, wasm and data from this server. The strict-CSP example page
// (`/examples/strict-csp.html`, also under /sub/path/) is sent with the strict policy a council
// intranet would use.
//
// `startServer({ hostFor: url })` starts a second server instead (another port, so another
// origin) that serves host pages embedding the widget from the server at `url`:
//   /host.html         the element, loaded as a cross-origin module script
//   /host-csp.html     the same under a CSP that allows exactly the widget's origin
//   /host-iframe.html  the iframe embed (embed.html and embed-resize.js) from the widget's origin
//   /snippet-NAME.html a host page around the HTML a test PUT at /__snippet/NAME (a copied snippet)
//
// `startServer({ cors: false })` serves dist/ without the CORS header, as a partner's server
// that was never set up for it.
//   /host.css          the host pages' ordinary (and deliberately careless) site styles
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const distDir = join(repoRoot, 'dist');
const fixturesDir = join(repoRoot, 'tests', 'e2e', 'fixtures');

/** The policy the strict-CSP example is served with (from the embedding issue). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
};

let synthetic = null;
const stored = new Map();
/** The SYNTHETIC import files (tests/e2e/support/synthetic-import.mjs), made once, on first use. */
async function syntheticFile(name) {
  synthetic ??= import('./synthetic-import.mjs').then(async (m) => {
    const bundle = JSON.parse(await readFile(join(repoRoot, 'data', 'atlas.json'), 'utf8'));
    return m.syntheticFiles(bundle);
  });
  return (await synthetic)[name];
}

function mapPath(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  if (path.startsWith('/__fixtures/')) return [fixturesDir, path.slice('/__fixtures/'.length)];
  if (path.startsWith('/sub/path/')) return [distDir, path.slice('/sub/path/'.length)];
  return [distDir, path.slice(1)];
}

/** Extra headers for a request path (before any query). */
function headersFor(urlPath) {
  const path = urlPath.split('?')[0];
  const headers = { 'access-control-allow-origin': '*' };
  if (path === '/examples/strict-csp.html' || path === '/sub/path/examples/strict-csp.html') {
    headers['content-security-policy'] = STRICT_CSP;
  }
  return headers;
}

async function listen(server) {
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * Starts the server; resolves with `{ url, close }`. With `{ hostFor: url }`, starts a host-page
 * server on another origin that embeds the widget served at `url` (see the top of this file).
 */
export async function startServer({ hostFor = null, cors = true } = {}) {
  if (hostFor) return startHostServer(hostFor);
  const server = createServer(async (req, res) => {
    if (testRoute(req, res)) return;
    const [base, rel] = mapPath(req.url);
    let file = normalize(join(base, rel || 'index.html'));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    const extra = headersFor(req.url);
    if (!cors) delete extra['access-control-allow-origin'];
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...extra });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', ...extra }).end('not found');
    }
  });
  return listen(server);
}

/**
 * Routes for the tests: `/__synthetic/NAME` serves a SYNTHETIC file to add as data (see
 * synthetic-import.mjs; e.g. NM_162_1_SYNTHETIC.data.csv); `/__store/NAME` keeps what a test
 * PUTs there and serves it back; `/__redirect?to=URL` answers 302 to URL (a same-origin address
 * that sends the browser elsewhere); `/__stream?bytes=N` streams N bytes of JSON-looking text in
 * chunks, without a length, stopping as soon as the client goes away; `/embed-allowing.html?
 * allow=ORIGIN` is embed.html with ORIGIN in its allow-list. Returns true when handled.
 */
function testRoute(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname.startsWith('/__store/')) {
    // A file a test saved (PUT) and a page fetches back (GET), e.g. a downloaded overlay file.
    const name = url.pathname.slice('/__store/'.length);
    if (req.method === 'PUT') {
      const parts = [];
      req.on('data', (part) => parts.push(part));
      req.on('end', () => {
        stored.set(name, Buffer.concat(parts));
        res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      });
    } else if (stored.has(name)) res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(stored.get(name));
    else res.writeHead(404).end();
    return true;
  }
  if (url.pathname.startsWith('/__synthetic/')) {
    syntheticFile(decodeURIComponent(url.pathname.slice('/__synthetic/'.length))).then((body) => {
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': TYPES['.csv'], 'access-control-allow-origin': '*' }).end(body);
    });
    return true;
  }
  if (url.pathname === '/__redirect') {
    res.writeHead(302, { location: url.searchParams.get('to') ?? '/', 'access-control-allow-origin': '*' }).end();
    return true;
  }
  if (url.pathname === '/embed-allowing.html') {
    // embed.html as a partner edits it, with the origin in `allow` in its allow-list meta tag.
    const allow = (url.searchParams.get('allow') ?? '').replace(/[^a-z0-9:./ -]/gi, '');
    readFile(join(distDir, 'embed.html'), 'utf8').then((page) => {
      const edited = page.replace('name="work-health-atlas-allowed-origins" content=""', `name="work-health-atlas-allowed-origins" content="${allow}"`);
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(edited);
    }, () => res.writeHead(404).end());
    return true;
  }
  if (url.pathname !== '/__stream') return false;
  let left = Number(url.searchParams.get('bytes') ?? 0);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.write('{"notes": [');
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    if (!res.destroyed) res.end(']}');
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
  return true;
}

/** The policy of /host-csp.html: only the page's own origin and the widget's origin. */
export function hostCsp(widgetOrigin) {
  return `default-src 'self'; script-src 'self' ${widgetOrigin} 'wasm-unsafe-eval'; connect-src 'self' ${widgetOrigin}; style-src 'self'`;
}

const HOST_CSS = `/* A partner site's own styles, including the careless global rules CMS themes often have. */
html { font-family: Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fbfaf7; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 2; text-align: center; }
div { padding: 6px; border: 2px solid #c9c3b5; }
canvas { max-width: 40px; }
select, input, button { width: 60px; font-size: 30px; background: #f7e27a; }
h2, .title { font-size: 40px; text-transform: uppercase; }
.map { height: 50px; }
.legend { display: none; }
iframe { width: 100%; border: 0; display: block; }
`;

function hostPage(widgetUrl, title, body) {
  return `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="host.css">
</head>
<body>
  <h1>${title}</h1>
  <p>A partner site on another origin, embedding the atlas from ${widgetUrl}.</p>
  <h2 class="title" id="host-title">Site heading with the widget's class names</h2>
  <div class="map" id="host-map">A host box called "map".</div>
${body}
</body>
</html>
`;
}

async function startHostServer(widgetUrl) {
  const widgetOrigin = new URL(widgetUrl).origin;
  const element = `  <script type="module" src="${widgetUrl}/work-health-atlas.js"></script>
  <work-health-atlas indicator="employment-deprivation" geography="ward"></work-health-atlas>`;
  const iframe = `  <iframe id="atlas-frame" title="Work and Health Atlas" height="200"
    src="${widgetUrl}/embed.html?indicator=disability&amp;geography=ward&amp;view=full&amp;controls=search"></iframe>
  <script src="${widgetUrl}/embed-resize.js" defer></script>`;
  const pages = {
    '/host.html': { body: hostPage(widgetUrl, 'Partner site (element)', element) },
    '/host-csp.html': { body: hostPage(widgetUrl, 'Partner site (element, CSP)', element), csp: hostCsp(widgetOrigin) },
    '/host-iframe.html': { body: hostPage(widgetUrl, 'Partner site (iframe)', iframe) },
  };
  const favicon = await readFile(join(repoRoot, 'www', 'favicon.svg'));
  const snippets = new Map();
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path.startsWith('/__snippet/') && req.method === 'PUT') {
      const parts = [];
      req.on('data', (part) => parts.push(part));
      req.on('end', () => {
        snippets.set(path.slice('/__snippet/'.length), Buffer.concat(parts).toString('utf8'));
        res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      });
    } else if (snippets.has(path.replace(/^\/snippet-(.*)\.html$/, '$1'))) {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(hostPage(widgetUrl, 'Partner site (copied snippet)', snippets.get(path.replace(/^\/snippet-(.*)\.html$/, '$1'))));
    } else if (pages[path]) {
      const headers = { 'content-type': TYPES['.html'] };
      if (pages[path].csp) headers['content-security-policy'] = pages[path].csp;
      res.writeHead(200, headers).end(pages[path].body);
    } else if (path === '/host.css') {
      res.writeHead(200, { 'content-type': TYPES['.css'] }).end(HOST_CSS);
    } else if (path === '/favicon.svg' || path === '/favicon.ico') {
      res.writeHead(200, { 'content-type': TYPES['.svg'] }).end(favicon);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return listen(server);
}
