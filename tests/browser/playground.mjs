// Browser tests for the playground every site carries (_site/playground/): Swagger UI 5.35.0 set
// up by apiref's page and script. Imported by site.mjs; run through run.sh, which also sets:
//   EXAMPLE_AUTH_URL   the example built with an auth: section (a header, a second variable and a
//                      cookie) and site.playground.persist_authorization: true
//   MESHERY_URL        examples/meshery (bundles meshery and cloud)
// The API server the example names for local development, http://localhost:8080, is never
// reached: page.route answers for it inside the browser and records what was sent.
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
const EXAMPLE = env("EXAMPLE_URL"), EXAMPLE_AUTH = env("EXAMPLE_AUTH_URL");
const GITHUB = env("GITHUB_URL"), MESHERY = env("MESHERY_URL");
const SCREENSHOTS = env("SCREENSHOTS");
const url = (base, p = "") => new URL(p, base).href;
const LOCAL_API = "http://localhost:8080";
const LOAD_TIMEOUT = 150_000;  // GitHub's 10 MB description in Swagger UI on a busy 2-core machine

// Every request the page makes, to assert that all of them stay on the static server.
function recordRequests(page) {
  const seen = [];
  page.on("request", (r) => seen.push(r.url()));
  return seen;
}

function assertOnlyHost(requests, base, also = []) {
  const allowed = new Set([new URL(base).host, ...also.map((a) => new URL(a).host)]);
  const others = requests.filter((r) => !r.startsWith("data:") && !allowed.has(new URL(r).host));
  assert.deepEqual(others, [], "requests to a host other than the static server");
}

// Opens the playground and waits until Swagger UI rendered the description; returns the time.
async function openPlayground(page, address) {
  const started = Date.now();
  const response = await page.goto(address);
  assert.equal(response.status(), 200, `${address} answered ${response.status()}`);
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  await page.locator(".opblock").first().waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  return Date.now() - started;
}

// No error in Swagger UI's error store (resolver, parser, fetch) and none on screen.
async function assertNoSwaggerError(page, what) {
  const errors = await page.evaluate(() =>
    window.ui.errSelectors.allErrors().toJS().map((e) => `${e.source || ""} ${e.level || ""}: ${e.message} ${JSON.stringify(e.path || "")}`));
  assert.deepEqual(errors, [], `${what}: Swagger UI reports errors`);
  assert.equal(await page.locator(".errors-wrapper").count(), 0, `${what}: an error box is shown`);
  const text = await page.locator("#swagger-ui").textContent();
  assert.doesNotMatch(text, /Resolver error|Failed to load API definition|Unable to render this definition/, what);
}

async function openOperationIds(page) {
  return page.locator(".opblock.is-open").evaluateAll((els) => els.map((e) => e.id));
}

async function inViewport(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
}

// --- the embedded example ---------------------------------------------------------------------

test("playground: the example's playground lists both bundles and loads each, only from the static server", async (t) => {
  const page = await t.page();
  const requests = recordRequests(page);
  await openPlayground(page, url(EXAMPLE, "playground/"));
  assert.deepEqual(await page.locator("#apiref-bundle option").allTextContents(), ["public", "internal"]);
  assert.equal(await page.locator("#apiref-bundle").inputValue(), "public");
  // Inside the site's own header, without Swagger UI's top bar.
  assert.equal(await page.locator(".topbar").count(), 0, "no Swagger UI top bar");
  assert.equal(await page.locator("header.site-header #search-input").count(), 1, "the site's header, with its search");
  assert.match(await page.locator(".info .title").textContent(), /^Harbor Fleet API/);
  assert.ok(await page.locator(".opblock").count() >= 25, "the public bundle's operations are listed");
  await assertNoSwaggerError(page, "public");
  // What Swagger UI loaded is the site's own openapi.json, the file `apiref bundle` writes.
  const loaded = await page.evaluate(() => window.ui.specSelectors.url());
  assert.equal(new URL(loaded, url(EXAMPLE, "playground/")).href, url(EXAMPLE, "public/openapi.json"));
  // The other bundle, picked in the toolbar.
  await page.locator("#apiref-bundle").selectOption({ label: "internal" });
  await page.locator(".info .title", { hasText: "Internal" }).waitFor({ timeout: 30_000 });
  await page.locator(".opblock").first().waitFor({ state: "visible" });
  await assertNoSwaggerError(page, "internal");
  assert.match(page.url(), /[?&]urls\.primaryName=internal/, "the choice is kept in the address");
  // Configured on purpose: no validator badge (nothing sent to validator.swagger.io), and
  // "Try it out" already on.
  assert.equal(await page.locator(".validator-badge, img[src*=validator]").count(), 0);
  assert.ok(await page.evaluate(() => window.ui.getConfigs().validatorUrl === null));
  assert.ok(await page.evaluate(() => window.ui.getConfigs().tryItOutEnabled === true));
  assert.ok(await page.evaluate(() => window.ui.getConfigs().requestSnippetsEnabled === true));
  assert.ok(await page.evaluate(() => window.ui.getConfigs().persistAuthorization === false));
  assert.equal(await page.locator("#apiref-auth").isHidden(), true, "no token box: the example configures no auth");
  assertOnlyHost(requests, EXAMPLE);
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-example.png") });
});

