# Two commands do all set-up on a fresh machine:
#   make demo   build the demo graph from examples/ and start the app
#   make test   install everything (Python, npm, Debian's chromium) and run the whole suite
# While working:
#   make check  ruff and every test not marked slow or browser, doctests included (under 40 s)
#   make fuzz   the property tests with 10,000 examples each
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
DEMO_STORE ?= .samverkan-demo
PORT ?= 8501

.PHONY: demo test check fuzz lint venv node browser app bench screenshots clean

venv: $(PY_STAMP)
$(PY_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Neo4j's own Cypher linter, used by the test suite to check every statement offline.
node: $(NODE_STAMP)
$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium for the real-browser test (nothing downloads a browser of its own).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: venv node browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# The fast loop: no Cypher linter (node), no AppTest beyond one render per page, no browser.
# (ruff format --check is `make lint`: the tree is not formatted throughout yet.)
check: venv
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# The reader's property tests with 10,000 examples each (make test runs 1,000; make check 100).
fuzz: venv
	SAMVERKAN_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q -m fuzz --timeout 0 \
	  --hypothesis-show-statistics

demo: venv
	$(BIN)/samverkan ingest examples/docs --store $(DEMO_STORE)
	$(BIN)/samverkan groups --store $(DEMO_STORE)
	SAMVERKAN_STORE=$(DEMO_STORE) SAMVERKAN_DOCS=examples/docs $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

bench: venv
	$(BIN)/python benchmarks/fold.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/queries.py
	$(BIN)/python benchmarks/app_render.py

# Renew the README's screenshots (docs/screenshots/) from the demo corpus in Debian's chromium.
screenshots: venv browser
	$(BIN)/python -m tests.browser.screenshots

clean:
	rm -rf $(VENV) node_modules .samverkan .samverkan-demo .pytest_cache .ruff_cache
