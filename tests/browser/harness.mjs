// A small test harness around playwright-core: one headless chromium for the whole run, a fresh
// browser context per test, and for every page the test opens: console errors, uncaught page
// errors, dialogs, and requests to any host other than 127.0.0.1/localhost that the test does
// not answer itself (counted; the browser's proxy, which goes nowhere, fails them). A test
// fails when its own body throws or when any of its pages logged an error or tried to reach
// another host.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const TEST_TIMEOUT_MS = 180_000;

const tests = [];
let currentGroup = "site";
export const totals = { pages: 0, consoleErrors: 0, pageErrors: 0, externalRequests: 0, dialogs: 0 };
export const metrics = [];   // lines printed after the results

// Tests are declared in groups (a module each, site.mjs sets the name before importing it), so
// that CTest can run the suite as several entries side by side: BROWSER_GROUPS=site,search runs
// those groups only. One entry of the whole suite was the longest path of `make test`.
export function group(name) {
  currentGroup = name;
}

export function test(name, fn) {
  tests.push({ name, fn, group: currentGroup });
}

export function report(line) {
  metrics.push(line);
}

class TestScope {
  constructor(browser) {
    this.browser = browser;
    this.contexts = [];
    this.problems = [];          // console errors, page errors, external requests
    this.dialogs = [];
    this.allowed = [];           // predicates over { kind, text, url } for expected problems
  }

  // Expect a console error, e.g. a 404 the test provokes on purpose: problems for which
  // predicate({ kind, text, url }) is true do not fail the test.
  allow(predicate) {
    this.allowed.push(predicate);
  }

  record(kind, text, url, message) {
    if (this.allowed.some((allow) => allow({ kind, text, url }))) return;
    // A page without an icon of its own (serve's proxy refusal, the test Hugo site's pages):
    // Chromium asks for /favicon.ico on its own, and a 404 there is no fault of the page.
    if (kind === "console" && /^[a-z]+:\/\/[^/]+\/favicon\.ico$/.test(url)) return;
    if (kind === "console") totals.consoleErrors++;
    else if (kind === "pageerror") totals.pageErrors++;
    this.problems.push(message);
  }

  // A fresh browser context with the checks attached. Options are playwright's newContext ones.
  async context(options = {}) {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(30_000);
    // Requests are watched, not intercepted: routing every request would disable the context's
    // HTTP cache (each navigation fetching and compiling the site's scripts and Swagger UI
    // again) and cost a round trip to this process per request. Nothing reaches another host
    // all the same: the browser sends every request but loopback's to a proxy that is not
    // there (run()), so a request to another host fails, unless the test answers it itself
    // (page.route, as the playground tests do for the API's own server).
    context.on("requestfailed", (request) => {
      const url = new URL(request.url());
      // file:// is a built site opened from disk, data: and blob: are the page's own: no host.
      if (["file:", "data:", "blob:"].includes(url.protocol) || LOCAL_HOSTS.has(url.hostname)) return;
      totals.externalRequests++;
      this.problems.push(`request to another host: ${url.href} (${request.failure()?.errorText})`);
    });
    context.on("page", (page) => this.watch(page));
    this.contexts.push(context);
    return context;
  }

  // A new page in a fresh context: the usual way a test starts.
  // BROWSER_CPU_SLOWDOWN=N runs its scripts N times slower (Chromium's CPU throttling), to
  // find the waits that hold only on a quiet machine.
  async page(options = {}) {
    const context = await this.context(options);
    const page = await context.newPage();
    const slowdown = Number(process.env.BROWSER_CPU_SLOWDOWN || 0);
    if (slowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
    }
    return page;
  }

