// The ready configs in a browser: the token box writes a token into every snippet as one
// properly quoted word (the snippets are then run, with curl, http, requests and fetch stubbed,
// to see what they would send), site.primary_color colours links, buttons and the active
// sidebar entry in both themes, and the playground offers only each bundle's own credential.
// Run through run.sh, which sets MESHERY_URL, MESHPLAY_URL, LAYER5_URL and SCREENSHOTS.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "./harness.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser/run.sh`);
  return value;
};
const MESHERY = env("MESHERY_URL"), MESHPLAY = env("MESHPLAY_URL"), LAYER5 = env("LAYER5_URL");
const SCREENSHOTS = env("SCREENSHOTS");
const LOAD_TIMEOUT = 150_000;
const url = (base, p = "") => new URL(p, base).href;

// Tokens that break naive quoting: a single quote, double quotes, spaces, $ (a shell variable
// and a template literal), backslashes, a backtick.
const TOKENS = ["eyJ'a b\"c\" $HOME \\n\\", "x`y`$(id)${z}\\'"];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "apiref-auth-"));
// Made when the module is imported, by every entry of the suite: removed when the run ends.
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
// Python's requests, stubbed: prints what the snippet would send.
fs.writeFileSync(path.join(scratch, "requests.py"), `import json
class _R:
    status_code = 200
    text = ""
def request(method, url, headers=None, cookies=None, **kw):
    print(json.dumps({"url": url, "headers": headers or {}, "cookies": cookies or {}}))
    return _R()
`);

