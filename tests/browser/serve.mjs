// Browser tests for `apiref serve`. Imported by site.mjs; run through run.sh, which also sets:
//   SERVE_EXAMPLE_URL    `apiref serve --proxy` of the example with an auth: section (a header,
//                        a second variable and a cookie), its local development server moved to
//   SERVE_UPSTREAM_URL   a small echo server of the project (tests/cli/echo_upstream.py) that
//   SERVE_UPSTREAM_LOG   appends every request it gets to this file, one JSON object a line
//   SERVE_MESHERY_URL    `apiref serve` of a temporary copy of Meshery's tree, at
//   SERVE_MESHERY_DIR    (the copy's schemas/ folder: edited by the live-reload test)
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test, report, execute } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const SITE = env("SERVE_EXAMPLE_URL"), UPSTREAM = env("SERVE_UPSTREAM_URL"), UPSTREAM_LOG = env("SERVE_UPSTREAM_LOG");
const MESHERY = env("SERVE_MESHERY_URL"), MESHERY_DIR = env("SERVE_MESHERY_DIR");
const SCREENSHOTS = env("SCREENSHOTS");
const url = (base, p = "") => new URL(p, base).href;
const LOAD_TIMEOUT = 150_000;

function upstreamRequests() {
  if (!fs.existsSync(UPSTREAM_LOG)) return [];
  return fs.readFileSync(UPSTREAM_LOG, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

test("serve --proxy: the playground's GET and POST reach the local server with the token as header and cookie", async (t) => {
  const page = await t.page();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  fs.writeFileSync(UPSTREAM_LOG, "");
  // The settings serve hands the playground name its proxy.
  const settings = await (await page.request.get(url(SITE, "playground/apiref-playground.json"))).json();
  assert.equal(settings.proxy, "/_apiref/proxy");
  // The reader enters the token once, on an operation page, and follows "Try it".
  await page.goto(url(SITE, "public/operations/listDevices.html"));
  await page.locator(".try-token").fill("tok-serve-42");
  await page.locator("a.try-it").click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  assert.equal(await page.locator("#apiref-auth input[name=token]").inputValue(), "tok-serve-42");
  await page.locator("#apiref-auth input[name=FLEET_ORG]").fill("org-9");
  assert.equal(await page.locator(".apiref-warning").count(), 0, "no cookie warning: the proxy sends the cookie");
  await page.locator(".servers select").selectOption(UPSTREAM.replace(/\/$/, ""));
  const get = await execute(page, "listDevices", "devices");
  const post = await execute(page, "createDeviceGroup", "device-groups");
  assert.equal((await get.locator(".live-responses-table tr.response .response-col_status").first().textContent()).trim(), "200");
  assert.equal((await post.locator(".live-responses-table tr.response .response-col_status").first().textContent()).trim(), "201");
  // What the local server really received, through serve's proxy.
  const got = upstreamRequests();
  assert.equal(got.length, 2, `two requests reached the local server: ${JSON.stringify(got.map((g) => g.method + " " + g.path))}`);
  const [g, p] = got;
  assert.equal(g.method, "GET");
  assert.equal(g.path, "/api/devices");
  assert.equal(p.method, "POST");
  assert.equal(p.path, "/api/device-groups");
  assert.equal(typeof JSON.parse(p.body), "object", "the POST carries its JSON body");
  assert.match(p.headers["content-type"], /^application\/json/);
  for (const r of got) {
    assert.equal(r.headers.authorization, "Bearer tok-serve-42", `${r.method}: Authorization`);
    assert.equal(r.headers["x-fleet-org"], "org-9", `${r.method}: the second variable`);
    assert.equal(r.headers.cookie, "fleet_session=tok-serve-42", `${r.method}: the cookie, moved from X-Apiref-Cookie`);
    assert.equal(r.headers["x-apiref-cookie"], undefined, `${r.method}: X-Apiref-Cookie is not passed on`);
    assert.equal(r.headers.host, new URL(UPSTREAM).host);
  }
  // The page itself talked to serve only: the proxy made the calls.
  const others = requests.filter((r) => !r.startsWith("data:") && new URL(r).host !== new URL(SITE).host);
  assert.deepEqual(others, [], "requests to a host other than serve");
  const proxied = requests.filter((r) => new URL(r).pathname === "/_apiref/proxy");
  assert.equal(proxied.length, 2, "both calls went through /_apiref/proxy");
  await post.locator(".live-responses-table").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "serve-proxy-playground.png") });
});

