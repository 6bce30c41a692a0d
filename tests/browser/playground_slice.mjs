// Browser tests for the playground's per-tag descriptions (render/playground_slice.h): a large
// bundle's "Try it" opens its operation alone, cut in the page from the description of the
// operation's tag; "Load the operations tagged …" and "Load the whole API" load the rest.
// Imported by site.mjs; run through run.sh (GITHUB_URL, MESHERY_URL, EXAMPLE_AUTH_URL, EDGE_URL,
// SCREENSHOTS).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test, report, execute } from "./harness.mjs";
import { tryEdgeOperation } from "./playground_edge.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const GITHUB = env("GITHUB_URL"), MESHERY = env("MESHERY_URL"), EXAMPLE_AUTH = env("EXAMPLE_AUTH_URL");
const SCREENSHOTS = env("SCREENSHOTS");
const url = (base, p = "") => new URL(p, base).href;
const LOAD_TIMEOUT = 180_000;  // GitHub's whole description in Swagger UI on a busy 2-core machine
const LOCAL_API = "http://localhost:8080";

// What Swagger UI loaded, read in the page: its URL, its operations (by the tags it lists them
// under), and every $ref in it that does not resolve inside it.
async function loadedSpec(page) {
  return page.evaluate(() => {
    const spec = window.ui.specSelectors.specJson().toJS();
    const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    const operations = [];
    for (const [p, item] of Object.entries(spec.paths || {}))
      for (const m of methods)
        if (item[m]) operations.push({ path: p, method: m, id: item[m].operationId, tags: item[m].tags?.length ? item[m].tags : ["default"] });
    const unresolved = [];
    const resolve = (ref) => {
      if (!ref.startsWith("#/")) return false;
      let node = spec;
      for (const raw of decodeURIComponent(ref.slice(2)).split("/")) {
        const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (node === null || typeof node !== "object" || !(key in node)) return false;
        node = node[key];
      }
      return true;
    };
    let refs = 0;
    (function walk(n) {
      if (Array.isArray(n)) return n.forEach(walk);
      if (n === null || typeof n !== "object") return;
      for (const [k, v] of Object.entries(n)) {
        if (k === "$ref" && typeof v === "string") {
          refs++;
          if (!resolve(v)) unresolved.push(v);
        } else walk(v);
      }
    })(spec);
    const components = Object.values(spec.components || {}).reduce((n, c) => n + Object.keys(c).length, 0);
    return { url: window.ui.specSelectors.url(), operations, refs, unresolved, components,
             schemes: Object.keys(spec.components?.securitySchemes || {}) };
  });
}

async function assertNoSwaggerError(page, what) {
  const errors = await page.evaluate(() => window.ui.errSelectors.allErrors().toJS().map((e) => `${e.source}: ${e.message}`));
  assert.deepEqual(errors, [], `${what}: Swagger UI reports errors`);
}

test("playground slice: GitHub's Try it opens repos/get alone, closed under $ref, ready to execute", async (t) => {
  const page = await t.page();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url(GITHUB, "api.github.com/operations/repos-get.html"));
  const started = Date.now();
  await page.locator("a.try-it").click();
  const op = page.locator('[id="operations-repos-repos\\\\/get"]');
  await op.locator("button.execute").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  const ready = Date.now() - started;
  await page.locator("html[data-playground-spec=operation]").waitFor({ state: "attached" });
  // Swagger UI holds repos/get alone, from repos' description (its address), with every schema
  // it reaches: every $ref resolves, far fewer components than GitHub's 1,769.
  const only = await loadedSpec(page);
  assert.equal(only.url, "tags/api.github.com/repos.json");
  assert.deepEqual(only.operations, [{ path: "/repos/{owner}/{repo}", method: "get", id: "repos/get", tags: ["repos"] }]);
  assert.ok(only.refs > 10, `${only.refs} $refs`);
  assert.deepEqual(only.unresolved, [], "every $ref resolves inside the description");
  assert.ok(only.components > 5 && only.components < 200, `${only.components} components`);
  assert.ok(only.schemes.length > 0 || !(await page.evaluate(() => window.ui.specSelectors.specJson().has("security"))), "security schemes kept");
  // Expanded, Try it out on (Execute shown), scrolled into view, nothing else open; the 200
  // response's schema (full-repository, through $refs) is shown.
  assert.deepEqual(await page.locator(".opblock.is-open").evaluateAll((els) => els.map((e) => e.id)), ["operations-repos-repos\\/get"]);
  // Below the request form, which stays in view (playground_form.mjs).
  assert.ok(await page.locator("#apiref-form-execute").evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }), "the form in view");
  await op.locator(".responses-table .response[data-code='200']").waitFor({ state: "visible" });
  await assertNoSwaggerError(page, "repos/get alone");
  const note = page.locator("#apiref-slice");
  assert.ok(await note.isVisible(), "the toolbar says only an operation is loaded");
  assert.equal(await note.textContent(), "Only the operation repos/get is loaded. Load the operations tagged repos · Load the whole API");
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-slice-github-repos-get.png") });
  const others = requests.filter((r) => !r.startsWith("data:") && new URL(r).host !== new URL(GITHUB).host);
  assert.deepEqual(others, [], "only the static server");
  report(`playground slice: GitHub Try it to repos/get ready to execute ${(ready / 1000).toFixed(1)} s ` +
         `(${only.operations.length} operation, ${only.components} components)`);
});