// What a snippet would send: {headers: {name: value}, cookies: {name: value}}.
function run(lang, code) {
  const cookiesOf = (v) => Object.fromEntries(v.split("; ").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
  if (lang === "curl" || lang === "httpie") {
    const fn = lang === "curl" ? "curl" : "http";
    const out = execFileSync("bash", ["-c", `${fn}() { printf '%s\\0' "$@"; }\n${code}`], { encoding: "utf8", env: {} });
    const args = out.split("\0").slice(0, -1);
    const headers = {}, cookies = {};
    if (lang === "curl") {
      args.forEach((a, i) => {
        if (args[i - 1] === "-H") headers[a.slice(0, a.indexOf(":"))] = a.slice(a.indexOf(":") + 2);
        if (args[i - 1] === "--cookie") Object.assign(cookies, cookiesOf(a));
      });
    } else {
      for (const a of args) {
        const m = /^([\w-]+):(?!\/\/)(.*)$/s.exec(a);
        if (!m) continue;
        if (m[1].toLowerCase() === "cookie") Object.assign(cookies, cookiesOf(m[2]));
        else headers[m[1]] = m[2];
      }
    }
    return { headers, cookies };
  }
  if (lang === "python") {
    const file = path.join(scratch, "snippet.py");
    fs.writeFileSync(file, code);
    const out = execFileSync("python3", [file], { encoding: "utf8", env: { PYTHONPATH: scratch, PATH: process.env.PATH } });
    return JSON.parse(out.split("\n")[0]);
  }
  if (lang === "javascript") {
    const file = path.join(scratch, "snippet.mjs");
    fs.writeFileSync(file, `globalThis.fetch = async (u, o) => { console.log(JSON.stringify(o.headers || {})); return { status: 200, text: async () => "" }; };\n${code}`);
    const headers = JSON.parse(execFileSync("node", [file], { encoding: "utf8", env: {} }).split("\n")[0]);
    const cookies = headers.Cookie ? cookiesOf(headers.Cookie) : {};
    delete headers.Cookie;
    return { headers, cookies };
  }
  // Go: no toolchain here. Its literals are JSON's (a subset of Go's string syntax): read them.
  const lit = (s) => JSON.parse(s);
  const headers = {}, cookies = {};
  for (const m of code.matchAll(/req\.Header\.Set\(("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*")\)/g)) headers[lit(m[1])] = lit(m[2]);
  for (const m of code.matchAll(/http\.Cookie\{Name: ("(?:[^"\\]|\\.)*"), Value: ("(?:[^"\\]|\\.)*")\}/g)) cookies[lit(m[1])] = lit(m[2]);
  assert.ok(!/\t"os"\n/.test(code) || /\bos\./.test(code), "Go: no unused os import once the token is text");
  return { headers, cookies };
}

// Readable: one quoted word per value, not 'a''b' (quotes glued together); '\'' is how a shell
// word holds a single quote.
function assertReadable(lang, code) {
  if (lang === "curl" || lang === "httpie") assert.ok(!code.replaceAll("'\\''", "").includes("''"), `${lang}: glued quotes in\n${code}`);
  else assert.ok(!/" \+ "/.test(code), `${lang}: a string glued to another in\n${code}`);
}

async function fillAndRun(page, values, expect) {
  for (const [name, value] of Object.entries(values)) await page.locator(`.try-values input[data-var="${name}"]`).fill(value);
  for (const lang of ["curl", "httpie", "python", "javascript", "go"]) {
    const code = await page.locator(`details.snippet[data-language="${lang}"] code`).textContent();
    assertReadable(lang, code);
    const sent = run(lang, code);
    for (const [name, value] of Object.entries(expect.headers)) assert.equal(sent.headers[name], value, `${lang}: header ${name}\n${code}`);
    assert.deepEqual(sent.cookies, expect.cookies, `${lang}: cookies\n${code}`);
    if (!expect.headers.Authorization) assert.equal(sent.headers.Authorization, undefined, `${lang}: no bearer header`);
  }
}

test("auth: the token box writes any token into every snippet as one quoted word (Meshery Server: cookies)", async (t) => {
  const page = await t.page();
  const op = await firstOperation(page, MESHERY, "meshery");
  await page.goto(url(MESHERY, `meshery/operations/${op}`));
  await page.locator(".try-values").waitFor({ state: "visible" });
  for (const token of TOKENS) {
    await fillAndRun(page, { MESHERY_TOKEN: token }, { headers: {}, cookies: { "meshery-provider": "Meshery", token } });
  }
  await page.locator(".snippets").screenshot({ path: path.join(SCREENSHOTS, "auth-token-box-meshery.png") });
});

test("auth: the token box fills a bearer token and the organization header (Layer5 Cloud)", async (t) => {
  const page = await t.page();
  await page.goto(url(LAYER5, `cloud/operations/${await firstOperation(page, LAYER5, "cloud")}`));
  await page.locator(".try-values").waitFor({ state: "visible" });
  for (const token of TOKENS) {
    const org = "org 'one' $X\\";
    await fillAndRun(page, { LAYER5_TOKEN: token, LAYER5_ORG_ID: org },
                     { headers: { Authorization: "Bearer " + token, "layer5-current-orgid": org }, cookies: {} });
  }
});

// The first operation page of a bundle that needs the credential and has no body (a GET).
async function firstOperation(page, site, bundle) {
  await page.goto(url(site, `${bundle}/index.html`));
  const hrefs = await page.locator(".operation-list a").evaluateAll((as) =>
    as.filter((a) => a.querySelector(".method-get")).map((a) => a.getAttribute("href")));
  for (const href of hrefs) {
    await page.goto(url(site, `${bundle}/${href}`));
    const auth = await page.locator('section[aria-labelledby$="-auth"]').textContent();
    if (/sent in/.test(auth) && !/Optional/.test(auth)) return href.split("/").pop();
  }
  throw new Error(`no GET needing auth in ${bundle}`);
}

const rgb = (hex) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
function luminance(css) {
  const [r, g, b] = css.match(/\d+/g).slice(0, 3).map(Number).map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test("auth: site.primary_color colours links, buttons and the active sidebar entry, readable in both themes", async (t) => {
  const page = await t.page();
  const op = await firstOperation(page, MESHPLAY, "meshplay");
  await page.goto(url(MESHPLAY, `meshplay/operations/${op}`));
  const styles = () => page.evaluate(() => {
    const get = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
    return {
      link: get(".breadcrumbs a", "color"), button: get("a.try-it", "backgroundColor"), buttonText: get("a.try-it", "color"),
      active: get('.sidebar a[aria-current="page"]', "color"), activeEdge: get('.sidebar a[aria-current="page"]', "boxShadow"),
      headerEdge: get(".site-header", "borderTopColor"), bg: get("body", "backgroundColor"),
    };
  });
  // Meshplay's #00b39f is 2.6:1 on white: the light theme uses the shade that reads (#007d6f).
  await page.evaluate(() => { document.documentElement.setAttribute("data-theme", "light"); });
  let s = await styles();
  assert.equal(s.link, rgb("#007d6f"));
  assert.equal(s.button, rgb("#007d6f"));
  assert.equal(s.active, rgb("#007d6f"));
  assert.ok(s.activeEdge.includes(rgb("#007d6f")), s.activeEdge);
  assert.equal(s.headerEdge, rgb("#00b39f"));
  assert.ok(contrast(s.link, s.bg) >= 4.5 && contrast(s.buttonText, s.button) >= 4.5, JSON.stringify(s));
  await page.screenshot({ path: path.join(SCREENSHOTS, "auth-primary-color-light.png") });
  await page.locator(".theme-toggle").click();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark");
  s = await styles();
  assert.equal(s.link, rgb("#00b39f"));
  assert.equal(s.button, rgb("#00b39f"));
  assert.equal(s.active, rgb("#00b39f"));
  assert.ok(contrast(s.link, s.bg) >= 4.5 && contrast(s.buttonText, s.button) >= 4.5, JSON.stringify(s));
  await page.screenshot({ path: path.join(SCREENSHOTS, "auth-primary-color-dark.png") });
  // Without primary_color (Meshery's config) links keep apiref's blue.
  await page.goto(url(MESHERY, "index.html"));
  await page.evaluate(() => { document.documentElement.setAttribute("data-theme", "light"); });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".content a")).color), rgb("#0b5fcc"));
});

