// Browser tests for the playground's request form (playground/apiref-form.js): a deep link to an
// operation shows a form for it before Swagger UI's script is evaluated; Execute sends exactly
// the request the curl it shows says, with the auth the operation's page states.
// Imported by playground_slice.mjs; run through run.sh (GITHUB_URL, EXAMPLE_URL, SERVE_MESHERY_URL,
// SERVE_OPEN_URL, SERVE_OPEN_LOG, SCREENSHOTS).
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { test, report } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const GITHUB = env("GITHUB_URL"), EXAMPLE = env("EXAMPLE_URL"), SCREENSHOTS = env("SCREENSHOTS");
const url = (base, p = "") => new URL(p, base).href;
const LOAD_TIMEOUT = 180_000;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

// axe-core's serious and critical violations inside the form, as lines.
async function axeForm(page, where) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run("#apiref-form", { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}

// When the form's Execute button and Swagger UI's script (its global assigned) appeared, in ms
// from navigation start.
const TIMES = () => {
  const T = (window.__formTimes = {});
  let ui;
  Object.defineProperty(window, "SwaggerUIBundle", { configurable: true, get: () => ui, set(v) {
    if (!("script" in T)) T.script = performance.now();
    ui = v;
  } });
  new MutationObserver(() => {
    if (!("form" in T) && document.querySelector("#apiref-form-execute")) {
      T.form = performance.now();
      T.scriptAtForm = typeof ui === "function";
    }
  }).observe(document, { subtree: true, childList: true });
};

// The words of a shell command line as bash reads them: '...' literal, "..." with \ escapes and
// $NAME from `vars`, line continuations dropped.
function shellWords(text, vars = {}) {
  const words = [];
  let word = null, i = 0;
  const s = text.replace(/\\\n/g, " ");
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { if (word !== null) words.push(word); word = null; i++; continue; }
    word = word ?? "";
    if (c === "'") { const j = s.indexOf("'", i + 1); word += s.slice(i + 1, j); i = j + 1; continue; }
    if (c === '"') {
      i++;
      while (s[i] !== '"') {
        if (s[i] === "\\") { word += s[i + 1]; i += 2; continue; }
        if (s[i] === "$") { const m = /^\$([A-Za-z_]\w*)/.exec(s.slice(i)); word += vars[m[1]] ?? ""; i += m[0].length; continue; }
        word += s[i++];
      }
      i++;
      continue;
    }
    if (c === "\\") { word += s[i + 1]; i += 2; continue; }
    word += c;
    i++;
  }
  if (word !== null) words.push(word);
  return words;
}

// A curl command line as the request it sends: { method, url, headers (lower-cased names), body }.
function curlRequest(text, vars) {
  const words = shellWords(text, vars);
  assert.equal(words[0], "curl");
  const req = { method: "GET", url: null, headers: {}, body: undefined };
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === "-X") req.method = words[++i];
    else if (w === "-H") { const h = words[++i]; const k = h.indexOf(":"); req.headers[h.slice(0, k).toLowerCase()] = h.slice(k + 1).trim(); }
    else if (w === "--cookie" || w === "-b") req.headers.cookie = words[++i];
    else if (w === "--data-raw" || w === "-d" || w === "--data") { req.body = words[++i]; if (req.method === "GET") req.method = "POST"; }
    else if (!w.startsWith("-")) req.url = w;
  }
  return req;
}

// An echo server on 127.0.0.1 that lets any page call it (CORS): what it received, in order.
async function echoServer() {
  const got = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*",
                     "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE", "access-control-expose-headers": "x-echo" };
      if (req.method === "OPTIONS") { res.writeHead(204, cors); return res.end(); }
      got.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(201, { ...cors, "content-type": "application/json", "x-echo": "yes" });
      res.end(JSON.stringify({ ok: true, seen: req.url }));
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { got, server, origin: `http://127.0.0.1:${server.address().port}` };
}

