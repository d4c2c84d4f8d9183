# Every target installs .venv from the lock files first. The venv is rebuilt from scratch when a
# lock file or pyproject.toml is newer than the install, or when another Python made it, so it
# always holds exactly what requirements-dev.lock names (tests/test_lock.py checks that).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
SHARED ?= ../shared
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
BENCH_LOCK := requirements-bench.lock
BENCH_VENV := .venv-bench
BENCH_PY := $(BENCH_VENV)/bin/python
BENCH_STAMP := $(BENCH_VENV)/.installed
LOCK_TOOL := uv==0.13.9
LOCK_VENV := .lock-tool
PYTHONS := python3.11 python3.12 python3.13
STAMP := $(VENV)/.installed
# pytest workers (pytest-xdist): CI has 2 cores; tests are isolated (temporary folders, ephemeral ports)
TEST_WORKERS ?= 2

.DEFAULT_GOAL := install
.PHONY: help install run test lint mutation bench bench-install bench-cmrc eval check lock test-all-pythons clean rebuild-venv

# Which interpreter PYTHON is and which one made the venv; a mismatch forces a rebuild.
WHICH_PY := import sys; print(sys.base_prefix, *sys.version_info[:3])
WANTED := $(shell $(PYTHON) -c '$(WHICH_PY)' 2>/dev/null)
HAVE := $(shell [ -x $(PY) ] && $(PY) -c '$(WHICH_PY)' 2>/dev/null)
ifneq ($(WANTED),$(HAVE))
REBUILD := rebuild-venv
endif

help:  ## this list
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): $(DEV_LOCK) pyproject.toml $(REBUILD)
	@test -n "$(WANTED)" || { echo "make: $(PYTHON) not found (set PYTHON=...)" >&2; exit 2; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(DEV_LOCK)
	@# setuptools reports every editable install with an InformationOnly notice ("be careful with
	@# folders named like your package"); it is not a problem with this project's configuration.
	PYTHONWARNINGS="ignore:Editable installation" $(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

rebuild-venv:

install: $(STAMP)  ## create or refresh .venv from the lock files

run: install  ## the bot (TELEGRAM_BOT_TOKEN set) or a console chat
	$(PY) run.py

test: install  ## lint + types + the whole test suite
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal

test-all-pythons:  ## make test on every Python that requires-python admits (.venv-3.X each)
	@# python3.X from PATH, else from pyenv's versions folder (pyenv's shims hide non-global ones)
	@for name in $(PYTHONS); do \
		py=$$name; $$py -c '' 2>/dev/null || \
			py=$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$${name#python}.*/bin/$$name 2>/dev/null | tail -1); \
		[ -n "$$py" ] || { echo "make: $$name not found" >&2; exit 2; }; \
		echo "== $$py"; \
		$(MAKE) --no-print-directory test PYTHON=$$py VENV=.venv-$${name#python} || exit 1; \
	done

mutation: install  ## mutmut over the modules listed in pyproject.toml (slow; not in CI)
	rm -rf mutants
	$(PY) -m mutmut run --max-children 2 || true
	$(PY) -m mutmut results

lint: install  ## ruff
	$(PY) -m ruff check .

lock:  ## re-resolve requirements*.lock from pyproject.toml (needs PyPI)
	test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check $(LOCK_TOOL); }
	$(LOCK_VENV)/bin/uv pip compile --quiet pyproject.toml requirements-build.in --extra test --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command "make lock" -o $(DEV_LOCK)
	$(LOCK_VENV)/bin/uv pip compile --quiet pyproject.toml requirements-build.in --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command "make lock" -c $(DEV_LOCK) -o $(LOCK)
	$(LOCK_VENV)/bin/uv pip compile --quiet pyproject.toml requirements-build.in --extra test --extra bench \
		--universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" -c $(DEV_LOCK) \
		-o $(BENCH_LOCK)

# The benchmarks' own venv: the dev lock plus the bench extra (bm25s, numba), so .venv stays
# exactly the dev lock (tests/test_lock.py) and the runtime never carries the peer we measure.
$(BENCH_STAMP): $(BENCH_LOCK) pyproject.toml
	@test -n "$(WANTED)" || { echo "make: $(PYTHON) not found (set PYTHON=...)" >&2; exit 2; }
	rm -rf $(BENCH_VENV)
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip --disable-pip-version-check install --quiet --require-hashes -r $(BENCH_LOCK)
	PYTHONWARNINGS="ignore:Editable installation" $(BENCH_PY) -m pip --disable-pip-version-check install \
		--quiet --no-deps --no-build-isolation -e .
	touch $@

bench-install: $(BENCH_STAMP)  ## create or refresh .venv-bench (dev lock + bench extra)

bench: bench-install  ## engine, scale, bot, reload, broadcast benchmarks (each in its own process; a few minutes)
	$(BENCH_PY) tests/bench/run_all.py --shared $(SHARED)

bench-cmrc: install  ## CMRC 2018 sentence retrieval vs the naive baseline
	@if [ -f $(SHARED)/eval/cmrc2018_dev.json.gz ]; then \
		$(PY) run.py eval --squad $(SHARED)/eval/cmrc2018_dev.json.gz; \
	else echo "skipped: $(SHARED)/eval/cmrc2018_dev.json.gz not found (set SHARED=...)"; fi

eval: install  ## dev-set quality (and our own question set)
	$(PY) run.py eval $(SHARED)/eval/dev_questions.yaml
	$(PY) run.py eval tests/data/extra_questions.yaml

check: install  ## validate the knowledge folder
	$(PY) run.py check

clean:  ## remove the virtualenvs and caches (not the database in var/)
	rm -rf $(VENV) .venv-3.* $(BENCH_VENV) $(LOCK_VENV) .pytest_cache .ruff_cache .mypy_cache mutants
