# dragoman — the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := out/demo.duckdb

.PHONY: setup demo test lint clean

setup: $(STAMP)

# Re-installs only when the package definition changes; quick when already done.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,scale]'
	touch $(STAMP)

demo: setup
	@mkdir -p out
	@rm -f $(DEMO_DB)
	$(BIN)/dragoman ingest samples --db $(DEMO_DB)
	$(BIN)/dragoman events --db $(DEMO_DB)
	$(BIN)/dragoman brief --db $(DEMO_DB) --dyad ARM,AZE
	@echo "dashboard: $(BIN)/dragoman serve --db $(DEMO_DB)  → http://127.0.0.1:8000/"

test: setup
	$(BIN)/ruff check src tests scripts $(wildcard bench)
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests scripts $(wildcard bench)

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache src/*.egg-info
