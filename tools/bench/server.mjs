// The bench's static server on 127.0.0.1 (one origin, so no third-party request):
//   /dist/…     the built widget (dist/)
//   /bench/…    the bench pages (tools/bench/)
//   /leaflet/…  Leaflet's files from node_modules/leaflet/dist/
//   /data/…     the bench data (target/bench/: GeoJSON for Leaflet, synthetic bundles for `src=`)
// Files are sent uncompressed (gzip sizes are computed by the runner) with
// `Cache-Control: max-age=3600`, so a second navigation in the same browser context is a warm load.
// `hits` counts requests per path, to show which files a warm load fetched again.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Starts the server; resolves with `{ url, close, hits }`. `roots` maps a first path segment to a folder. */
export async function startBenchServer(roots) {
  const hits = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(req.url.split('?')[0]);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const [, segment, ...rest] = path.split('/');
    const base = roots[segment];
    if (!base) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const file = normalize(join(base, rest.join('/')));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'max-age=3600',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)), hits };
}
