// A tiny static server for the page (no dependencies): serve(dir) -> {url, close}; listens on 127.0.0.1:0.
// Run directly to serve web/ by hand: node tests/e2e/serve.mjs [port] [dir]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export function serve(dir = WEB_DIR, port = 0) {
  const root = resolve(dir);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => {
    const { port: p } = server.address();
    ok({ url: `http://127.0.0.1:${p}/`, requests, close: () => new Promise((done) => server.close(done)) });
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const s = await serve(process.argv[3] || WEB_DIR, Number(process.argv[2] || 8080));
  console.log(`Serving ${process.argv[3] || WEB_DIR} at ${s.url}`);
}
