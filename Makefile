# One command to set up and serve (`make run`), one to set up and test (`make test`).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000

.PHONY: install migrate demo run test test-browser typecheck bench check-deploy clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver $(HOST)

# The whole suite but the browser tests (those need Chromium: see test-browser).
test: install
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright.
test-browser: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# mypy over the pure-logic modules listed in pyproject.toml ([tool.mypy] files).
typecheck: install
	$(BIN)/mypy

bench: migrate
	$(BIN)/python bench/run.py

# Django's deployment checks on the production settings, with throwaway values for the
# secrets they require (nothing connects to the database); any warning fails.
check-deploy: install
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=drafting.example.org DATABASE_URL=sqlite:///unused.sqlite3 \
	DJANGO_SETTINGS_MODULE=config.settings.prod \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var .pytest_cache
