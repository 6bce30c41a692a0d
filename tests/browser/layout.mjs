// The layout of the pages (issue 19): an operation page in two columns on a wide screen (the
// snippets beside the parameters) and one on a phone (below them), the phone's menu, no
// sideways scrolling, the snippets' language kept across pages, the responses' status summary,
// printing, and axe-core's accessibility rules on every kind of page, in light and dark.
// Imported by site.mjs; run through run.sh.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { test, report } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const MESHERY = env("MESHERY_URL"), GITHUB = env("GITHUB_URL"), SCREENSHOTS = env("SCREENSHOTS");
const url = (base, p = "") => new URL(p, base).href;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const WIDE = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const phone = { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const OPERATIONS = [
  ["meshery", MESHERY, "meshery/operations/getWorkspaces.html"],
  ["github", GITHUB, "api.github.com/operations/repos-get.html"],
];

async function open(page, address) {
  const response = await page.goto(address, { waitUntil: "load" });
  assert.equal(response.status(), 200, `${address} answered ${response.status()}`);
}

async function noSidewaysScroll(page, where) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `${where}: scrolls sideways (scrollWidth ${scroll} > ${inner})`);
}

const box = (locator) => locator.evaluate((e) => { const r = e.getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right }; });

for (const [name, base, op] of OPERATIONS) {
  for (const scheme of ["light", "dark"]) {
    test(`layout: ${name} operation at 1400x900, ${scheme}: the first snippet beside the parameters, sticky`, async (t) => {
      const page = await t.page({ viewport: WIDE, colorScheme: scheme });
      await open(page, url(base, op));
      const snippet = page.locator(".snippets details.snippet").first();
      const params = page.locator(".op-params").first();
      await page.locator(".tabset.tabbed").first().waitFor({ state: "attached" });
      const s = await box(snippet), p = await box(params);
      assert.ok(s.left >= p.right, `the snippet (left ${s.left}) is right of the parameters (right ${p.right})`);
      assert.ok(s.top < p.bottom && s.bottom > p.top - 600, `the snippet (${s.top}..${s.bottom}) is level with the parameters (${p.top}..${p.bottom})`);
      assert.ok(s.top < 900, `the snippet shows without scrolling (top ${s.top})`);
      // Sticky: scrolled down to the responses, the snippets are still in view.
      await page.locator(".op-responses").evaluate((e) => e.scrollIntoView());
      const after = await snippet.evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(after >= 0 && after < 900, `the snippets stay in view when scrolled (top ${after})`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await noSidewaysScroll(page, `${name} wide ${scheme}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-${name}-wide-${scheme}.png`) });
    });

    test(`layout: ${name} operation at 390x844, ${scheme}: one column, parameters before the snippets; the menu opens`, async (t) => {
      const page = await t.page({ ...phone, colorScheme: scheme });
      await open(page, url(base, op));
      const snippet = page.locator(".snippets details.snippet").first();
      const s = await box(snippet), p = await box(page.locator(".op-params").first());
      assert.ok(s.top >= p.bottom, `the snippet (top ${s.top}) is below the parameters (bottom ${p.bottom})`);
      await noSidewaysScroll(page, `${name} phone ${scheme}`);
      const header = await box(page.locator(".site-header"));
      assert.ok(header.bottom - header.top <= 70, `a compact header (${header.bottom - header.top} px)`);
      assert.equal(await page.locator(".layout > .sidebar").isVisible(), false, "the sidebar waits in the menu");
      // The copy button sits above the code, not on its first line.
      const copy = await box(snippet.locator(".copy"));
      const firstLine = await snippet.locator("pre code").evaluate((c) => {
        const range = document.createRange();
        range.setStart(c.firstChild, 0);
        range.setEnd(c.firstChild, 1);
        const r = range.getBoundingClientRect();
        return { top: r.top + scrollY, bottom: r.bottom + scrollY };
      });
      assert.ok(copy.bottom <= firstLine.top + 1, `the copy button (bottom ${copy.bottom}) is above the first line (top ${firstLine.top})`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-${name}-phone-${scheme}.png`) });
      // The menu: the sidebar, this page marked, over the content; Escape closes it.
      const button = page.locator(".menu-toggle");
      await button.click();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      const drawer = page.locator(".menu-drawer");
      await drawer.waitFor({ state: "visible" });
      await drawer.locator('.sidebar a[aria-current="page"]').waitFor({ state: "visible" });
      assert.ok(await drawer.locator(".header-links a").count() >= 2, "the header's links are in the menu");
      // With the sidebar scrolled to this page, the header's links are still on screen in the menu.
      const inView = await drawer.locator(".header-links a").evaluateAll((links) => links.map((a) => {
        const r = a.getBoundingClientRect(), d = a.closest(".menu-drawer").getBoundingClientRect();
        return r.height > 0 && r.top >= d.top - 1 && r.bottom <= Math.min(d.bottom, innerHeight) + 1;
      }));
      assert.ok(inView.every(Boolean), `every header link is on screen in the menu: ${JSON.stringify(inView)}`);
      const d = await box(drawer);
      assert.ok(d.right <= PHONE.width, "the menu fits the screen");
      await noSidewaysScroll(page, `${name} phone menu ${scheme}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-${name}-phone-menu-${scheme}.png`) });
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator(".layout > .sidebar").count(), 1, "the sidebar is back in its place");
    });
  }
}

test("layout: no JavaScript: every snippet is on the page, stacked, and the sidebar follows the content on a phone", async (t) => {
  const page = await t.page({ ...phone, javaScriptEnabled: false });
  await open(page, url(MESHERY, OPERATIONS[0][2]));
  const snippets = page.locator(".snippets details.snippet");
  assert.ok(await snippets.count() >= 5);
  for (let i = 0; i < await snippets.count(); i++) assert.equal(await snippets.nth(i).isVisible(), true, `snippet ${i} shows`);
  assert.equal(await page.locator(".layout > .sidebar").isVisible(), true, "the sidebar is there, after the content");
  assert.equal(await page.locator(".menu-toggle").isVisible(), false, "no menu button without the script");
  await noSidewaysScroll(page, "phone without JavaScript");
});

test("layout: the snippets' language is kept across pages (localStorage)", async (t) => {
  const page = await t.page({ viewport: WIDE });
  await open(page, url(MESHERY, OPERATIONS[0][2]));
  const tab = page.locator('.snippets .tab', { hasText: /^Python$/ });
  await tab.click();
  assert.equal(await tab.getAttribute("aria-selected"), "true");
  assert.equal(await page.locator('details.snippet[data-language="python"]').isVisible(), true);
  assert.equal(await page.locator('details.snippet[data-language="curl"]').isVisible(), false);
  // The arrow keys move between tabs.
  await tab.focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator('.snippets .tab[aria-selected="true"]').textContent(), "JavaScript");
  await page.keyboard.press("ArrowLeft");
  await open(page, url(MESHERY, "meshery/operations/createWorkspace.html"));
  await page.locator(".tabset.tabbed").first().waitFor({ state: "attached" });
  assert.equal(await page.locator('.snippets .tab[aria-selected="true"]').textContent(), "Python");
  assert.equal(await page.locator('details.snippet[data-language="python"]').isVisible(), true);
  assert.equal(await page.evaluate(() => localStorage.getItem("apiref-snippet-language")), "python");
});

test("layout: the status summary links to each response and shows its example", async (t) => {
  const page = await t.page({ viewport: WIDE });
  await open(page, url(GITHUB, OPERATIONS[1][2]));
  const chips = page.locator(".op-responses .status-summary a");
  const codes = await chips.locator(".status-code").allTextContents();
  assert.deepEqual(codes, await page.locator(".op-responses .response h3 .status").allTextContents(), "a chip per response, in order");
  assert.match(await chips.first().textContent(), /200 OK/);
  for (let i = 0; i < codes.length; i++) {
    const chip = chips.nth(i);
    const href = await chip.getAttribute("href");
    await chip.click();
    await page.waitForFunction((h) => location.hash === h, href);
    const target = page.locator(href);
    const top = await target.evaluate((e) => e.getBoundingClientRect().top);
    const header = await page.locator(".site-header").evaluate((e) => e.getBoundingClientRect().bottom);
    assert.ok(top >= header - 1 && top < 900, `${href} is in view, below the header (top ${top}, header ${header})`);
  }
  // The colour says the class: a 2xx chip is green, a 4xx one red.
  const colours = await chips.evaluateAll((as) => as.map((a) => [a.className, getComputedStyle(a).color]));
  const ok = colours.find(([c]) => c.includes("success")), bad = colours.find(([c]) => c.includes("client-error"));
  assert.ok(ok && bad && ok[1] !== bad[1], `chips coloured by class: ${JSON.stringify(colours)}`);
  // A response with an example: its link selects that example beside the responses.
  const example = await page.locator(".response-examples details.example").nth(1).getAttribute("data-status").catch(() => null);
  if (example) {
    await page.locator(`.status-summary a[href$="-response-${example}"]`).click();
    assert.equal(await page.locator(`.response-examples details.example[data-status="${example}"]`).isVisible(), true);
  }
});

test("layout: print shows every snippet and example, and no input, button or sidebar", async (t) => {
  const page = await t.page({ viewport: WIDE });
  await open(page, url(MESHERY, "meshery/operations/createWorkspace.html"));
  await page.locator(".tabset.tabbed").first().waitFor({ state: "attached" });
  await page.emulateMedia({ media: "print" });
  await page.waitForFunction(() => [...document.querySelectorAll("main details")].every((d) => d.open));
  const seen = await page.evaluate(() => {
    const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) && getComputedStyle(e).visibility !== "hidden";
    return {
      codes: [...document.querySelectorAll("main pre code")].filter((c) => !visible(c)).length,
      controls: [...document.querySelectorAll("input, button")].filter(visible).length,
      sidebar: [...document.querySelectorAll(".sidebar, .site-header")].filter(visible).length,
    };
  });
  assert.deepEqual(seen, { codes: 0, controls: 0, sidebar: 0 });
  await page.pdf({ path: path.join(SCREENSHOTS, "layout-print.pdf") }).catch(() => {});
});

test("layout: every page type shares one alignment, and has an icon", async (t) => {
  const page = await t.page({ viewport: WIDE });
  const lefts = {};
  for (const [kind, p] of [["overview", ""], ["guide", "authentication/index.html"], ["404", "404.html"]]) {
    await open(page, url(MESHERY, p));
    lefts[kind] = await page.locator("main h1").first().evaluate((h) => Math.round(h.getBoundingClientRect().left));
    const icon = await page.locator('link[rel="icon"]').evaluate((l) => l.href);
    const answer = await page.request.get(icon);
    assert.equal(answer.status(), 200, `${kind}: the icon ${icon}`);
  }
  assert.equal(new Set(Object.values(lefts)).size, 1, `the pages without a sidebar align alike: ${JSON.stringify(lefts)}`);
});

// --- axe-core ------------------------------------------------------------------------------

const AXE_PAGES = [
  ["overview", ""],
  ["guide", "authentication/index.html"],
  ["tag", null],  // the operation's first tag
  ["operation", "meshery/operations/getWorkspaces.html"],
  ["schema", null],  // the first schema the schemas page lists
];
const FIND = {
  tag: ["meshery/operations/getWorkspaces.html", ".operation-meta a.tag"],
  schema: ["meshery/schemas/index.html", "main .schema-list a"],
};

async function axe(page, where) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const lines = bad.map((v) => `${where}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
  return { lines, all: result.violations.length };
}

for (const scheme of ["light", "dark"]) {
  test(`axe: no serious or critical violation on the overview, guide, tag, operation, schema and search (${scheme})`, async (t) => {
    const page = await t.page({ viewport: WIDE, colorScheme: scheme });
    const problems = [], counts = [];
    for (const [kind, p] of AXE_PAGES) {
      let address = p === null ? null : url(MESHERY, p);
      if (address === null) {
        await open(page, url(MESHERY, FIND[kind][0]));
        address = await page.locator(FIND[kind][1]).first().evaluate((a) => a.href);
      }
      await open(page, address);
      const { lines, all } = await axe(page, kind);
      problems.push(...lines);
      counts.push(`${kind} ${all}`);
    }
    // The search open, on a phone too (its list over the page).
    for (const options of [{}, phone]) {
      const p2 = await t.page({ viewport: WIDE, colorScheme: scheme, ...options });
      await open(p2, url(MESHERY, OPERATIONS[0][2]));
      await p2.locator("#search-input").focus();
      await p2.keyboard.type("workspace");
      await p2.locator("#search-results li.search-hit").first().waitFor({ state: "visible" });
      const { lines, all } = await axe(p2, options.isMobile ? "search (phone)" : "search");
      problems.push(...lines);
      counts.push(`search${options.isMobile ? " phone" : ""} ${all}`);
    }
    report(`axe (${scheme}): violations of any impact per page: ${counts.join(", ")}`);
    assert.deepEqual(problems, []);
  });
}

test("axe: the GitHub operation page and the phone's menu", async (t) => {
  const page = await t.page({ ...phone });
  await open(page, url(GITHUB, OPERATIONS[1][2]));
  const problems = (await axe(page, "github operation (phone)")).lines;
  await page.locator(".menu-toggle").click();
  await page.locator(".menu-drawer").waitFor({ state: "visible" });
  problems.push(...(await axe(page, "menu open (phone)")).lines);
  assert.deepEqual(problems, []);
});

fs.mkdirSync(SCREENSHOTS, { recursive: true });
