// bench/browser.mjs: how soon a reader sees an operation, in headless Chromium.
// apiref: one operation page of the built GitHub site, until its <h1> is visible.
// Swagger UI (the anchor): its dist folder loading the same GitHub description, until the first
// operation block (.opblock) is visible.
// For each: the time from navigation start, and the JS heap in use once the page has settled.
// This is a benchmark, not a test. bench/build.sh runs it; it can also run on its own:
//
//   node bench/browser.mjs --site DIR --page api.github.com/operations/repos-get.html \
//     --spec ../shared/corpus/github/api.github.com.json \
//     --swagger-dist bench/.cache/node_modules/swagger-ui-dist [--runs 5] [--warmup 1] \
//     [--chromium /usr/bin/chromium] [--timeout 120] [--raw FILE]
//
// Both sites are served by tiny static servers on 127.0.0.1 only. Every request to any other host
// is aborted and counted. The table goes to stdout and progress to stderr. It exits 1 if any run
// failed and 2 if it could not start.

import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const say = (...a) => console.error(...a);
const die = (msg) => { console.error(`bench/browser.mjs: ${msg}`); process.exit(2); };

// ---- options ---------------------------------------------------------------------------------------
const opt = {
  site: null, page: 'api.github.com/operations/repos-get.html', spec: null, 'swagger-dist': null,
  runs: '5', warmup: '1', chromium: '/usr/bin/chromium', timeout: '120', raw: null,
};
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in opt) || i + 1 >= process.argv.length) die(`unknown or incomplete option ${process.argv[i]}`);
  opt[k] = process.argv[++i];
}
const RUNS = Number(opt.runs), WARMUP = Number(opt.warmup), TIMEOUT_MS = Number(opt.timeout) * 1000;
if (!Number.isInteger(RUNS) || RUNS < 1) die('--runs must be a positive integer');
if (!Number.isInteger(WARMUP) || WARMUP < 0) die('--warmup must be a non-negative integer');
if (!(TIMEOUT_MS > 0)) die('--timeout must be positive (seconds)');
for (const k of ['site', 'spec', 'swagger-dist']) if (!opt[k]) die(`--${k} is required`);
const pageFile = path.join(opt.site, opt.page, opt.page.endsWith('/') ? 'index.html' : '');
await fs.access(pageFile).catch(() => die(`no apiref page at ${pageFile}`));
await fs.access(opt.spec).catch(() => die(`no description at ${opt.spec}`));
await fs.access(path.join(opt['swagger-dist'], 'swagger-ui-bundle.js')).catch(() => die(`no swagger-ui-dist at ${opt['swagger-dist']}`));
await fs.access(opt.chromium).catch(() => die(`no Chromium at ${opt.chromium} (Debian: apt-get install chromium)`));

// playwright-core is resolved from bench/.cache (where bench/build.sh installs it) or beside this file.
let chromium, PW_VERSION;
for (const base of [path.join(HERE, '.cache', 'package.json'), path.join(HERE, 'package.json')]) {
  try {
    const req = createRequire(base);
    ({ chromium } = req('playwright-core'));
    PW_VERSION = req('playwright-core/package.json').version;
    break;
  } catch { /* try the next */ }
}
if (!chromium) die('playwright-core is not installed (bash bench/build.sh installs it into bench/.cache)');
const SWAGGER_VERSION = JSON.parse(await fs.readFile(path.join(opt['swagger-dist'], 'package.json'), 'utf8')).version;

// ---- the Swagger UI folder: its dist, a copy of the description, and our initializer --------------
const swDir = await fs.mkdtemp(path.join(os.tmpdir(), 'apiref-swagger-'));
const cleanup = () => fs.rm(swDir, { recursive: true, force: true });
for (const f of await fs.readdir(opt['swagger-dist'])) {
  if (!f.endsWith('.map')) await fs.copyFile(path.join(opt['swagger-dist'], f), path.join(swDir, f));
}
const SPEC_NAME = path.basename(opt.spec);
await fs.copyFile(opt.spec, path.join(swDir, SPEC_NAME));
await fs.writeFile(path.join(swDir, 'swagger-initializer.js'), `// written by bench/browser.mjs
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify('./' + SPEC_NAME)},
    dom_id: '#swagger-ui',
    deepLinking: false,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout'
  });
};
`);