test("serve --proxy: a URL outside the declared servers is refused, and the refusal is readable", async (t) => {
  const page = await t.page();
  t.allow(({ text }) => /403/.test(text));
  const response = await page.goto(url(SITE, "_apiref/proxy?url=" + encodeURIComponent("http://example.com/")));
  assert.equal(response.status(), 403);
  assert.match(await page.locator("body").textContent(), /refuses http:\/\/example\.com\/: it is not below any server/);
});

// --- a further server (--open-allow) on Meshery, and the curl the playground shows ---------------

test("serve --proxy --open-allow: Meshery's playground offers the further server, sends there, shows the real curl", async (t) => {
  const OPEN = env("SERVE_OPEN_URL"), OPEN_LOG = env("SERVE_OPEN_LOG");
  const page = await t.page();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  fs.writeFileSync(OPEN_LOG, "");
  const settings = await (await page.request.get(url(MESHERY, "playground/apiref-playground.json"))).json();
  assert.deepEqual(settings.servers, [{ url: OPEN, description: "allowed by --open-allow" }]);
  // The reader's token, typed on the operation page, then "Try it".
  await page.goto(url(MESHERY, "meshery/operations/getWorkspaces.html"));
  await page.locator('.try-values input[data-var="MESHERY_TOKEN"]').fill("tok-mesh-7");
  await page.locator("a.try-it").click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  const select = page.locator(".scheme-container .servers select");
  const offered = await select.locator("option").allTextContents();
  assert.ok(offered.includes(`${OPEN} - allowed by --open-allow`), `the further server is offered: ${JSON.stringify(offered)}`);
  assert.ok(offered.length >= 2, "beside the description's own servers");
  await select.selectOption(OPEN);
  const op = await execute(page, "getWorkspaces", "workspaces");
  assert.equal((await op.locator(".live-responses-table tr.response .response-col_status").first().textContent()).trim(), "200");
  // What the further server received, through serve's proxy: the token as Meshery reads it.
  const got = fs.readFileSync(OPEN_LOG, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(got.length, 1, `one request reached ${OPEN}`);
  assert.equal(got[0].method, "GET");
  assert.equal(got[0].path, "/api/workspaces");
  assert.equal(got[0].headers.cookie, "meshery-provider=Meshery; token=tok-mesh-7");
  assert.equal(got[0].headers["x-apiref-cookie"], undefined);
  const proxied = requests.filter((r) => new URL(r).pathname === "/_apiref/proxy");
  assert.equal(proxied.length, 1, "the call went through /_apiref/proxy");
  assert.equal(new URL(proxied[0]).searchParams.get("url").split("?")[0], `${OPEN}/api/workspaces`);
  // What the page shows is the request as it goes to the real server: its URL, the token as
  // the environment variable Meshery's snippets use, nothing of the proxy.
  assert.match((await op.locator(".request-url pre").textContent()).trim(), new RegExp(`^${OPEN.replace(/[.]/g, "\\.")}/api/workspaces(\\?|$)`));
  const snippets = op.locator(".request-snippets");
  const bash = await snippets.locator("pre").first().textContent();
  assert.ok(bash.includes(`'${OPEN}/api/workspaces`), bash);
  assert.ok(bash.includes(`-H "Cookie: meshery-provider=Meshery; token=$MESHERY_TOKEN"`), bash);
  for (const shown of [bash]) {
    assert.ok(!shown.includes("tok-mesh-7"), "no token in clear");
    assert.ok(!/x-apiref-cookie/i.test(shown) && !shown.includes("_apiref"), "nothing of the proxy");
  }
  // The other two shells spell the variable their way.
  await snippets.getByText("cURL (CMD)").click();
  const cmd = await snippets.locator("pre").first().textContent();
  assert.ok(cmd.includes("token=%MESHERY_TOKEN%") && !cmd.includes("tok-mesh-7"), cmd);
  await snippets.getByText("Powershell").click();
  const ps = await snippets.locator("pre").first().textContent();
  assert.ok(ps.includes("token=$env:MESHERY_TOKEN") && !ps.includes("tok-mesh-7"), ps);
  await snippets.getByText("cURL (bash)").click();
  await op.locator(".request-snippets").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "serve-open-allow-meshery.png") });
});

// --- live reload on a copy of Meshery's tree ---------------------------------------------------

const BADGE_FILE = path.join(MESHERY_DIR, "constructs/v1beta2/badge/api.yml");

