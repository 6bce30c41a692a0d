// Search, on the sites readers search most: Meshery's (two bundles, `meshery` and `cloud`) and
// GitHub's (one bundle, 1,223 operations and 969 schemas). Run through run.sh, which sets
// MESHERY_URL, GITHUB_URL, MESHERY_DIR, GITHUB_DIR and SCREENSHOTS.
//
// The expected first results were read from the descriptions (Meshery's schemas tree, GitHub's
// api.github.com.json), not from what search returns: an operation by its operationId (page
// slugs are operationIds), a tag or a schema by its name as the author wrote it. Meshery's tag
// and schema names carry the bundler's construct prefix today (`Workspace_workspaces`), which
// is being dropped: those are matched on the result's title, with or without the prefix.
// Operations in both of Meshery's bundles are expected from the first, `meshery`: among equal
// results the site's first bundle comes first (and the reader's own bundle before it, tested
// from a page of `cloud`).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { test, report } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const MESHERY = env("MESHERY_URL"), GITHUB = env("GITHUB_URL");
const MESHERY_DIR = env("MESHERY_DIR"), GITHUB_DIR = env("GITHUB_DIR");
const SCREENSHOTS = env("SCREENSHOTS");

// A name as the author wrote it, with or without the construct prefix the bundler adds today,
// and with whatever the bundler may add after it to tell two constructs' names apart.
const authored = (name) => new RegExp(`^([A-Za-z]+_)*${name}(?![A-Za-z0-9_-])`, "i");
// The page of an operation: its slug is its operationId, made safe for a file name.
const opPage = (id) => `/operations/${id.replace(/[^A-Za-z0-9._-]/g, "-").replace(/-{2,}/g, "-")}.html`;

// [query, expected first result]. op: operationId; tag/schema: the title; bundle: which of
// Meshery's (the site's first bundle, `meshery`, when the operation is in both); why: what the
// result says it matched, for a parameter or a property.
const MESHERY_QUERIES = [
  // paths and path fragments; a method narrows a path
  ["/api/workspaces", { op: "getWorkspaces", bundle: "meshery" }],
  ["workspaces/{id}", { op: "getWorkspaceById", bundle: "meshery" }],
  ["DELETE /api/workspaces/{workspaceId}", { op: "deleteWorkspace", bundle: "meshery" }],
  ["/api/identity/orgs/{orgId}", { op: "getOrg", bundle: "meshery" }],
  ["/api/system/kubernetes/ping", { op: "pingKubernetes", bundle: "meshery" }],
  // words, in any order
  ["create workspace", { op: "createWorkspace", bundle: "meshery" }],
  ["workspace team assign", { op: "assignTeamToWorkspace", bundle: "meshery" }],
  ["ping kubernetes", { op: "pingKubernetes", bundle: "meshery" }],
  ["import kubeconfig", { op: "addKubernetesConfig", bundle: "meshery" }],
  ["meshsync status", { op: "getMeshsyncControllerStatus", bundle: "meshery" }],
  ["interactive terminal", { op: "openTerminalConsole", bundle: "meshery" }],
  ["orgs by domain", { op: "getOrgByDomain", bundle: "meshery" }],
  ["evaluate relationships", { op: "evaluateRelationships", bundle: "meshery" }],
  ["Get all connections", { op: "getConnections", bundle: "meshery" }],
  ["list connection definitions", { op: "listConnectionDefinitions", bundle: "meshery" }],
  ["workspace events", { op: "getEventsOfWorkspace", bundle: "cloud" }],  // only in the cloud bundle
  // operationIds, whole and begun, and camelCase split into words
  ["getWorkspaceById", { op: "getWorkspaceById", bundle: "meshery" }],
  ["getWorkspaceB", { op: "getWorkspaceById", bundle: "meshery" }],
  ["getWork", { op: "getWorkspaces", bundle: "meshery" }],  // the shortest of the two it begins
  ["get workspace by id", { op: "getWorkspaceById", bundle: "meshery" }],
  // parameter names
  ["mesheryServerId", { op: "deleteMesheryConnection", bundle: "meshery", why: /parameter mesheryServerId/ }],
  ["tailLines", { op: "openLogConsole", bundle: "meshery", why: /parameter tailLines/ }],
  ["outputFormat", { op: "exportRegistryModel", bundle: "meshery", why: /parameter outputFormat/ }],
  // tags, schemas and their properties
  ["workspaces", { tag: authored("workspaces"), bundle: "meshery" }],
  ["MeshSyncConfig", { schema: authored("MeshSyncConfig"), bundle: "meshery" }],
  ["WorkspacePayload", { schema: authored("WorkspacePayload"), bundle: "meshery" }],
  ["ConsoleCapabilities", { schema: authored("ConsoleCapabilities"), bundle: "meshery" }],
  ["redactSecrets", { schema: authored("MeshSyncConfig"), bundle: "meshery", why: /property redactSecrets/ }],
  ["loadBalancerSourceRanges", { schema: authored("MesheryBrokerServiceConfig"), bundle: "meshery", why: /property loadBalancerSourceRanges/ }],
  ["grafanaApiKey", { schema: authored("Grafana"), bundle: "meshery", why: /property grafanaApiKey/ }],
  ["couponId", { schema: authored("CreateSubscriptionRequest"), bundle: "cloud", why: /property couponId/ }],
];

