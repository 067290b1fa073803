// A static file server on 127.0.0.1 for the end-to-end tests: serves dist/ at / and at /sub/path/
// (to prove the widget works from a sub-path), and the test fixtures at /__fixtures/.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const distDir = join(repoRoot, 'dist');
const fixturesDir = join(repoRoot, 'tests', 'e2e', 'fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function mapPath(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  if (path.startsWith('/__fixtures/')) return [fixturesDir, path.slice('/__fixtures/'.length)];
  if (path.startsWith('/sub/path/')) return [distDir, path.slice('/sub/path/'.length)];
  return [distDir, path.slice(1)];
}

/** Starts the server; resolves with `{ url, close }`. */
export async function startServer() {
  const server = createServer(async (req, res) => {
    const [base, rel] = mapPath(req.url);
    let file = normalize(join(base, rel || 'index.html'));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
