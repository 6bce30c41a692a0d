// bench/playground.mjs: how soon the playground lets the reader try an operation, in headless
// Chromium, every case interleaved in one run (a change in the machine's load hits them all).
//
// GitHub's description (13 MB, 1,223 operations):
//   Swagger UI (the anchor)  swagger-ui-dist 5.35.0's own index.html, its initializer pointed at
//                            the whole description: until its first operation (.opblock) shows.
//   apiref, Try it           the "Try it" link of repos/get (a built site's operation page):
//                            until that operation is ready to execute, i.e. expanded with its
//                            Execute button (Try it out on) visible. A large bundle opens on the
//                            operation alone, cut in the page from its tag's description
//                            (playground/tags/<bundle>/<tag>.json).
//   apiref before            the same link on a site built before (--site-before), to compare.
// Meshery's bundles (0.5-0.6 MB each): the Try it link of meshery's getWorkspaces and cloud's
//   getWorkspaces, on --meshery-before (built before), --meshery (this build) and, optionally,
//   --meshery-sliced (a build with every bundle sliced, to show what slicing them would give).
// Medians of --runs runs, each in a fresh browser context, and ratios. Requests to any host but
// 127.0.0.1 are aborted and counted (the stock initializer asks validator.swagger.io about the
// description). The load average is printed before and after: compare ratios, not seconds.
//
//   node bench/playground.mjs --site DIR [--site-before DIR] [--meshery DIR] [--meshery-before DIR]
//                             [--meshery-sliced DIR] [--runs 5] [--chromium /usr/bin/chromium] [--timeout 180]
//                             [--phases 1] [--ready form|swagger]
//
// Every load is cold: a new context, and the static server sends no-store, so nothing is cached
// and nothing is fetched ahead from another page (no prefetch is counted).
//
// DIR: a site built by apiref (build ../shared/corpus/github/api.github.com.json -o DIR, or
// build examples/meshery -o DIR). Swagger UI comes from vendor/swagger-ui/node_modules
// (scripts/setup-deps.sh installs it), playwright-core from tests/browser/node_modules or bench/.cache.
import { promises as fs } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./static-server.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const die = (msg) => { console.error(`bench/playground.mjs: ${msg}`); process.exit(2); };
const opt = { site: null, "site-before": null, meshery: null, "meshery-before": null, "meshery-sliced": null,
              runs: "5", chromium: "/usr/bin/chromium", timeout: "180", phases: "0", ready: "form" };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, "");
  if (!(k in opt) || i + 1 >= process.argv.length) die(`unknown or incomplete option ${process.argv[i]}`);
  opt[k] = path.resolve(process.argv[++i]);
  if (k === "runs" || k === "timeout" || k === "chromium" || k === "phases" || k === "ready") opt[k] = process.argv[i];
}
const RUNS = Number(opt.runs), TIMEOUT = Number(opt.timeout) * 1000, PHASES = opt.phases === "1";
if (!opt.site) die("--site is required");
if (opt.ready !== "form" && opt.ready !== "swagger") die("--ready is form or swagger");
const DIST = path.join(ROOT, "vendor/swagger-ui/node_modules/swagger-ui-dist");
const SPEC = "api.github.com/openapi.json";
await fs.access(path.join(opt.site, SPEC)).catch(() => die(`${opt.site} was not built from GitHub's description`));
await fs.access(path.join(DIST, "swagger-ui-bundle.js")).catch(() => die(`no swagger-ui-dist in ${DIST} (scripts/setup-deps.sh)`));

let chromium;
for (const base of [path.join(ROOT, "tests/browser/package.json"), path.join(HERE, ".cache/package.json")]) {
  try { ({ chromium } = createRequire(base)("playwright-core")); break; } catch { /* next */ }
}
if (!chromium) die("playwright-core is not installed (cd tests/browser && npm ci)");

// Stock Swagger UI: swagger-ui-dist's files, its initializer pointed at GitHub's description.
const stock = await fs.mkdtemp(path.join(os.tmpdir(), "apiref-bench-stock-"));
for (const name of await fs.readdir(DIST)) await fs.symlink(path.join(DIST, name), path.join(stock, name));
await fs.rm(path.join(stock, "swagger-initializer.js"));
const init = (await fs.readFile(path.join(DIST, "swagger-initializer.js"), "utf8"))
  .replace("https://petstore.swagger.io/v2/swagger.json", "/openapi.json");
