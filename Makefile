# The two commands of the README:
#   make example   install what is missing, build, and build the embedded example's site (schemas/) into _site/
#   make test      install what is missing, build, run every test tier once: browser, Prism and
#                  host in the plain build, unit, corpus and cli in an ASan+UBSan build
# and, while working on the code:
#   make check     build the unit tests alone and run the unit tier (no corpus, no other program)
#   make package   the Debian package (build/apiref_*.deb)
#   make fuzz-smoke  clang build of the fuzz targets (fuzz/), each run for its share of a minute
BUILD ?= build
SAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
JOBS ?= $(shell nproc)

.PHONY: all deps build example check test test-fast test-sanitize fuzz-smoke package clean

all: build

deps:
	@bash scripts/setup-deps.sh

# clang and unity groups (APIREF_UNITY, CMakeLists.txt), as the sanitized build below: a cold
# build of apiref and apiref-serve took 225 s of CPU, against 332 s with clang a unit per file
# and 383 s with gcc 12; the programs build GitHub's site in the same time, and `make check`
# after editing one file took 8 to 17 s (7 to 11 s a unit per file). A build/ configured before
# stays as it was until it is removed.
$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DAPIREF_UNITY=ON -DAPIREF_WERROR=ON

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

example: build
	cd schemas && ../$(BUILD)/apiref build -o ../_site
	@echo "open _site/index.html, or serve it: python3 -m http.server -d _site 8000 --bind 127.0.0.1"

# The Debian package of apiref and apiref-serve with what they read at run time, in $(BUILD)/
# (apiref_<version>_<arch>.deb; README, "Installing in CI").
package: build
	cd $(BUILD) && cpack -G DEB

# The unit tier in one process: the cases of `ctest -L unit`, without starting a process for
# each of them.
check: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target apiref_tests
	$(BUILD)/apiref_tests
	python3 tests/layering/check_layering.py

# The tests start python3 hundreds of times (the site checker, servers, one-line checks). Where
# python3 is a version manager's shim (pyenv's is a chain of bash scripts), each start costs
# about four times the interpreter's own CPU: a folder holding only a link to the interpreter
# itself goes first in the tests' PATH, so they start the same python3 without the shim.
python3_itself_dir = $(abspath $(1))/python3-itself
python3_itself = mkdir -p $(call python3_itself_dir,$(1)) && \
	ln -sfn "$$(python3 -c 'import sys; print(sys.executable)')" $(call python3_itself_dir,$(1))/python3

# The plain half of `make test`: the tiers the sanitizers can't afford or must not see (browser,
# prism, host, and the entries labelled `plain`: the package and serve's memory). The unit, cli
# and corpus tiers run in the sanitized half, so this half compiles no test program (`make
# check` runs the unit tier here, `ctest -L cli` the cli tier after `make build`).
PLAIN_TARGETS := apiref apiref-serve
test-fast: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(PLAIN_TARGETS)
	$(call python3_itself,$(BUILD))
	cd $(BUILD) && PATH="$(call python3_itself_dir,$(BUILD)):$$PATH" ctest --output-on-failure -j $(JOBS) -L '^(browser|prism|host|plain)$$'

# clang, not gcc: it compiles the sanitized build with about a third less CPU, and its
# sanitized programs (ASan's runtime linked in, not a shared library) start in less than half
# the time, which the cli tier pays at each of its hundreds of commands. A build-asan/ made
# with gcc before stays so until it is removed.
$(SAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(SAN_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
	  -DAPIREF_SANITIZE=ON -DAPIREF_UNITY=ON -DAPIREF_WERROR=ON

# Under ASan+UBSan: unit, corpus and cli (the sanitized build registers no browser or prism
# test), so only the programs those run are built.
SAN_TARGETS := apiref apiref-serve apiref_tests apiref_corpus_tests
# A 32 MB quarantine of freed memory, not ASan's 256: a freed block is still poisoned for the
# next 32 MB of frees, which is where use-after-free shows in these short programs, and each
# process touches far fewer fresh pages: less memory, and less of the kernel's CPU time.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=32 UBSAN_OPTIONS=print_stacktrace=1
test-sanitize: deps $(SAN_BUILD)/CMakeCache.txt
	cmake --build $(SAN_BUILD) -j $(JOBS) --target $(SAN_TARGETS)
	$(call python3_itself,$(SAN_BUILD))
	cd $(SAN_BUILD) && PATH="$(call python3_itself_dir,$(SAN_BUILD)):$$PATH" $(SAN_ENV) ctest --output-on-failure -j $(JOBS)

# The two halves side by side: the plain tiers spend much of their time waiting (on Chromium,
# Prism's server, a page's timers), and the sanitized half's compile and tests fill those gaps.
# Each half's output is printed whole when it ends (--output-sync).
test:
	$(MAKE) --no-print-directory -j 2 --output-sync=target test-fast test-sanitize

# libFuzzer targets (fuzz/README.md): configures the clang build when it is missing, then one
# minute in all over the nine targets; fails on a crash, leak, hang or sanitizer report.
fuzz-smoke:
	FUZZ_JOBS=$(JOBS) bash fuzz/run.sh 60 $(FUZZ_BUILD)

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD) _site _bundles
