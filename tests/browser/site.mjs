// Browser tests for the sites run.sh builds and serves. Run through run.sh, which sets:
//   GITHUB_URL, EXAMPLE_URL, HOSTILE_URL   where each site is served (http://127.0.0.1:PORT/)
//   GITHUB_DIR, EXAMPLE_DIR, HOSTILE_DIR   the built folders (to list pages)
//   SCREENSHOTS                            where PNGs are written
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test, report, run, group, totals } from "./harness.mjs";
import { checkHostile } from "./hostile.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const GITHUB = env("GITHUB_URL"), EXAMPLE = env("EXAMPLE_URL"), HOSTILE = env("HOSTILE_URL");
const GITHUB_DIR = env("GITHUB_DIR"), EXAMPLE_DIR = env("EXAMPLE_DIR");
const SCREENSHOTS = env("SCREENSHOTS");

const GH_OPERATION = "api.github.com/operations/repos-get.html";
const GH_SCHEMA = "api.github.com/schemas/full-repository.html";
const url = (base, p = "") => new URL(p, base).href;

async function open(page, address, waitUntil = "load") {
  const response = await page.goto(address, { waitUntil });
  assert.ok(response, `no response for ${address}`);
  assert.equal(response.status(), 200, `${address} answered ${response.status()}`);
  return response;
}

// The relative luminance of the body's computed background (0 black .. 1 white).
async function backgroundLuminance(page) {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

// The harness itself: the browser's dead proxy keeps every other host out of reach, and a
// request to one, by address or by name, is reported against the test that made it.
test("harness: a request to another host never leaves the machine and is reported", async (t) => {
  t.allow(({ kind, text }) => kind === "console" && /ERR_PROXY_CONNECTION_FAILED/.test(text));
  const page = await t.page();
  await open(page, url(EXAMPLE));
  const outcome = await page.evaluate(async () => {
    const results = [];
    for (const address of ["http://203.0.113.7/probe", "https://apiref-harness.example.com/probe"]) {
      try {
        await fetch(address, { mode: "no-cors" });
        results.push("answered");
      } catch {
        results.push("failed");
      }
    }
    return results;
  });
  assert.deepEqual(outcome, ["failed", "failed"]);
  for (let i = 0; i < 50 && t.problems.length < 2; i++) await page.waitForTimeout(20);
  assert.deepEqual(t.problems.map((p) => p.split(" (")[0]),
                   ["request to another host: http://203.0.113.7/probe",
                    "request to another host: https://apiref-harness.example.com/probe"]);
  totals.externalRequests -= t.problems.length;  // expected here: not counted in the run's line
  t.problems.length = 0;
});

// --- a. GitHub's description -------------------------------------------------------------------

test("github: the overview loads with no console error", async (t) => {
  const page = await t.page();
  await open(page, GITHUB);
  await page.locator("h1").waitFor({ state: "visible" });
  assert.ok(await page.locator(`a[href="api.github.com/index.html"]`).count() >= 1, "the overview links to the bundle");
  assert.ok(await page.locator(".ov-tags li").count() > 20, "the overview lists GitHub's tags");
  await page.locator(".theme-toggle").waitFor({ state: "visible" }); // app.js ran
});

test("github: the operation page shows its title and the 200 response schema", async (t) => {
  const page = await t.page();
  await open(page, url(GITHUB, GH_OPERATION));
  await assert.doesNotReject(page.locator("h1", { hasText: /^Get a repository$/ }).waitFor({ state: "visible" }));
  assert.equal((await page.locator("h1").textContent()).trim(), "Get a repository");
  assert.match(await page.locator(".endpoint").textContent(), /GET\s+\/repos\/\{owner\}\/\{repo\}/);
  const ok = page.locator("#repos-get-response-200");
  await ok.waitFor({ state: "visible" });
  assert.equal((await ok.locator(".status").textContent()).trim(), "200");
  const tree = ok.locator(".schema-tree").first();
  await tree.waitFor({ state: "visible" });
  const props = await tree.locator("> .schema-props > .schema-prop .prop-name").allTextContents();
  for (const name of ["id", "full_name", "owner", "private"]) {
    assert.ok(props.includes(name), `the 200 schema lists ${name} (got ${props.slice(0, 8).join(", ")}, ...)`);
  }
  assert.ok(await page.locator('nav.sidebar a[aria-current="page"]').count() >= 1, "the sidebar marks this page");
});

test("github: an operation page's sidebar lists every operation of its tag, from the tag's script", async (t) => {
  const page = await t.page();
  await open(page, url(GITHUB, GH_OPERATION));
  const repos = JSON.parse(fs.readFileSync(path.join(GITHUB_DIR, "api.github.com", "tags", "repos.nav.js"), "utf8")
    .replace(/^window\.apirefTagNav && window\.apirefTagNav\(/, "").replace(/\);\n$/, ""));
  const links = page.locator("nav.sidebar .sidebar-tag.active ul[data-tag-nav] a");
  await page.waitForFunction((n) => document.querySelectorAll("nav.sidebar ul[data-tag-nav] a").length === n,
                             repos.operations.length);
  assert.ok(repos.operations.length > 100, `repos lists ${repos.operations.length} operations`);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, repos.operations.map((op) => op[0]), "the tag's operations, in its order");
  const current = page.locator('nav.sidebar ul[data-tag-nav] a[aria-current="page"]');
  assert.equal(await current.count(), 1, "one of them is this page");
  assert.equal((await current.textContent()).trim(), "GET Get a repository");
  assert.equal(await page.locator('nav.sidebar a[aria-current="page"]').count(), 1, "and nothing else is");
  // It is the 10th of the list, below 30-odd tags: the sidebar scrolled to show it, the page did not.
  const shown = await current.evaluate((a) => {
    const box = a.getBoundingClientRect(), bar = a.closest(".sidebar").getBoundingClientRect();
    return { inside: box.top >= bar.top && box.bottom <= bar.bottom, pageScroll: window.scrollY };
  });
  assert.deepEqual(shown, { inside: true, pageScroll: 0 }, "this page's entry is in view in the sidebar");
  // The links work: the next operation in the list opens, and lists the same operations.
  const next = links.nth(hrefs.indexOf("repos-get.html") + 1);
  const nextLabel = (await next.textContent()).trim();
  await next.click();
  await page.waitForFunction((n) => document.querySelectorAll("nav.sidebar ul[data-tag-nav] a").length === n,
                             repos.operations.length);
  assert.equal((await page.locator('nav.sidebar ul[data-tag-nav] a[aria-current="page"]').textContent()).trim(), nextLabel);
});