test("playground: 'Try it' on an operation page opens that operation expanded (public and internal)", async (t) => {
  const page = await t.page();
  const requests = recordRequests(page);
  for (const [bundle, op, id] of [
    ["public", "createDeviceGroup", "operations-device-groups-createDeviceGroup"],
    ["internal", "getFirmwareImage", "operations-firmware-getFirmwareImage"],
  ]) {
    await page.goto(url(EXAMPLE, `${bundle}/operations/${op}.html`));
    await page.locator("a.try-it").click();
    await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
    await page.locator(`#${id}.is-open`).waitFor({ state: "visible" });
    assert.deepEqual(await openOperationIds(page), [id], `${bundle}: only ${op} is open`);
    assert.equal(await page.locator("#apiref-bundle option:checked").textContent(), bundle);
    // The request form for it is what shows first (playground_form.mjs); Swagger UI's view of
    // the operation opens below it, the page left at the form.
    assert.ok(await inViewport(page.locator("#apiref-form-title")), `${op}: the request form is in view`);
    assert.equal((await page.locator("#apiref-form-title code").textContent()), await page.locator(`#${id} .opblock-summary-path`).getAttribute("data-path"));
    assert.ok(await page.locator(`#${id} button.execute`).isVisible(), "Try it out is on: Execute is there");
    assert.equal(new URL(page.url()).hash, `#/${id.split("-").slice(1, -1).join("-")}/${op}`, "the deep link stays in the address");
    await assertNoSwaggerError(page, `${bundle} ${op}`);
    if (bundle === "public") await page.screenshot({ path: path.join(SCREENSHOTS, "playground-deep-link.png") });
  }
  // The header of every page links to the playground.
  await page.goto(url(EXAMPLE, "public/operations/getDevice.html"));
  assert.equal(await page.locator('header a[href="../../playground/index.html"]').textContent(), "Playground");
  assertOnlyHost(requests, EXAMPLE);
});

test("playground: deep links survive awkward names (spaces, '/', non-ASCII, no id, no tag, path item $ref)", async (t) => {
  const EDGE = env("EDGE_URL"), EDGE_DIR = env("EDGE_DIR");
  const ops = fs.readdirSync(path.join(EDGE_DIR, "edge", "operations")).filter((n) => n.endsWith(".html")).sort();
  assert.equal(ops.length, 5);
  const page = await t.page();
  const requests = recordRequests(page);
  for (const op of ops) {
    const { open } = await tryEdgeOperation(page, url(EDGE, `edge/operations/${op}`), op, LOAD_TIMEOUT);
    // The request form for it, when it has one, is what is in view; else Swagger UI's view.
    const form = (await page.locator("html").getAttribute("data-playground-form")) === "ready";
    assert.ok(await inViewport(form ? page.locator("#apiref-form-title") : open), `${op}: ${form ? "its form" : "it"} in view`);
    await assertNoSwaggerError(page, op);
  }
  assertOnlyHost(requests, EDGE);
});

