# Vigil: build, run and test. `make run` and `make test` install the Debian packages they need.
SHELL := /bin/bash
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev pkg-config
CONFIG ?= config/vigil.yaml
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run test bench bench-ingest bench-extract bench-detect bench-idle bench-venv clean \
	install install-files uninstall

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

# RELEASE_FLAGS: `make install` adds --static-swift-stdlib, so the installed binary needs no Swift toolchain.
RELEASE_FLAGS ?=

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)

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

# The daemon's idle cost: vigil run over 200 local feeds for 10 minutes (not part of `bench`: it takes that long).
bench-idle: release
	python3 scripts/measure_idle.py --vigil .build/release/vigil --seconds 600

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

# Install as a systemd service (see README "Run as a service"). `make install` builds a release binary and
# installs it with everything else; `make install-files BIN=.build/debug/vigil` installs a binary already built
# (the tests do that). PREFIX holds the binary, detector data and completions; the unit, logrotate snippet and
# config go to the system's folders under DESTDIR. The unit's ExecStart and the config's detect_dir follow PREFIX.
PREFIX ?= /usr/local
DESTDIR ?=
BIN ?= .build/release/vigil
UNITDIR ?= /lib/systemd/system
CONFDIR := /etc/vigil
INSTALL := install

# The Swift runtime is linked in statically: the binary needs only libcurl4, libxml2, libsqlite3 and zlib.
# A recipe, not a second prerequisite, so `make -j install` still builds before it copies.
install: RELEASE_FLAGS = --static-swift-stdlib
install: release
	$(MAKE) install-files

install-files:
	@test -x $(BIN) || { echo "no binary at $(BIN): run 'make release' or pass BIN=..."; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(UNITDIR) $(DESTDIR)/etc/logrotate.d \
	  $(DESTDIR)$(CONFDIR)/feeds.d $(DESTDIR)$(PREFIX)/share/vigil/detect \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(INSTALL) -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/vigil
	sed 's#/usr/local/bin/vigil#$(PREFIX)/bin/vigil#' systemd/vigil.service > $(DESTDIR)$(UNITDIR)/vigil.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/vigil.service
	$(INSTALL) -m 0644 systemd/vigil.logrotate $(DESTDIR)/etc/logrotate.d/vigil
	$(INSTALL) -m 0644 config/detect/* $(DESTDIR)$(PREFIX)/share/vigil/detect/
	$(INSTALL) -m 0644 config/example-feed.yaml $(DESTDIR)$(CONFDIR)/feeds.d/example.yaml.example
	@# Never overwrite an operator's config.
	@if [ -e $(DESTDIR)$(CONFDIR)/vigil.yaml ]; then echo "keeping existing $(DESTDIR)$(CONFDIR)/vigil.yaml"; \
	else sed 's#/usr/local/share/vigil/detect#$(PREFIX)/share/vigil/detect#' config/vigil.service.yaml \
	  > $(DESTDIR)$(CONFDIR)/vigil.yaml && chmod 0644 $(DESTDIR)$(CONFDIR)/vigil.yaml; fi
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/vigil
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_vigil
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/vigil.fish

# Removes what install-files put down; keeps /etc/vigil/vigil.yaml, feed files, /var/lib/vigil and /var/log/vigil.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/vigil $(DESTDIR)$(UNITDIR)/vigil.service $(DESTDIR)/etc/logrotate.d/vigil \
	  $(DESTDIR)$(CONFDIR)/feeds.d/example.yaml.example \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/vigil $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_vigil \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/vigil.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/vigil