// A named schema nested in another is a link to its page (data-folded); app.js unfolds it in
// place from that page, once per page fetched, its links made absolute.
async function unfold(page, row, name) {
  const button = row.locator("> [data-folded] > button.schema-unfold");
  await button.waitFor({ state: "visible" });
  assert.equal(await button.getAttribute("aria-expanded"), "false", `${name}: folded at first`);
  assert.equal(await row.locator(".schema-props").count(), 0, `${name}: nothing of it is on the page before`);
  await button.click();
  const box = row.locator("> .schema-unfolded");
  await box.waitFor({ state: "visible" });
  assert.equal(await button.getAttribute("aria-expanded"), "true", `${name}: expanded`);
  return { button, box };
}
const propRow = (scope, name) =>
  scope.locator("> .schema-props > li.schema-prop").filter({ has: scope.page().locator(`> [data-folded] > code.prop-name:text-is("${name}")`) });
const propNames = (box) => box.locator("> .schema-props > li.schema-prop .prop-name").allTextContents();

test("github: a nested schema (the repository's owner) is a link, unfolded in place on demand", async (t) => {
  const page = await t.page();
  await open(page, url(GITHUB, GH_OPERATION));
  const tree = page.locator("#repos-get-response-200 .schema-tree").first();
  const owner = propRow(tree, "owner");
  assert.equal(await owner.count(), 1, "one folded owner row");
  assert.ok((await owner.locator("a.schema-ref").getAttribute("href")).endsWith("/schemas/simple-user.html"), "it links to simple-user");
  const { button, box } = await unfold(page, owner, "owner");
  const names = await propNames(box);
  for (const name of ["login", "id", "avatar_url", "site_admin"]) assert.ok(names.includes(name), `owner shows ${name} (got ${names.join(", ")})`);
  for (const href of await box.locator("a[href]").evaluateAll((as) => as.map((a) => a.href)))
    assert.ok(href.startsWith(GITHUB), `an unfolded link stays on the site: ${href}`);
  await owner.evaluate((row) => { row.scrollIntoView({ block: "start" }); window.scrollBy(0, -120); });
  await page.screenshot({ path: path.join(SCREENSHOTS, "github-unfolded-owner.png") });
  assert.equal(await button.getAttribute("aria-label"), "Collapse simple-user");
  await button.click();
  await box.waitFor({ state: "hidden" });
  assert.equal(await button.getAttribute("aria-expanded"), "false", "collapsed again");
  assert.equal(await button.getAttribute("aria-label"), "Expand simple-user");
});

