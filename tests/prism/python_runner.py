# Runs the Python snippets of one target for check.mjs without paying for a new interpreter and
# `import requests` on every snippet (about a fifth of a second of CPU each, most of the Prism
# tier's time once), nor for a fork per snippet (a copy of this process's page tables and its
# teardown: under process accounting, 41 s of CPU for 1,815 snippets). This process starts
# once, with the environment check.mjs prepared (python_guard first on PYTHONPATH, so requests
# is imported and guarded here), and forks a few workers; each runs snippets one after another,
# each file unchanged as __main__ in a namespace of its own (runpy), its standard output and
# error sent to files of its own, its exit code what `python3 FILE` would give. A snippet that
# ends its process (os._exit) ends its worker, which is replaced.
#
# Protocol, one JSON object per line:
#   in  (stdin)   {"id": N, "file": "/path/0001-op.py", "show": false}
#   out (stdout)  {"id": N, "code": 0 | 1 | "killed by timeout", "stdout": "...", "stderr": "..."}
# A snippet that runs past TIMEOUT seconds is killed with its worker. Jobs run at once, as many
# as are sent, each in an idle worker or a new one.
import json
import os
import runpy
import select
import signal
import sys
import tempfile
import time

TIMEOUT = 60.0


def run_snippet(job, out_path, err_path):
    """In a worker: the snippet as `python3 FILE` would run it; returns its exit code."""
    code = 0
    out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.close(out)
    os.close(err)
    try:
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
    except BaseException:  # noqa: BLE001 - the worker reports every failure as python would
        import traceback
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def worker_loop(jobs_fd, replies_fd):
    """A forked worker: a job line in, its exit code line out, until the pipe closes."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    jobs = os.fdopen(jobs_fd, "r", encoding="utf-8")
    for line in jobs:
        job = json.loads(line)
        code = run_snippet(job, job["out"], job["err"])
        os.write(replies_fd, (json.dumps(code) + "\n").encode())
    os._exit(0)


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""
    finally:
        if os.path.exists(path):
            os.unlink(path)


PARENT_FDS = set()  # the workers' pipe ends this process holds: a new worker closes its copies


class Worker:
    def __init__(self):
        jobs_r, jobs_w = os.pipe()
        replies_r, replies_w = os.pipe()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            os.close(jobs_w)
            os.close(replies_r)
            for fd in PARENT_FDS:  # else a worker would never see its jobs pipe close
                os.close(fd)
            try:
                worker_loop(jobs_r, replies_w)
            finally:
                os._exit(1)
        os.close(jobs_r)
        os.close(replies_w)
        self.pid = pid
        self.jobs = jobs_w
        self.replies = replies_r
        PARENT_FDS.update((jobs_w, replies_r))
        self.buffered = b""
        self.job = None  # (job, started, killed)

    def send(self, job):
        self.job = [job, time.monotonic(), False]
        os.write(self.jobs, (json.dumps(job) + "\n").encode())

    def close(self):
        for fd in (self.jobs, self.replies):
            os.close(fd)
            PARENT_FDS.discard(fd)

    def stop(self):
        self.close()
        os.waitpid(self.pid, 0)


def reply(job, code):
    sys.stdout.write(json.dumps({"id": job["id"], "code": code, "stdout": read_text(job["out"]),
                                 "stderr": read_text(job["err"])}) + "\n")
    sys.stdout.flush()


def main():
    scratch = tempfile.mkdtemp(prefix="prism-py-")
    idle, busy = [], {}  # busy: reply fd -> Worker
    pending = b""
    stdin_open = True
    while stdin_open or busy:
        watched = ([0] if stdin_open else []) + list(busy)
        ready, _, _ = select.select(watched, [], [], 1.0)
        if 0 in ready:
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
                job["out"], job["err"] = base + ".out", base + ".err"
                w = idle.pop() if idle else Worker()
                w.send(job)
                busy[w.replies] = w
        for fd in ready:
            w = busy.get(fd)
            if w is None:
                continue
            chunk = os.read(fd, 65536)
            if chunk:
                w.buffered += chunk
                if b"\n" in w.buffered:
                    line, w.buffered = w.buffered.split(b"\n", 1)
                    reply(w.job[0], json.loads(line))
                    w.job = None
                    del busy[fd]
                    idle.append(w)
                continue
            # The worker ended during its snippet (os._exit, a signal, or killed at the timeout).
            del busy[fd]
            _, status = os.waitpid(w.pid, 0)
            w.close()
            code = "killed by timeout" if w.job[2] else os.waitstatus_to_exitcode(status)
            if isinstance(code, int) and code < 0:
                code = "killed by signal %d" % -code
            reply(w.job[0], code)
        now = time.monotonic()
        for w in busy.values():
            if not w.job[2] and now - w.job[1] > TIMEOUT:
                os.kill(w.pid, signal.SIGKILL)
                w.job[2] = True
    for w in idle:
        w.stop()
    os.rmdir(scratch)


if __name__ == "__main__":
    main()
