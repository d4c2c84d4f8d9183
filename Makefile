# Every target creates .venv from pyproject.toml first when it is missing or older.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

.PHONY: run test lint mutation bench bench-cmrc eval check install clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install  ## the bot (TELEGRAM_BOT_TOKEN set) or a console chat
	$(PY) run.py

test: install  ## lint + types + the whole test suite
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -q

mutation: install  ## mutmut over the modules listed in pyproject.toml (slow; not in CI)
	rm -rf mutants
	$(PY) -m mutmut run --max-children 2 || true
	$(PY) -m mutmut results

lint: install
	$(PY) -m ruff check .

bench: install  ## engine, scale, bot-load and broadcast benchmarks
	$(PY) tests/bench/run_all.py --shared $(SHARED)

bench-cmrc: install  ## CMRC 2018 sentence retrieval vs the naive baseline
	@if [ -f $(SHARED)/eval/cmrc2018_dev.json.gz ]; then \
		$(PY) run.py eval --squad $(SHARED)/eval/cmrc2018_dev.json.gz; \
	else echo "skipped: $(SHARED)/eval/cmrc2018_dev.json.gz not found (set SHARED=...)"; fi

eval: install  ## dev-set quality (and our own question set)
	$(PY) run.py eval $(SHARED)/eval/dev_questions.yaml
	$(PY) run.py eval tests/data/extra_questions.yaml

check: install
	$(PY) run.py check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache mutants var
