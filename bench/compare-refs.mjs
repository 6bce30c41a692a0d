// bench/compare-refs.mjs: apiref's reference beside Swagger UI, Redoc and Scalar, offline.
// The same descriptions (Meshery's `meshery` bundle, GitHub's api.github.com.json) rendered by
// each tool, opened in headless Chromium on 127.0.0.1 only, with every other request aborted
// and counted as a failure. For each tool and operation it measures the time until the first
// operation is visible, the time until a deep-linked operation is visible, the bytes
// transferred, the JS heap and the DOM nodes; then it takes screenshots of the deep-linked
// operation at 1400x900 and 390x844 (light, and dark at 1400x900) for a person to look at.
// This is a benchmark, not a test. bench/compare-refs.sh sets it up and runs it:
//
//   node bench/compare-refs.mjs [--out bench/.cache/compare] [--apiref build/apiref]
//     [--runs 3] [--cases meshery,github] [--tools apiref,swagger,redoc,scalar]
//     [--shots 1] [--reuse 0] [--chromium /usr/bin/chromium] [--timeout 180]
//
// The table goes to stdout (and OUT/table.md), progress to stderr, the raw runs to OUT/runs.tsv,
// the screenshots to OUT/shots/. It exits 1 if any run failed or any request left 127.0.0.1,
// and 2 if it could not start.

import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const CACHE = path.join(HERE, '.cache');
const say = (...a) => console.error(...a);
const die = (msg) => { console.error(`bench/compare-refs.mjs: ${msg}`); process.exit(2); };

// ---- options ---------------------------------------------------------------------------------------
const opt = {
  out: path.join(CACHE, 'compare'), apiref: path.join(REPO, 'build', 'apiref'), runs: '3',
  cases: 'meshery,github', tools: 'apiref,swagger,redoc,scalar', shots: '1', reuse: '0',
  chromium: '/usr/bin/chromium', timeout: '180',
  corpus: path.resolve(REPO, '..', 'shared', 'corpus'),
};
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in opt) || i + 1 >= process.argv.length) die(`unknown or incomplete option ${process.argv[i]}`);
  opt[k] = process.argv[++i];
}
const RUNS = Number(opt.runs), TIMEOUT_MS = Number(opt.timeout) * 1000;
if (!Number.isInteger(RUNS) || RUNS < 0) die('--runs must be a non-negative integer');
const OUT = path.resolve(opt.out), WEB = path.join(OUT, 'web'), SHOTS = path.join(OUT, 'shots');
const NM = path.join(CACHE, 'node_modules');
const SWAGGER_DIST = path.join(REPO, 'vendor', 'swagger-ui', 'node_modules', 'swagger-ui-dist');
const SCALAR_DIST = path.join(NM, '@scalar', 'api-reference', 'dist', 'browser');
const REDOCLY = path.join(NM, '.bin', 'redocly');
const GITHUB_SPEC = path.join(opt.corpus, 'github', 'api.github.com.json');

for (const [what, p] of [['apiref', opt.apiref], ['Chromium', opt.chromium], ['redocly (bench/compare-refs.sh installs it)', REDOCLY],
  ['@scalar/api-reference (bench/compare-refs.sh installs it)', path.join(SCALAR_DIST, 'standalone.js')],
  ['swagger-ui-dist (scripts/setup-deps.sh)', path.join(SWAGGER_DIST, 'swagger-ui-bundle.js')]]) {
  await fs.access(p).catch(() => die(`no ${what} at ${p}`));
}
let chromium, PW_VERSION;
for (const base of [path.join(CACHE, 'package.json'), path.join(REPO, 'tests', 'browser', 'package.json')]) {
  try {
    const req = createRequire(base);
    ({ chromium } = req('playwright-core'));
    PW_VERSION = req('playwright-core/package.json').version;
    break;
  } catch { /* try the next */ }
}
if (!chromium) die('playwright-core is not installed (bench/.cache or tests/browser)');
const versionOf = (dir) => JSON.parse(execFileSync('cat', [path.join(dir, 'package.json')], { encoding: 'utf8' })).version;
const VERSIONS = {
  swagger: versionOf(SWAGGER_DIST), redoc: versionOf(path.join(NM, '@redocly', 'cli')),
  scalar: versionOf(path.join(NM, '@scalar', 'api-reference')),
  apiref: execFileSync(opt.apiref, ['--version'], { encoding: 'utf8' }).trim(),
};

