# Runs the Python snippets of one target for check.mjs, each in a process of its own, without
# paying for a new interpreter and `import requests` on every snippet (about a fifth of a second
# of CPU each, most of the Prism tier's time). This process starts once, with the environment
# check.mjs prepared (python_guard first on PYTHONPATH, so requests is imported and guarded
# here), then forks once per snippet; the child runs the snippet file unchanged as __main__.
#
# Protocol, one JSON object per line:
#   in  (stdin)   {"id": N, "file": "/path/0001-op.py", "show": false}
#   out (stdout)  {"id": N, "code": 0 | 1 | "killed by timeout", "stdout": "...", "stderr": "..."}
# A snippet that runs past TIMEOUT seconds is killed. Jobs run at once, as many as are sent.
import json
import os
import runpy
import select
import signal
import sys
import tempfile
import time

TIMEOUT = 60.0


def run_child(job, out_path, err_path):
    """In the forked child: the snippet as `python3 FILE` would run it, then _exit."""
    code = 0
    try:
        out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
        if job.get("show"):
            os.environ["PRISM_SHOW_VIOLATIONS"] = "1"
        else:
            os.environ.pop("PRISM_SHOW_VIOLATIONS", None)
        sys.argv = [job["file"]]
        runpy.run_path(job["file"], run_name="__main__")
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            print(e.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - the child reports every failure as python would
        import traceback
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    finally:
        os.unlink(path)


def main():
    scratch = tempfile.mkdtemp(prefix="prism-py-")
    running = {}  # pid -> (job, started, out_path, err_path, killed)
    pending = b""
    stdin_open = True
    while stdin_open or running:
        if stdin_open:
            ready, _, _ = select.select([0], [], [], 0.01)
            if ready:
                chunk = os.read(0, 65536)
                if not chunk:
                    stdin_open = False
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    if not line.strip():
                        continue
                    job = json.loads(line)
                    base = os.path.join(scratch, str(job["id"]))
                    out_path, err_path = base + ".out", base + ".err"
                    sys.stdout.flush()
                    pid = os.fork()
                    if pid == 0:
                        run_child(job, out_path, err_path)
                    running[pid] = [job, time.monotonic(), out_path, err_path, False]
        else:
            time.sleep(0.01)
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            job, _, out_path, err_path, killed = running.pop(pid)
            code = "killed by timeout" if killed else os.waitstatus_to_exitcode(status)
            if isinstance(code, int) and code < 0:
                code = "killed by signal %d" % -code
            reply = {"id": job["id"], "code": code, "stdout": read_text(out_path), "stderr": read_text(err_path)}
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
        now = time.monotonic()
        for pid, entry in running.items():
            if not entry[4] and now - entry[1] > TIMEOUT:
                os.kill(pid, signal.SIGKILL)
                entry[4] = True
    os.rmdir(scratch)


if __name__ == "__main__":
    main()
