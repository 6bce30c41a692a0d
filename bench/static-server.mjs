// A static file server on 127.0.0.1 for the browser benchmarks (browser.mjs, compare-refs.mjs):
// no caching, so every timed load reads the files the tool under test wrote.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.yaml': 'application/yaml', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};
export function serve(root) {
  const server = createServer(async (req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      let st = await fs.stat(file);
      if (st.isDirectory()) { file = path.join(file, 'index.html'); st = await fs.stat(file); }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
                           'content-length': st.size, 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    } catch { res.writeHead(404).end(); }
  });
  return new Promise((ok, ko) => server.listen(0, '127.0.0.1', () => ok(server)).on('error', ko));
}