test("playground: a hostile description runs no script in Swagger UI (and the CSP holds)", async (t) => {
  const HOSTILE = env("HOSTILE_URL");
  // Swagger UI keeps <img src=x> (without its onerror): the browser asks for it and gets a 404.
  t.allow(({ kind, text, url: source }) => kind === "console" && / 404 /.test(text) && /\/x$/.test(source));
  // Swagger UI parses description HTML in an inert document (nothing ran there even without the
  // CSP: checked by hand), but the page's CSP still reports each inline handler it saw there.
  const csp = /^Executing inline event handler violates the following Content Security Policy directive 'script-src 'self''/;
  t.allow(({ kind, text }) => kind === "console" && csp.test(text));
  const page = await t.page();
  let blocked = 0;
  page.on("console", (m) => { if (csp.test(m.text())) blocked++; });
  const requests = recordRequests(page);
  await openPlayground(page, url(HOSTILE, "playground/index.html#/evil/getThings"));
  await page.locator(".opblock.is-open").waitFor({ state: "visible" });
  await page.locator(".opblock.is-open .responses-wrapper").waitFor({ state: "visible" });
  await page.waitForTimeout(500);  // let any injected handler fire
  const found = await page.evaluate(() => {
    const out = { pwned: window.__pwned, scripts: [], handlers: [], jsUrls: [], frames: 0 };
    document.querySelectorAll("script").forEach((s) => out.scripts.push(s.getAttribute("src") || "inline"));
    document.querySelectorAll("*").forEach((el) => {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) out.handlers.push(`${el.tagName} ${a.name}`);
        if (/^\s*javascript:/i.test(a.value)) out.jsUrls.push(`${el.tagName} ${a.name}`);
      }
    });
    out.frames = document.querySelectorAll("iframe, object, embed").length;
    return out;
  });
  assert.equal(found.pwned, undefined, "window.__pwned was set");
  // swagger-ui-bundle.js last: apiref-playground.js adds it after the request form.
  assert.deepEqual(found.scripts, ["../assets/theme.js", "../assets/app.js", "apiref-form.js", "apiref-playground.js", "swagger-ui-bundle.js"]);
  assert.equal(await page.locator("#apiref-form .apiref-form-summary").textContent(), '"><script>window.__pwned=7</script>',
               "the request form shows the summary as text");
  assert.deepEqual(found.handlers, []);
  assert.deepEqual(found.jsUrls, []);
  assert.equal(found.frames, 0);
  assert.match(await page.locator(".opblock.is-open .opblock-summary-description").textContent(), /<script>window.__pwned=7<\/script>/,
               "the summary is shown as text");
  assert.equal(t.dialogs.length, 0);
  assert.ok(blocked > 0, "the Content-Security-Policy is in force (it reported the description's inline handlers)");
  assertOnlyHost(requests, HOSTILE);
});

// --- the project's auth, from the token box ---------------------------------------------------

// Answers for the example's local server (and for serve's proxy path when given) inside the
// browser, recording each request.
async function fakeServer(page, pattern, body = () => '[{"id":1}]') {
  const got = [];
  await page.route(pattern, async (route) => {
    const r = route.request();
    got.push({ method: r.method(), url: r.url(), headers: await r.allHeaders(), body: r.postData() });
    await route.fulfill({ status: 200, contentType: "application/json",
                          headers: { "access-control-allow-origin": "*" }, body: body(r) });
  });
  return got;
}