test("nested: an unfolded schema is filtered like its tree (request: no readOnly, response: no writeOnly) and unfolds further", async (t) => {
  const NESTED = env("NESTED_URL");
  const page = await t.page();
  await open(page, url(NESTED, "nested/operations/createSignup.html"));
  const request = page.locator('section[aria-labelledby="createSignup-body"] .schema-tree[data-for="request"]').first();
  const sent = await unfold(page, propRow(request, "account"), "account (request)");
  assert.deepEqual(await propNames(sent.box), ["password", "email", "home"]);
  const home = await unfold(page, propRow(sent.box, "home"), "home");
  assert.deepEqual(await propNames(home.box), ["city"]);
  // Unfolded text comes from the schema's (sanitised) page and runs nothing here either.
  assert.ok((await sent.box.textContent()).includes("Where."), "the hostile description was unfolded");
  assert.equal(await home.box.locator('a[href^="javascript:" i], script, img[onerror]').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing in an unfolded schema ran");
  const response = page.locator('.schema-tree[data-for="response"]').first();
  const received = await unfold(page, propRow(response, "account"), "account (response)");
  assert.deepEqual(await propNames(received.box), ["id", "email", "home"]);
  // The schema's own page shows every property, each direction badged.
  await open(page, url(NESTED, "nested/schemas/Account.html"));
  assert.deepEqual(await page.locator("main .schema-tree > .schema-props > li.schema-prop .prop-name").allTextContents(),
                   ["id", "password", "email", "home"]);
});

test("github: the full-repository schema page renders", async (t) => {
  assert.ok(fs.existsSync(path.join(GITHUB_DIR, GH_SCHEMA)), `${GH_SCHEMA} was built`);
  const page = await t.page();
  await open(page, url(GITHUB, GH_SCHEMA));
  assert.equal((await page.locator("h1").textContent()).trim(), "full-repository");
  await page.locator("main .schema-tree").first().waitFor({ state: "visible" });
  assert.ok(await page.locator("main .schema-tree .prop-name").count() > 50, "the schema lists its properties");
  const example = await page.locator("main details.example pre").first().textContent();
  assert.doesNotThrow(() => JSON.parse(example), "the generated example is JSON");
  assert.ok("full_name" in JSON.parse(example), "the example has full_name");
});

test("github: search finds 'get a repository' and Enter opens it", async (t) => {
  const page = await t.page();
  await open(page, GITHUB);
  const input = page.locator("#search-input");
  await input.focus();
  await page.keyboard.type("get a repository");
  const first = page.locator("#search-results li.search-hit a").first();
  await first.waitFor({ state: "visible" });
  const href = await first.evaluate((a) => a.href);
  assert.ok(href.endsWith("/api.github.com/operations/repos-get.html"), `first result is ${href}`);
  assert.match(await first.textContent(), /Get a repository/);
  await Promise.all([page.waitForURL(url(GITHUB, GH_OPERATION)), page.keyboard.press("Enter")]);
  assert.equal((await page.locator("h1").textContent()).trim(), "Get a repository");
});

test("github: time to the operation's h1 and JS heap (measured, not asserted)", async (t) => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const page = await t.page();
    // In the page: when the h1 is first in the DOM, and the next animation frame after it
    // (when it has been laid out and can be painted), both from navigation start.
    await page.addInitScript(() => {
      const seen = () => {
        const h1 = document.querySelector("h1");
        if (!h1 || window.__h1At) return false;
        window.__h1At = performance.now();
        requestAnimationFrame(() => { window.__h1PaintedAt = performance.now(); });
        return true;
      };
      new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
        .observe(document, { childList: true, subtree: true });
    });
    const started = performance.now();
    await page.goto(url(GITHUB, GH_OPERATION), { waitUntil: "commit" });
    await page.locator("h1").waitFor({ state: "visible" });
    const wall = performance.now() - started;
    await page.waitForLoadState("load");
    await page.waitForFunction(() => window.__h1PaintedAt !== undefined);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      return { h1: window.__h1At, painted: window.__h1PaintedAt, fcp: fcp ? fcp.startTime : NaN,
               dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, bytes: nav.transferSize };
    });
    runs.push({ wall, ...timing, page });
  }
  report(`timing, GitHub operation page (${GH_OPERATION}), 3 fresh contexts, median:`);
  report(`  navigation start -> h1 visible (test's clock, goto() to waitFor visible): ${ms(median(runs.map((r) => r.wall)))}` +
         `  [runs: ${runs.map((r) => ms(r.wall)).join(", ")}]`);
  report(`  in page: h1 in DOM ${ms(median(runs.map((r) => r.h1)))}, next frame ${ms(median(runs.map((r) => r.painted)))}, ` +
         `first contentful paint ${ms(median(runs.map((r) => r.fcp)))}, DOMContentLoaded ${ms(median(runs.map((r) => r.dcl)))}, ` +
         `load ${ms(median(runs.map((r) => r.load)))}; HTML ${(runs[0].bytes / 1024).toFixed(0)} KiB`);

  // The same page again in a tab that has already shown it (renderer up, files cached).
  const page = runs[runs.length - 1].page;
  const again = performance.now();
  await page.goto(url(GITHUB, GH_OPERATION) + "?again", { waitUntil: "commit" });
  await page.locator("h1").waitFor({ state: "visible" });
  const warm = performance.now() - again;
  await page.waitForLoadState("load");
  const warmPaint = await page.evaluate(() => (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime);
  report(`  again in the same tab (cached): h1 visible after ${ms(warm)}, first contentful paint ${ms(warmPaint)}`);

  // The heap: after load, then after the search index is fetched and searched.
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const usage = await cdp.send("Runtime.getHeapUsage");
    const perf = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : NaN);
    return { used: usage.usedSize, total: usage.totalSize, perf };
  };
  const afterLoad = await heap();
  await page.locator("#search-input").focus();
  await page.keyboard.type("repository");
  await page.locator("#search-results li.search-hit").first().waitFor({ state: "visible" });
  const afterSearch = await heap();
  report(`JS heap, GitHub operation page (CDP Runtime.getHeapUsage after a GC): ` +
         `after load ${mib(afterLoad.used)} used of ${mib(afterLoad.total)}; ` +
         `after loading the search index and searching ${mib(afterSearch.used)} used of ${mib(afterSearch.total)} ` +
         `(performance.memory.usedJSHeapSize: ${mib(afterLoad.perf)} -> ${mib(afterSearch.perf)})`);
});

