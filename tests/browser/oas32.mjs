// OpenAPI 3.2 in the browser: the site of tests/oas32/api.yaml (every 3.2 feature apiref shows)
// and its playground. Swagger UI 5.35.0 lists QUERY and additionalOperations, but by itself
// offers "Try it out" only for the methods of its supportedSubmitMethods, never sends an
// `in: querystring` parameter and shows nothing of a stream's itemSchema: the playground's
// config and its copy of the description make up for it (render/playground_oas32.h), and these
// tests send each kind of request from the page. Imported by site.mjs (group "oas32"); run.sh
// sets:
//   OAS32_URL   where the site is served (http://127.0.0.1:PORT/)
// The API's servers (https://api.example.com/v2) are never reached: page.route answers for them
// inside the browser and records what was sent.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const SITE = env("OAS32_URL");
const SCREENSHOTS = env("SCREENSHOTS");
const url = (p = "") => new URL(p, SITE).href;
const API = "https://api.example.com/v2";

// Answers every request to the API's server, and records "METHOD url" of each.
async function answerApi(page) {
  const sent = [];
  await page.route("https://api.example.com/**", (route) => {
    const r = route.request();
    sent.push(`${r.method()} ${r.url()}`);
    return route.fulfill({
      status: 200,
      headers: {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "*",
        "access-control-allow-headers": "*",
        "content-type": "application/json",
      },
      body: "[]",
    });
  });
  return sent;
}

async function open(page, address) {
  const response = await page.goto(address);
  assert.equal(response.status(), 200, `${address} answered ${response.status()}`);
}

// From the operation page's "Try it": the playground with that operation open, then Execute.
async function tryIt(page, operationId) {
  await open(page, url(`api/operations/${operationId}.html`));
  const link = page.locator("a.try-it");
  assert.equal(await link.count(), 1, `${operationId} has a Try it link`);
  await link.click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: 60_000 });
  const op = page.locator(`.opblock.is-open[id$="-${operationId}"]`);
  await op.waitFor({ state: "visible" });
  return op;
}

async function execute(op) {
  await op.locator("button.execute").click();
  await op.locator(".live-responses-table .response-col_status").first().waitFor({ timeout: 30_000 });
}

test("oas32: pages show the tag's kind and parent, $self and the decoded content of a string", async (t) => {
  const page = await t.page();
  await open(page, url("api/tags/cakes.html"));
  assert.equal((await page.locator(".tag-facts .tag-kind").textContent()).trim(), "navigation");
  assert.equal(await page.locator(".tag-facts .tag-kind").getAttribute("title"), "Tag kind: nav");
  const parent = page.locator(".tag-facts a");
  assert.equal((await parent.textContent()).trim(), "Products");
  await page.screenshot({ path: path.join(SCREENSHOTS, "oas32-tag.png") });
  await parent.click();
  await page.locator("h1", { hasText: /^Products$/ }).waitFor();
  // Breads has no kind: nothing is said but its parent.
  await open(page, url("api/tags/breads.html"));
  assert.equal(await page.locator(".tag-facts .tag-kind").count(), 0);
  assert.match(await page.locator(".tag-facts").textContent(), /^Part of Products$/);

  await open(page, url("api/index.html"));
  const self = page.locator(".self-uri a");
  assert.equal(await self.getAttribute("href"), "https://api.example.com/specs/openapi.yaml");
  assert.match(await page.locator(".self-uri").textContent(), /canonical URI/);
  await page.screenshot({ path: path.join(SCREENSHOTS, "oas32-bundle.png") });

  // The event's data is JSON text: what it holds, and the Reading it decodes to, unfolded.
  await open(page, url("api/operations/streamOvenEvents.html"));
  const data = page.locator(".schema-prop", { has: page.locator(":scope > details > summary > .prop-name", { hasText: /^data$/ }) });
  const details = data.locator(":scope > details");
  if (!(await details.evaluate((d) => d.open))) await details.locator(":scope > summary").click();
  assert.ok(await details.evaluate((d) => d.open), "the data row is open");
  assert.match(await data.locator(".schema-content-type").first().textContent(), /holds application\/json/);
  const decoded = data.locator(".schema-content").first();
  assert.match(await decoded.locator(".schema-label").textContent(), /^decoded content$/i);
  assert.ok(await decoded.locator("a", { hasText: "Reading" }).count() >= 1, "the decoded content names Reading");
  // app.js unfolds it in place: the reading's own fields.
  await decoded.locator("button", { hasText: "Expand" }).click();
  await decoded.locator(".prop-name", { hasText: /^celsius$/ }).waitFor();
  await decoded.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "oas32-content-schema.png") });
});

test("oas32: the playground sends QUERY with its body and PURGE from additionalOperations", async (t) => {
  const page = await t.page();
  const sent = await answerApi(page);
  const query = await tryIt(page, "searchCakes");
  assert.equal((await query.locator(".opblock-summary-method").textContent()).trim(), "QUERY");
  await execute(query);
  assert.deepEqual(sent, [`QUERY ${API}/cakes`]);
  const purge = await tryIt(page, "purgeCakeCache");
  assert.equal((await purge.locator(".opblock-summary-method").textContent()).trim(), "PURGE");
  await execute(purge);
  assert.deepEqual(sent.slice(1), [`PURGE ${API}/cakes`]);
  await page.screenshot({ path: path.join(SCREENSHOTS, "oas32-playground-purge.png") });
});

test("oas32: the playground sends the querystring parameter's fields and shows stream items", async (t) => {
  const page = await t.page();
  const sent = await answerApi(page);
  const list = await tryIt(page, "listCakes");
  // The form-encoded querystring is the query parameters it stands for.
  const names = await list.locator(".parameters tr[data-param-name]").evaluateAll((rows) =>
    rows.map((r) => `${r.getAttribute("data-param-name")}/${r.getAttribute("data-param-in")}`));
  assert.deepEqual(names, ["flavour/query", "max/query"]);
  await list.locator('tr[data-param-name="flavour"] input').fill("lemon");
  await list.locator('tr[data-param-name="max"] input').fill("10");
  await execute(list);
  assert.deepEqual(sent, [`GET ${API}/cakes?flavour=lemon&max=10`]);
  await page.screenshot({ path: path.join(SCREENSHOTS, "oas32-playground-querystring.png") });
  // A JSON Lines response: its item schema is shown (its description, in the Schema tab, says the
  // body is a sequence of items, not an array), with example items.
  const breads = await tryIt(page, "listBreads");
  const responses = await breads.locator(".responses-wrapper").textContent();
  assert.match(responses, /\[\s*\{\s*"name":\s*"Sourdough"/, "example items of the stream, as a list");
  await breads.locator(".responses-wrapper").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "oas32-playground-stream.png") });
});