async function openPlayground(page, address) {
  await page.goto(address);
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT });
  await page.locator(".opblock").first().waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
}

test("auth: the playground offers only each bundle's credential, pre-filled from the token box", async (t) => {
  const page = await t.page();
  // The reader types the Meshery token on an operation page first.
  await page.goto(url(MESHERY, `meshery/operations/${await firstOperation(page, MESHERY, "meshery")}`));
  await page.locator('.try-values input[data-var="MESHERY_TOKEN"]').fill("tok-meshery");
  await openPlayground(page, url(MESHERY, "playground/index.html?urls.primaryName=meshery"));
  assert.equal(await page.locator("#apiref-auth h2").textContent(), "Your Meshery token");
  assert.equal(await page.locator("#apiref-auth input[name=token]").inputValue(), "tok-meshery");
  assert.deepEqual(await page.locator("#apiref-auth input").evaluateAll((els) => els.map((e) => e.name)), ["token"]);
  assert.match(await page.locator("#apiref-auth .apiref-note").first().textContent(), /Cookie: meshery-provider=Meshery; token=\$MESHERY_TOKEN/);
  assert.equal(await page.locator(".btn.authorize").count(), 0, "no Authorize button: the description's bearer scheme is not offered");
  await page.screenshot({ path: path.join(SCREENSHOTS, "auth-playground-meshery.png") });
  // The other bundle takes another credential: the box follows Swagger UI's bundle picker.
  await page.locator("#apiref-bundle").selectOption("cloud");
  await page.locator("#apiref-auth h2", { hasText: "Meshery Cloud token" }).waitFor({ timeout: LOAD_TIMEOUT });
  assert.deepEqual(await page.locator("#apiref-auth input").evaluateAll((els) => els.map((e) => e.name)), ["token", "MESHERY_CLOUD_ORG_ID"]);
  assert.equal(await page.locator("#apiref-auth input[name=token]").inputValue(), "", "the Meshery token is not the Cloud token");
  await page.locator(".opblock").first().waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
  assert.equal(await page.locator(".btn.authorize").count(), 0);
  // Layer5 Cloud: its servers, its credential.
  await openPlayground(page, url(LAYER5, "playground/index.html"));
  assert.equal(await page.locator("#apiref-auth h2").textContent(), "Your Layer5 Cloud token");
  assert.deepEqual(await page.locator(".servers select option").allTextContents(), ["https://cloud.layer5.io - Layer5 Cloud"]);
  assert.equal(await page.locator(".btn.authorize").count(), 0);
});
