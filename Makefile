# Vigil: build, run and test. `make run` and `make test` install the Debian packages they need.
SHELL := /bin/bash
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev pkg-config
CONFIG ?= config/vigil.yaml
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run test bench bench-ingest bench-extract bench-detect bench-venv clean

# Install missing Debian packages (apt-get update once, only when something is missing).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	mkdir -p state logs inbox
	$(SWIFT) run vigil run --config $(CONFIG)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build

# Benchmarks: figures printed beside references measured in the same run (see scripts/).
# `bench` runs all three, one after the other (never in parallel: they time one another otherwise).
BENCH_PYTHON := .bench/venv/bin/python
EXTRACTION_DATASET ?= ../shared/extraction
DETECTION_CORPUS ?= ../shared/corpus/articles.jsonl

bench: release bench-venv
	python3 scripts/bench_ingest.py --vigil .build/release/vigil
	python3 scripts/bench_extract.py --dataset $(EXTRACTION_DATASET)
	python3 scripts/bench_detect.py --corpus $(DETECTION_CORPUS)

bench-ingest: release
	python3 scripts/bench_ingest.py --vigil .build/release/vigil

bench-detect: release
	python3 scripts/bench_detect.py --corpus $(DETECTION_CORPUS)

bench-extract: release bench-venv
	python3 scripts/bench_extract.py --dataset $(EXTRACTION_DATASET)

# The references' Python (git-ignored): created when missing, packages installed when missing or another version.
bench-venv:
	@test -x $(BENCH_PYTHON) || python3 -m venv .bench/venv
	@$(BENCH_PYTHON) -c 'import importlib.metadata as m, readability; assert m.version("trafilatura") == "2.3.1"' \
	  2>/dev/null || { $(BENCH_PYTHON) -m pip install -q -U pip && \
	  $(BENCH_PYTHON) -m pip install -q trafilatura==2.3.1 readability-lxml==0.9; }