// --- b. without JavaScript ---------------------------------------------------------------------

test("snippets: the reader's token and server fill every snippet, kept in sessionStorage only", async (t) => {
  const page = await t.page();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await open(page, url(EXAMPLE, "public/operations/getDevice.html"));
  const box = page.locator(".try-values");
  await box.waitFor({ state: "visible" });
  const token = "tok'en \"$x\"";
  await page.locator(".try-token").fill(token);
  await page.locator(".try-server").fill("http://127.0.0.1:9081");
  const code = async (lang) => page.locator(`details.snippet[data-language="${lang}"] code`).textContent();
  const curl = await code("curl");
  assert.ok(curl.includes("'Authorization: Bearer tok'\\''en \"$x\"'"), curl);  // one word, not 'Bearer ''tok...' 
  assert.ok(curl.includes("'http://127.0.0.1:9081/api/devices/"), curl);
  assert.ok(!curl.includes("$DEVICE_BEARER_AUTH_TOKEN"), curl);
  const python = await code("python");
  assert.ok(python.includes(JSON.stringify("Bearer " + token)), python);
  const js = await code("javascript");
  assert.ok(js.includes(JSON.stringify("Bearer " + token)), js);
  const go = await code("go");
  assert.ok(go.includes(JSON.stringify("Bearer " + token)), go);
  // A server that could break out of the quotes is refused, and the snippets keep theirs.
  await page.locator(".try-server").fill("http://x'; rm -rf /");
  assert.ok((await code("curl")).includes("'https://api.fleet.example.com/api/devices/"));
  await page.locator(".try-server").fill("http://127.0.0.1:9081");
  // Another page of the site, same tab: the values come back from sessionStorage.
  await open(page, url(EXAMPLE, "public/operations/listDevices.html"));
  await page.locator(".try-values").waitFor({ state: "visible" });
  assert.ok((await code("curl")).includes("'http://127.0.0.1:9081/api/devices"));
  assert.strictEqual(await page.evaluate(() => localStorage.getItem("apiref-var-DEVICE_BEARER_AUTH_TOKEN")), null, "never in localStorage");
  // Nothing left the page with the token in it.
  assert.ok(!requests.some((r) => r.includes("tok")), requests.join("\n"));
});