test("playground: the token box sends the project's auth (token entered once, on an operation page)", async (t) => {
  const page = await t.page();
  const requests = recordRequests(page);
  // The reader enters the token on an operation page (site/app.js stores it in sessionStorage).
  await page.goto(url(EXAMPLE_AUTH, "public/operations/listDevices.html"));
  await page.locator(".try-token").fill("tok-123");
  await page.locator("a.try-it").click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  assert.equal(await page.locator("#apiref-auth h2").textContent(), "Your Fleet token");
  assert.equal(await page.locator("#apiref-auth input[name=token]").inputValue(), "tok-123", "the token is reused");
  await page.locator("#apiref-auth input[name=FLEET_ORG]").fill("org-7");
  // Without a proxy the cookie cannot be sent, and the page says so.
  assert.match(await page.locator(".apiref-warning").textContent(), /apiref serve --proxy/);
  assert.ok(await page.evaluate(() => window.ui.getConfigs().persistAuthorization === true),
            "site.playground.persist_authorization: true reaches Swagger UI");
  // The "How it is sent" sentence names the variables, never a raw template.
  const how = await page.locator("#apiref-auth .apiref-how").textContent();
  assert.ok(how.includes("Authorization: Bearer $FLEET_TOKEN") && how.includes("X-Fleet-Org: $FLEET_ORG"), how);
  assert.ok(!how.includes("${") && !how.includes("tok-123"), how);
  await page.locator(".servers select").selectOption(LOCAL_API);
  const got = await fakeServer(page, `${LOCAL_API}/**`);
  const listed = await execute(page, "listDevices", "devices");
  // The curl shown is the request as it goes to the server, the credentials as variables.
  const curl = await listed.locator(".request-snippets pre").first().textContent();
  assert.ok(curl.includes(`'${LOCAL_API}/api/devices`), curl);
  assert.ok(curl.includes('-H "Authorization: Bearer $FLEET_TOKEN"') && curl.includes('-H "X-Fleet-Org: $FLEET_ORG"'), curl);
  assert.ok(curl.includes('-H "Cookie: fleet_session=$FLEET_TOKEN"'), curl);
  assert.ok(!curl.includes("tok-123") && !curl.includes("org-7") && !/x-apiref-cookie/i.test(curl), curl);
  await execute(page, "createDeviceGroup", "device-groups");
  assert.equal(got.length, 2, `two requests reached the server: ${JSON.stringify(got.map((g) => g.url))}`);
  const [get, post] = got;
  assert.equal(get.method, "GET");
  assert.match(get.url, /^http:\/\/localhost:8080\/api\/devices(\?|$)/);
  assert.equal(post.method, "POST");
  assert.equal(post.url, `${LOCAL_API}/api/device-groups`);
  assert.ok(JSON.parse(post.body) && typeof JSON.parse(post.body) === "object", "the POST carries its JSON body");
  for (const r of got) {
    assert.equal(r.headers.authorization, "Bearer tok-123", `${r.method}: Authorization`);
    assert.equal(r.headers["x-fleet-org"], "org-7", `${r.method}: the second variable`);
    assert.equal(r.headers["x-apiref-cookie"], undefined, `${r.method}: no proxy, no X-Apiref-Cookie`);
    assert.equal(r.headers.cookie, undefined, `${r.method}: no cookie for another origin`);
  }
  assert.match(await page.locator("#apiref-status").textContent(), /without the Fleet token cookie/);
  // sessionStorage only: nothing in localStorage or cookies.
  assert.equal(await page.evaluate(() => sessionStorage.getItem("apiref-var-FLEET_TOKEN")), "tok-123");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("apiref-var-FLEET_ORG")), "org-7");
  assert.equal(await page.evaluate(() => localStorage.length === 0 || Object.keys(localStorage).every((k) => !/tok-123/.test(localStorage.getItem(k)))), true);
  assert.equal(await page.evaluate(() => document.cookie), "");
  assertOnlyHost(requests, EXAMPLE_AUTH, [LOCAL_API]);
  await page.locator("#apiref-auth").screenshot({ path: path.join(SCREENSHOTS, "playground-token-box.png") });
});

