// The reference inside a host's Hugo site (issue 18), in chromium: the Meshery project built with
// `apiref build --format hugo --section SECTION` into tests/host/hugo-site, built by hugo and
// served at the host's base path (/docs/). Run through tests/host/run.sh, which sets:
//   HOST_URL      the site's base URL (http://127.0.0.1:PORT/docs/)
//   SECTION       apiref's section below it (reference/rest-apis)
//   SCREENSHOTS   where the PNGs go (host-*.png)
import assert from "node:assert/strict";
import path from "node:path";
import { test, run } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/host/run.sh`);
  return value;
};
const HOST = env("HOST_URL"), SECTION = env("SECTION"), SCREENSHOTS = env("SCREENSHOTS");
const url = (p = "") => new URL(`${SECTION}/${p}`, HOST).href;
// Needs Meshery's token (cookies), tagged `users`, no request body: the current user's profile.
const OPERATION = "meshery/operations/getUser.html";
const LOAD_TIMEOUT = 150_000;

async function open(page, address) {
  const response = await page.goto(address);
  assert.ok(response, `no response for ${address}`);
  assert.equal(response.status(), 200, `${address} answered ${response.status()}`);
}

function luminance(css) {
  const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

// The first opaque background at or above an element: what its text is read against.
const readAgainst = (page, selector) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  let node = el, bg = "rgba(0, 0, 0, 0)";
  while (node && node.nodeType === 1) {
    const c = getComputedStyle(node).backgroundColor;
    if (!/rgba\(.*, 0\)$/.test(c) && c !== "transparent") { bg = c; break; }
    node = node.parentElement;
  }
  if (bg === "rgba(0, 0, 0, 0)") bg = "rgb(255, 255, 255)";
  return { color: getComputedStyle(el).color, bg };
}, selector);

test("host: an operation page shows the host's header and menu around the reference, apiref's CSS loaded", async (t) => {
  const page = await t.page();
  await open(page, url(OPERATION));
  await page.locator("[data-host-marker]").waitFor({ state: "visible" });
  assert.equal(await page.locator("[data-host-marker]").count(), 1, "one host header");
  assert.equal(await page.locator("footer[data-host-footer]").count(), 1, "the host's footer");
  const current = page.locator('.host-menu a[aria-current="page"]');
  assert.equal(await current.count(), 1, "the menu marks this page as current");
  assert.match(await current.getAttribute("href"), /\/meshery\/operations\/getUser\.html$/);
  // bundle > tag > operation: the current entry sits two lists below the bundle's.
  const depth = await current.evaluate((a) => { let d = 0; for (let n = a; n; n = n.parentElement) if (n.tagName === "UL") d++; return d; });
  const bundleDepth = await page.locator(`.host-menu a[href$="/${SECTION}/meshery/"]`).evaluate((a) => { let d = 0; for (let n = a; n; n = n.parentElement) if (n.tagName === "UL") d++; return d; });
  assert.equal(depth, bundleDepth + 2, "operation two levels below its bundle in the menu");
  const body = page.locator(".host-main .apiref");
  assert.equal(await body.count(), 1, "one apiref body, inside the host's main");
  assert.match(await page.locator(".host-main h1").first().textContent(), /user/i);
  assert.match(await body.textContent(), /\/api\/identity\/users\/profile/);
  assert.equal(await page.locator(".apiref .site-header, .apiref .sidebar, .apiref input[type=search]").count(), 0,
               "no header, sidebar or search of apiref's own");
  const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href || ""));
  assert.ok(sheets.some((h) => h.includes(`/${SECTION}/`)), `apiref's stylesheet is not loaded: ${sheets.join(", ")}`);
  // The host's styles stay the host's: its header colour is its own.
  assert.equal(await page.locator(".host-header").evaluate((e) => getComputedStyle(e).backgroundColor), "rgb(60, 73, 79)");
});

test("host: a snippet's copy button copies the code and says Copied", async (t) => {
  const context = await t.context({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await open(page, url(OPERATION));
  const block = page.locator(".apiref details.snippet[data-language=curl] .code-block").first();
  await page.locator(".apiref details.snippet[data-language=curl]").first().evaluate((d) => { d.open = true; });
  const button = block.locator("button.copy");
  await button.waitFor({ state: "visible" });
  await button.click();
  await page.waitForFunction((b) => b.textContent === "Copied", await button.elementHandle());
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await block.locator("code").textContent());
  assert.match(copied, /^curl /);
});

test("host: the token box writes the token into the snippets, as in the HTML build", async (t) => {
  const page = await t.page();
  await open(page, url(OPERATION));
  await page.locator(".apiref .try-values").waitFor({ state: "visible" });
  const token = "tok'en $host";
  await page.locator('.apiref .try-values input[data-var="MESHERY_TOKEN"]').fill(token);
  const curl = await page.locator('.apiref details.snippet[data-language="curl"] code').textContent();
  assert.ok(curl.includes("token=tok'\\''en $host"), curl);
  const python = await page.locator('.apiref details.snippet[data-language="python"] code').textContent();
  assert.ok(python.includes(JSON.stringify(token)), python);
  // Kept for the tab, as in the HTML build: another operation page of the host shows it.
  await open(page, url("meshery/operations/getUserKeys.html"));
  await page.locator(".apiref .try-values").waitFor({ state: "visible" });
  assert.equal(await page.locator('.apiref .try-values input[data-var="MESHERY_TOKEN"]').inputValue(), token);
});

test("host: Try it opens the standalone playground at that operation", async (t) => {
  const page = await t.page();
  await open(page, url(OPERATION));
  const tryIt = page.locator(".apiref a.try-it").first();
  assert.match(await tryIt.getAttribute("href"), /playground\/index\.html\?urls\.primaryName=meshery#\/users\/getUser$/);
  await tryIt.click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  const op = page.locator("#operations-users-getUser");
  await op.waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  assert.ok(await op.evaluate((e) => e.classList.contains("is-open")), "the operation is opened");
  assert.equal(await page.locator("[data-host-marker]").count(), 0, "the playground stands alone");
  await page.screenshot({ path: path.join(SCREENSHOTS, "host-playground.png") });
});

test("host: light and dark (the host's toggle): the reference stays readable; screenshots", async (t) => {
  const page = await t.page();
  await open(page, url(OPERATION));
  await page.evaluate(() => { localStorage.removeItem("host-theme"); document.documentElement.setAttribute("data-theme", "light"); });
  for (const theme of ["light", "dark"]) {
    if (theme === "dark") {
      await page.locator(".host-theme-toggle").click();
      assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark");
    }
    const checks = {};
    for (const sel of [".apiref h1", ".apiref p", ".apiref code"]) {
      if (await page.locator(sel).count() === 0) continue;
      const s = await readAgainst(page, sel);
      checks[sel] = { ...s, ratio: contrast(s.color, s.bg).toFixed(2) };
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `host-operation-${theme}.png`) });
    await page.screenshot({ path: path.join(SCREENSHOTS, `host-operation-${theme}-full.png`), fullPage: true });
    for (const [sel, s] of Object.entries(checks)) {
      assert.ok(Number(s.ratio) >= 4.5, `${theme}: ${sel} reads ${s.ratio}:1 (${s.color} on ${s.bg})`);
    }
  }
  // The choice survives a reload (the host's own script).
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark");
  await open(page, url(""));
  await page.screenshot({ path: path.join(SCREENSHOTS, "host-overview-dark.png") });
  await open(page, url("meshery/"));
  await page.screenshot({ path: path.join(SCREENSHOTS, "host-bundle-dark.png") });
});

process.exitCode = await run();