test("no JavaScript: the operation page is complete and <details> toggle", async (t) => {
  const page = await t.page({ javaScriptEnabled: false });
  await open(page, url(GITHUB, GH_OPERATION));
  assert.equal(await page.evaluate(() => 1).catch(() => "blocked"), 1, "playwright's own evaluate still works");
  assert.equal((await page.locator("h1").textContent()).trim(), "Get a repository");
  const params = await page.locator("dl.parameters dt code").allTextContents();
  assert.deepEqual(params.slice(0, 2), ["owner", "repo"], `parameters: ${params.join(", ")}`);
  await page.locator("dl.parameters").first().waitFor({ state: "visible" });
  await page.locator("#repos-get-response-200 .schema-tree").first().waitFor({ state: "visible" });
  assert.ok(await page.locator(".response").count() >= 2, "the responses are listed");
  assert.equal(await page.locator(".theme-toggle").isVisible(), false, "the theme toggle needs JS and stays hidden");
  // The sidebar: every tag, and under the page's tag the page itself (the tag's link leads to
  // the tag's page, which lists all of its operations).
  assert.ok(await page.locator("nav.sidebar .sidebar-tag").count() > 20, "the sidebar lists the tags");
  assert.deepEqual((await page.locator("nav.sidebar ul[data-tag-nav] a").allTextContents()).map((s) => s.trim()),
                   ["GET Get a repository"]);
  assert.equal(await page.locator("nav.sidebar .sidebar-tag.active > a").getAttribute("href"), "../tags/repos.html");

  // A closed <details>: clicking its summary opens it, clicking again closes it.
  const closed = page.locator("main details:not([open]) > summary").filter({ visible: true }).first();
  const details = closed.locator("xpath=..");
  await details.evaluate((d) => d.setAttribute("data-test", "closed"));
  const marked = page.locator('details[data-test="closed"]');
  assert.equal(await marked.evaluate((d) => d.open), false);
  await marked.locator("> summary").click();
  assert.equal(await marked.evaluate((d) => d.open), true, "clicking the summary opens it");
  await marked.locator("> summary").click();
  assert.equal(await marked.evaluate((d) => d.open), false, "clicking again closes it");
  // And an open one closes.
  const open_ = page.locator("main details[open] > summary").filter({ visible: true }).first();
  await open_.evaluate((s) => s.parentElement.setAttribute("data-test", "open"));
  await page.locator('details[data-test="open"] > summary').click();
  assert.equal(await page.locator('details[data-test="open"]').evaluate((d) => d.open), false);
});

// --- c. theme --------------------------------------------------------------------------------

test("theme: the toggle switches light/dark and the choice survives a reload", async (t) => {
  const page = await t.page({ colorScheme: "light" });
  await open(page, url(GITHUB, GH_OPERATION));
  const theme = () => page.evaluate(() => document.documentElement.getAttribute("data-theme"));
  const stored = () => page.evaluate(() => localStorage.getItem("apiref-theme"));
  assert.equal(await theme(), null, "no choice yet: the system's theme");
  assert.ok(await backgroundLuminance(page) > 0.8, "light system theme: light background");
  const toggle = page.locator(".theme-toggle");
  await toggle.waitFor({ state: "visible" });
  assert.ok((await toggle.getAttribute("aria-label")).length > 0, "the toggle has an accessible name");

  await toggle.click();
  assert.equal(await theme(), "dark");
  assert.equal(await stored(), "dark");
  assert.ok(await backgroundLuminance(page) < 0.05, "dark background after the toggle");
  await page.reload({ waitUntil: "load" });
  assert.equal(await theme(), "dark", "dark survives a reload");
  assert.ok(await backgroundLuminance(page) < 0.05);

  await toggle.click();
  assert.equal(await theme(), "light");
  assert.equal(await stored(), "light");
  await page.reload({ waitUntil: "load" });
  assert.equal(await theme(), "light", "light survives a reload");
  assert.ok(await backgroundLuminance(page) > 0.8);
});