// ---- the descriptions and the operations looked at -------------------------------------------------
// Each operation names how every tool addresses it: apiref's page, Swagger UI's deep link
// (#/tag/operationId), Redoc's (#tag/Tag/operation/operationId) and Scalar's
// (#tag/tag-slug/METHOD/path), and a text its heading shows in each.
const CASES = {
  meshery: {
    title: 'Meshery (meshery bundle, 124 operations)',
    spec: 'meshery.openapi.yaml', first: 'meshery/index.html',
    ops: [
      { id: 'getWorkspaces', tag: 'workspaces', method: 'get', path: '/api/workspaces', summary: 'Get all workspaces',
        apiref: 'meshery/operations/getWorkspaces.html' },
      { id: 'evaluateRelationships', tag: 'Evaluation', method: 'post', path: '/api/registry/relationships/evaluate',
        summary: 'Evaluate relationships in a design', apiref: 'meshery/operations/evaluateRelationships.html' },
    ],
  },
  github: {
    title: "GitHub's api.github.com.json (1,223 operations)",
    spec: 'api.github.com.json', first: 'api.github.com/index.html',
    ops: [
      { id: 'repos/get', tag: 'repos', method: 'get', path: '/repos/{owner}/{repo}', summary: 'Get a repository',
        apiref: 'api.github.com/operations/repos-get.html' },
    ],
  },
};
const WANT_CASES = opt.cases.split(',').filter(Boolean);
for (const c of WANT_CASES) if (!CASES[c]) die(`unknown case ${c} (meshery, github)`);
const WANT_TOOLS = opt.tools.split(',').filter(Boolean);
for (const t of WANT_TOOLS) if (!['apiref', 'swagger', 'redoc', 'scalar'].includes(t)) die(`unknown tool ${t}`);

// ---- setup: every tool's pages under OUT/web, served as they are -----------------------------------
const run = (cmd, args, cwd = REPO, env = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
async function copyDir(from, to, keep = (f) => !f.endsWith('.map')) {
  await fs.mkdir(to, { recursive: true });
  for (const e of await fs.readdir(from, { withFileTypes: true })) {
    if (e.isDirectory()) await copyDir(path.join(from, e.name), path.join(to, e.name), keep);
    else if (keep(e.name)) await fs.copyFile(path.join(from, e.name), path.join(to, e.name));
  }
}
const REDOCLY_ENV = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' };

async function setup() {
  if (opt.reuse === '1' && await fs.access(path.join(WEB, 'ready')).then(() => true, () => false)) return;
  say('setting up the pages of every tool (untimed)...');
  await fs.rm(WEB, { recursive: true, force: true });
  await fs.mkdir(path.join(WEB, 'specs'), { recursive: true });
  const bundles = path.join(OUT, 'bundles');
  run(opt.apiref, ['bundle', 'examples/meshery', '-o', bundles, '-q']);
  await fs.copyFile(path.join(bundles, 'meshery.openapi.yaml'), path.join(WEB, 'specs', 'meshery.openapi.yaml'));
  await fs.copyFile(GITHUB_SPEC, path.join(WEB, 'specs', 'api.github.com.json'));
  say('  apiref build: meshery, github');
  run(opt.apiref, ['build', 'examples/meshery', '--bundle', 'meshery', '-o', path.join(WEB, 'apiref-meshery'), '-q']);
  run(opt.apiref, ['build', GITHUB_SPEC, '-o', path.join(WEB, 'apiref-github'), '-q']);
  // Swagger UI: its dist as shipped, one page per description with deep links on.
  await copyDir(SWAGGER_DIST, path.join(WEB, 'swagger'), (f) => !f.endsWith('.map') && !f.startsWith('log.'));
  // Scalar: its browser bundle (standalone.js and its chunks), one page per description; no
  // fonts from its CDN, no agent, no telemetry.
  await copyDir(SCALAR_DIST, path.join(WEB, 'scalar'));
  for (const [name, c] of Object.entries(CASES)) {
    const spec = `../specs/${c.spec}`;
    await fs.writeFile(path.join(WEB, 'swagger', `${name}.html`), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Swagger UI: ${name}</title><link rel="stylesheet" href="swagger-ui.css"><link rel="stylesheet" href="index.css"></head>
<body><div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script><script src="swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: ${JSON.stringify(spec)}, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: 'StandaloneLayout' });
</script></body></html>
`);
    await fs.writeFile(path.join(WEB, 'scalar', `${name}.html`), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scalar: ${name}</title></head>
<body><div id="app"></div>
<script src="standalone.js"></script>
<script>
Scalar.createApiReference('#app', { url: ${JSON.stringify(spec)}, withDefaultFonts: false, telemetry: false, showDeveloperTools: "never",
  agent: { disabled: true }, mcp: { disabled: true } });
</script></body></html>
`);
    say(`  redocly build-docs --inlineBundle: ${name}`);
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'apiref-compare-'));  // no stray redocly.yaml
    const specFile = path.join(WEB, 'specs', c.spec);
    run(REDOCLY, ['build-docs', specFile, '--inlineBundle', '-o', path.join(WEB, `redoc-${name}.html`)], tmp, REDOCLY_ENV);
    await fs.rm(tmp, { recursive: true, force: true });
  }
  await fs.writeFile(path.join(WEB, 'ready'), '');
}

