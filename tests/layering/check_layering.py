#!/usr/bin/env python3
"""The layering rule of generator/, checked: a stage includes only stages below it, never one
above or beside it out of order, so data flows one way and there is no include cycle; and no
source file grows past about 800 lines (a file that long does several jobs). Unit tests beside
the code (`*_test.cpp`) and the fixtures they share with their corpus twins in tests/corpus/
(`<stage>_test_fixtures.h`) may include any stage, to make their input, and may be twice as
long; no source of apiref includes a fixture header.

    python3 tests/layering/check_layering.py [REPO]

Prints each violation as file:line: message and exits 1 if there is any."""
import os
import re
import sys

# Lowest first. A stage may include its own folder and any stage listed before it. Stages on
# one line are peers that must not include each other.
ORDER = [
    ["text"], ["tree"], ["diag"], ["markdown"], ["oas"], ["load"], ["swagger2"], ["resolve"], ["config"],
    ["bundle"], ["check"], ["report"], ["model"], ["diff"], ["examples"], ["snippets"], ["render"], ["host"],
    ["write"], ["build"], ["serve"], ["cli"],
]
# Below, yet out of bounds: render sees the model (and the site's settings), never the raw
# documents, so that it cannot disagree with what the model says.
FORBIDDEN = {"render": {"load", "resolve", "bundle", "check"}}
MAX_LINES = 800
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([a-z_]+)?')
TEST_SOURCES = ("_test.cpp", "_test_fixtures.h")


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
                is_test = name.endswith(TEST_SOURCES)
                limit = MAX_LINES * 2 if is_test else MAX_LINES
                if len(lines) > limit:
                    problems.append(f"{rel}:1: {len(lines)} lines, over {limit}: split it by job")
                for number, line in enumerate(lines, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    if (m.group(2) or "").endswith("_test_fixtures") and not is_test:
                        problems.append(f"{rel}:{number}: includes test fixtures: only tests may")
                        continue
                    if target == stage or target not in rank:
                        continue  # its own stage, or a system or third-party header with a slash
                    if is_test:
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
