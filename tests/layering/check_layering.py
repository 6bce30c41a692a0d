#!/usr/bin/env python3
"""The layering rule of generator/, checked: a stage includes only stages below it, never one
above or beside it out of order, so data flows one way and there is no include cycle; and no
source file grows past about 800 lines (a file that long does several jobs). Unit tests beside
the code (`*_test.cpp`) may include any stage, to make their input, and may be twice as long.

    python3 tests/layering/check_layering.py [REPO]

Prints each violation as file:line: message and exits 1 if there is any."""
import os
import re
import sys

# Lowest first. A stage may include its own folder and any stage listed before it. Stages on
# one line are peers that must not include each other.
ORDER = [
    ["text"], ["tree"], ["diag"], ["markdown"], ["oas"], ["load"], ["resolve"], ["config"],
    ["bundle"], ["check"], ["report"], ["model"], ["examples"], ["snippets"], ["render"], ["host"],
    ["write"], ["build"], ["serve"], ["cli"],
]
# Below, yet out of bounds: render sees the model (and the site's settings), never the raw
# documents, so that it cannot disagree with what the model says.
FORBIDDEN = {"render": {"load", "resolve", "bundle", "check"}}
MAX_LINES = 800
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    gen = os.path.join(repo, "generator")
    rank = {stage: i for i, peers in enumerate(ORDER) for stage in peers}
    problems = []
    for stage in sorted(os.listdir(gen)):
        folder = os.path.join(gen, stage)
        if not os.path.isdir(folder):
            continue
        if stage not in rank:
            problems.append(f"generator/{stage}/: a stage the layering rule does not place: add it to ORDER")
            continue
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, repo)
                with open(path, encoding="utf-8") as f:
                    lines = f.readlines()
                limit = MAX_LINES * 2 if name.endswith("_test.cpp") else MAX_LINES
                if len(lines) > limit:
                    problems.append(f"{rel}:1: {len(lines)} lines, over {limit}: split it by job")
                for number, line in enumerate(lines, 1):
                    m = INCLUDE.match(line)
                    if not m or m.group(1) == stage:
                        continue
                    target = m.group(1)
                    if target not in rank:
                        continue  # a system or third-party header with a slash
                    if name.endswith("_test.cpp"):
                        continue  # a test may make its input with any stage
                    if target in FORBIDDEN.get(stage, ()):
                        problems.append(f"{rel}:{number}: {stage}/ includes {target}/: it sees the model only")
                    elif rank[target] >= rank[stage]:
                        problems.append(f"{rel}:{number}: {stage}/ includes {target}/, which is not below it")
    for p in problems:
        print(p)
    if problems:
        sys.stdout.flush()
        print(f"{len(problems)} layering problem(s); the order is " +
              " < ".join("/".join(p) for p in ORDER), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