// ---- a static server on 127.0.0.1 ------------------------------------------------------------------

// ---- where each tool shows an operation --------------------------------------------------------------
// Every load opens the operation's deep link: apiref's page of that operation, or the one page
// of the other tools with the operation in its URL's fragment. Two times are taken from it:
// - first: the first operation content laid out (anywhere on the page): apiref's h1, Swagger UI's
//   first .opblock, Redoc's first operation heading, Scalar's first operation heading;
// - deep: the linked operation's heading on screen (in the viewport, with its summary or path).
const scalarSlug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
function target(tool, name, op) {
  switch (tool) {
    case 'apiref': return { url: `apiref-${name}/${op.apiref}`, first: 'main h1', deep: 'main h1', text: op.summary };
    case 'swagger': return {
      url: `swagger/${name}.html#/${encodeURIComponent(op.tag)}/${encodeURIComponent(op.id)}`,
      first: '.opblock', deep: '.opblock.is-open .opblock-summary-path', text: op.path,
      // Swagger UI splits the fragment on '/', so an operationId with a '/' (GitHub's repos/get)
      // cannot be linked: it opens nothing. The screenshot then opens it by a click.
      linkable: !op.id.includes('/'),
    };
    case 'redoc': return { url: `redoc-${name}.html#tag/${encodeURIComponent(op.tag)}/operation/${op.id}`,
      first: '[data-item-kind="httpItem"] h2', deep: '[data-item-kind="httpItem"] h2', text: op.summary };
    case 'scalar': return { url: `scalar/${name}.html#tag/${scalarSlug(op.tag)}/${op.method.toUpperCase()}${op.path}`,
      first: '[id*="/tag/"][id*="/GET/"] h3, [id*="/tag/"][id*="/POST/"] h3', deep: 'h3', text: op.summary };
  }
  return null;
}
// Requests that may leave 127.0.0.1 without failing the run: none, except Redoc's "API docs by
// Redocly" logo, which its page always loads from Redocly's CDN (it is shown as counted).
const TOLERATED = (tool, u) => tool === 'redoc' && u.hostname === 'cdn.redoc.ly' && u.pathname.endsWith('.svg');

