# Outlet: `make run` serves the site with seed content on SQLite; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV := DEBUG=1
TESTENV := TESTING=1 SECRET_KEY=test-only-secret-key

.PHONY: run test lint format install seed editor migrate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --verbosity 0

seed: migrate
	$(DEV) $(BIN)/python manage.py load_seed

editor: migrate
	$(DEV) $(BIN)/python manage.py create_editor

run: seed editor
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(TESTENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
