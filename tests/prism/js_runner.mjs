// Runs the JavaScript snippets of one target for check.mjs, in a few long-lived worker threads
// rather than a node process, or a worker, per snippet. A new worker costs its own V8 isolate and
// loads fetch's implementation (undici) again at its first request: measured, that was most of
// the Prism tier's CPU time, more than Prism's own. So each worker loads the guard
// (guard_fetch.mjs) once and then runs snippets one after another, each the module it is, from
// its own file, unchanged: its top-level names are its own, its output is captured while it
// runs, and its exit code is process.exitCode as it leaves it (1 when it throws). A snippet that
// calls process.exit ends its worker, which is replaced. This process starts once, in the
// snippets' working folder with the environment check.mjs prepared.
//
// Protocol, one JSON object per line:
//   in  (stdin)   {"id": N, "file": "/path/0001-op.mjs", "show": false}
//   out (stdout)  {"id": N, "code": 0 | 1 | "killed by timeout", "stdout": "...", "stderr": "..."}
// A snippet that runs past TIMEOUT_MS is terminated with its worker. Jobs run at once, as many
// as are sent, each in an idle worker or a new one.
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const GUARD = pathToFileURL(join(HERE, "guard_fetch.mjs")).href;
const TIMEOUT_MS = 60000;

// The worker: the guard once, then one snippet per message. Standard output and error are
// captured by replacing the streams' write (console.log looks it up at every call) and sent to
// the parent as they are written, so that what a snippet printed before calling process.exit
// is not lost; "done" follows on the same port, after every chunk. An error the snippet throws
// is reported the way node reports an uncaught one (util.inspect: the stack and its cause, such
// as undici's "other side closed" when a WebSocket upgrade ends the fetch), exit code 1.
const ENTRY = `
import { parentPort, workerData } from "node:worker_threads";
import { inspect } from "node:util";
await import(workerData.guard);
for (const [name, stream] of [["stdout", process.stdout], ["stderr", process.stderr]]) {
  stream.write = (chunk, encoding, callback) => {
    if (typeof encoding === "function") callback = encoding, encoding = undefined;
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    parentPort.postMessage({ [name]: text });
    if (callback) queueMicrotask(callback);
    return true;
  };
}
parentPort.on("message", async ({ snippet, show }) => {
  if (show) process.env.PRISM_SHOW_VIOLATIONS = "1";
  else delete process.env.PRISM_SHOW_VIOLATIONS;
  process.exitCode = undefined;
  try {
    await import(snippet);
  } catch (e) {
    process.stderr.write(inspect(e) + "\\n");
    process.exitCode = 1;
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  parentPort.postMessage({ done: code });
});
`;
const ENTRY_URL = new URL(`data:text/javascript,${encodeURIComponent(ENTRY)}`);

const idle = [];
let closed = false;  // stdin ended: workers stop as their last snippet ends

function startWorker() {
  const worker = new Worker(ENTRY_URL, { workerData: { guard: GUARD }, env: { ...process.env } });
  const w = { worker, job: null, exited: false };
  worker.on("message", (m) => {
    const job = w.job;
    if (!job) return;
    if (m.stdout !== undefined) job.stdout += m.stdout;
    else if (m.stderr !== undefined) job.stderr += m.stderr;
    else if (m.done !== undefined) finish(w, m.done);
  });
  // An error nothing caught (thrown outside the snippet's own await): what node would print.
  worker.on("error", (e) => { if (w.job) w.job.stderr += `${e && e.stack ? e.stack : e}\n`; });
  worker.on("exit", (code) => {
    w.exited = true;
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    if (w.job) finish(w, w.job.timedOut ? "killed by timeout" : code);
  });
  return w;
}

function finish(w, code) {
  const job = w.job;
  w.job = null;
  clearTimeout(job.timer);
  process.stdout.write(JSON.stringify({ id: job.id, code, stdout: job.stdout, stderr: job.stderr }) + "\n");
  if (w.exited) return;
  if (closed) w.worker.terminate();
  else idle.push(w);
}

function runOne(request) {
  const w = idle.pop() || startWorker();
  const job = { id: request.id, stdout: "", stderr: "", timedOut: false };
  job.timer = setTimeout(() => { job.timedOut = true; w.worker.terminate(); }, TIMEOUT_MS);
  w.job = job;
  // The job's id in the URL: a file run again (to show Prism's reason) is a module not yet run.
  const snippet = `${pathToFileURL(request.file).href}?job=${request.id}`;
  w.worker.postMessage({ snippet, show: Boolean(request.show) });
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim()) runOne(JSON.parse(line));
}
closed = true;
for (const w of idle.splice(0)) w.worker.terminate();