// Installed before any page script; checks on every animation frame (which runs once the
// render-blocking CSS is in) for the first operation and the linked one.
function watcher(t) {
  const w = (window.__cmp = { first: null, deep: null });
  const shown = (el, onScreen) => {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (!(r.width > 0 && r.height > 0) || cs.visibility === 'hidden' || cs.display === 'none') return false;
    if (el.textContent.trim() === '') return false;
    return !onScreen || (r.top < innerHeight && r.bottom > 0);
  };
  const check = () => {
    const now = performance.now();
    if (w.first === null && [...document.querySelectorAll(t.first)].some((e) => shown(e, false))) w.first = now;
    if (w.deep === null && t.linkable !== false &&
        [...document.querySelectorAll(t.deep)].some((e) => e.textContent.includes(t.text) && shown(e, true))) w.deep = now;
    if (w.first === null || (w.deep === null && t.linkable !== false)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function openOp(browser, origin, tool, name, op, { viewport, mobile = false, dark = false, metrics = true }) {
  const t = target(tool, name, op);
  const context = await browser.newContext({ viewport, colorScheme: dark ? 'dark' : 'light', isMobile: mobile,
                                             hasTouch: mobile, deviceScaleFactor: 1 });
  const blocked = [], errors = [];
  let bytes = 0;
  try {
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
      blocked.push(u.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e).split('\n')[0]));
    await page.addInitScript(watcher, t);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    await page.goto(`${origin}/${t.url}`, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForFunction((linkable) => window.__cmp && window.__cmp.first !== null &&
                               (window.__cmp.deep !== null || !linkable), t.linkable !== false,
                               { timeout: TIMEOUT_MS, polling: 100 });
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS });
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });
    const seen = await page.evaluate(() => ({ ...window.__cmp, nodes: document.getElementsByTagName('*').length }));
    let heap = null;
    if (metrics) {
      await cdp.send('HeapProfiler.collectGarbage');
      heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }
    const bad = blocked.filter((h) => !TOLERATED(tool, new URL(h)));
    return { ok: bad.length === 0, error: bad.length ? `requests to other hosts: ${bad.join(' ')}` : '',
             first: seen.first, deep: seen.deep, nodes: seen.nodes, heap, bytes, blocked, errors, page, context };
  } catch (e) {
    await context.close().catch(() => {});
    return { ok: false, error: String(e.message || e).split('\n')[0], blocked, errors };
  }
}

// Swagger UI cannot link GitHub's repos/get: for its screenshot the operation is opened by a click.
async function openByClick(page, op) {
  const found = await page.evaluate(({ method, path }) => {
    const block = [...document.querySelectorAll(`.opblock.opblock-${method}`)].find((b) => {
      const p = b.querySelector('.opblock-summary-path');
      return p && (p.getAttribute('data-path') || p.textContent).replace(/\u200b/g, '').trim() === path;
    });
    if (!block) return false;
    (block.querySelector('.opblock-summary-control') || block.querySelector('.opblock-summary')).click();
    block.scrollIntoView({ block: 'start' });
    return true;
  }, { method: op.method, path: op.path });
  if (!found) throw new Error(`no ${op.method} ${op.path} block in Swagger UI`);
  await page.waitForTimeout(500);
  await page.evaluate(() => document.querySelector('.opblock.is-open')?.scrollIntoView({ block: 'start' }));
}

// ---- main ------------------------------------------------------------------------------------------
const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b), n = v.length;
  return n === 0 ? null : n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

await setup();
const server = await serve(WEB);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: opt.chromium, headless: true,
  // As in bench/browser.mjs: Chromium's own look-ups of Google hosts are answered "not found".
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', '--disable-component-update',
         '--disable-sync', '--disable-domain-reliability', '--no-pings'],
});
const LOAD_START = loadavg();
const items = [];
for (const name of WANT_CASES) for (const op of CASES[name].ops) items.push({ name, op });
const rows = [];
let failed = 0;
const tsv = ['case\top\ttool\trun\tok\tfirst_ms\tdeep_ms\tbytes\theap\tnodes\tblocked\terrors\terror'];
for (const { name, op } of items) {
  for (let r = 0; r < RUNS; r++) {
    for (const tool of WANT_TOOLS) {  // interleaved, so that a change in load hits every tool
      say(`run ${r + 1}/${RUNS}: ${name} ${op.id} ${tool}`);
      const res = await openOp(browser, origin, tool, name, op, { viewport: { width: 1400, height: 900 } });
      if (res.context) await res.context.close().catch(() => {});
      if (!res.ok) { failed++; say(`   FAILED: ${res.error}`); }
      if (res.blocked.length) say(`   blocked: ${res.blocked.join(' ')}`);
      tsv.push([name, op.id, tool, r + 1, res.ok ? 1 : 0, res.first?.toFixed(0) ?? '', res.deep?.toFixed(0) ?? '',
                res.bytes ?? '', res.heap ?? '', res.nodes ?? '', res.blocked.length, res.errors.length,
                res.error].join('\t'));
      rows.push({ name, op: op.id, tool, ...res });
    }
  }
}
const LOAD_END = loadavg();