const GITHUB_QUERIES = [
  // summaries, whole and in any order
  ["get a repository", { op: "repos/get" }],
  ["list repositories for a user", { op: "repos/list-for-user" }],
  ["merge a pull request", { op: "pulls/merge" }],
  ["search repositories", { op: "search/repos" }],
  ["get a user", { op: "users/get-by-username" }],
  ["issue comment create", { op: "issues/create-comment" }],
  ["create gist", { op: "gists/create" }],
  ["render markdown", { op: "markdown/render" }],
  ["octocat", { op: "meta/get-octocat" }],
  ["zen", { op: "meta/get-zen" }],
  // paths: templates with or without the leading slash, a concrete URL, a method
  ["repos/{owner}/{repo}", { op: "repos/get" }],
  ["/repos/{owner}/{repo}/issues", { op: "issues/list-for-repo" }],
  ["POST /repos/{owner}/{repo}/issues", { op: "issues/create" }],
  ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { op: "pulls/merge" }],
  ["/user/repos", { op: "repos/list-for-authenticated-user" }],
  ["repos/octocat/hello-world", { op: "repos/get" }],
  // operationIds, whole and begun
  ["repos/get-content", { op: "repos/get-content" }],
  ["repos/get-cont", { op: "repos/get-content" }],
  ["issues/create-comm", { op: "issues/create-comment" }],
  // parameter names
  ["file_sha", { op: "git/get-blob", why: /parameter file_sha/ }],
  ["tree_sha", { op: "git/get-tree", why: /parameter tree_sha/ }],
  ["template_owner", { op: "repos/create-using-template", why: /parameter template_owner/ }],
  ["sbom_uuid", { op: "dependency-graph/fetch-sbom-report", why: /parameter sbom_uuid/ }],
  ["epss_percentile", { op: "security-advisories/list-global-advisories", why: /parameter epss_percentile/ }],
  ["archive_format", { op: "actions/download-artifact", why: /parameter archive_format/ }],
  // tags
  ["code-scanning", { tag: /^code-scanning$/ }],
  ["dependabot", { tag: /^dependabot$/ }],
  ["gists", { tag: /^gists$/ }],
  ["rate limit", { tag: /^rate-limit$/ }],
  // schemas and their properties
  ["full-repository", { schema: /^full-repository$/ }],
  ["simple-user", { schema: /^simple-user$/ }],
  ["release-asset", { schema: /^release-asset$/ }],
  ["browser_download_url", { schema: /^release-asset$/, why: /property browser_download_url/ }],
  ["hashed_token", { schema: /^authorization$/, why: /property hashed_token/ }],
  ["percent_completed", { schema: /^sub-issues-summary$/, why: /property percent_completed/ }],
];

// Types the query into the search box and returns the results as listed.
async function search(page, query) {
  await page.locator("#search-input").fill(query);
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, query);
  return page.evaluate(() => [...document.querySelectorAll("#search-results li.search-hit")].map((li) => ({
    kind: li.dataset.kind, bundle: li.dataset.bundle, score: Number(li.dataset.score),
    href: li.querySelector("a").href, title: li.querySelector(".search-title").textContent,
    sub: li.querySelector(".path").textContent,
    label: li.querySelector(".search-bundle") ? li.querySelector(".search-bundle").textContent : null,
  })));
}