function replaceInFile(file, from, to, atomic) {
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} contains ${from}`);
  const next = text.replace(from, to);
  if (atomic) {
    // How many editors save: a new file beside it, renamed over the old one.
    fs.writeFileSync(file + ".tmp-save", next);
    fs.renameSync(file + ".tmp-save", file);
  } else {
    fs.writeFileSync(file, next);
  }
  return Date.now();
}

test("serve: editing an operation's summary in Meshery's tree updates the open page (in place and by rename)", async (t) => {
  const page = await t.page();
  await page.goto(url(MESHERY, "cloud/operations/deleteBadgeById.html"));
  await page.locator("h1", { hasText: "Delete a badge by its ID" }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 400));
  // The page's event stream is open before the edit.
  await page.locator("html[data-apiref-live]").waitFor({ state: "attached" });
  const times = [];
  let current = "Delete a badge by its ID";
  for (const [i, atomic] of [[1, false], [2, true], [3, false]]) {
    const next = `Delete a badge by its ID (live edit ${i})`;
    const saved = replaceInFile(BADGE_FILE, `summary: ${current}`, `summary: ${next}`, atomic);
    await page.locator("h1", { hasText: next }).waitFor({ timeout: 20_000 });
    times.push(Date.now() - saved);
    current = next;
    await page.locator("html[data-apiref-live]").waitFor({ state: "attached" });
  }
  assert.ok(await page.evaluate(() => window.scrollY) > 0, "the scroll position survives the reload");
  report(`serve live reload (browser test): save -> updated h1 ${times.join(", ")} ms`);
  replaceInFile(BADGE_FILE, `summary: ${current}`, "summary: Delete a badge by its ID", false);
  await page.locator("h1", { hasText: /^Delete a badge by its ID$/ }).waitFor({ timeout: 20_000 });
});

test("serve: a broken edit shows its file:line:col over the page, the last good page stays, the next good save recovers", async (t) => {
  const page = await t.page();
  await page.goto(url(MESHERY, "cloud/operations/deleteBadgeById.html"));
  await page.locator("h1", { hasText: "Delete a badge by its ID" }).waitFor();
  await page.locator("html[data-apiref-live]").waitFor({ state: "attached" });
  const good = fs.readFileSync(BADGE_FILE, "utf8");
  // A YAML error: an unclosed flow sequence.
  fs.writeFileSync(BADGE_FILE, good.replace("summary: Delete a badge by its ID", "summary: [Delete a badge"));
  const overlay = page.locator("#apiref-live-errors");
  await overlay.waitFor({ timeout: 20_000 });
  const text = await overlay.textContent();
  assert.match(text, /badge\/api\.yml:\d+:\d+: error: /, "names file:line:col");
  assert.match(text, /last good build/);
  await page.screenshot({ path: path.join(SCREENSHOTS, "serve-error-overlay.png") });
  assert.equal(await page.locator("h1").textContent(), "Delete a badge by its ID", "the last good page is still shown");
  // A broken $ref in the same file is not a failed build (a build renders what it reads): the
  // overlay goes and the page is rebuilt; the finding is in the terminal's log.
  fs.writeFileSync(BADGE_FILE, good.replace('- $ref: "#/components/parameters/badgeId"', '- $ref: "#/components/parameters/noSuchParameter"'));
  await page.waitForFunction(() => !document.getElementById("apiref-live-errors"), null, { timeout: 20_000 });
  // Broken again, for the fresh load below.
  fs.writeFileSync(BADGE_FILE, good.replace("summary: Delete a badge by its ID", "summary: [Delete a badge"));
  await overlay.waitFor({ timeout: 20_000 });
  // A fresh load of the page still gets the last good build.
  const again = await t.page();
  await again.goto(url(MESHERY, "cloud/operations/deleteBadgeById.html"));
  assert.equal(await again.locator("h1").textContent(), "Delete a badge by its ID");
  // The next good save: the overlay goes and the page shows the new text.
  fs.writeFileSync(BADGE_FILE, good.replace("summary: Delete a badge by its ID", "summary: Delete a badge by its ID (recovered)"));
  await page.locator("h1", { hasText: "(recovered)" }).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("#apiref-live-errors").count(), 0, "the overlay is gone");
  fs.writeFileSync(BADGE_FILE, good);
  await page.locator("h1", { hasText: /^Delete a badge by its ID$/ }).waitFor({ timeout: 20_000 });
});
