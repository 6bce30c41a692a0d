// Shared by playground.mjs and playground_slice.mjs: the "Try it" of one operation page of the
// site with awkward names (run.sh's EDGE site), followed into the playground. Asserts that one
// operation is open there, the page's own (method and path as the page shows them).
import assert from "node:assert/strict";

export async function tryEdgeOperation(page, pageUrl, op, timeout) {
  await page.goto(pageUrl);
  const method = (await page.locator(".endpoint .method").textContent()).trim().toLowerCase();
  const opPath = (await page.locator(".endpoint .path").textContent()).trim();
  await page.locator("a.try-it").click();
  await page.locator("html[data-playground=ready]").waitFor({ state: "attached", timeout });
  const open = page.locator(".opblock.is-open");
  await open.first().waitFor({ state: "visible" });
  assert.equal(await open.count(), 1, `${op}: one operation open`);
  assert.equal((await open.locator(".opblock-summary-method").textContent()).trim().toLowerCase(), method, op);
  assert.equal(await open.locator(".opblock-summary-path").getAttribute("data-path"), opPath, op);
  return { open, method, opPath };
}
