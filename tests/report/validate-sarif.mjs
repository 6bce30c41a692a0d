// Validates SARIF files against the official SARIF 2.1.0 JSON schema with Ajv.
// Usage: node validate-sarif.mjs SCHEMA FILE... ; a FILE prefixed with '!' must be INVALID
// (a negative control, proving that the validator rejects what it should).
// Prints one line per file and exits 1 if any file had the wrong outcome.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node validate-sarif.mjs SCHEMA FILE...');
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
// strict: false because the schema (draft-07) uses annotations Ajv's strict mode rejects;
// allErrors so that a failure shows everything wrong at once.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let wrong = 0;
for (const arg of files) {
  const expectInvalid = arg.startsWith('!');
  const file = expectInvalid ? arg.slice(1) : arg;
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`FAIL ${file}: not JSON: ${e.message}`);
    wrong++;
    continue;
  }
  const ok = validate(doc);
  if (ok === !expectInvalid) {
    console.log(`ok   ${file}: ${ok ? 'valid' : `invalid as expected (${validate.errors.length} errors)`}`);
  } else {
    wrong++;
    console.log(`FAIL ${file}: ${ok ? 'valid but expected invalid' : 'invalid'}`);
    for (const e of (validate.errors || []).slice(0, 20)) console.log(`     ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(wrong ? 1 : 0);