test("operation page: one field per variable, each filled only into its own places, shared with the playground", async (t) => {
  const page = await t.page();
  const requests = recordRequests(page);
  await page.goto(url(EXAMPLE_AUTH, "public/operations/listDevices.html"));
  await page.locator(".try-values").waitFor({ state: "visible" });
  const fields = await page.locator(".try-values input[data-var]").evaluateAll((els) =>
    els.map((e) => [e.getAttribute("data-var"), e.classList.contains("try-token")]));
  assert.deepEqual(fields, [["FLEET_TOKEN", true], ["FLEET_ORG", false]], "a field per variable, the token's first");
  const code = async (lang) => page.locator(`details.snippet[data-language="${lang}"] code`).textContent();
  // The token alone: the organisation stays an environment variable, never the token.
  await page.locator(".try-token").fill("tok-5");
  let curl = await code("curl");
  assert.ok(curl.includes("-H 'Authorization: Bearer tok-5'"), curl);
  assert.ok(curl.includes("--cookie 'fleet_session=tok-5'"), curl);
  assert.ok(curl.includes(`-H 'X-Fleet-Org: '"$FLEET_ORG"`), curl);
  await page.locator('.try-values input[data-var="FLEET_ORG"]').fill("org-3");
  curl = await code("curl");
  assert.ok(curl.includes("-H 'X-Fleet-Org: org-3'"), curl);
  assert.ok(curl.includes("-H 'Authorization: Bearer tok-5'"), curl);
  const python = await code("python");
  assert.ok(python.includes('"X-Fleet-Org": "org-3"') && python.includes('"Bearer tok-5"'), python);
  const js = await code("javascript");
  assert.ok(js.includes('"org-3"') && !js.includes("process.env.FLEET_ORG"), js);
  // The playground's own keys: the token and this variable are already filled in there.
  assert.equal(await page.evaluate(() => sessionStorage.getItem("apiref-var-FLEET_TOKEN")), "tok-5");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("apiref-var-FLEET_ORG")), "org-3");
  await page.locator("a.try-it").click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  assert.equal(await page.locator("#apiref-auth input[name=token]").inputValue(), "tok-5");
  assert.equal(await page.locator("#apiref-auth input[name=FLEET_ORG]").inputValue(), "org-3");
  // And back: a value changed in the playground is the page's after a reload.
  await page.locator("#apiref-auth input[name=FLEET_ORG]").fill("org-4");
  await page.goto(url(EXAMPLE_AUTH, "public/operations/listDevices.html"));
  await page.locator(".try-values").waitFor({ state: "visible" });
  assert.equal(await page.locator('.try-values input[data-var="FLEET_ORG"]').inputValue(), "org-4");
  assert.ok((await code("curl")).includes("-H 'X-Fleet-Org: org-4'"));
  assertOnlyHost(requests, EXAMPLE_AUTH);
  await page.locator(".try-values").screenshot({ path: path.join(SCREENSHOTS, "operation-try-values.png") });
});

test("playground: with serve's proxy set, requests go through it with the cookie in X-Apiref-Cookie", async (t) => {
  const page = await t.page();
  const requests = recordRequests(page);
  // What `apiref serve --proxy` does: the same site with apiref-playground.json's proxy set.
  await page.route(url(EXAMPLE_AUTH, "playground/apiref-playground.json"), async (route) => {
    const response = await route.fetch();
    const settings = await response.json();
    settings.proxy = "/_apiref/proxy";
    await route.fulfill({ response, json: settings });
  });
  const direct = await fakeServer(page, `${LOCAL_API}/**`);
  const proxied = await fakeServer(page, (u) => u.origin === new URL(EXAMPLE_AUTH).origin && u.pathname === "/_apiref/proxy");
  await page.goto(url(EXAMPLE_AUTH, "public/"));
  await page.evaluate(() => { sessionStorage.setItem("apiref-var-FLEET_TOKEN", "tok-9"); sessionStorage.setItem("apiref-var-FLEET_ORG", "org-1"); });
  await openPlayground(page, url(EXAMPLE_AUTH, "playground/index.html#/devices/listDevices"));
  assert.equal(await page.locator(".apiref-warning").count(), 0, "no cookie warning: the proxy sends it");
  await page.locator(".servers select").selectOption(LOCAL_API);
  await execute(page, "listDevices", "devices");
  await execute(page, "createDeviceGroup", "device-groups");
  assert.equal(direct.length, 0, "nothing went to the API server directly");
  assert.equal(proxied.length, 2);
  const [get, post] = proxied;
  const target = (r) => new URL(r.url).searchParams.get("url");
  assert.equal(new URL(get.url).pathname, "/_apiref/proxy");
  assert.equal(new URL(get.url).origin, new URL(EXAMPLE_AUTH).origin, "same origin: no CORS");
  assert.match(target(get), /^http:\/\/localhost:8080\/api\/devices(\?|$)/);
  assert.equal(get.url, url(EXAMPLE_AUTH, "/_apiref/proxy?url=" + encodeURIComponent(target(get))), "P + ?url= + encodeURIComponent(U)");
  assert.equal(target(post), `${LOCAL_API}/api/device-groups`);
  assert.equal(get.method, "GET");
  assert.equal(post.method, "POST");
  assert.ok(typeof JSON.parse(post.body) === "object", "the body is kept");
  for (const r of proxied) {
    assert.equal(r.headers.authorization, "Bearer tok-9");
    assert.equal(r.headers["x-fleet-org"], "org-1");
    assert.equal(r.headers["x-apiref-cookie"], "fleet_session=tok-9", "the cookie, for serve to move into Cookie");
  }
  // What the page shows names the real server, not the proxy, and no X-Apiref-Cookie.
  const op = page.locator("#operations-device-groups-createDeviceGroup");
  assert.equal((await op.locator(".request-url pre").textContent()).trim(), `${LOCAL_API}/api/device-groups`);
  const curl = await op.locator(".request-snippets pre").first().textContent();
  assert.ok(curl.includes(`'${LOCAL_API}/api/device-groups'`) && !curl.includes("_apiref"), curl);
  assert.ok(curl.includes('-H "Cookie: fleet_session=$FLEET_TOKEN"') && !/x-apiref-cookie/i.test(curl) && !curl.includes("tok-9"), curl);
  assertOnlyHost(requests, EXAMPLE_AUTH);
});

