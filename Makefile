# Two commands set everything up on a fresh machine:
#   make run   - create .venv if missing, run the main job on corpus/
#   make test  - create .venv if missing, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint venv sysdeps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# System packages the browser tests need (Debian's Chromium). Installed only when missing
# and only where we may (root + apt-get); elsewhere those tests skip with a reason.
sysdeps:
	@if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing chromium (Debian) for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# The main job: every paper under corpus/ (text, PDF and JATS renderings) through the batch
# runner into out/, then scored against gold/ (one figure per input format) with the full
# scores in out/eval/. It ends with three lines: the records, the report, the accuracy.
# Rerunning skips inputs already done with the same pipeline.
run: $(STAMP)
	$(BIN)/extractor batch corpus/ -o out/
	$(BIN)/extractor report out/ -o out/report
	$(BIN)/extractor evaluate --summary --gold gold/ out/ --out out/eval

test: $(STAMP) sysdeps
	$(BIN)/python -m pytest

# Style and types: ruff (lint + format check, config in pyproject.toml) and mypy on the
# modules listed under [tool.mypy].
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out .pytest_cache
