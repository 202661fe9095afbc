# The two set-up commands of the README: `make run` and `make test`. Each creates the
# virtual environment it needs (.venv) on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Every machine installs the same versions: requirements.lock pins (with hashes) everything
# pyproject.toml asks for; `make lock` updates it (see README).
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
PORT   ?= 8501
PYTEST_ARGS ?= -n 2

.PHONY: run test lint typecheck bench lock messages clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

## run: the dashboard on the bundled data (embedded SQLite, created on first run)
run: $(STAMP)
	$(BIN)/policytrack serve --port $(PORT)

## test: lint, types and the whole suite on SQLite and PostgreSQL, with real Chromium
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	tools/test-env $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

## lock: bring requirements.lock in line with pyproject.toml, keeping the pins that still fit
##       (`make lock UPGRADE=--upgrade` moves everything to the newest versions that fit)
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes $(UPGRADE) -o requirements.lock

## messages: each language's catalogue (src/policytrack/i18n/locales) gains the text to
## translate newly marked in the code (empty, to translate) and drops what is no longer used
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F tools/babel.cfg --no-location --sort-output --omit-header \
		-o $(VENV)/policytrack.pot .
	$(BIN)/pybabel -q update -i $(VENV)/policytrack.pot -d src/policytrack/i18n/locales \
		-D policytrack --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
