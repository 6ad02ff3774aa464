# Two commands do all the set-up: `make run` and `make test` (see README).
# Installs are reproducible: exact versions come from constraints.txt (refresh it with `make lock`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip install --quiet -c constraints.txt --build-constraint constraints.txt

.PHONY: run test lint bench docs lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt pip

$(STAMP_RUN): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(STAMP_TEST): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/suivi $(ARGS)

test: $(STAMP_TEST)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# What make test checks about the code itself, alone and quick: lint, layout, types, import contracts (lint-imports).
lint: $(STAMP_TEST)
	$(BIN)/python -m pytest -q tests/unit/test_style.py

# The docs produced from the code (the keys' registry, the parser's --help); a test fails when they are not up to date.
docs: $(STAMP_RUN)
	$(BIN)/python -m suivi_tui.ui.touches > docs/touches.md
	$(BIN)/python -m suivi_tui.cli.reference > docs/ligne-de-commande.md

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run_all.py

# The newest versions pyproject.toml allows, installed in a throw-away environment, written down exactly.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip setuptools
	.venv-lock/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# Exact versions installed by make run / make test. Refresh: make lock (see CONTRIBUTING.md)."; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable; } > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .venv-lock build dist src/*.egg-info .pytest_cache .hypothesis
