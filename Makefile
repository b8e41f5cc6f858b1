# The verbs people type. Each one sets up .venv first when it is missing or out of date, so a
# fresh clone needs nothing but Python (requires-python in pyproject.toml says which) and, for
# `make test`, Debian's chromium, Java and Node.js (system-packages installs them as root).
# scripts/python.sh picks the interpreter that makes .venv: the newest python3.X on the PATH that
# fits, or PYTHON=/path/to/python3.X when given.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
NODE := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

RUN := LANG=C.UTF-8 $(BIN)/python -m scripts
CHECK_FORMAT ?= text
# The port of make serve and make preview (PORT=8001 make serve), and the pytest-xdist workers of
# make test and make test-fast (auto: one per core).
PORT ?= 8000
WORKERS ?= auto

.PHONY: build check serve preview page import typography translations test test-fast examples lint audit screenshots pdf search-rank bench linkcheck diagrams publish infra system-packages clean

build: $(RUNTIME)  ## build both languages, check everything, then replace site/
	$(RUN) build

check: $(RUNTIME)  ## the same checks, without touching site/ (CHECK_FORMAT=github for annotations)
	$(RUN) check --format $(CHECK_FORMAT)

# `exec`: make's child is the server itself, so that Ctrl+C or a SIGTERM to make stops it.
serve: $(RUNTIME)  ## both languages live at http://127.0.0.1:$(PORT)/<site_url path>, checked after each rebuild
	exec env LANG=C.UTF-8 $(BIN)/python -m scripts serve --port $(PORT)

page: $(RUNTIME)  ## make page PAGE=part/name.md KIND=service|topic TITLE="..." [TITLE_FR=...] [CATEGORY="A, B"] [AFTER=part/other.md]
	$(RUN) page "$(PAGE)" --kind "$(KIND)" --title "$(TITLE)" $(if $(TITLE_FR),--title-fr "$(TITLE_FR)") \
	  $(if $(CATEGORY),--category "$(CATEGORY)") $(if $(AFTER),--after "$(AFTER)")

import: $(RUNTIME)  ## make import NOTES=notes.md [DRY_RUN=1]: page pairs for what the notes name and the site does not cover
	$(RUN) import "$(NOTES)" $(if $(DRY_RUN),--dry-run)

typography: $(RUNTIME)  ## put no-break spaces, decimal commas and ellipses where French typography wants them
	$(RUN) typography --fix

# MARK=part/page.md (several, space-separated) or MARK=all; PAGE= limits the list, DIFF=1 adds the diffs.
translations: $(RUNTIME)  ## each translation's status and what changed in English since; MARK= records pages as re-translated
	$(RUN) translations $(if $(filter all,$(MARK)),--mark-all,$(foreach page,$(MARK),--mark "$(page)")) \
	  $(if $(DIFF),--diff) $(PAGE)

test: $(DEV) $(NODE) system-packages  ## lint, every code example against moto, then every test (browser tests included)
	$(BIN)/ruff check scripts tests
	$(RUN) examples
	LANG=C.UTF-8 $(BIN)/python -m pytest -n $(WORKERS)

# The content checks of the real site run inside it: tests/test_build.py builds it and prints them.
test-fast: $(DEV)  ## the one-minute loop: lint, then every test that needs no browser, moto nor live server (the real site's checks included)
	$(BIN)/ruff check scripts tests
	LANG=C.UTF-8 $(BIN)/python -m pytest -n $(WORKERS) -m "not browser and not nu and not moto and not serve" -q

# PAGES=part/page.md (several, space-separated) runs those pages only.
examples: $(DEV)  ## every aws command and Python example of both languages, run against moto on this machine
	$(RUN) examples $(PAGES)

lint: $(DEV)  ## ruff on the Python, actionlint on the workflows
	$(BIN)/ruff check scripts tests
	$(BIN)/actionlint .github/workflows/*.yml

audit: build $(NODE) system-packages  ## Lighthouse and the Nu HTML Checker: one table for a pull request
	$(RUN) audit

screenshots: build $(DEV) system-packages  ## home and a service page: desktop, mobile, light, dark, both languages
	$(RUN) screenshots

# After the build: the PDF must be the site's text, and the footer of every page links to it.
pdf: build $(DEV) system-packages  ## build, then the whole course as one PDF per language into site/ (headless Chromium)
	$(RUN) pdf

search-rank: build $(DEV) system-packages  ## where search puts the page that explains each learner query (tests/search-learners.yml)
	$(RUN) search-rank

bench: $(RUNTIME)  ## median time of a bare MkDocs build and of the validated build
	$(RUN) bench

linkcheck: $(DEV)  ## lychee fetches every external link of the pages, as lychee.toml says (needs the network)
	$(RUN) linkcheck

diagrams: $(RUNTIME)  ## redraw docs/<lang>/assets/diagrams/*.svg from docs/diagrams.yml
	$(RUN) diagrams

# STACK=<a stack made from infra/site.yaml>, or BUCKET= and DISTRIBUTION=; DRY_RUN=1 prints the plan only.
# AWS credentials come from the standard chain (AWS_PROFILE, aws sso login, the machine's role).
publish: $(DEV) system-packages  ## build for S3 and CloudFront (infra/site.yaml), upload what changed, delete what left, invalidate once
	$(RUN) publish $(if $(STACK),--stack "$(STACK)") $(if $(BUCKET),--bucket "$(BUCKET)") \
	  $(if $(DISTRIBUTION),--distribution "$(DISTRIBUTION)") $(if $(DRY_RUN),--dry-run)

infra: $(RUNTIME)  ## write the page table into infra/router.js, the router and the script hashes into infra/site.yaml
	$(RUN) infra

# The browser tests need Debian's chromium, the HTML checker needs Java, the npm packages need
# Node.js (Debian 12's 18.19 is enough for Lighthouse 12); as root, install what is missing.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "make test needs:$$missing (sudo apt-get install$$missing)" >&2; exit 2; \
	  fi; \
	fi

# .venv is made again when its python no longer runs, no longer fits, or is not the PYTHON given.
VENV_STALE := $(shell sh scripts/python.sh stale $(VENV) '$(PYTHON)')
.PHONY: venv FORCE

venv: $(VENV)/.interpreter  ## only the virtual environment, made by the interpreter scripts/python.sh picks

$(VENV)/.interpreter: $(if $(VENV_STALE),FORCE)
	@sh scripts/python.sh venv $(VENV) '$(PYTHON)'

$(RUNTIME): requirements.txt $(VENV)/.interpreter
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV): requirements.txt requirements-dev.txt $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(NODE): package.json package-lock.json | system-packages  ## axe-core, Lighthouse and the Nu HTML Checker, from npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .site-staging-* .site-previous-* .pytest_cache .ruff_cache

preview: $(RUNTIME)  ## serve the built site/ as its host will (run make build first)
	exec env LANG=C.UTF-8 $(BIN)/python -m scripts preview --port $(PORT)
