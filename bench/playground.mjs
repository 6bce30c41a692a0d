// bench/playground.mjs: how soon the playground shows GitHub's description, in headless Chromium.
// apiref: the built site's playground/ (Swagger UI 5.35.0 with apiref's page and script), until
//   the first operation block (.opblock) is visible; then its "Try it" deep link to repos/get,
//   until that operation is open.
// Swagger UI (the anchor): swagger-ui-dist 5.35.0's own index.html, its initializer pointed at the
//   same description (otherwise as shipped), timed the same way, with the same deep link.
// Medians of several runs, each in a fresh browser context, and the ratio apiref / Swagger UI.
// Requests to any host but 127.0.0.1 are aborted and counted per tool (the stock initializer asks
// validator.swagger.io about the description; apiref's turns the validator off).
//
//   node bench/playground.mjs --site DIR [--runs 3] [--chromium /usr/bin/chromium] [--timeout 180]
//
// DIR is a site built from GitHub's description (apiref build ../shared/corpus/github/... -o DIR).
// Swagger UI comes from vendor/swagger-ui/node_modules (scripts/setup-deps.sh installs it) and
// playwright-core from tests/browser/node_modules or bench/.cache.
import { createServer } from "node:http";
import { createReadStream, promises as fs } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const die = (msg) => { console.error(`bench/playground.mjs: ${msg}`); process.exit(2); };
const opt = { site: null, runs: "3", chromium: "/usr/bin/chromium", timeout: "180" };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, "");
  if (!(k in opt) || i + 1 >= process.argv.length) die(`unknown or incomplete option ${process.argv[i]}`);
  opt[k] = process.argv[++i];
}
const RUNS = Number(opt.runs), TIMEOUT = Number(opt.timeout) * 1000;
if (!opt.site) die("--site is required");
const DIST = path.join(ROOT, "vendor/swagger-ui/node_modules/swagger-ui-dist");
const SPEC = "api.github.com/openapi.json";
await fs.access(path.join(opt.site, "playground/index.html")).catch(() => die(`no playground in ${opt.site}`));
await fs.access(path.join(opt.site, SPEC)).catch(() => die(`${opt.site} was not built from GitHub's description`));
await fs.access(path.join(DIST, "swagger-ui-bundle.js")).catch(() => die(`no swagger-ui-dist in ${DIST} (scripts/setup-deps.sh)`));

let chromium;
for (const base of [path.join(ROOT, "tests/browser/package.json"), path.join(HERE, ".cache/package.json")]) {
  try { ({ chromium } = createRequire(base)("playwright-core")); break; } catch { /* next */ }
}
if (!chromium) die("playwright-core is not installed (cd tests/browser && npm ci)");

// One static server: the site at /, swagger-ui-dist at /stock/ with its initializer pointed at the site's description.
const stockInit = (await fs.readFile(path.join(DIST, "swagger-initializer.js"), "utf8"))
  .replace("https://petstore.swagger.io/v2/swagger.json", `/${SPEC}`);
if (!stockInit.includes(`/${SPEC}`)) die("swagger-initializer.js no longer names the petstore: update this script");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png" };
const server = createServer(async (req, res) => {
  const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p === "/stock/swagger-initializer.js") { res.writeHead(200, { "content-type": "text/javascript" }); return res.end(stockInit); }
  const rel = p.endsWith("/") ? `${p}index.html` : p;
  const file = rel.startsWith("/stock/") ? path.join(DIST, rel.slice(7)) : path.join(opt.site, rel);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const BASE = `http://127.0.0.1:${server.address().port}`;

const tools = {
  apiref: { load: `${BASE}/playground/`, deep: `${BASE}/playground/index.html?urls.primaryName=api.github.com#/repos/repos%2Fget` },
  "Swagger UI": { load: `${BASE}/stock/`, deep: `${BASE}/stock/#/repos/repos%2Fget` },
};
const browser = await chromium.launch({ executablePath: opt.chromium, headless: true,
                                        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const results = {};
for (const name of Object.keys(tools)) results[name] = { load: [], deep: [], opened: 0, external: new Set(), errors: 0 };

async function once(name, kind) {
  const r = results[name];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1") return route.continue();
    r.external.add(u.host);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("pageerror", () => r.errors++);
  const started = Date.now();
  await page.goto(tools[name][kind]);
  await page.locator(".opblock").first().waitFor({ state: "visible", timeout: TIMEOUT });
  if (kind === "load") {
    r.load.push(Date.now() - started);
  } else {
    // Opened when Swagger UI shows repos/get expanded; given up 5 s after the list is there.
    const open = await page.locator(".opblock.is-open .opblock-summary-path[data-path='/repos/{owner}/{repo}']")
      .first().waitFor({ state: "visible", timeout: 5000 }).then(() => true, () => false);
    if (open) { r.deep.push(Date.now() - started); r.opened++; }
  }
  await context.close();
}

for (let i = 0; i < RUNS; i++) {
  for (const name of Object.keys(tools)) {
    for (const kind of ["load", "deep"]) {
      process.stderr.write(`run ${i + 1}/${RUNS}: ${name} ${kind}\n`);
      await once(name, kind);
    }
  }
}
await browser.close();
server.close();

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const s = (msv) => (Number.isNaN(msv) ? "-" : `${(msv / 1000).toFixed(1)} s`);
const specMiB = ((await fs.stat(path.join(opt.site, SPEC))).size / 1048576).toFixed(1);
console.log(`GitHub's description (${specMiB} MiB JSON) in Swagger UI 5.35.0, headless Chromium, ${RUNS} runs each, medians`);
console.log("tool        | to first operation | deep link repos/get opened | to repos/get open | other hosts asked (aborted) | page errors");
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(11)} | ${s(median(r.load)).padEnd(18)} | ${`${r.opened}/${RUNS}`.padEnd(26)} | ` +
              `${s(median(r.deep)).padEnd(17)} | ${([...r.external].join(", ") || "none").padEnd(27)} | ${r.errors}`);
}
const ratio = median(results.apiref.load) / median(results["Swagger UI"].load);
console.log(`ratio apiref / Swagger UI, to first operation: ${ratio.toFixed(2)}`);
