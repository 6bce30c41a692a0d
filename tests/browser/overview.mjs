// The overview a newcomer starts from: on Meshery's site, the meshery bundle's auth sentence
// names the token cookie and its first call's curl sends that cookie (as the operation page's
// snippet does); every link of the tag index leads to a page that exists.
// Run through run.sh (site.mjs imports it), which sets MESHERY_URL.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "./harness.mjs";

const MESHERY = process.env.MESHERY_URL;
const SCREENSHOTS = process.env.SCREENSHOTS;
if (!MESHERY) throw new Error("MESHERY_URL is not set: run this through tests/browser/run.sh");

test("overview: Meshery's auth sentence and first call send the token cookie, the tag index resolves", async (t) => {
  const page = await t.page({ viewport: { width: 1400, height: 900 } });
  await page.goto(new URL("index.html", MESHERY).href);
  const bundle = page.locator("section.bundle-overview", { has: page.locator("h2#bundle-meshery") });
  const sentence = (await bundle.locator(".ov-auth li p").first().innerText()).trim();
  assert.match(sentence, /as the token cookie/, `auth sentence: ${sentence}`);
  const sent = await bundle.locator(".ov-auth pre").first().innerText();
  assert.match(sent, /Cookie: .*token=\$MESHERY_TOKEN/, `what is sent: ${sent}`);

  // The first call's curl is the one its operation page shows first, and it sends the cookie.
  const curl = await bundle.locator(".ov-first pre code").innerText();
  assert.match(curl, /^curl /, curl);
  assert.match(curl, /--cookie .*token=\W*\$MESHERY_TOKEN/, `the first call sends the token cookie: ${curl}`);
  const opHref = await bundle.locator(".ov-first p a").getAttribute("href");
  const op = await t.page();
  await op.goto(new URL(opHref, page.url()).href);
  const shown = await op.locator("pre code.language-curl").first().innerText();
  assert.equal(curl.trim(), shown.trim(), "the overview's curl is the operation page's");

  // The cloud bundle sends a bearer token instead.
  const cloud = page.locator("section.bundle-overview", { has: page.locator("h2#bundle-cloud") });
  assert.match(await cloud.locator(".ov-auth pre").first().innerText(), /Authorization: Bearer \$MESHERY_CLOUD_TOKEN/);

  // Every tag of the index is a page of the site, shown in a grid of more than one column.
  const hrefs = await page.locator(".ov-tags a").evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.length > 5, `tags listed: ${hrefs.length}`);
  for (const href of hrefs) {
    const res = await page.request.get(href);
    assert.equal(res.status(), 200, href);
  }
  const columns = await page.locator(".ov-tags").first().evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
  assert.ok(columns > 1, `tag columns at 1400 px: ${columns}`);
  const guide = await page.locator('a[href="authentication/index.html"]').count();
  assert.ok(guide >= 1, "the overview links the guide");
  if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, "overview-meshery.png"), fullPage: false });
});
