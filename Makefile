# Jejaring: `make run` starts the app, `make test` runs every test. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
ADDRESS ?=

.PHONY: help install run test test-unit lint format load stats validate clean \
        neo4j-jars neo4j-start neo4j-stop neo4j-status bench bench-quick browser locale

help:            ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed locale  ## create the virtual environment, install the pinned packages, compile the catalogues

# The interface's strings: one gettext catalogue per language (docs/TRANSLATING.md); the .mo
# files are built here and not committed.
LOCALE_MO := $(patsubst %.po,%.mo,$(wildcard drawing/locale/*/LC_MESSAGES/jejaring.po))

locale: $(LOCALE_MO)  ## compile the gettext catalogues (drawing/locale/*/LC_MESSAGES/jejaring.po -> .mo)

drawing/locale/%/LC_MESSAGES/jejaring.mo: drawing/locale/%/LC_MESSAGES/jejaring.po | $(VENV)/.installed
	$(VENV)/bin/pybabel compile --statistics --domain jejaring --locale $* --input-file $< --output-file $@

run: install     ## start the app on port $(PORT), every interface as Streamlit does (ADDRESS=127.0.0.1: this machine only)
	$(PY) -m streamlit run app.py --server.port $(PORT) $(if $(ADDRESS),--server.address $(ADDRESS))

browser:         ## install Debian's chromium for the browser tests (needs root and apt), unless present
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

test: install neo4j-jars browser  ## install what the tests need and run them all (starts and stops its own Neo4j)
	$(PY) -m pytest

test-unit: install  ## only the fast tests (no server, no browser)
	$(PY) -m pytest tests/unit

lint: install    ## ruff lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install  ## apply ruff's formatting
	$(PY) -m ruff format .

load: install    ## load the curated case study into the configured store
	$(PY) cli.py load

stats: install   ## print node and relationship counts
	$(PY) cli.py stats

validate: install  ## check the curated dataset and its evidence locators
	$(PY) cli.py validate

neo4j-jars: install  ## fetch Neo4j Community 5.26 (+ GDS, APOC) from Maven Central once, into .neo4j/
	$(PY) -m neo4j_local jars

neo4j-start: install  ## start the local Neo4j (Bolt on 127.0.0.1, port JEJARING_NEO4J_PORT or 7687)
	$(PY) -m neo4j_local start $(if $(NEO4J_PORT),--port $(NEO4J_PORT))

neo4j-stop: install   ## stop the local Neo4j
	$(PY) -m neo4j_local stop

neo4j-status: install ## tell whether the local Neo4j runs (exit 1 if not)
	$(PY) -m neo4j_local status

bench: install neo4j-jars  ## run the benchmarks; each prints ratios measured side by side
	$(PY) bench/run.py

bench-quick: install neo4j-jars  ## every benchmark at smoke-test size (--quick; a few minutes)
	$(PY) bench/run.py --quick

clean:           ## remove the virtual environment and caches (not the workspace)
	rm -rf $(VENV) .pytest_cache .ruff_cache
