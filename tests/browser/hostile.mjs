// Hostile names and script in every text (tests/hostile/names.json, built by run.sh): every page
// of the site, of every kind (overview, bundle, operation, tag, schema, authentication, 404, the
// playground with Swagger UI, the markdown twins, llms.txt, the search index), opened in
// Chromium: no script of the description's runs, no dialog opens, no javascript: link is left.
// Also home of checkHostile, the strict check of an apiref page that site.mjs uses too.
// Imported by site.mjs; run through run.sh.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test, report } from "./harness.mjs";

// An apiref page (not the playground, whose Swagger UI has scripts and SVG of its own): no
// __pwned, no javascript: or vbscript: attribute, no event handler but the search form's, no
// script but the site's own, no frame, object, SVG, <base> or http-equiv.
async function checkHostile(page, where) {
  await page.waitForTimeout(300); // time for any onerror/onload that slipped through
  const found = await page.evaluate(() => {
    const bad = [];
    if (window.__pwned !== undefined) bad.push(`window.__pwned = ${window.__pwned}`);
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();
        // Text a browser never loads or follows may say anything: an operation's server URL
        // "javascript:..." is shown as the try-it box's placeholder and kept in data-server (which
        // app.js only replaces as text in the snippets), an operationId in a <meta> description.
        const inert = name.startsWith("data-") || name.startsWith("aria-") || ["placeholder", "title", "alt", "value"].includes(name) ||
          (name === "content" && el.localName === "meta" && !el.hasAttribute("http-equiv"));
        if (!inert && (value.startsWith("javascript:") || value.startsWith("vbscript:"))) {
          bad.push(`<${el.localName} ${name}="${attr.value}">`);
        }
        // The site's own search form has onsubmit="return false"; nothing else may have a handler.
        const ownHandler = name === "onsubmit" && el.matches("form.search") && attr.value === "return false";
        if (name.startsWith("on") && !ownHandler) bad.push(`<${el.localName} ${name}="${attr.value}">`);
      }
    }
    for (const s of document.scripts) {
      // The site's own scripts: app.js, theme.js, and a tag's list for the sidebar (tags/x.nav.js).
      const own = s.src && /\/(assets\/(app|theme)|tags\/[^/]+\.nav)\.js$/.test(new URL(s.src).pathname) &&
        new URL(s.src).origin === location.origin;
      if (!own || s.textContent.trim()) bad.push(`<script src="${s.getAttribute("src")}">${s.textContent.slice(0, 60)}`);
    }
    for (const el of document.querySelectorAll("iframe, frame, object, embed, svg, base, meta[http-equiv]")) {
      bad.push(`<${el.localName}> element`);
    }
    return bad;
  });
  assert.deepEqual(found, [], `${where}: ${found.join("; ")}`);
}

// Any page, the playground and text files too: nothing of the description's ran, and no link
// or frame source is a javascript: URL.
async function checkNothingRan(page, where) {
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const bad = [];
    if (window.__pwned !== undefined) bad.push(`window.__pwned = ${window.__pwned}`);
    for (const el of document.querySelectorAll("[href], [src], [action], [formaction]")) {
      for (const name of ["href", "src", "action", "formaction"]) {
        const value = (el.getAttribute(name) || "").replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();
        if (value.startsWith("javascript:") || value.startsWith("vbscript:")) bad.push(`<${el.localName} ${name}="${value}">`);
      }
    }
    return bad;
  });
  assert.deepEqual(found, [], `${where}: ${found.join("; ")}`);
}

const NAMES = process.env.NAMES_URL, NAMES_DIR = process.env.NAMES_DIR;

function filesBelow(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesBelow(p, base) : [path.relative(base, p)];
  });
}

if (NAMES && NAMES_DIR) {
  test("hostile names: every page of every kind runs nothing of the description's", async (t) => {
    // The sanitiser keeps <img src=x> (without its onerror): the browser asks for x and gets a 404.
    t.allow(({ kind, text }) => kind === "console" && / 404 /.test(text));
    const files = filesBelow(NAMES_DIR).filter((f) => !f.startsWith("assets/") && !f.startsWith("playground/") ||
                                                       f === "playground/index.html");
    const kinds = new Map();
    const page = await t.page();
    for (const f of files.sort()) {
      const kind = f.endsWith(".html") ? (f.split("/").slice(-2, -1)[0] || "top") + " html" : path.extname(f);
      const address = new URL(f.split("/").map(encodeURIComponent).join("/"), NAMES).href;
      // A type Chromium does not show (openapi.yaml) is a download: nothing of it runs.
      const response = await page.goto(address, { waitUntil: "load" }).catch((e) => {
        if (/Download is starting/.test(e.message)) return null;
        throw e;
      });
      if (!response) {
        kinds.set("downloaded", (kinds.get("downloaded") || 0) + 1);
        continue;
      }
      kinds.set(kind, (kinds.get(kind) || 0) + 1);
      assert.equal(response.status(), 200, `${f} answered ${response.status()}`);
      const apirefPage = f.endsWith(".html") && !f.startsWith("playground/");
      if (apirefPage) await checkHostile(page, f);
      else await checkNothingRan(page, f);
    }
    // The playground renders the description with Swagger UI once its script has loaded it.
    await page.goto(new URL("playground/index.html", NAMES).href, { waitUntil: "load" });
    await page.locator(".opblock").first().waitFor({ state: "visible" });
    for (const block of (await page.locator(".opblock-summary").all()).slice(0, 4)) await block.click();
    await checkNothingRan(page, "playground, operations unfolded");
    assert.ok(kinds.get("operations html") >= 24, `an operation page for each of the 24 operations: ${kinds.get("operations html")}`);
    report(`hostile names: ${files.length} files opened (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")})`);
  });
}

export { checkHostile };
