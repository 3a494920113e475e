# Inter Ventures: every set-up step lives here, so a fresh clone on a fresh machine needs only
# `make run` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
IV := $(BIN)/interventures
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve setup install test test-sqlite test-postgres lint format messages sysdeps bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Debian packages: gettext compiles the translations; Chromium drives the browser tests.
sysdeps:
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Translations are compiled by the build (.mo files are not committed).
messages: install
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }
	cd src/interventures && ../../$(IV) manage compilemessages --ignore '.venv' -v 0

setup: install messages
	mkdir -p var
	$(IV) manage migrate --noinput -v 0
	$(IV) reference load
	$(IV) demo load

run: setup serve

serve:
	@echo "Serving Inter Ventures at http://$(HOST):$(PORT)/"
	$(IV) manage runserver $(HOST):$(PORT) --noreload

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	INTERVENTURES_VAR_DIR=$$(mktemp -d) $(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install sysdeps messages
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	INTERVENTURES_VAR_DIR=$$(mktemp -d) $(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	INTERVENTURES_VAR_DIR=$$(mktemp -d) $(IV) manage makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	INTERVENTURES_VAR_DIR=$$(mktemp -d) $(BIN)/pytest -q

test-postgres:
	DATABASE_URL=$(PG_URL) INTERVENTURES_VAR_DIR=$$(mktemp -d) $(BIN)/pytest -q -m "not browser"

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache
