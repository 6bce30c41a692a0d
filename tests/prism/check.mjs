// Runs the snippets of one target against Stoplight Prism mocking that target's bundled
// description, and classifies Prism's answers. Called by run.sh (see README.md):
//
//   node check.mjs --target ID --doc BUNDLE.json --port P --snippets-prefix PREFIX
//                  --languages curl,python,javascript --workdir DIR --out RESULT.json
//                  [--jobs N] [--show N]
//
// PREFIX.LANG.jsonl holds `apiref snippets` lines ({bundle, operationId, method, path,
// language, code}) whose URLs already point at 127.0.0.1:P. This script starts Prism there
// (and starts it again if a request crashes it), then runs each snippet exactly as written:
//   curl        bash -c 'curl() { command curl -s -o /dev/null -w "%{http_code}" ...; }; SNIPPET'
//   python      SNIPPET.py in a reused worker forked from python_runner.py (prints the status first)
//   javascript  SNIPPET.mjs in a reused worker thread of js_runner.mjs (prints the status first)
// with every environment variable the snippet reads set to a dummy credential and every
// local file it uploads (./name) present in its working folder. Python and node load a guard
// first (python_guard/sitecustomize.py, guard_fetch.mjs) that refuses any host but loopback
// and does not follow a redirect off the machine (Prism answers a 3xx with the description's
// example Location, e.g. https://codeload.github.com/...): the 3xx is then the answer. curl
// follows no redirect.
//
// Verdicts: a status below 400 passes. Any 4xx fails (401/403: credentials missing or not
// accepted, 400/422: request invalid, 404/405: no such route), and so does a snippet that
// gets no status at all (curl, python or node failed). A 5xx is Prism unable to make a
// response, and a request that crashes Prism is Prism's failure: both are counted apart as
// "mock could not answer", not as snippet failures. The first --show failures are sent again
// with the response shown (PRISM_SHOW_VIOLATIONS=1 makes the guards print the header), and
// Prism's reason (its `sl-violations` header, or its problem+json body) is printed.

import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PRISM = join(HERE, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const PYTHON = process.env.PYTHON || "python3";

function parseArgs(argv) {
  const a = { jobs: "4", show: "20" };
  for (let i = 0; i < argv.length; i += 2) a[argv[i].replace(/^--/, "")] = argv[i + 1];
  for (const k of ["target", "doc", "port", "snippets-prefix", "languages", "workdir", "out"])
    if (!a[k]) throw new Error(`check.mjs: --${k} is required`);
  return { ...a, jobs: Math.max(1, Number(a.jobs)), show: Number(a.show), languages: a.languages.split(",") };
}
const args = parseArgs(process.argv.slice(2));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- Prism: started here, started again when a request crashes it ------------------------------
const prismLog = join(args.workdir, `${args.target}.prism.log`);
let prism = null;          // { child, exited, ready, logStart }
let starting = null;

function probe() {  // any HTTP answer on / means Prism is listening
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port: args.port, path: "/", agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

async function startPrism() {
  const logStart = existsSync(prismLog) ? statSync(prismLog).size : 0;
  const fd = openSync(prismLog, "a");
  const child = spawn(process.execPath, [PRISM, "mock", args.doc, "--host", "127.0.0.1", "--port", String(args.port)],
                      { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  writeFileSync(join(args.workdir, `${args.target}.prism.pid`), `${child.pid}\n`);  // for run.sh's trap
  const p = { child, exited: false, ready: false, logStart };
  child.on("exit", () => (p.exited = true));
  prism = p;
  const t0 = Date.now();
  while (Date.now() - t0 < 300000) {   // GitHub's description takes Prism ~15 s to load
    if (p.exited) break;
    if (await probe()) {
      p.ready = true;
      return (Date.now() - t0) / 1000;
    }
    await sleep(300);
  }
  throw new Error(`Prism did not start on 127.0.0.1:${args.port}:\n${readFileSync(prismLog, "utf8").slice(logStart).split("\n").slice(-20).join("\n")}`);
}

function ensurePrism() {
  if (starting) return starting;
  if (prism && prism.ready && !prism.exited) return Promise.resolve();
  starting = startPrism().finally(() => (starting = null));
  return starting;
}

// Why the Prism of `p` died: the error line and where it was thrown, from its log.
function crashReason(p) {
  const lines = readFileSync(prismLog, "utf8").slice(p.logStart).split("\n");
  const i = lines.findIndex((l) => /^\w*Error\b.*:/.test(l));
  if (i < 0) return "Prism exited";
  const at = lines.slice(i + 1).find((l) => /^\s+at /.test(l));
  return `Prism crashed: ${lines[i].trim()}${at ? ` (${at.trim().replace(HERE + "/node_modules/", "")})` : ""}`;
}

// A snippet got no status: was Prism down (crashed, or restarting) rather than the snippet
// wrong? A crashed Prism stops accepting connections a little before its exit is seen, so
// wait for one or the other: an answer to a probe means it was up.
async function prismWasDown(p) {
  for (let t = 0; t < 100; t++) {
    if (p.exited || prism !== p) return true;
    if (await probe()) return p.exited || prism !== p;
    await sleep(100);
  }
  return true;
}

function stopPrism() {
  if (prism && !prism.exited) prism.child.kill("SIGTERM");
}
process.on("exit", stopPrism);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

// Operations whose answer is 101 Switching Protocols (WebSocket): Prism validates the request
// and answers 101, then closes the connection, as it cannot go on with the new protocol. curl
// sees the 101, Python's requests too; node's fetch fails ("other side closed").
const doc = JSON.parse(readFileSync(args.doc, "utf8"));
function upgrades(s) {
  const op = ((doc.paths || {})[s.path] || {})[String(s.method).toLowerCase()];
  return Boolean(op && op.responses && op.responses["101"]);
}
const UPGRADE = "101 Switching Protocols: Prism validated the request but cannot continue a WebSocket";

// --- the environment the snippets read ---------------------------------------------------------
const ENV_PATTERNS = {
  curl: [/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g],
  python: [/os\.environ\["([^"]+)"\]/g, /os\.environ\.get\("([^"]+)"/g, /os\.getenv\("([^"]+)"/g],
  javascript: [/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g, /process\.env\["([^"]+)"\]/g],
};
// Local files a snippet uploads: curl -F 'name=@./path', open("./path", "rb"), readFile("./path").
const FILE_PATTERNS = [/=@(\.\/[^;'"\s]+)/g, /open\("(\.\/[^"]+)"/g, /readFile\("(\.\/[^"]+)"\)/g];

function dummyValue(name) {
  if (/USER(NAME)?$/.test(name)) return "dummy-user";
  if (/PASSWORD$/.test(name)) return "dummy-password";
  // Shaped like a JWT, so a check of a bearer token's form accepts it.
  return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwcmlzbS10ZXN0In0.ZHVtbXktc2lnbmF0dXJl";
}

function prepare(language, snippets, runDir) {
  const env = { ...process.env };
  for (const s of snippets) {
    for (const re of ENV_PATTERNS[language]) for (const m of s.code.matchAll(re)) env[m[1]] = dummyValue(m[1]);
    for (const re of FILE_PATTERNS)
      for (const m of s.code.matchAll(re)) {
        const p = join(runDir, m[1]);
        mkdirSync(dirname(p), { recursive: true });
        if (!existsSync(p)) writeFileSync(p, "dummy upload for the prism snippet test\n");
      }
  }
  // Python snippets load python_guard/sitecustomize.py, which keeps them on this machine.
  if (language === "python") {
    env.PYTHONPATH = [join(HERE, "python_guard"), process.env.PYTHONPATH].filter(Boolean).join(":");
    env.PYTHONDONTWRITEBYTECODE = "1";  // no __pycache__ in the checkout
  }
  // Nothing of the machine's proxy settings may divert a request meant for 127.0.0.1.
  for (const k of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"]) delete env[k];
  env.NO_PROXY = env.no_proxy = "127.0.0.1,localhost";
  return env;
}

// --- running one snippet -----------------------------------------------------------------------
const CURL_STATUS = `curl() { command curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@"; }\n`;
const CURL_SHOW = `curl() { command curl -s -i --max-time 20 "$@"; }\n`;

function run(cmd, argv, cwd, env, timeoutMs = 60000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? `killed by ${signal}` : code, stdout, stderr });
    });
  });
}

function execute(ctx, i, show) {
  const { language, snippets, runDir } = ctx;
  const env = show ? { ...ctx.env, PRISM_SHOW_VIOLATIONS: "1" } : ctx.env;
  const s = snippets[i];
  if (language === "curl") return run("bash", ["-c", (show ? CURL_SHOW : CURL_STATUS) + s.code], runDir, env);
  const base = `${String(i).padStart(4, "0")}-${(s.operationId || "op").replace(/[^A-Za-z0-9_.-]/g, "_")}`;
  const file = join(runDir, base + (language === "python" ? ".py" : ".mjs"));
  writeFileSync(file, s.code);
  if (!ctx.runner) throw new Error(`unknown language ${language}`);
  return ctx.runner.run(file, show);
}

// Python and JavaScript snippets go to a runner started once per language (python_runner.py,
// js_runner.mjs): a few reused worker processes or threads instead of an interpreter per snippet. Each
// snippet still runs its own file unchanged, in the working folder, with the environment above.
function startRunner(language, runDir, env) {
  const argv = language === "python" ? [PYTHON, [join(HERE, "python_runner.py")]]   // + python_guard/sitecustomize.py
    : language === "javascript" ? [process.execPath, [join(HERE, "js_runner.mjs")]] : null;
  if (!argv) return null;
  const child = spawn(argv[0], argv[1], { cwd: runDir, env, stdio: ["pipe", "pipe", "inherit"] });
  const waiting = new Map();
  let nextId = 0, buffered = "", exited = null;
  child.stdout.on("data", (d) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const reply = JSON.parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      const resolve = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (resolve) resolve({ code: reply.code, stdout: reply.stdout, stderr: reply.stderr });
    }
  });
  child.on("exit", (code, signal) => {
    exited = `the ${language} runner exited (${signal || code})`;
    for (const resolve of waiting.values()) resolve({ code: exited, stdout: "", stderr: exited });
    waiting.clear();
  });
  return {
    run(file, show) {
      if (exited) return Promise.resolve({ code: exited, stdout: "", stderr: exited });
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(JSON.stringify({ id, file, show }) + "\n");
      });
    },
    stop() { child.stdin.end(); },
  };
}