test("playground: a very large response is shown as plain text, a small one highlighted", async (t) => {
  const page = await t.page();
  let big = true;
  const huge = JSON.stringify(Array.from({ length: 20000 }, (_, i) => ({ id: i, name: `device-${i}`, tags: ["a", "b"] })));
  await fakeServer(page, `${LOCAL_API}/**`, () => (big ? huge : '[{"id":1}]'));
  await openPlayground(page, url(EXAMPLE, "playground/index.html#/devices/listDevices"));
  await page.locator(".servers select").selectOption(LOCAL_API);
  const op = await execute(page, "listDevices", "devices");
  const body = op.locator(".live-responses-table tbody .response-col_description .highlight-code").first();
  await body.waitFor();
  assert.ok((await body.textContent()).length > 1_000_000, "the whole 1.8 MB body is shown");
  assert.equal(await body.locator("pre code").count(), 0, "a 1.8 MB body is not highlighted");
  big = false;
  await op.locator("button.execute").click();
  await page.waitForFunction(() => {
    const el = document.querySelector(".opblock.is-open .live-responses-table tbody .response-col_description .highlight-code");
    return el && el.textContent.length < 1000;
  });
  assert.ok(await body.locator("pre code span").count() > 0, "a small body is highlighted again");
});

// --- item 2: the GitHub and Meshery bundles ---------------------------------------------------

test("playground: GitHub's bundle loads with no error shown; repos/get deep link opens it (load time measured)", async (t) => {
  // One load: bench/playground.mjs measures it against stock Swagger UI, over several runs.
  const times = [];
  {
    const page = await t.page();
    const requests = recordRequests(page);
    times.push(await openPlayground(page, url(GITHUB, "playground/")));
    await assertNoSwaggerError(page, "GitHub");
    assert.match(await page.locator(".info .title").textContent(), /GitHub/);
    assertOnlyHost(requests, GITHUB);
    await page.close();
  }
  // From the operation page's "Try it": GitHub's ids have a '/', which Swagger UI alone would not match.
  const page = await t.page();
  await page.goto(url(GITHUB, "api.github.com/operations/repos-get.html"));
  const started = Date.now();
  await page.locator("a.try-it").click();
  await page.locator(".opblock.is-open").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  const deep = Date.now() - started;
  // Swagger UI's element id is CSS-escaped: operations-repos-repos\/get.
  assert.deepEqual(await openOperationIds(page), ["operations-repos-repos\\/get"]);
  assert.match(await page.locator(".opblock.is-open .opblock-summary-path").textContent(), /^\/repos\/\{owner\}\/\{repo\}/);
  // Below the request form; its link to Swagger UI's view brings it into view.
  await page.locator("#apiref-form-swagger").click();
  await page.waitForFunction(() => { const r = document.querySelector(".opblock.is-open").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; });
  assert.ok(await inViewport(page.locator(".opblock.is-open")), "repos/get is scrolled into view");
  await assertNoSwaggerError(page, "GitHub deep link");
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-github-repos-get.png") });
  report(`playground: GitHub (12.4 MiB JSON, 1,223 operations) ready in Swagger UI: ${(times[0] / 1000).toFixed(1)} s; ` +
         `Try it to repos/get expanded: ${(deep / 1000).toFixed(1)} s`);
});