// Screenshots: the deep-linked operation as a reader sees it, once per tool and view.
if (opt.shots === '1') {
  await fs.mkdir(SHOTS, { recursive: true });
  const VIEWS = [
    { tag: 'wide', viewport: { width: 1400, height: 900 } },
    { tag: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
    { tag: 'wide-dark', viewport: { width: 1400, height: 900 }, dark: true },
  ];
  for (const { name, op } of items) for (const v of VIEWS) for (const tool of WANT_TOOLS) {
    const file = path.join(SHOTS, `${name}-${op.id.replace(/\W+/g, '-')}-${v.tag}-${tool}.png`);
    const res = await openOp(browser, origin, tool, name, op, { ...v, metrics: false });
    if (!res.ok) { failed++; say(`   screenshot ${path.basename(file)} FAILED: ${res.error}`); continue; }
    try {
      if (tool === 'swagger' && !target(tool, name, op).linkable) await openByClick(res.page, op);
      await res.page.waitForTimeout(1000);  // let scrolling and lazy sections settle
      await res.page.screenshot({ path: file });
      say(`   ${path.relative(REPO, file)}`);
    } catch (e) {
      failed++; say(`   screenshot ${path.basename(file)} FAILED: ${String(e.message || e).split('\n')[0]}`);
    } finally { await res.context.close().catch(() => {}); }
  }
}
await browser.close();
server.close();
await fs.writeFile(path.join(OUT, 'runs.tsv'), tsv.join('\n') + '\n');

// ---- the table ---------------------------------------------------------------------------------------
const NAMES = { apiref: `apiref ${VERSIONS.apiref.replace(/^apiref\s*/, '')}`, swagger: `Swagger UI ${VERSIONS.swagger}`,
                redoc: `Redoc (redocly ${VERSIONS.redoc})`, scalar: `Scalar ${VERSIONS.scalar}` };
const fmtMs = (x) => (x === null ? 'n/a' : `${Math.round(x)}`);
const fmtMiB = (x) => (x === null ? 'n/a' : (x / 1048576).toFixed(2));
const out = [];
out.push(`apiref vs Swagger UI, Redoc and Scalar: medians of ${RUNS} cold loads each, interleaved, 1400x900, light`);
out.push(`Chromium (playwright-core ${PW_VERSION}); ${os.cpus().length} cores; load avg ${LOAD_START} -> ${LOAD_END}`);
out.push('');
out.push('| operation | tool | first operation, ms | linked operation on screen, ms | transferred, MiB | JS heap, MiB | DOM nodes | runs ok |');
out.push('|---|---|---:|---:|---:|---:|---:|---:|');
for (const { name, op } of items) for (const tool of WANT_TOOLS) {
  const rs = rows.filter((x) => x.name === name && x.op === op.id && x.tool === tool);
  const ok = rs.filter((x) => x.ok);
  const lk = target(tool, name, op).linkable !== false;
  out.push(`| ${name} ${op.id} | ${NAMES[tool]} | ${fmtMs(median(ok.map((x) => x.first)))} | ${lk ? fmtMs(median(ok.map((x) => x.deep))) : 'no link'} | ` +
           `${fmtMiB(median(ok.map((x) => x.bytes)))} | ${fmtMiB(median(ok.map((x) => x.heap)))} | ${median(ok.map((x) => x.nodes)) ?? 'n/a'} | ${ok.length}/${rs.length} |`);
}
const blockedAll = [...new Set(rows.flatMap((x) => x.blocked.map((h) => `${x.tool}: ${h}`)))];
if (blockedAll.length) out.push('', `requests aborted (not 127.0.0.1): ${blockedAll.join('; ')}`);
console.log(out.join('\n'));
await fs.writeFile(path.join(OUT, 'table.md'), out.join('\n') + '\n');
process.exit(failed ? 1 : 0);