if (!init.includes('"/openapi.json"')) die("swagger-initializer.js no longer names the petstore: update this script");
await fs.writeFile(path.join(stock, "swagger-initializer.js"), init);
await fs.symlink(path.join(opt.site, SPEC), path.join(stock, "openapi.json"));

// The Try it link of an operation page, as the site wrote it.
async function tryIt(site, page) {
  const html = await fs.readFile(path.join(site, page), "utf8").catch(() => die(`no ${page} in ${site}`));
  const m = /class="try-it" href="([^"]+)"/.exec(html);
  if (!m) die(`${site}/${page} has no Try it link`);
  return new URL(m[1].replaceAll("&amp;", "&"), `http://x/${page}`).href.slice("http://x/".length);
}

// Ready to execute: the operation Swagger UI shows for the link's #/<tag>/<id> is expanded, its
// Execute button visible. Its element id is "operations-<tag>-<id>", spaces as '_', CSS-escaped
// (GitHub's repos/get: operations-repos-repos\/get).
// --ready form (the default): apiref's request form (playground/apiref-form.js) shows the
// operation with its Execute button visible and enabled; a site without the form (built
// before it) is still measured by Swagger UI's, whichever shows first. --ready swagger: Swagger
// UI's only, the condition this benchmark had before the form.
function readyLocator(page, link) {
  const swagger = swaggerLocator(page, link);
  return opt.ready === "form" ? page.locator("#apiref-form-execute:enabled").or(swagger) : swagger;
}

function swaggerLocator(page, link) {
  const [tag, id] = new URL(link, "http://x").hash.slice(2).split("/").map(decodeURIComponent);
  const el = `operations-${tag}-${id}`.replace(/\s/g, "_").replace(/[^A-Za-z0-9_\-\u0080-\uffff]/g, "\\$&");
  return page.locator(`[id="${el.replace(/[\\"]/g, "\\$&")}"].is-open button.execute`);
}

const servers = [];
async function origin(root) {
  const s = await serve(root);
  servers.push(s);
  return `http://127.0.0.1:${s.address().port}/`;
}
const cases = [];  // { name, group, url, ready(page) }
const ghLink = await tryIt(opt.site, "api.github.com/operations/repos-get.html");
cases.push({ name: "Swagger UI, first operation", group: "github", url: await origin(stock),
             ready: (p) => p.locator(".opblock").first() });
cases.push({ name: "apiref Try it repos/get", group: "github", url: (await origin(opt.site)) + ghLink,
             ready: (p) => readyLocator(p, ghLink) });