test("playground: Meshery's bundles (meshery, cloud) load with no error shown", async (t) => {
  const page = await t.page();
  const requests = recordRequests(page);
  const times = {};
  times.meshery = await openPlayground(page, url(MESHERY, "playground/"));
  assert.deepEqual(await page.locator("#apiref-bundle option").allTextContents(), ["meshery", "cloud"]);
  await assertNoSwaggerError(page, "meshery");
  const mesheryOps = await page.locator(".opblock-tag").count();
  assert.ok(mesheryOps > 5, `meshery: tags listed (${mesheryOps})`);
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-meshery.png") });
  const started = Date.now();
  await page.locator("#apiref-bundle").selectOption({ label: "cloud" });
  // The playground's copy of the bundle (playground/cloud.openapi.json): its auth is apiref.yaml's.
  await page.waitForFunction(() => /\bcloud\.openapi\.json$/.test(window.ui.specSelectors.url() || ""));
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached" });
  await page.locator(".opblock").first().waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  await page.waitForFunction(() => window.ui.specSelectors.loadingStatus() === "success");
  times.cloud = Date.now() - started;
  await assertNoSwaggerError(page, "cloud");
  // The cloud bundle's own auth (a bearer token and the organisation header): its box, and no
  // cookie warning, which was Meshery Server's.
  await page.locator("#apiref-auth h2", { hasText: "Your Meshery Cloud token" }).waitFor();
  assert.equal(await page.locator(".apiref-warning").count(), 0);
  assertOnlyHost(requests, MESHERY);
  report(`playground: Meshery ready in Swagger UI: meshery ${(times.meshery / 1000).toFixed(1)} s, cloud ${(times.cloud / 1000).toFixed(1)} s`);
});

// --- inside the site: theme, header, token box in reach, opened from disk ----------------------

const background = (page, selector) => page.locator(selector).evaluate((el) => getComputedStyle(el).backgroundColor);
const WHITE = "rgb(255, 255, 255)", DARK = "rgb(15, 20, 25)";  // the site's --bg, light and dark