// ---- tiny static servers on 127.0.0.1 --------------------------------------------------------------
const siteRoot = path.resolve(opt.site);
const apirefServer = await serve(siteRoot);
const swaggerServer = await serve(await fs.realpath(swDir));
const origin = (s) => `http://127.0.0.1:${s.address().port}`;

const TOOLS = {
  apiref: { url: `${origin(apirefServer)}/${opt.page}`, selector: 'h1', what: 'h1 of the operation page' },
  swagger: { url: `${origin(swaggerServer)}/index.html`, selector: '.opblock', what: 'first .opblock' },
};

// ---- one run ---------------------------------------------------------------------------------------
// The watcher is installed before any page script. It checks on every animation frame, which only
// runs once the render-blocking stylesheets are in, so "visible" means laid out with its CSS: a
// non-empty box, not display:none or visibility:hidden, with some text. The time taken is that of
// the next animation frame, once the frame holding the element has been produced.
// performance.now() counts from the navigation start of the document.
function watcher(selector) {
  const w = (window.__bench = { at: null });
  const check = () => {
    const el = document.querySelector(selector);
    if (el) {
      const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
      if (r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' &&
          el.textContent.trim() !== '') {
        w.laidOut = performance.now();
        w.text = el.textContent.trim().replace(/\s+/g, ' ').slice(0, 60);
        // The frame that holds it is produced after this callback: the next animation frame
        // starts once that frame is out, so its time is when the element is on screen.
        requestAnimationFrame(() => { w.at = performance.now(); });
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

let blocked = 0;
async function runOnce(browser, tool) {
  const t = TOOLS[tool];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });  // cold cache each run
  try {
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' || u.protocol === 'data:') return route.continue();
      blocked++;
      say(`   blocked a request to ${u.origin}`);
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(watcher, t.selector);
    const cdp = await context.newCDPSession(page);
    await page.goto(t.url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.__bench && window.__bench.at !== null, null,
                               { timeout: TIMEOUT_MS, polling: 100 });
    // Settle: the load event, no request for 500 ms, then a GC, then the heap in use.
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS });
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });
    const seen = await page.evaluate(() => ({
      at: window.__bench.at, laidOut: window.__bench.laidOut, text: window.__bench.text,
      fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
    }));
    const before = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await cdp.send('Runtime.getHeapUsage');
    return { ok: true, ms: seen.at, laidOut: seen.laidOut, fcp: seen.fcp, heap: after.usedSize, heapNoGc: before.usedSize,
             text: seen.text, errors };
  } catch (e) {
    return { ok: false, error: String(e.message || e).split('\n')[0] };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- the runs, interleaved -------------------------------------------------------------------------
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b), n = v.length;
  return n === 0 ? null : n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const LOAD_START = loadavg();
let browser;
try {
  browser = await chromium.launch({
    executablePath: opt.chromium, headless: true,
    // Chromium still resolves some Google hosts of its own (sign-in, component updates) even with
    // --disable-background-networking: its resolver is told that every name but 127.0.0.1 does not
    // exist, so it sends no DNS query and opens no connection.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', '--disable-component-update',
           '--disable-sync', '--disable-domain-reliability', '--no-pings'],
  });
} catch (e) {
  await cleanup();
  die(`cannot launch ${opt.chromium}: ${String(e.message || e).split('\n')[0]}`);
}
const CHROMIUM_VERSION = browser.version();
say(`browser: Chromium ${CHROMIUM_VERSION} via playwright-core ${PW_VERSION}; Swagger UI ${SWAGGER_VERSION}`);
say(`apiref page: ${TOOLS.apiref.url}\nSwagger UI:  ${TOOLS.swagger.url}`);