if (opt["site-before"]) {
  const link = await tryIt(opt["site-before"], "api.github.com/operations/repos-get.html");
  cases.push({ name: "apiref before, Try it repos/get", group: "github", url: (await origin(opt["site-before"])) + link,
               ready: (p) => readyLocator(p, link) });
}
for (const [key, label] of [["meshery-before", "before"], ["meshery", "this build"], ["meshery-sliced", "all sliced"]]) {
  if (!opt[key]) continue;
  const base = await origin(opt[key]);
  for (const bundle of ["meshery", "cloud"]) {
    const link = await tryIt(opt[key], `${bundle}/operations/getWorkspaces.html`);
    cases.push({ name: `Meshery ${bundle} ${label}`, group: `meshery-${bundle}`, url: base + link,
                 ready: (p) => readyLocator(p, link) });
  }
}

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");
const loadBefore = load();
const browser = await chromium.launch({ executablePath: opt.chromium, headless: true,
                                        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
for (const c of cases) Object.assign(c, { times: [], failed: 0, external: new Set(), errors: 0, phases: [] });

// --phases 1: where the time goes, marked in the page (ms from navigation start): Swagger UI's
// script evaluated (its global assigned), SwaggerUIBundle() called, the description received
// (the largest JSON response's end), the first operation block, an open one, its Execute button.
// Off by default: the observer it needs costs a little on every change of the page.
const MARKS = () => {
  const T = (window.__phases = {});
  const mark = (k) => { if (!(k in T)) T[k] = Math.round(performance.now()); };
  let ui;
  Object.defineProperty(window, "SwaggerUIBundle", { configurable: true, get: () => ui, set(v) {
    mark("script");
    ui = typeof v === "function" ? new Proxy(v, { apply: (f, self, args) => (mark("started"), Reflect.apply(f, self, args)) }) : v;
  } });
  new MutationObserver(() => {
    if (document.querySelector("#swagger-ui .opblock")) mark("opblock");
    if (document.querySelector("#swagger-ui .opblock.is-open")) mark("open");
    if (document.querySelector("#swagger-ui .opblock.is-open button.execute")) mark("execute");
    if (document.querySelector("#apiref-form-execute")) mark("form");
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
};
const PHASE_NAMES = ["form", "script", "started", "description", "opblock", "open", "execute"];

async function once(c) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1") return route.continue();
    c.external.add(u.host);
    return route.abort("blockedbyclient");
  });
  if (PHASES) await context.addInitScript(MARKS);
  const page = await context.newPage();
  page.on("pageerror", () => c.errors++);
  const started = Date.now();
  await page.goto(c.url);
  const ok = await c.ready(page).first().waitFor({ state: "visible", timeout: TIMEOUT }).then(() => true, () => false);
  if (ok) c.times.push(Date.now() - started);
  else c.failed++;
  if (ok && PHASES) c.phases.push(await page.evaluate(() => {
    const json = performance.getEntriesByType("resource").filter((e) => /\.json$/.test(new URL(e.name).pathname))
      .sort((a, b) => b.encodedBodySize - a.encodedBodySize)[0];
    return { ...window.__phases, description: json ? Math.round(json.responseEnd) : undefined };
  }));
  await context.close();
}

// Each run starts one case later than the one before: a machine whose load climbs or falls
// through the run does not favour the cases listed first.
for (let i = 0; i < RUNS; i++) {
  for (const c of cases.slice(i % cases.length).concat(cases.slice(0, i % cases.length))) {
    process.stderr.write(`run ${i + 1}/${RUNS}: ${c.name}\n`);
    await once(c);
  }
}
await browser.close();
for (const s of servers) s.close();
await fs.rm(stock, { recursive: true, force: true });

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const s = (ms) => (Number.isNaN(ms) ? "-" : `${(ms / 1000).toFixed(2)} s`);
const specMiB = ((await fs.stat(path.join(opt.site, SPEC))).size / 1048576).toFixed(1);
console.log(`Playground, headless Chromium, Swagger UI 5.35.0, ${RUNS} interleaved runs each, medians`);
console.log(`ready: ${opt.ready === "form" ? "apiref's request form's Execute (else Swagger UI's)" : "Swagger UI's Execute"}`);
console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after; ${os.cpus().length} cores`);
console.log(`GitHub's description: ${specMiB} MiB JSON`);
console.log("case                              | median  | runs (min-max)      | failed | other hosts (aborted) | page errors");
for (const c of cases) {
  const range = c.times.length ? `${s(Math.min(...c.times))}-${s(Math.max(...c.times))}` : "-";
  console.log(`${c.name.padEnd(33)} | ${s(median(c.times)).padEnd(7)} | ${range.padEnd(19)} | ${String(c.failed).padEnd(6)} | ` +
              `${([...c.external].join(", ") || "none").padEnd(21)} | ${c.errors}`);
}
if (PHASES) {
  console.log(`phases, ms from navigation start (medians): ${PHASE_NAMES.join(" / ")}`);
  for (const c of cases)
    console.log(`${c.name.padEnd(33)} | ${PHASE_NAMES.map((k) => {
      const xs = c.phases.map((p) => p[k]).filter((x) => x !== undefined);
      return xs.length ? String(median(xs)) : "-";
    }).join(" / ")}`);
}
const m = (name) => median(cases.find((c) => c.name === name)?.times || []);
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? "-" : (a / b).toFixed(2));
console.log(`Swagger UI's first operation / apiref's Try it ready: ${ratio(m("Swagger UI, first operation"), m("apiref Try it repos/get"))}x sooner`);
if (opt["site-before"])
  console.log(`apiref before / apiref now, Try it repos/get ready: ${ratio(m("apiref before, Try it repos/get"), m("apiref Try it repos/get"))}x sooner`);
for (const bundle of ["meshery", "cloud"]) {
  const now = m(`Meshery ${bundle} this build`);
  if (opt["meshery-before"]) console.log(`Meshery ${bundle}: before / this build: ${ratio(m(`Meshery ${bundle} before`), now)}`);
  if (opt["meshery-sliced"]) console.log(`Meshery ${bundle}: all sliced / this build: ${ratio(m(`Meshery ${bundle} all sliced`), now)}`);
}
