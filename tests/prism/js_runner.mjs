// Runs the JavaScript snippets of one target for check.mjs, each in a worker thread of its own
// rather than a node process of its own: a worker has its own globals, its own fetch (guarded by
// guard_fetch.mjs, imported first in every worker), its own process.env and exit code, and
// starts in a fraction of a process's time, which was most of the Prism tier's time. The snippet
// file runs unchanged, as the module it is. This process starts once, in the snippets' working
// folder with the environment check.mjs prepared.
//
// Protocol, one JSON object per line:
//   in  (stdin)   {"id": N, "file": "/path/0001-op.mjs", "show": false}
//   out (stdout)  {"id": N, "code": 0 | 1 | "killed by timeout", "stdout": "...", "stderr": "..."}
// A snippet that runs past TIMEOUT_MS is terminated. Jobs run at once, as many as are sent.
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const GUARD = pathToFileURL(join(HERE, "guard_fetch.mjs")).href;
const TIMEOUT_MS = 60000;

// The worker's entry: the guard, then the snippet. An error the snippet throws is reported the
// way node reports an uncaught one (util.inspect: the stack and its cause, such as undici's
// "other side closed" when a WebSocket upgrade ends the fetch), on standard error, exit code 1.
const ENTRY = `
import { workerData } from "node:worker_threads";
import { inspect } from "node:util";
try {
  await import(workerData.guard);
  await import(workerData.snippet);
} catch (e) {
  process.stderr.write(inspect(e) + "\\n");
  process.exitCode = 1;
}
`;
const ENTRY_URL = new URL(`data:text/javascript,${encodeURIComponent(ENTRY)}`);

function collect(stream) {
  const chunks = [];
  stream.on("data", (d) => chunks.push(d));
  return new Promise((resolve) => stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8"))));
}

async function runOne(job) {
  const env = { ...process.env };
  if (job.show) env.PRISM_SHOW_VIOLATIONS = "1";
  else delete env.PRISM_SHOW_VIOLATIONS;
  const worker = new Worker(ENTRY_URL, {
    workerData: { guard: GUARD, snippet: pathToFileURL(job.file).href },
    env,
    stdout: true,
    stderr: true,
  });
  const stdout = collect(worker.stdout), stderr = collect(worker.stderr);
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; worker.terminate(); }, TIMEOUT_MS);
  let uncaught = "";  // what node would print for an error nothing caught
  const code = await new Promise((resolve) => {
    worker.on("error", (e) => { uncaught += `${e && e.stack ? e.stack : e}\n`; });
    worker.on("exit", resolve);
  });
  clearTimeout(timer);
  return { id: job.id, code: timedOut ? "killed by timeout" : code, stdout: await stdout, stderr: (await stderr) + uncaught };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  runOne(JSON.parse(line)).then((reply) => process.stdout.write(JSON.stringify(reply) + "\n"));
}