test("playground slice: Load the operations tagged repos loads the tag in place, repos/get still open", async (t) => {
  const page = await t.page();
  await page.goto(url(GITHUB, "playground/index.html?urls.primaryName=api.github.com#/repos/repos%2Fget"));
  await page.locator('[id="operations-repos-repos\\\\/get"].is-open button.execute').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  await page.locator("#apiref-tag").click();
  await page.locator("html[data-playground-spec=tag]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  const slice = await loadedSpec(page);
  assert.equal(slice.url, "tags/api.github.com/repos.json");
  assert.ok(slice.operations.some((o) => o.id === "repos/get" && o.path === "/repos/{owner}/{repo}" && o.method === "get"));
  assert.deepEqual(slice.operations.filter((o) => !o.tags.includes("repos")), [], "only repos' operations");
  assert.ok(slice.operations.length > 150 && slice.operations.length < 400, `${slice.operations.length} operations`);
  assert.deepEqual(slice.unresolved, [], "every $ref resolves inside the slice");
  assert.ok(slice.components > 50 && slice.components < 1769, `${slice.components} components`);
  assert.match(await page.locator("#apiref-slice").textContent(), /^Only the operations tagged repos are loaded\. Load the whole API$/);
  assert.match(page.url(), /[?&]tag(=|&|#|$)/, "a reload keeps the whole tag");
  await page.locator('[id="operations-repos-repos\\\\/get"].is-open button.execute').waitFor({ state: "visible", timeout: 60_000 });
  await assertNoSwaggerError(page, "repos slice");
  // Reloaded, the address opens the tag's description again, repos/get open.
  await page.reload();
  await page.locator('[id="operations-repos-repos\\\\/get"].is-open button.execute').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  assert.equal(await page.locator("html").getAttribute("data-playground-spec"), "tag");
});

test("playground slice: Load the whole API loads all of GitHub's operations in place, repos/get still open", async (t) => {
  const page = await t.page();
  await page.goto(url(GITHUB, "playground/index.html?urls.primaryName=api.github.com#/repos/repos%2Fget"));
  await page.locator('[id="operations-repos-repos\\\\/get"].is-open').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  const asked = Date.now();
  await page.locator("#apiref-whole").click();
  await page.locator("html[data-playground-spec=whole]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  const whole = await page.evaluate(() => {
    const paths = window.ui.specSelectors.specJson().get("paths");
    let operations = 0;
    paths.forEach((item) => item.forEach((op, key) => { if (["get", "put", "post", "delete", "options", "head", "patch", "trace"].includes(key)) operations++; }));
    return { url: window.ui.specSelectors.url(), operations };
  });
  assert.equal(whole.url, "../api.github.com/openapi.json");
  assert.equal(whole.operations, 1223, "all of GitHub's operations");
  assert.equal(await page.locator("#apiref-slice").isVisible(), false);
  assert.match(page.url(), /[?&]whole(=|&|#|$)/, "a reload keeps the whole API");
  // Swagger UI lays out only the operations in view: repos/get is brought back into it, open.
  await page.locator('[id="operations-repos-repos\\\\/get"].is-open button.execute').waitFor({ state: "visible", timeout: 60_000 });
  await assertNoSwaggerError(page, "whole");
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-slice-github-whole.png") });
  report(`playground slice: GitHub's whole API loaded in place in ${((Date.now() - asked) / 1000).toFixed(1)} s`);
});

test("playground slice: a deep link into another tag, within the page, loads that tag's description", async (t) => {
  const page = await t.page();
  await page.goto(url(GITHUB, "playground/index.html?urls.primaryName=api.github.com#/meta/meta%2Froot"));
  await page.locator('[id="operations-meta-meta\\\\/root"].is-open').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  assert.equal((await loadedSpec(page)).url, "tags/api.github.com/meta.json");
  await page.evaluate(() => { location.hash = "#/emojis/emojis%2Fget"; });
  await page.locator('[id="operations-emojis-emojis\\\\/get"].is-open').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  await page.locator("html[data-playground-spec=operation]").waitFor({ state: "attached" });
  const emojis = await loadedSpec(page);
  assert.equal(emojis.url, "tags/api.github.com/emojis.json");
  assert.match(await page.locator("#apiref-slice").textContent(), /tagged emojis/);
  // One to another operation of the same tag, the first shown alone: that one opens, alone.
  await page.goto(url(GITHUB, "playground/index.html?urls.primaryName=api.github.com#/meta/meta%2Froot"));
  await page.locator('[id="operations-meta-meta\\\\/root"].is-open').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  await page.evaluate(() => { location.hash = "#/meta/meta%2Fget-zen"; });
  await page.locator('[id="operations-meta-meta\\\\/get-zen"].is-open button.execute').waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  await page.locator("html[data-playground-spec=operation]").waitFor({ state: "attached" });
  assert.deepEqual((await loadedSpec(page)).operations.map((o) => o.id), ["meta/get-zen"]);
  // The playground's header link (no deep link) still opens the whole description.
  await page.goto(url(GITHUB, "playground/"));
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  assert.equal(await page.evaluate(() => window.ui.specSelectors.url()), "../api.github.com/openapi.json");
  assert.equal(await page.locator("html").getAttribute("data-playground-spec"), "whole");
});

test("playground slice: Meshery's bundles, under the size apiref slices at, open whole from Try it", async (t) => {
  const page = await t.page();
  for (const bundle of ["meshery", "cloud"]) {
    await page.goto(url(MESHERY, `${bundle}/operations/getWorkspaces.html`));
    await page.locator("a.try-it").click();
    // Below the request form, laid out once scrolled to: the form's link to it does that.
    await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
    await page.locator("#apiref-form-swagger").click();
    await page.locator("#operations-workspaces-getWorkspaces.is-open button.execute").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
    const spec = await loadedSpec(page);
    assert.equal(spec.url, `${bundle}.openapi.json`, `${bundle}: the whole (playground) description`);
    assert.deepEqual(spec.unresolved, []);
    assert.equal(await page.locator("#apiref-slice").isVisible(), false);
    assert.equal(await page.locator("html").getAttribute("data-playground-spec"), "whole");
  }
  const settings = await (await page.request.get(url(MESHERY, "playground/apiref-playground.json"))).json();
  assert.equal(settings.slices, undefined, "no bundle sliced");
});

// A sliced bundle with the project's auth and serve's proxy: the example-auth site's settings
// given `slices` and `proxy` in the browser, the devices tag's description made from the
// playground's own copy of the bundle. The token box, the auth headers and the proxy work as
// they do on the whole description.
test("playground slice: the token box, the project's auth and serve's proxy work on a tag's description", async (t) => {
  const page = await t.page();
  const sliceUrl = url(EXAMPLE_AUTH, "playground/tags/public/devices.json");
  await page.route(url(EXAMPLE_AUTH, "playground/apiref-playground.json"), async (route) => {
    const response = await route.fetch();
    const settings = await response.json();
    settings.proxy = "/_apiref/proxy";
    settings.slices = { public: { devices: "tags/public/devices.json" } };
    await route.fulfill({ response, json: settings });
  });
  await page.route(sliceUrl, async (route) => {
    const whole = await (await page.request.get(url(EXAMPLE_AUTH, "playground/public.openapi.json"))).json();
    for (const [p, item] of Object.entries(whole.paths)) {
      for (const m of Object.keys(item)) if (item[m]?.tags && !item[m].tags.includes("devices")) delete item[m];
      if (!Object.values(item).some((v) => v?.tags)) delete whole.paths[p];
    }
    await route.fulfill({ json: whole });
  });
  const proxied = [];
  await page.route((u) => u.origin === new URL(EXAMPLE_AUTH).origin && u.pathname === "/_apiref/proxy", async (route) => {
    const r = route.request();
    proxied.push({ url: r.url(), headers: await r.allHeaders() });
    await route.fulfill({ status: 200, contentType: "application/json", body: '[{"id":1}]' });
  });
  await page.goto(url(EXAMPLE_AUTH, "public/"));
  await page.evaluate(() => { sessionStorage.setItem("apiref-var-FLEET_TOKEN", "tok-s"); sessionStorage.setItem("apiref-var-FLEET_ORG", "org-s"); });
  await page.goto(url(EXAMPLE_AUTH, "playground/index.html?urls.primaryName=public#/devices/listDevices"));
  await page.locator("#operations-devices-listDevices.is-open button.execute").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  const spec = await loadedSpec(page);
  assert.equal(spec.url, "tags/public/devices.json");
  assert.deepEqual(spec.operations.map((o) => o.id), ["listDevices"], "the operation alone");
  assert.deepEqual(spec.unresolved, []);
  const whole = await (await page.request.get(url(EXAMPLE_AUTH, "playground/public.openapi.json"))).json();
  assert.deepEqual(spec.schemes, Object.keys(whole.components?.securitySchemes || {}), "the security schemes as the whole has them");
  assert.equal(await page.locator("html").getAttribute("data-playground-spec"), "operation");
  // The bundle is known from the slice's address: its token box, filled from the operation page.
  await page.locator("#apiref-auth h2", { hasText: "Your Fleet token" }).waitFor();
  assert.equal(await page.locator("#apiref-auth input[name=token]").inputValue(), "tok-s");
  assert.equal(await page.locator("#apiref-auth input[name=FLEET_ORG]").inputValue(), "org-s");
  await page.locator(".servers select").selectOption(LOCAL_API);
  await execute(page, "listDevices", "devices");
  assert.equal(proxied.length, 1);
  assert.match(new URL(proxied[0].url).searchParams.get("url"), /^http:\/\/localhost:8080\/api\/devices(\?|$)/);
  assert.equal(proxied[0].headers.authorization, "Bearer tok-s");
  assert.equal(proxied[0].headers["x-fleet-org"], "org-s");
  assert.equal(proxied[0].headers["x-apiref-cookie"], "fleet_session=tok-s");
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-slice-auth.png") });
});

// Awkward tag and operation names (spaces, '/', non-ASCII, no operationId, no tag, a path item
// $ref), each bundle's tags given a "slice" (the whole description: the page keeps the link's
// tag and operation of it): every Try it opens its own operation, ready to execute, alone, or
// on the tag's description when the operation lies behind a path item $ref.
test("playground slice: awkward names open their operation alone from a tag's description", async (t) => {
  const EDGE = env("EDGE_URL");
  const page = await t.page();
  const config = await (await page.request.get(url(EDGE, "playground/swagger-config.json"))).json();
  const whole = new URL(config.urls.find((u) => u.name === "edge").url, url(EDGE, "playground/")).href;
  await page.route(url(EDGE, "playground/apiref-playground.json"), async (route) => {
    const response = await route.fetch();
    const settings = await response.json();
    const spec = await (await page.request.get(whole)).json();
    const tags = new Set(["default"]);
    for (const item of Object.values(spec.paths)) for (const op of Object.values(item)) for (const tag of op?.tags || []) tags.add(tag);
    settings.slices = { edge: Object.fromEntries([...tags].map((tag) => [tag, "tags/edge/all.json"])) };
    await route.fulfill({ response, json: settings });
  });
  await page.route(url(EDGE, "playground/tags/edge/all.json"), async (route) => route.fulfill({ response: await page.request.get(whole) }));
  const kinds = [];
  for (const op of fs.readdirSync(path.join(env("EDGE_DIR"), "edge", "operations")).filter((n) => n.endsWith(".html")).sort()) {
    const { open, method, opPath } = await tryEdgeOperation(page, url(EDGE, `edge/operations/${op}`), op, LOAD_TIMEOUT);
    await open.locator("button.execute").waitFor({ state: "visible" });
    const kind = await page.locator("html").getAttribute("data-playground-spec");
    const spec = await loadedSpec(page);
    assert.deepEqual(spec.unresolved, [], op);
    if (kind === "operation") assert.deepEqual(spec.operations.map((o) => `${o.method} ${o.path}`), [`${method} ${opPath}`], op);
    else assert.equal(kind, "tag", op);
    await assertNoSwaggerError(page, op);
    kinds.push(kind);
  }
  assert.deepEqual(kinds.filter((k) => k === "tag").length, 1, `only the path item $ref shows its tag: ${kinds}`);
});

await import("./playground_form.mjs");  // the request form a deep link to an operation shows first