function statusOf(language, r) {
  const first = (language === "curl" ? r.stdout : r.stdout.split("\n")[0]).trim();
  return /^\d{3}$/.test(first) && first !== "000" ? Number(first) : null;
}

function classify(s, status, r) {
  const out = { status, exit: r.code };
  const closed = /other side closed|UND_ERR_SOCKET|RemoteDisconnected|Connection aborted/.test(r.stderr);
  if (upgrades(s) && (status === 101 || (status === null && closed))) return { ...out, verdict: "mock", reason: UPGRADE };
  if (status === null || (status >= 400 && status < 500)) return { ...out, verdict: "failed" };
  if (status >= 500) return { ...out, verdict: "mock" };
  return { ...out, verdict: "passed" };
}

// --- Prism's reason, from a run with the response shown ------------------------------------------
function describeViolations(list) {
  return list.map((v) => `${(v.location || []).join(".")}: ${v.message}`);
}

function reason(language, r) {
  let violations = "", body = "";
  if (language === "curl") {
    // curl -i may print several header blocks (100 Continue first); the last is the answer.
    const blocks = r.stdout.replace(/\r\n/g, "\n").split("\n\n");
    let i = 0;
    while (i + 1 < blocks.length && /^HTTP\/\S+ 1\d\d/.test(blocks[i]) && /^HTTP\//.test(blocks[i + 1])) i++;
    const m = blocks[i].match(/^sl-violations: (.*)$/im);
    violations = m ? m[1] : "";
    body = blocks.slice(i + 1).join("\n\n");
  } else {
    const m = r.stderr.match(/^sl-violations: (.*)$/m);
    violations = m ? m[1] : "";
    body = r.stdout.split("\n").slice(1).join("\n");
  }
  body = body.trim();
  const parts = [];
  let problem = null;
  try {
    const j = JSON.parse(body);
    if (j && typeof j.type === "string" && j.type.includes("stoplight.io/prism/errors")) problem = j;
  } catch {}
  if (problem) {
    // Prism's own problem+json: {type, title, status, detail, validation: [...]}
    parts.push([problem.title, problem.detail].filter(Boolean).join(": "));
    parts.push(...describeViolations(problem.validation || []));
  } else if (violations) {
    // The body is then the description's own 4xx example: the header says what was wrong.
    try {
      parts.push(...describeViolations(JSON.parse(violations)));
    } catch {
      parts.push(violations);
    }
  } else if (body) {
    parts.push(`body: ${body.replace(/\s+/g, " ").slice(0, 300)}`);
  }
  if (r.code !== 0) {
    const tail = (r.stderr || "").trim().split("\n").filter((l) => l && !l.startsWith("sl-violations:")).slice(-2);
    parts.push(`exit ${r.code}${tail.length ? `: ${tail.join(" | ").slice(0, 300)}` : ""}`);
  }
  return parts.filter(Boolean).join("\n      ") || "(no reason given)";
}

// --- one language --------------------------------------------------------------------------------
async function checkLanguage(language) {
  const file = `${args["snippets-prefix"]}.${language}.jsonl`;
  const snippets = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const runDir = join(args.workdir, `${args.target}-${language}`);
  mkdirSync(runDir, { recursive: true });
  const env = prepare(language, snippets, runDir);
  const ctx = { language, snippets, runDir, env, runner: startRunner(language, runDir, env) };
  const t0 = Date.now();

  const results = snippets.map((s) => ({ operationId: s.operationId, method: s.method, path: s.path }));
  const again = [];  // no status while Prism was down: run once more, one at a time
  let next = 0;
  async function worker() {
    while (next < snippets.length) {
      const i = next++;
      await ensurePrism();
      const p = prism;
      const r = await execute(ctx, i, false);
      const status = statusOf(language, r);
      if (status === null && (await prismWasDown(p))) {
        again.push(i);
        continue;
      }
      Object.assign(results[i], classify(snippets[i], status, r));
    }
  }
  await Promise.all(Array.from({ length: args.jobs }, worker));
  for (const i of again.sort((a, b) => a - b)) {
    await ensurePrism();
    const p = prism;
    const r = await execute(ctx, i, false);
    const status = statusOf(language, r);
    if (status === null && (await prismWasDown(p))) Object.assign(results[i], { status, exit: r.code, verdict: "mock", reason: crashReason(p) });
    else Object.assign(results[i], classify(snippets[i], status, r));
  }

  const failed = results.filter((r) => r.verdict === "failed");
  const mock = results.filter((r) => r.verdict === "mock");
  const passed = results.filter((r) => r.verdict === "passed");
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`  ${language}: ${snippets.length} operations, ${passed.length} passed, ${failed.length} failed, ` +
              `${mock.length} mock could not answer (${secs} s)`);
  const op = (r) => `${r.operationId} (${r.method.toUpperCase()} ${r.path})`;
  for (const [n, f] of failed.entries()) {
    if (n >= args.show) {
      console.log(`    ... and ${failed.length - n} more failures`);
      break;
    }
    await ensurePrism();
    f.reason = reason(language, await execute(ctx, results.indexOf(f), true));
    console.log(`    FAIL ${op(f)}: ${f.status ?? `no status (exit ${f.exit})`}`);
    console.log(`      ${f.reason}`);
  }
  for (const m of mock) {
    if (!m.reason) {
      await ensurePrism();
      m.reason = reason(language, await execute(ctx, results.indexOf(m), true)).split("\n")[0];
    }
    console.log(`    mock could not answer: ${op(m)}: ${m.status ?? "no status"}: ${m.reason.slice(0, 240)}`);
  }
  if (ctx.runner) ctx.runner.stop();
  return { language, operations: snippets.length, passed: passed.length, failed: failed.length, mock: mock.length, results };
}

// --- all languages against one Prism ----------------------------------------------------------------
const out = { target: args.target, languages: [] };
try {
  const ready = await startPrism();
  console.log(`  Prism ${JSON.parse(readFileSync(join(PRISM, "..", "..", "package.json"), "utf8")).version} ` +
              `mocking ${args.doc.split("/").pop()} on 127.0.0.1:${args.port} (ready after ${ready.toFixed(0)} s)`);
  for (const language of args.languages) out.languages.push(await checkLanguage(language));
} catch (e) {
  console.log(`  FAIL: ${e.message}`);
  out.error = e.message;
}
writeFileSync(args.out, JSON.stringify(out, null, 1));
stopPrism();
process.exit(out.error ? 1 : 0);
