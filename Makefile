# Vigil: build, run and test. `make run` and `make test` install the Debian packages they need.
SHELL := /bin/bash
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev pkg-config
CONFIG ?= config/vigil.yaml
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run test bench clean

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
bench: deps
	$(SWIFT) build -c release
	python3 scripts/bench_ingest.py --vigil .build/release/vigil