  watch(page) {
    totals.pages++;
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const source = msg.location().url || "";
      this.record("console", msg.text(), source,
                  `console error on ${page.url()}: ${msg.text()}${source && source !== page.url() ? ` (${source})` : ""}`);
    });
    page.on("pageerror", (err) => {
      this.record("pageerror", err.message, page.url(), `page error on ${page.url()}: ${err.message}`);
    });
    page.on("dialog", (dialog) => {
      totals.dialogs++;
      this.dialogs.push(`${dialog.type()} on ${page.url()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => {});
  }
}

// BROWSER_CPU=1: each test's line gives the whole machine's CPU time while it ran (user and
// system, from /proc/stat), which counts Chromium's renderers as well. Meaningful only on an
// otherwise idle machine: it is how to find the tests that cost the most.
function machineCpuSeconds() {
  if (!process.env.BROWSER_CPU) return 0;
  const [user, nice, system] = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1, 4).map(Number);
  return (user + nice + system) / 100;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function run() {
  const groups = process.env.BROWSER_GROUPS ? new Set(process.env.BROWSER_GROUPS.split(",")) : null;
  if (groups) {
    const known = new Set(tests.map((t) => t.group));
    const unknown = [...groups].filter((g) => !known.has(g));
    if (unknown.length) throw new Error(`BROWSER_GROUPS names no test group: ${unknown.join(", ")} (known: ${[...known].join(", ")})`);
  }
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  // A proxy on a port nothing listens on, for every host but loopback (which Chromium never
  // sends through a proxy, and which the bypass list names as well): a request to another host,
  // by name or by address, fails in the browser and never leaves the machine.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    proxy: { server: "http://127.0.0.1:9", bypass: "127.0.0.1,localhost,[::1]" },
  });
  console.log(`chromium ${browser.version()} (${executablePath}), ${tests.length} tests` +
              (groups ? `, groups ${[...groups].join(", ")}` : ""));
  const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
  let passed = 0, failed = 0;
  for (const { name, fn, group: testGroup } of tests) {
    if (only && !only.test(name)) continue;
    if (groups && !groups.has(testGroup)) continue;
    const scope = new TestScope(browser);
    const started = Date.now(), cpuStarted = machineCpuSeconds();
    let error = null;
    try {
      await withTimeout(fn(scope), TEST_TIMEOUT_MS, name);
    } catch (e) {
      error = e;
    }
    await scope.close();
    const problems = [...scope.problems, ...scope.dialogs.map((d) => `dialog: ${d}`)];
    const seconds = ((Date.now() - started) / 1000).toFixed(1) +
      (process.env.BROWSER_CPU ? ` s, machine CPU ${(machineCpuSeconds() - cpuStarted).toFixed(1)}` : "");
    if (!error && problems.length === 0) {
      passed++;
      console.log(`ok   ${name} (${seconds} s)`);
    } else {
      failed++;
      console.log(`FAIL ${name} (${seconds} s)`);
      if (error) console.log(indent(error.stack || String(error)));
      for (const p of problems.slice(0, 20)) console.log(indent(p));
      if (problems.length > 20) console.log(indent(`... and ${problems.length - 20} more`));
    }
  }
  await browser.close();
  console.log("");
  for (const line of metrics) console.log(line);
  console.log(`pages opened: ${totals.pages}; console errors: ${totals.consoleErrors}; page errors: ${totals.pageErrors}; ` +
              `dialogs: ${totals.dialogs}; requests to other hosts (failed at the dead proxy): ${totals.externalRequests}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

function indent(text) {
  return String(text).split("\n").map((l) => "     " + l).join("\n");
}

// Swagger UI: opens an operation by its deep link, presses Execute and waits for the response
// (the playground and serve tests both drive requests this way).
export async function execute(page, operationId, tag) {
  await page.evaluate(([t, o]) => { location.hash = `#/${t}/${o}`; }, [tag, operationId]);
  const op = page.locator(`#operations-${tag}-${operationId}`);
  await op.locator("button.execute").waitFor({ state: "visible" });
  await op.locator("button.execute").click();
  await op.locator(".live-responses-table .response-col_status").first().waitFor({ timeout: 60_000 });
  return op;
}
