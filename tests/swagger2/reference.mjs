// The reference side of tests/swagger2/compare.py: every Swagger 2.0 document found under the
// folders given converted by swagger2openapi (pinned in package-lock.json), written as JSON.
//   node reference.mjs OUT_DIR FOLDER...
// Writes OUT_DIR/manifest.json: [{file, out | error}]. Remote $refs are refused (no network):
// the fetch given to the resolver throws.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const converter = require('swagger2openapi');
const YAML = require('yaml');

const [outDir, ...folders] = process.argv.slice(2);
if (!outDir || folders.length === 0) {
  console.error('usage: node reference.mjs OUT_DIR FOLDER...');
  process.exit(2);
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (/\.(ya?ml|json)$/.test(entry.name)) yield p;
  }
}

function isSwagger2(file) {
  try {
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'), { prettyErrors: false });
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'swagger' in doc;
  } catch {
    // Unparsable: still a 2.0 document if it says so at the top, for the error comparison.
    return /^["']?swagger["']?\s*:/m.test(fs.readFileSync(file, 'utf8'));
  }
}

const noNetwork = () => Promise.reject(new Error('remote $ref refused: no network in tests'));
fs.mkdirSync(outDir, { recursive: true });
const manifest = [];
let n = 0;
for (const folder of folders) {
  for (const file of walk(folder)) {
    if (!isSwagger2(file)) continue;
    const entry = { file: path.resolve(file) };
    try {
      const options = { patch: true, warnOnly: true, resolve: true, resolveInternal: false,
                        source: path.resolve(file), fetch: noNetwork, verbose: false };
      const result = await converter.convertFile(path.resolve(file), options);
      entry.out = path.join(outDir, `${n++}.json`);
      fs.writeFileSync(entry.out, JSON.stringify(result.openapi));
    } catch (e) {
      entry.error = String(e && e.message ? e.message : e).split('\n')[0];
    }
    manifest.push(entry);
  }
}
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
console.error(`swagger2openapi: ${manifest.length} documents, ${manifest.filter((e) => e.error).length} refused`);