test("playground form: GitHub's Try it of repos/get shows the form before Swagger UI's script, Swagger UI after", async (t) => {
  const context = await t.context();
  await context.addInitScript(TIMES);
  const page = await context.newPage();
  await page.goto(url(GITHUB, "api.github.com/operations/repos-get.html"));
  const started = Date.now();
  await page.locator("a.try-it").click();
  const execute = page.locator("#apiref-form-execute");
  await execute.waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  const ready = Date.now() - started;
  assert.ok(await execute.isEnabled());
  const times = await page.evaluate(() => window.__formTimes);
  assert.equal(times.scriptAtForm, false, "swagger-ui-bundle.js not evaluated when Execute showed");
  // What the form shows: method, path, summary, the server, both path parameters, required.
  assert.equal((await page.locator("#apiref-form-title").textContent()).replace(/\s+/g, " ").trim(), "GET /repos/{owner}/{repo}");
  assert.equal(await page.locator(".apiref-form-summary").textContent(), "Get a repository");
  for (const name of ["owner", "repo"]) {
    const input = page.getByLabel(new RegExp(`^${name}\\b`));
    assert.equal(await input.getAttribute("aria-required"), "true", name);
  }
  assert.match(await page.locator(".apiref-form-auth").textContent(), /states none/);
  await page.getByLabel(/^owner\b/).fill("octo cat");
  await page.getByLabel(/^repo\b/).fill("hello/world");
  assert.equal(await page.locator("#apiref-form-curl").textContent(),
               "curl -X GET 'https://api.github.com/repos/octo%20cat/hello%2Fworld' \\\n  -H 'Accept: application/json'");
  // Swagger UI comes after, with the same operation open below the form, which stays in view.
  await page.locator('[id="operations-repos-repos\\\\/get"].is-open button.execute').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  const after = await page.evaluate(() => window.__formTimes);
  assert.ok(after.script > after.form, `Swagger UI's script (${after.script} ms) after the form (${after.form} ms)`);
  assert.ok(await execute.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), "the form stays in view");
  assert.equal(await page.locator("#apiref-form-whole").getAttribute("href"), "?urls.primaryName=api.github.com&swagger=&whole=#/repos/repos%2Fget");
  await page.locator("#apiref-form-title").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-form-github-repos-get.png") });
  report(`playground form: GitHub Try it to repos/get, form ready in ${(ready / 1000).toFixed(1)} s ` +
         `(${Math.round(times.form)} ms from navigation; Swagger UI's script at ${Math.round(after.script)} ms)`);
});

