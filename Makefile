# `make run` and `make test` do all the set-up on a fresh machine (Python 3.11+ and make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test perf lint format snapshots schema clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/quizapp

test: $(STAMP)
	$(BIN)/ruff check quizapp tests
	$(BIN)/ruff format --check quizapp tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

perf: $(STAMP)
	$(BIN)/python -m pytest -q -s tests/perf -p no:cacheprovider --override-ini addopts=

lint: $(STAMP)
	$(BIN)/ruff check quizapp tests
	$(BIN)/ruff format --check quizapp tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format quizapp tests
	$(BIN)/ruff check --fix quizapp tests

snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/tui --snapshot-update

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .mypy_cache

schema: $(STAMP)
	$(BIN)/python -c "from quizapp.deck.json_schema import schema_text; open('decks/schema.json', 'w').write(schema_text())"
