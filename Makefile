# Two commands matter: `make demo` and `make test`. Both need only python3, make and git.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar

.PHONY: demo test lint typecheck bench clean

$(VENV)/.core: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.core
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.corpus: $(VENV)/.core
	$(PY) -m pip install --quiet -e '.[corpus]'
	touch $@

demo: $(VENV)/.corpus
	$(KHABAR) analyze examples/
	rm -rf .demo && mkdir -p .demo
	$(KHABAR) ingest examples/ --db .demo/khabar.db
	$(KHABAR) search "رئیس جمهور" --db .demo/khabar.db

test: $(VENV)/.dev
	$(PY) -m pytest -n 2

lint: $(VENV)/.dev
	$(PY) -m ruff check src tests benchmarks scripts
	$(PY) -m mypy

bench: $(VENV)/.dev
	$(PY) benchmarks/core.py
	$(PY) benchmarks/corpus.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
