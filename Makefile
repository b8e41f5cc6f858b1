# The verbs people type. Each one sets up .venv first when it is missing or out of date,
# so a fresh clone needs nothing but Python 3.11+ (and, for `make test`, Debian's chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
NODE := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

# `make serve LANG=fr`: LANG is also the locale variable, so only a value given on the command
# line selects a language, and the recipes run with a real locale.
SERVE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),)
RUN := LANG=C.UTF-8 $(BIN)/python -m scripts
CHECK_FORMAT ?= text

.PHONY: build check serve preview test lint audit screenshots bench linkcheck diagrams system-packages clean

build: $(RUNTIME)  ## build both languages, check everything, then replace site/
	$(RUN) build

check: $(RUNTIME)  ## the same checks, without touching site/ (CHECK_FORMAT=github for annotations)
	$(RUN) check --format $(CHECK_FORMAT)

serve: $(RUNTIME)  ## live preview: make serve, or make serve LANG=fr
	$(RUN) serve $(if $(SERVE_LANG),--lang $(SERVE_LANG))

test: $(DEV) $(NODE) system-packages  ## lint, then every test (browser tests included)
	$(BIN)/ruff check scripts tests
	LANG=C.UTF-8 $(BIN)/python -m pytest

lint: $(DEV)
	$(BIN)/ruff check scripts tests

audit: build $(NODE) system-packages  ## Lighthouse and the Nu HTML Checker: one table for a pull request
	$(RUN) audit

screenshots: build $(DEV) system-packages  ## home and a service page: desktop, mobile, light, dark, both languages
	$(RUN) screenshots

bench: $(RUNTIME)  ## median time of a bare MkDocs build and of the validated build
	$(RUN) bench

linkcheck: $(RUNTIME)  ## fetch every external link (needs the network)
	$(RUN) linkcheck

diagrams: $(RUNTIME)  ## redraw docs/<lang>/assets/diagrams/*.svg from docs/diagrams.yml
	$(RUN) diagrams

# The browser tests need Debian's chromium, the HTML checker needs Java; as root, install them.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "make test needs:$$missing (sudo apt-get install$$missing)" >&2; exit 2; \
	  fi; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV): requirements.txt requirements-dev.txt $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(NODE): package.json package-lock.json  ## axe-core, Lighthouse and the Nu HTML Checker, from npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .site-staging-* .site-previous-* .pytest_cache .ruff_cache

preview: $(RUNTIME)  ## serve the built site/ as its host will (run make build first)
	$(RUN) preview
