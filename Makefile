# Maillage — make site | make serve | make test | make bench
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test test-fast validate bench schemas clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/maillage build

serve: $(STAMP)
	$(BIN)/maillage serve

validate: $(STAMP)
	$(BIN)/maillage validate data

# The repository's records are checked by the validator with the real clock; the tests never read them (they
# have their own network, tests/fixtures/network/), so a contributor's correct edit never turns them red.
test: validate
	$(BIN)/ruff check generator tests bench .github/scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# While working: every test that needs neither Chromium nor a build of its own (see tests/conftest.py).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not slow"

bench: $(STAMP)
	$(BIN)/python bench/run.py

schemas: $(STAMP)
	$(BIN)/maillage schema

clean:
	rm -rf site $(VENV) .pytest_cache