// Why `first` is not what `want` expects, or null.
function mismatch(first, want) {
  if (!first) return "no result";
  const kind = want.op ? "op" : want.tag ? "tag" : "schema";
  if (first.kind !== kind) return `a ${first.kind}`;
  if (want.op && !first.href.endsWith(opPage(want.op))) return "another operation";
  if ((want.tag || want.schema) && !(want.tag || want.schema).test(first.title)) return "another title";
  if (want.bundle && first.bundle !== want.bundle) return `in bundle ${first.bundle}`;
  if (want.bundle && !first.href.includes(`/${want.bundle}/`)) return "a page of another bundle";
  if (want.why && !want.why.test(first.sub)) return `says "${first.sub}"`;
  return null;
}

async function runTable(t, site, queries) {
  const page = await t.page();
  await page.goto(site);
  const wrong = [];
  for (const [query, want] of queries) {
    const results = await search(page, query);
    const why = mismatch(results[0], want);
    if (why) {
      wrong.push(`  ${JSON.stringify(query)}: expected ${JSON.stringify(want, (k, v) => v instanceof RegExp ? String(v) : v)}, ` +
                 `first is ${results[0] ? `${results[0].kind} "${results[0].title}" ${results[0].href.replace(site, "")}` : "nothing"} (${why})`);
    }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${queries.length} queries:\n${wrong.join("\n")}`);
  return queries.length;
}

test("search: Meshery, a table of queries (paths, words, operationIds, parameters, tags, schemas, properties) and their first result", async (t) => {
  assert.ok(MESHERY_QUERIES.length >= 25);
  report(`search: ${await runTable(t, MESHERY, MESHERY_QUERIES)} Meshery queries gave the expected first result`);
});

test("search: GitHub, a table of queries (paths, words, operationIds, parameters, tags, schemas, properties) and their first result", async (t) => {
  assert.ok(MESHERY_QUERIES.length + GITHUB_QUERIES.length >= 40);
  report(`search: ${await runTable(t, GITHUB, GITHUB_QUERIES)} GitHub queries gave the expected first result`);
});

test("search: each result once, ranked by a positive score, labelled with its bundle on Meshery's site and not on GitHub's", async (t) => {
  const page = await t.page();
  const check = (results, query, labelled) => {
    assert.ok(results.length > 0, `${query}: results`);
    const hrefs = results.map((r) => r.href);
    assert.equal(new Set(hrefs).size, hrefs.length, `${query}: a page listed twice: ${hrefs.join(", ")}`);
    const lines = results.map((r) => `${r.kind} ${r.title} ${r.label}`);
    assert.equal(new Set(lines).size, lines.length, `${query}: two results read the same: ${lines.join(" | ")}`);
    results.forEach((r, i) => {
      assert.ok(r.score > 0, `${query}: score ${r.score} of ${r.title}`);
      if (i) assert.ok(r.score <= results[i - 1].score, `${query}: ranked by score`);
      assert.equal(r.label !== null, labelled, `${query}: ${r.title} ${labelled ? "has no" : "has a"} bundle label`);
    });
  };
  await page.goto(MESHERY);
  const titles = await page.locator("header .header-links a[href*='/index.html']").allTextContents();
  for (const query of ["workspace", "/api/workspaces", "create", "connection", "get"]) {
    const results = await search(page, query);
    check(results, query, true);
    // The label names the bundle as the header does.
    for (const r of results) assert.ok(titles.includes(r.label), `${query}: label "${r.label}" is one of ${titles.join(", ")}`);
    if (query === "/api/workspaces") {
      // The same two operations in both bundles: four results, told apart by their label.
      assert.deepEqual(results.slice(0, 4).map((r) => `${r.href.split("/").slice(-3).join("/")}`),
                       ["meshery/operations/getWorkspaces.html", "meshery/operations/createWorkspace.html",
                        "cloud/operations/getWorkspaces.html", "cloud/operations/createWorkspace.html"]);
      assert.notEqual(results[0].label, results[2].label);
    }
  }
  await page.goto(GITHUB);
  for (const query of ["repository", "issue", "get", "owner"]) check(await search(page, query), query, false);
  // No match, no result: a note says so, and nothing can be selected.
  const none = await search(page, "qqzzxv");
  assert.deepEqual(none, []);
  assert.match(await page.locator("#search-results .search-note").textContent(), /Nothing matches “qqzzxv”/);
});

test("search: on a page of Meshery's cloud bundle, its own results come first", async (t) => {
  const page = await t.page();
  await page.goto(new URL("cloud/index.html", MESHERY).href);
  const results = await search(page, "/api/workspaces");
  assert.ok(results[0].href.endsWith("/cloud/operations/getWorkspaces.html"), `first is ${results[0].href}`);
  // And Enter opens it.
  await Promise.all([page.waitForURL(results[0].href), page.locator("#search-input").press("Enter")]);
});

// app.js makes each page's address from the index: run its own code over both sites' indexes
// and find every page among the built files.
test("search: every entry of the index (operations, tags, schemas) leads to a page the build wrote", async () => {
  const app = fs.readFileSync(new URL("../../site/app.js", import.meta.url), "utf8");
  const code = app.slice(app.indexOf("  var METHODS"), app.indexOf("  function setUpSearch()"));
  assert.ok(code.length > 1000, "app.js still defines the search index's entries before setUpSearch");
  const context = vm.createContext({});
  vm.runInContext(`${code}\nthis.buildEntries = buildEntries;`, context);
  for (const dir of [MESHERY_DIR, GITHUB_DIR]) {
    const index = JSON.parse(fs.readFileSync(path.join(dir, "search-index.json"), "utf8"));
    const entries = context.buildEntries(index);
    assert.equal(entries.length, index.operations.length + index.tags.length + index.schemas.length);
    const missing = entries.filter((e) => !fs.existsSync(path.join(dir, e.href))).map((e) => e.href);
    assert.equal(missing.length, 0, `${missing.length} entries of ${dir} lead nowhere: ${missing.slice(0, 10).join(", ")}`);
    const kinds = {};
    for (const e of entries) kinds[e.kind] = (kinds[e.kind] || 0) + 1;
    const bytes = fs.statSync(path.join(dir, "search-index.json")).size;
    report(`search index of ${path.basename(dir)}: ${(bytes / 1024).toFixed(0)} KiB, ${kinds.op} operations, ` +
           `${kinds.tag} tags, ${kinds.schema} schemas, ${index.names.length} parameter and property names`);
  }
});

test("search: GitHub's index loads and answers quickly (measured, not asserted); Meshery's results on screen", async (t) => {
  const page = await t.page();
  await page.goto(GITHUB);
  // In the page: from the input event to the list showing the query's results.
  const timed = (query) => page.evaluate((q) => new Promise((resolve) => {
    const input = document.getElementById("search-input"), list = document.getElementById("search-results");
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (list.getAttribute("data-query") !== q) return;
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(list, { attributes: true, attributeFilter: ["data-query"] });
    input.value = q;
    input.dispatchEvent(new Event("input"));
  }), query);
  const first = await timed("repository");
  const next = [];
  for (const q of ["repos/{owner}/{repo}", "issue comment create", "owner", "get a user"]) next.push(await timed(q));
  const fetched = await page.evaluate(() => {
    const r = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/search-index.json"));
    return r ? { ms: r.responseEnd - r.startTime, bytes: r.encodedBodySize } : null;
  });
  report(`search on GitHub's site: first query ${first.toFixed(0)} ms, of which fetching the index ` +
         `(${fetched ? (fetched.bytes / 1024).toFixed(0) : "?"} KiB from python's http.server) ${fetched ? fetched.ms.toFixed(0) : "?"} ms; ` +
         `next queries ${next.map((x) => x.toFixed(0)).join(", ")} ms`);

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const scheme of ["light", "dark"]) {
    const shot = await t.page({ colorScheme: scheme });
    await shot.goto(MESHERY);
    await search(shot, "workspace");
    await shot.locator("#search-input").press("ArrowDown");
    await shot.screenshot({ path: path.join(SCREENSHOTS, `meshery-search-${scheme}.png`) });
    await search(shot, "/api/workspaces");
    await shot.screenshot({ path: path.join(SCREENSHOTS, `meshery-search-path-${scheme}.png`) });
  }
});