test("playground: follows the site's theme both ways, and its toggle (screenshots 1400 and 390 px)", async (t) => {
  for (const [system, stored, dark] of [["light", "dark", true], ["dark", "light", false], ["dark", null, true], ["light", null, false]]) {
    // Which theme applies does not depend on the width: the phone's width is loaded for the
    // two stored choices (their screenshots, and no sideways scroll on a phone), not for all
    // four (each load of Meshery's bundle in Swagger UI costs seconds of CPU).
    for (const width of stored ? [1400, 390] : [1400]) {
      const page = await t.page({ colorScheme: system, viewport: { width, height: width > 500 ? 900 : 844 } });
      await page.goto(url(MESHERY, "index.html"));
      await page.evaluate((v) => { if (v) localStorage.setItem("apiref-theme", v); sessionStorage.setItem("apiref-var-MESHERY_TOKEN", "tok-x"); }, stored);
      await openPlayground(page, url(MESHERY, "playground/index.html?urls.primaryName=meshery#/workspaces/getWorkspaces"));
      const what = `system ${system}, stored ${stored}, ${width} px`;
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark-mode")), dark, what);
      assert.equal(await background(page, "body"), dark ? DARK : WHITE, what);
      assert.equal(await background(page, "header.site-header") !== (dark ? WHITE : DARK), true, what);
      // Swagger UI's text follows: light on dark, dark on light.
      const fg = await page.locator(".opblock.is-open .opblock-summary-path").evaluate((el) => getComputedStyle(el).color);
      const [r] = fg.match(/\d+/g).map(Number);
      assert.ok(dark ? r > 150 : r < 100, `${what}: operation path colour ${fg}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `${what}: no sideways scroll`);
      if (stored) await page.screenshot({ path: path.join(SCREENSHOTS, `playground-meshery-${width}-${dark ? "dark" : "light"}.png`) });
      if (stored && width === 1400) {
        // The header's toggle flips the playground at once.
        await page.locator(".theme-toggle").click();
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark-mode")), !dark, `${what}: toggled`);
        assert.equal(await background(page, "body"), dark ? WHITE : DARK, `${what}: toggled`);
      }
      await page.close();
    }
  }
});

test("playground: after a deep link the token box stays in sight, above the opened operation", async (t) => {
  for (const width of [1400, 390]) {
    const page = await t.page({ viewport: { width, height: width > 500 ? 900 : 844 } });
    await page.goto(url(MESHERY, "index.html"));
    await page.evaluate(() => sessionStorage.setItem("apiref-var-MESHERY_TOKEN", "tok-x"));
    // An operation far down the page.
    // Swagger UI's view of the operation (?swagger: no request form above it).
    await openPlayground(page, url(MESHERY, "playground/index.html?urls.primaryName=meshery&swagger=#/workspaces/getWorkspaces"));
    const op = page.locator("#operations-workspaces-getWorkspaces");
    await page.waitForFunction(() => window.scrollY > 1000, null, { timeout: 20_000 });
    const box = await page.locator("#apiref-auth input[name=token]").boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= (width > 500 ? 900 : 844), `${width} px: the token field is on screen (${JSON.stringify(box)})`);
    const bar = await page.locator("#apiref-toolbar").boundingBox();
    const opened = await op.boundingBox();
    assert.ok(opened.y >= bar.y + bar.height - 1, `${width} px: the operation starts below the toolbar (${opened.y} < ${bar.y + bar.height})`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `playground-deep-link-token-${width}.png`) });
    await page.close();
  }
});

test("playground: the server set in the token box is offered beside the description's", async (t) => {
  const page = await t.page();
  await page.goto(url(EXAMPLE_AUTH, "public/operations/listDevices.html"));
  await page.locator(".try-server").fill("http://localhost:8090/");
  const got = await fakeServer(page, "http://localhost:8090/**");
  await openPlayground(page, url(EXAMPLE_AUTH, "playground/index.html#/devices/listDevices"));
  const options = await page.locator(".scheme-container .servers select option").allTextContents();
  assert.ok(options.includes("http://localhost:8090 - your server, from the token box"), JSON.stringify(options));
  await page.locator(".scheme-container .servers select").selectOption("http://localhost:8090");
  await execute(page, "listDevices", "devices");
  assert.equal(got.length, 1);
  assert.match(got[0].url, /^http:\/\/localhost:8090\/api\/devices(\?|$)/);
});

test("playground: opened from disk it says what to run instead", async (t) => {
  const EXAMPLE_DIR = env("EXAMPLE_DIR");
  const page = await t.page();
  await page.goto("file://" + path.join(EXAMPLE_DIR, "playground", "index.html"));
  await page.locator("html[data-playground=from-disk]").waitFor({ state: "attached" });
  const box = page.locator("#apiref-from-disk");
  assert.ok(await box.isVisible());
  const text = await box.textContent();
  assert.match(text, /needs a web server/);
  assert.match(text, /apiref serve --proxy/);
  assert.match(text, /http:\/\/127\.0\.0\.1:8080\/playground\//);
  assert.doesNotMatch(await page.locator("body").textContent(), /Failed to load|remote configuration/);
  assert.equal(await page.locator("#swagger-ui").textContent(), "", "Swagger UI is not started");
  await page.screenshot({ path: path.join(SCREENSHOTS, "playground-from-disk.png") });
});