// A description with the schemes and styles the form sends, given to the example site as the
// description of its `devices` tag: the request the form sends, as the echo server received it,
// is the one its curl says.
test("playground form: Execute sends what its curl says (styles, API key, bearer, body)", async (t) => {
  const echo = await echoServer();
  try {
    const page = await t.page();
    const doc = {
      openapi: "3.0.3", info: { title: "Form", version: "1" }, servers: [{ url: "{scheme}://api.example/v1", variables: { scheme: { default: "https", enum: ["https", "http"] } } }],
      security: [{ key: [] }, { bearer: [] }],
      components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Api-Key" }, bearer: { type: "http", scheme: "bearer" } },
                    schemas: { Thing: { type: "object", properties: { id: { type: "string", readOnly: true }, name: { type: "string", example: "lamp" }, size: { type: "integer" } } } } },
      paths: { "/things/{id}": { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, example: "a b" }],
        post: { operationId: "makeThing", tags: ["devices"], summary: "Make a thing",
          parameters: [
            { name: "tags", in: "query", schema: { type: "array", items: { type: "string" } }, example: ["x", "y z"] },
            { name: "ids", in: "query", explode: false, schema: { type: "array", items: { type: "integer" } }, example: [1, 2] },
            { name: "mode", in: "query", required: true, schema: { type: "string", enum: ["fast", "slow"] } },
            { name: "X-Trace", in: "header", schema: { type: "string" }, example: "t-1" },
            { name: "filter", in: "query", style: "deepObject", schema: { type: "object" } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
          responses: { 201: { description: "made", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } } } } },
    };
    await page.route(url(EXAMPLE, "playground/apiref-playground.json"), async (route) => {
      const response = await route.fetch();
      const settings = await response.json();
      settings.slices = { public: { devices: "tags/public/devices.json" } };
      settings.servers = [{ url: echo.origin, description: "echo" }];
      await route.fulfill({ response, json: settings });
    });
    await page.route(url(EXAMPLE, "playground/tags/public/devices.json"), (route) => route.fulfill({ json: doc }));
    await page.goto(url(EXAMPLE, "playground/index.html?urls.primaryName=public#/devices/makeThing"));
    await page.locator("#apiref-form-execute").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
    // Prefilled from the examples; the body made from the schema, readOnly left out.
    assert.equal(await page.getByLabel(/^id\b/).inputValue(), "a b");
    assert.equal(await page.getByLabel(/^tags\b/).inputValue(), "x\ny z");
    assert.deepEqual(JSON.parse(await page.getByLabel(/^Body\b/).inputValue()), { name: "lamp", size: 0 });
    assert.match(await page.locator(".apiref-form-params").textContent(), /deepObject style: this form cannot send it/);
    assert.deepEqual(await page.getByLabel(/^mode\b/).locator("option").allTextContents(), ["(choose)", "fast", "slow"]);
    // Required missing: nothing sent, the form says why.
    await page.locator("#apiref-form-execute").click();
    assert.match(await page.locator(".apiref-form-problem").textContent(), /mode \(query\) is required/);
    assert.equal(echo.got.length, 0);
    await page.getByLabel(/^mode\b/).selectOption("slow");
    await page.getByLabel(/^Server\b/).selectOption({ label: `${echo.origin} (echo)` });
    await page.getByLabel(/^Sign in with\b/).selectOption({ label: "key" });
    await page.getByLabel(/^X-Api-Key\b/).fill("k'ey 1");
    await page.getByLabel(/^Body\b/).fill('{"name": "it\'s"}');
    await page.locator("#apiref-form-execute").click();
    await page.locator("#apiref-form-status").waitFor();
    assert.equal((await page.locator("#apiref-form-status").textContent()).trim(), "201 Created");
    assert.deepEqual(JSON.parse(await page.locator("#apiref-form-response").textContent()).ok, true);
    assert.match(await page.locator(".apiref-form-headers").textContent(), /x-echo: yes/);
    const shown = curlRequest(await page.locator("#apiref-form-curl").textContent());
    assert.equal(echo.got.length, 1);
    const sent = echo.got[0];
    assert.equal(shown.url, `${echo.origin}/things/a%20b?tags=x&tags=y%20z&ids=1,2&mode=slow`);
    assert.equal(sent.method, shown.method);
    assert.equal(shown.method, "POST");
    assert.equal(echo.origin + sent.url, shown.url);
    assert.equal(sent.body, shown.body);
    assert.equal(shown.body, '{"name": "it\'s"}');
    for (const [k, v] of Object.entries(shown.headers)) assert.equal(sent.headers[k], v, k);
    assert.equal(shown.headers["x-api-key"], "k'ey 1");
    assert.equal(shown.headers["x-trace"], "t-1");
    assert.equal(shown.headers["content-type"], "application/json");
    assert.equal(sent.headers.authorization, undefined);
    // The other way to sign in: a bearer token, the same in the curl and on the wire.
    await page.getByLabel(/^Sign in with\b/).selectOption({ label: "bearer" });
    await page.getByLabel(/^Token\b/).fill("tok-9");
    await page.locator("#apiref-form-execute").click();
    await page.waitForFunction(() => !document.querySelector("#apiref-form-execute").disabled);
    assert.equal(echo.got.length, 2);
    const shown2 = curlRequest(await page.locator("#apiref-form-curl").textContent());
    assert.equal(shown2.headers.authorization, "Bearer tok-9");
    assert.equal(echo.got[1].headers.authorization, "Bearer tok-9");
    assert.equal(echo.got[1].headers["x-api-key"], undefined);
    // Swagger UI, once loaded, holds the token the form was given.
    await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
    await page.waitForFunction(() => window.ui.authSelectors.authorized().getIn(["bearer", "value"]) === "tok-9", null, { timeout: 5000 });
    await page.locator("#apiref-form-title").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "playground-form-styles.png"), fullPage: true });
  } finally {
    echo.server.close();
  }
});

