# The two commands: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Test processes (pytest-xdist): `auto` is one per CPU; `make test WORKERS=0` runs in one process.
WORKERS ?= auto
XDIST := -n $(WORKERS) --dist loadgroup

.PHONY: run test test-fast lint typecheck e2e clean-instance

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m innovation.demo.devserver

test: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# Day-to-day: everything but the browser tests and the slow ones (those that start processes).
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not e2e and not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

clean-instance:
	rm -rf instance