test("theme: a dark system preference gives a dark page when nothing is stored", async (t) => {
  const page = await t.page({ colorScheme: "dark" });
  await open(page, url(GITHUB, GH_OPERATION));
  assert.equal(await page.evaluate(() => localStorage.getItem("apiref-theme")), null);
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), null);
  const luminance = await backgroundLuminance(page);
  assert.ok(luminance < 0.05, `background luminance ${luminance.toFixed(3)} is dark`);
  // The first click from the system's dark theme goes to light.
  await page.locator(".theme-toggle").click();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "light");
  assert.ok(await backgroundLuminance(page) > 0.8);
});

// --- d. keyboard -----------------------------------------------------------------------------

test("keyboard: the first Tab reaches the skip link, which moves focus to #content", async (t) => {
  const page = await t.page();
  await open(page, url(GITHUB, GH_OPERATION));
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({
    cls: document.activeElement.className, href: document.activeElement.getAttribute("href"),
    visible: document.activeElement.getBoundingClientRect().left >= 0,
  }));
  assert.equal(focused.cls, "skip-link", `the first Tab focused .${focused.cls}`);
  assert.equal(focused.href, "#content");
  assert.ok(focused.visible, "the focused skip link is on screen");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "content");
  // The next Tab continues inside the content, not back in the header.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement.closest("#content")), true,
               "Tab after the skip link stays in the content");
});

test("keyboard: search results follow ArrowDown/ArrowUp and Enter opens the selected one", async (t) => {
  const page = await t.page();
  await open(page, GITHUB);
  await page.locator("body").press("/");   // the shortcut that focuses the search box
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  await page.keyboard.type("repository");
  const options = page.locator("#search-results li.search-hit");
  await options.first().waitFor({ state: "visible" });
  assert.ok(await options.count() >= 3);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const selected = page.locator('#search-results li[data-selected="true"]');
  assert.equal(await selected.count(), 1);
  assert.equal(await options.nth(1).getAttribute("data-selected"), "true", "the second result is selected");
  // For a screen reader: a combobox whose listbox's options are the result links, the
  // highlighted one named by aria-activedescendant.
  const input = page.locator("#search-input");
  assert.equal(await input.getAttribute("role"), "combobox");
  assert.equal(await input.getAttribute("aria-expanded"), "true");
  assert.equal(await page.locator("#search-results").getAttribute("role"), "listbox");
  const option = selected.locator("a");
  assert.equal(await option.getAttribute("role"), "option");
  assert.equal(await option.getAttribute("aria-selected"), "true");
  assert.equal(await input.getAttribute("aria-activedescendant"), await option.getAttribute("id"));
  assert.equal(await page.locator('#search-results [role="option"][aria-selected="true"]').count(), 1);
  const href = await selected.locator("a").evaluate((a) => a.href);
  await Promise.all([page.waitForURL(href), page.keyboard.press("Enter")]);
  await page.locator("h1").waitFor({ state: "visible" });
  // Escape closes the list.
  await page.locator("#search-input").focus();
  await page.keyboard.type("issue");
  await options.first().waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#search-results").isVisible(), false, "Escape hides the results");
  assert.equal(await page.locator("#search-input").getAttribute("aria-expanded"), "false");
});

// --- e. a hostile description ------------------------------------------------------------------

