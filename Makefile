# Work & Health Atlas — build, demo and test commands.
#   make demo   build and serve the demo on http://127.0.0.1:$(PORT)
#   make test   set up and run every suite (lint, native, in-browser, end-to-end, Firefox, data rebuild)
#   make build  write dist/
#   make data   rebuild data/ from the public source files in $(RAW)
# Each target installs what it needs and skips what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
RAW ?= ../shared/data/raw
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT ?= 60

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup setup-rust setup-bindgen setup-node setup-browser setup-firefox build demo test lint test-native test-wasm test-e2e test-firefox data check-data bench

help:
	@echo "make demo   - build and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test   - run every test suite"
	@echo "make test-firefox - the end-to-end suite in Firefox ESR alone"
	@echo "make build  - build dist/"
	@echo "make data   - rebuild data/ from $(RAW) (OVERLAYS=\"a.json b.json\" folds overlay files in)"
	@echo "make bench  - benchmark against Leaflet at 1k, 10k and 35k polygons (target/bench/)"

setup: setup-rust setup-bindgen setup-node

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

# The exact version, but not --locked: wasm-bindgen-cli's own lockfile names a webpki-roots
# release the crates registry reachable here does not have, and the install then fails.
setup-bindgen:
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup-node: node_modules/.package-lock.json

setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "Installing Debian's Chromium and ChromeDriver"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core; \
	fi

# Debian's Firefox ESR for the Firefox suite (driven by npm puppeteer-core through WebDriver BiDi;
# puppeteer-core downloads no browser of its own).
setup-firefox:
	@if [ ! -x /usr/bin/firefox-esr ]; then \
	  echo "Installing Debian's Firefox ESR"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr fonts-dejavu-core; \
	fi

build: setup
	node tools/build.mjs

demo: build
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	python3 -m http.server --bind 127.0.0.1 --directory dist $(PORT)

lint: setup-rust
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p work-health-atlas --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p work-health-atlas --target wasm32-unknown-unknown --no-default-features --features chart-shell --all-targets -- -D warnings
	cargo clippy -p work-health-atlas --target wasm32-unknown-unknown --no-default-features --features analysis-shell --all-targets -- -D warnings
	cargo clippy -p work-health-atlas --target wasm32-unknown-unknown --no-default-features --features import-shell --lib -- -D warnings

test-native:
	cargo test --workspace

test-wasm: setup-rust setup-bindgen setup-browser
	cargo test -p work-health-atlas --target wasm32-unknown-unknown --test web
	cargo test -p work-health-atlas --target wasm32-unknown-unknown --no-default-features --features chart-shell --test web_charts
	cargo test -p work-health-atlas --target wasm32-unknown-unknown --no-default-features --features analysis-shell --test web_analysis

test-e2e: build setup-browser
	node --test --test-concurrency=1 tests/e2e/

# The widget in Firefox: ready, hover, select, charts, search, table, exports, strict CSP, iframe.
test-firefox: build setup-firefox
	node --test --test-concurrency=1 tests/firefox/

test: setup setup-browser setup-firefox lint test-native test-wasm test-e2e test-firefox check-data

# The committed data/ must be exactly what the builder makes from the sources (when present).
check-data:
	@if [ -d "$(RAW)" ]; then \
	  cargo run --locked --release -q -p databuild -- build --raw "$(RAW)" --out target/data-check >/dev/null; \
	  for f in atlas.json atlas.bin atlas-first.bin atlas-more.bin postcodes.json lookups.json; do cmp "data/$$f" "target/data-check/$$f"; done; \
	  echo "data/ rebuilds byte-identically from $(RAW)"; \
	else echo "skipped: $(RAW) not found, data/ not rebuilt"; fi

# OVERLAYS="a.json b.json" folds overlay files (made by `databuild import`) into the bundle.
data:
	cargo run --locked --release -p databuild -- build --raw "$(RAW)" --out data $(foreach o,$(OVERLAYS),--overlay $(o))

# Benchmark against a Leaflet choropleth (tools/bench/README.md): prints the table and writes
# target/bench/results.json and results.md.
bench: build setup-browser
	node tools/bench/run.mjs
	node tools/bench/add-data.mjs
