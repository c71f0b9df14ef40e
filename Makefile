# 党建调度台 (Diaodu): build, run and test.
#   make run     install what is missing, then run the desktop app
#   make test    everything CI runs: fmt, clippy, unit tests, build, UI tests, end-to-end
#   make e2e     end-to-end tests only (builds the binary first)
#   make bench   cold-start benchmark (WebDriver timing)
#   make fuzz    the IPC fuzz test with 100,000 payloads (FUZZ_COUNT, FUZZ_SEED)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := test

export CARGO_TERM_COLOR ?= never
export NO_AT_BRIDGE := 1

.PHONY: run test setup-run setup-test fmt clippy unit build ui-test e2e bench fuzz

run: setup-run
	cargo run -p diaodu --

setup-run:
	bash scripts/setup.sh --run

setup-test:
	bash scripts/setup.sh --test

fmt:
	cargo fmt --all --check -- --color=never

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

unit:
	cargo test --workspace

build:
	cargo build -p diaodu -p diaodu-cli

# Node's own test runner over tests/ui/, when that folder has test files.
ui-test:
	@if [ -d tests/ui ] && [ -n "$$(find tests/ui -type f \( -name '*.test.mjs' -o -name '*.test.js' -o -name 'test-*.mjs' -o -name 'test-*.js' \) -print -quit)" ]; then \
	  echo "node --test tests/ui/"; node --test --test-reporter=spec tests/ui/; \
	else \
	  echo "ui-test: no tests in tests/ui/"; \
	fi

e2e: setup-test build
	bash scripts/e2e.sh

bench: setup-test build
	bash scripts/e2e.sh node scripts/bench-startup.mjs

# The fuzz test of `make unit` (10,000 payloads) with more payloads or another seed.
FUZZ_COUNT ?= 100000
FUZZ_SEED ?= 20261204
fuzz:
	DIAODU_FUZZ_COUNT=$(FUZZ_COUNT) DIAODU_FUZZ_SEED=$(FUZZ_SEED) \
	  cargo test -p diaodu --test fuzz -- --nocapture

test: setup-test fmt clippy unit build ui-test e2e
