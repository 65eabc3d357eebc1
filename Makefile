# Two commands on a fresh machine: `make run` (the dashboard on the default database)
# and `make test` (lint, layering, types and the test suite). Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/duban $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Twice as many workers as a 2-core machine has cores: the dashboard tests spend much of
# their time waiting on Textual's event loop, and the idle core time is half the run.
# (-n auto: 3 min 20 s; -n 4: 2 min 30 s, on 2 cores.) Work stealing: a worker that runs
# out takes tests queued for the others, so the long dashboard walks do not end the run on
# one busy worker (-n 4: 3 min 3 s with the default scheduling, 2 min 45 s with it).
TEST_WORKERS ?= 4

test: lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# Mutation testing of the rule modules ([tool.mutmut] in pyproject.toml; README "Mutation
# testing"): not part of `make test`. Starts afresh each time, so the score is never one
# of code or tests since changed. Ends with `mutation score: N% (killed K of M)`.
mutation: $(STAMP)
	rm -rf mutants
	PATH="$(CURDIR)/$(BIN):$$PATH" DUBAN_TEST_TEMPLATES=$(CURDIR)/mutants/.templates \
		$(BIN)/python scripts/mutation_run.py run --max-children 2 \
		> mutation.log 2>&1 || (tail -c 2000 mutation.log; exit 1)
	$(BIN)/python scripts/mutation_killers.py
	$(BIN)/python scripts/mutation_score.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache mutants mutation.log