const res = { apiref: [], swagger: [] }, failed = { apiref: [], swagger: [] }, rows = [];
const fmtRun = (r) => r.ok ? `${r.ms.toFixed(0)} ms ${(r.heap / 2 ** 20).toFixed(1)} MiB` : 'FAILED';
for (let i = -WARMUP + 1; i <= RUNS; i++) {
  const label = i <= 0 ? 'warm-up ' : `run ${i}/${RUNS}`;
  let line = `   ${label}`;
  for (const tool of ['apiref', 'swagger']) {
    const r = await runOnce(browser, tool);
    rows.push([i <= 0 ? 'warmup' : i, tool, r]);
    if (!r.ok) {
      failed[tool].push(i);
      say(`FAILED: ${tool}, ${label}: ${r.error}`);
    } else {
      if (r.errors.length) say(`   ${tool}: page errors: ${r.errors.slice(0, 3).join(' | ')}`);
      if (i > 0) res[tool].push(r);
    }
    line += `  ${tool} ${fmtRun(r)}`;
  }
  say(line);
}
await browser.close();
apirefServer.close(); swaggerServer.close();
await cleanup();
const LOAD_END = loadavg();

if (opt.raw) {
  const lines = ['run\ttool\tstatus\tcontent_ms\tlaid_out_ms\tfcp_ms\theap_used_b\theap_used_nogc_b\tseen'];
  for (const [i, tool, r] of rows) {
    lines.push(r.ok ? [i, tool, 'ok', r.ms.toFixed(1), r.laidOut.toFixed(1), r.fcp?.toFixed(1) ?? '', r.heap, r.heapNoGc, r.text].join('\t')
                    : [i, tool, 'failed', '', '', '', '', '', r.error].join('\t'));
  }
  await fs.writeFile(opt.raw, lines.join('\n') + '\n');
}

// ---- the table -------------------------------------------------------------------------------------
const cell = (tool, f, digits) => failed[tool].length ? 'FAILED' : median(res[tool].map(f)).toFixed(digits);
const ratio = (a, s) => (/^[0-9.]+$/.test(a) && /^[0-9.]+$/.test(s) && Number(a) > 0) ? (Number(s) / Number(a)).toFixed(2) : 'n/a';
const ms = { a: cell('apiref', (r) => r.ms, 0), s: cell('swagger', (r) => r.ms, 0) };
const fcp = { a: cell('apiref', (r) => r.fcp ?? NaN, 0), s: cell('swagger', (r) => r.fcp ?? NaN, 0) };
const heap = { a: cell('apiref', (r) => r.heap / 2 ** 20, 2), s: cell('swagger', (r) => r.heap / 2 ** 20, 2) };
const pad = (s, n) => String(s).padStart(n);
const padr = (s, n) => String(s).padEnd(n);
const row = (a, b, c, d) => `${padr(a, 52)} ${pad(b, 10)} ${pad(c, 12)} ${pad(d, 8)}`;
console.log(`apiref page vs Swagger UI in headless Chromium: median of ${RUNS} runs each, interleaved, cold cache each run`);
console.log(`Chromium ${CHROMIUM_VERSION} (playwright-core ${PW_VERSION}); swagger-ui-dist ${SWAGGER_VERSION}; ${os.cpus().length} cores; load avg ${LOAD_START} -> ${LOAD_END}`);
console.log(`apiref: /${opt.page} (${(await fs.stat(pageFile)).size} B of HTML); Swagger UI: index.html loading ${SPEC_NAME} (${(await fs.stat(opt.spec)).size} B)`);
console.log('');
console.log(row('measure', 'apiref', 'Swagger UI', 'x'));
console.log(row('-'.repeat(52), '-'.repeat(10), '-'.repeat(12), '-'.repeat(8)));
console.log(row('operation visible, ms from navigation start', ms.a, ms.s, ratio(ms.a, ms.s)));
console.log(row('first contentful paint, ms (context)', fcp.a, fcp.s, ratio(fcp.a, fcp.s)));
console.log(row('JS heap used after load + GC, MiB', heap.a, heap.s, ratio(heap.a, heap.s)));
console.log('');
console.log('x is Swagger UI / apiref (above 1: apiref is sooner or smaller). "Operation visible" is the');
console.log("apiref page's h1, and Swagger UI's first .opblock (it shows every operation of the description).");
if (blocked) console.log(`${blocked} request(s) to hosts other than 127.0.0.1 were blocked.`);
if (failed.apiref.length || failed.swagger.length) {
  console.log('SOME RUNS FAILED: see the messages above (FAILED cells have no median).');
  process.exit(1);
}
