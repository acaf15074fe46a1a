#!/usr/bin/env node
// @ts-check
// A tiny static file server for the built web page (and test pages):
//
//   node scripts/serve.mjs [DIR] [PORT]     (defaults: dist/www, $PORT or 8080)
//
// Binds 127.0.0.1 only. Port 0 picks a free port; the URL is printed.
// Serves files as they are (no directory listings except index.html, no
// server-side code): the site must work the same from any static host.
// The tests import `serve()` to run it in-process on an ephemeral port.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content types by extension; anything else is application/octet-stream. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  // application/wasm lets the browser compile while downloading.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.zip': 'application/zip',
};

/**
 * Starts serving `dir` on 127.0.0.1.
 * @param {string} dir directory to serve
 * @param {number} [port] 0 for an ephemeral port
 * @param {{ log?: (line: string) => void }} [opts] `log` gets one line per request
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function serve(dir, port = 0, opts = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const log = opts.log ?? (() => {});
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let file = normalize(join(root, path));
    // Never serve anything outside the root (../ tricks, encoded or not).
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      log(`403 ${path}`);
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const st = statSync(file);
      const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file).toLowerCase())] ?? 'application/octet-stream';
      res.writeHead(200, {
        'content-type': type,
        'content-length': st.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      log(`200 ${path}`);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      log(`404 ${path}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      ok({
        url: `http://127.0.0.1:${p}/`,
        port: p,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist/www';
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    console.error(`serve: ${dir} is not a directory (build it first: node scripts/build-www.mjs)`);
    process.exit(1);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad port ${process.argv[3] ?? process.env.PORT}`);
    process.exit(1);
  }
  serve(dir, port).then(
    ({ url }) => console.log(`serving ${dir} at ${url}  (Ctrl-C to stop)`),
    (e) => {
      console.error(`serve: ${e.message}`);
      process.exit(1);
    },
  );
}