test("hostile description: no script runs on the overview, bundle, tag and operation pages", async (t) => {
  // The sanitiser keeps <img src=x> (without its onerror): the browser asks for /x and gets a 404.
  t.allow(({ kind, text, url: source }) => kind === "console" && / 404 /.test(text) && /\/x$/.test(source));
  const page = await t.page();
  await open(page, HOSTILE);
  await checkHostile(page, "overview");
  assert.match(await page.locator("main").textContent(), /<script>window.__pwned=1<\/script>/,
               "the script tag is shown as text");

  const bundleHref = await page.locator(".bundle-overview h2 a").first().evaluate((a) => a.href);
  await open(page, bundleHref);
  await checkHostile(page, "bundle page");

  const tagHref = await page.locator('main a[href*="tags/"]').first().evaluate((a) => a.href);
  await open(page, tagHref);
  await checkHostile(page, "tag page");
  assert.match(await page.locator("main").textContent(), /Tag <script>window.__pwned=1<\/script>/);

  const opHref = await page.locator("main .operation-list a").first().evaluate((a) => a.href);
  await open(page, opHref);
  await checkHostile(page, "operation page");
  assert.equal((await page.locator("h1").textContent()).trim(), '"><script>window.__pwned=7</script>',
               "the summary is the h1, as text");
  // app.js lists the tag's other operation in the sidebar from the tag's script: as text.
  const tagList = page.locator("nav.sidebar ul[data-tag-nav] a");
  await page.waitForFunction(() => document.querySelectorAll("nav.sidebar ul[data-tag-nav] a").length === 2);
  assert.deepEqual((await tagList.allTextContents()).map((s) => s.trim()),
                   ['GET "><script>window.__pwned=7</script>', 'DELETE <img src=x onerror="window.__pwned=12">']);
  assert.equal(await page.locator("nav.sidebar img").count(), 0, "no image in the sidebar");
  await checkHostile(page, "operation page, its sidebar listed by app.js");
  assert.match(await page.title(), /"><script>window.__pwned=7<\/script>/, "and the title, as text");
  // Code blocks keep JSON's quotes unescaped (only & < > are): the example is still text.
  assert.match(await page.locator("details.example code").first().textContent(),
               /"name": "<\/code><\/pre><script>window.__pwned=8<\/script>\\"><img src=x onerror=\\"window.__pwned=9\\">"/,
               "the example's markup is shown as text");

  // Searching for the hostile summary shows it as text too.
  await page.locator("#search-input").focus();
  await page.keyboard.type("pwned");
  await page.locator("#search-results li.search-hit").first().waitFor({ state: "visible" });
  await checkHostile(page, "search results");
  assert.equal(t.dialogs.length, 0, `dialogs: ${t.dialogs.join("; ")}`);
});

// --- f. the embedded example -------------------------------------------------------------------

function exampleOperations() {
  const dir = path.join(EXAMPLE_DIR, "public", "operations");
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".html"))
    .map((d) => `public/operations/${d.name}`).sort();
}

test("example: the site works opened from disk (file://): links name pages, not folders", async (t) => {
  const page = await t.page();
  const start = "file://" + path.join(EXAMPLE_DIR, "public", "operations", "getDevice.html");
  await page.goto(start);
  assert.equal((await page.locator("h1").count()), 1, "the operation page opens");
  // The sidebar's tag, the breadcrumb's bundle, the header's overview: pages, never a listing.
  for (const selector of ["nav.sidebar .sidebar-tag a", "nav.breadcrumbs a", "header a.brand"]) {
    await page.goto(start);
    await page.locator(selector).first().click();
    await page.waitForLoadState("load");
    assert.ok(page.url().endsWith(".html"), `${selector} opened ${page.url()}`);
    assert.equal(await page.locator("main h1").count(), 1, `${selector} opened a page with a heading (${page.url()})`);
  }
  // A page opened from disk cannot fetch another: folded schemas get no "Expand" button (which
  // would only log errors), and their link opens the schema's page.
  await page.goto(start);
  await page.locator(".theme-toggle").waitFor({ state: "visible" }); // app.js ran
  assert.equal(await page.locator("button.schema-unfold").count(), 0, "no unfold buttons on file://");
  // Search loads its index as a script there (a page from disk cannot fetch a file).
  await page.locator("#search-input").fill("getDevice");
  const first = page.locator("#search-results li.search-hit a").first();
  await first.waitFor({ state: "visible" });
  assert.ok((await first.evaluate((a) => a.href)).endsWith("/public/operations/getDevice.html"), "search works from disk");
  const link = page.locator("[data-folded] a.schema-ref").first();
  const target = await link.evaluate((a) => a.href);
  await link.click();
  await page.waitForURL(target);
  assert.ok(await page.locator("main .schema-tree").count() >= 1, `the link opened ${target}`);
});

