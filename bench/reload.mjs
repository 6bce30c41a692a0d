// Save -> updated page, with `apiref serve` and a browser open on an operation page.
//
// node bench/reload.mjs --url http://127.0.0.1:PORT/ --dir COPY/schemas --runs 7 [--chromium /usr/bin/chromium]
//
// For each case (an operation in a small construct file, one in the largest file of the tree),
// opens the operation's page in Chromium, then RUNS times: writes the file with a new summary
// and waits until the reloaded page's DOM is there; the time from the end of the write to the
// page's DOMContentLoaded (with the new <h1> checked) is one sample. Prints one JSON line per
// case with every sample and the median; bench/serve.sh turns them into its table.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const die = (m) => { console.error(`reload.mjs: ${m}`); process.exit(2); };
if (!args.url || !args.dir) die('usage: --url URL --dir SCHEMAS_DIR [--runs N]');
const RUNS = Number(args.runs || 7);

// playwright-core (pinned in bench/package.json and tests/browser/package.json, same version).
let chromium;
for (const base of [path.join(HERE, '.cache', 'package.json'), path.join(HERE, '..', 'tests', 'browser', 'package.json')]) {
  try {
    ({ chromium } = createRequire(base)('playwright-core'));
    break;
  } catch { /* try the next */ }
}
if (!chromium) die('playwright-core is not installed (cd tests/browser && npm ci, or bash bench/build.sh)');

const CASES = [
  { name: 'small file', file: 'constructs/v1beta2/badge/api.yml', op: 'deleteBadgeById', summary: 'Delete a badge by its ID' },
  { name: 'largest file', file: 'constructs/v1beta3/academy/api.yml', op: 'getMyAcademyCurricula', summary: 'Get academy content' },
];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

const browser = await chromium.launch({
  executablePath: args.chromium || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const c of CASES) {
    const file = path.join(args.dir, c.file);
    const original = fs.readFileSync(file, 'utf8');
    const needle = `operationId: ${c.op}`;
    const at = original.indexOf(needle);
    if (at < 0) die(`${c.file} has no ${needle}`);
    const summaryAt = original.indexOf(`summary: ${c.summary}`, at);
    if (summaryAt < 0) die(`${c.file}: no 'summary: ${c.summary}' after ${needle}`);
    const page = await browser.newPage();
    let pageUrl = null;
    for (const bundle of ['meshery', 'cloud']) {
      const u = new URL(`${bundle}/operations/${c.op}.html`, args.url).href;
      const r = await page.request.get(u);
      if (r.ok()) { pageUrl = u; break; }
    }
    if (!pageUrl) die(`no page for ${c.op}`);
    await page.goto(pageUrl);
    await page.locator('html[data-apiref-live]').waitFor({ state: 'attached' });
    const samples = [];
    for (let i = 0; i <= RUNS; i++) {   // the first edit warms up, it is not counted
      const summary = `${c.summary} (bench ${Date.now()})`;
      const text = original.slice(0, summaryAt) + `summary: ${summary}` + original.slice(summaryAt + `summary: ${c.summary}`.length);
      const loaded = new Promise((resolve) => {
        const onLoad = async () => {
          const t = Date.now();
          const h1 = await page.locator('h1').first().textContent().catch(() => '');
          if (h1 !== summary) return;   // a reload for an earlier build: wait for the next
          page.off('domcontentloaded', onLoad);
          resolve(t);
        };
        page.on('domcontentloaded', onLoad);
      });
      fs.writeFileSync(file, text);
      const saved = Date.now();
      const t = await Promise.race([loaded, new Promise((_, rej) => setTimeout(() => rej(new Error(`${c.name}: no reload within 30 s`)), 30_000))]);
      if (i > 0) samples.push(t - saved);
      await page.locator('html[data-apiref-live]').waitFor({ state: 'attached' });
      await page.waitForTimeout(300);  // let the machine settle between edits
    }
    fs.writeFileSync(file, original);
    await page.close();
    console.log(JSON.stringify({ case: c.name, file: c.file, bytes: Buffer.byteLength(original), op: c.op, samples, median: median(samples) }));
    await new Promise((r) => setTimeout(r, 1500));
  }
} finally {
  await browser.close();
}