// Meshery's getWorkspaces through serve --proxy: the token typed on the operation page goes as
// that page's curl says (meshery: a cookie; cloud: a bearer token and the organisation header).
test("playground form: Meshery's getWorkspaces Try it sends the auth its operation page states, through serve's proxy", async (t) => {
  const MESHERY = env("SERVE_MESHERY_URL"), OPEN = env("SERVE_OPEN_URL"), OPEN_LOG = env("SERVE_OPEN_LOG");
  const page = await (await t.context({ bypassCSP: true })).newPage();  // bypassCSP: axe-core's script
  for (const [bundle, vars] of [["meshery", { MESHERY_TOKEN: "tok-m1" }], ["cloud", { MESHERY_CLOUD_TOKEN: "tok-c1", MESHERY_CLOUD_ORG_ID: "org-c1" }]]) {
    fs.writeFileSync(OPEN_LOG, "");
    await page.goto(url(MESHERY, `${bundle}/operations/getWorkspaces.html`));
    for (const [name, value] of Object.entries(vars)) await page.locator(`.try-values input[data-var="${name}"]`).fill(value);
    const pageCurl = curlRequest(await page.locator('details.snippet[data-language="curl"] pre').first().textContent(), vars);
    const stated = Object.entries(pageCurl.headers).filter(([, v]) => Object.values(vars).some((x) => v.includes(x)));
    assert.ok(stated.length > 0, `${bundle}: the page states its auth`);
    await page.locator("a.try-it").click();
    await page.locator("#apiref-form-execute").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
    await page.getByLabel(/^Server\b/).selectOption({ label: `${OPEN} (allowed by --open-allow)` });
    await page.getByLabel(/^search\b/).fill("a&b c");
    await page.getByLabel(/^page\b/).fill("2");
    await page.locator("#apiref-form-execute").click();
    await page.locator("#apiref-form-status").waitFor({ timeout: 30_000 });
    assert.equal((await page.locator("#apiref-form-status").textContent()).trim(), "200 OK", bundle);
    const curlText = await page.locator("#apiref-form-curl").textContent();
    for (const value of Object.values(vars)) assert.ok(!curlText.includes(value), `${bundle}: no credential in clear`);
    const shown = curlRequest(curlText, vars);
    const got = fs.readFileSync(OPEN_LOG, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    assert.equal(got.length, 1, bundle);
    assert.equal(got[0].method, shown.method);
    assert.equal(`${OPEN}${got[0].path}?${got[0].query}`, shown.url, bundle);
    assert.equal(shown.url, `${OPEN}/api/workspaces?search=a%26b%20c&page=2`);
    for (const [k, v] of Object.entries(shown.headers)) assert.equal(got[0].headers[k], v, `${bundle}: ${k}`);
    // The auth the operation page states, sent as it says.
    for (const [k, v] of stated) assert.equal(got[0].headers[k], v, `${bundle}: ${k} as the page states it`);
    // Accessible in light and dark: labels, contrast, names.
    const problems = await axeForm(page, `${bundle} light`);
    await page.emulateMedia({ colorScheme: "dark" });
    problems.push(...(await axeForm(page, `${bundle} dark`)));
    await page.emulateMedia({ colorScheme: "light" });
    assert.deepEqual(problems, []);
    if (bundle === "cloud") {
      await page.locator("#apiref-form-title").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, "playground-form-meshery-cloud.png"), fullPage: true });
    }
  }
});