test("example: every operation page under /public/operations/ loads with no console error", async (t) => {
  const pages = exampleOperations();
  assert.ok(pages.length >= 10, `only ${pages.length} operation pages were built`);
  const page = await t.page();
  for (const p of pages) {
    await open(page, url(EXAMPLE, p));
    await page.locator("h1").waitFor({ state: "visible" });
    assert.ok((await page.locator("h1").textContent()).trim().length > 0, `${p} has a title`);
    assert.ok(await page.locator(".response").count() >= 1, `${p} lists responses`);
  }
  report(`example site: ${pages.length} operation pages opened, no console errors`);
});

test("example: no horizontal overflow on a 390x844 phone, on any operation page (and GitHub's)", async (t) => {
  const page = await t.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const overflowing = [];
  const pages = [...exampleOperations().map((p) => url(EXAMPLE, p)),
                 url(EXAMPLE), url(GITHUB), url(GITHUB, GH_OPERATION), url(GITHUB, GH_SCHEMA)];
  for (const p of pages) {
    await open(page, p);
    const { scroll, wide } = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > limit + 1 && !el.closest("pre, .skip-link, .visually-hidden, table"))
        .slice(0, 3).map((el) => `${el.localName}.${el.className}`);
      return { scroll: document.documentElement.scrollWidth, wide };
    });
    if (scroll > 390) overflowing.push(`${p}: scrollWidth ${scroll} (${wide.join(", ")})`);
  }
  assert.deepEqual(overflowing, []);
});

// --- g. screenshots ----------------------------------------------------------------------------

test("screenshots: GitHub operation and overview (light, dark), example operation on a phone", async (t) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const shots = [];
  for (const scheme of ["light", "dark"]) {
    const page = await t.page({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    for (const [name, p] of [["github-operation", GH_OPERATION], ["github-overview", ""]]) {
      await open(page, url(GITHUB, p));
      const file = path.join(SCREENSHOTS, `${name}-${scheme}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
    }
    // The search box open on the operation page.
    await open(page, url(GITHUB, GH_OPERATION));
    await page.locator("#search-input").focus();
    await page.keyboard.type("get a repository");
    await page.locator("#search-results li.search-hit").first().waitFor({ state: "visible" });
    await page.keyboard.press("ArrowDown");
    const file = path.join(SCREENSHOTS, `github-search-${scheme}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
  }
  const phone = await t.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const op = exampleOperations().find((p) => p.includes("createRollout")) || exampleOperations()[0];
  await open(phone, url(EXAMPLE, op));
  shots.push(path.join(SCREENSHOTS, "example-operation-mobile.png"));
  await phone.screenshot({ path: shots[shots.length - 1] });
  // The whole page too, in screen-sized slices so that each one can be looked at.
  const height = await phone.evaluate(() => document.documentElement.scrollHeight);
  const slice = 844;
  for (let i = 0, y = 0; y < height && i < 12; i++) {
    let h = Math.min(slice, height - y);
    if (height - (y + h) < 100) h = height - y;  // a thin remainder joins this slice
    const file = path.join(SCREENSHOTS, `example-operation-mobile-part${i + 1}.png`);
    await phone.screenshot({ path: file, fullPage: true, clip: { x: 0, y, width: 390, height: h } });
    shots.push(file);
    y += h;
  }
  for (const f of shots) assert.ok(fs.statSync(f).size > 2000, `${f} is not empty`);
  report(`screenshots: ${shots.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
});

group("layout"); await import("./layout.mjs");  // two columns, the phone's menu, print, axe-core
group("search"); await import("./search.mjs");  // search on Meshery's and GitHub's sites
group("playground"); await import("./playground.mjs");  // the playground's tests, after the site's
await import("./playground_slice.mjs");  // the playground's per-tag descriptions of a large bundle
group("serve"); await import("./serve.mjs");  // apiref serve: proxy from the playground, live reload
group("auth"); await import("./auth.mjs");  // the ready configs: token box quoting, primary_color, playground auth
group("overview"); await import("./overview.mjs");  // the overview: auth sentence, first call, tag index
group("oas32"); await import("./oas32.mjs");  // OpenAPI 3.2's pages, and its requests from the playground
// hostile.mjs (hostile names: every page of every kind, nothing runs) is imported above, for
// checkHostile: its tests are declared first, in the "site" group.
process.exitCode = await run();
