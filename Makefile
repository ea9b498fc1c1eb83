# One command to set up and serve (`make run`), one to set up and test (`make test`).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000
# The task worker of the configured queue: RQ on Redis when REDIS_URL is set, else the database.
WORKER = $(if $(REDIS_URL),rqworker --job-class django_tasks_rq.Job default,db_worker)

.PHONY: install migrate demo run serve soak test test-browser test-libreoffice typecheck lint bench loadtest check-deploy clean

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

# The development server and the task worker (which renders the PDFs) side by side;
# Ctrl+C stops both.
run: demo
	scripts/run-together "$(BIN)/python manage.py runserver $(HOST)" \
		"$(BIN)/python manage.py $(WORKER)"

# As in production, on this machine: production settings with a secret generated once into
# var/secret_key (SECRET_KEY wins if set), gunicorn (config/gunicorn.py), static files
# collected for WhiteNoise, and the task worker. PostgreSQL if DATABASE_URL is set, else the
# SQLite database of `make run`; Redis for cache, sessions and tasks if REDIS_URL is set.
SERVE_ENV = DJANGO_SETTINGS_MODULE=config.settings.prod SERVE_OVER_PLAIN_HTTP=1 \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/db.sqlite3}"
COLLECTED := var/static/staticfiles.json

serve: install var/secret_key $(COLLECTED)
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) scripts/run-together "$(BIN)/gunicorn --config config/gunicorn.py config.wsgi" \
		"$(BIN)/python manage.py $(WORKER)"

var/secret_key:
	mkdir -p var
	umask 077 && head -c 48 /dev/urandom | base64 > $@

# Compressing every file (gzip and Brotli) takes most of a minute: only when they change.
$(COLLECTED): $(STAMP) var/secret_key $(shell find static -type f)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

# The whole suite but the browser and LibreOffice tests (see their targets).
test: install
	$(BIN)/python -m pytest -m "not browser and not libreoffice" $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright.
test-browser: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# mypy over the pure-logic modules listed in pyproject.toml ([tool.mypy] files).
typecheck: install
	$(BIN)/mypy

# ruff (lint and format), mypy and the layer contract, as .pre-commit-config.yaml says.
lint: install
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

# Word comparisons accepted and rejected in LibreOffice over UNO; needs
# apt-get install libreoffice-writer-nogui python3-uno (many packages, so not in CI).
test-libreoffice: install
	$(BIN)/python -m pytest -m libreoffice $(PYTEST_ARGS)

bench: migrate
	$(BIN)/python bench/run.py

# Django's deployment checks on the production settings, with throwaway values for the
# secrets they require (nothing connects to the database); any warning fails.
check-deploy: install
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=drafting.example.org DATABASE_URL=sqlite:///unused.sqlite3 \
	DJANGO_SETTINGS_MODULE=config.settings.prod \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# `make serve` under load from wrk (Debian's package, installed if missing): a static file,
# the published BMS7 Draft 1 and its comparison with Draft 2, at 50 and 200 connections for
# 20 s each; a table at the end. Its own SQLite database in var/ unless DATABASE_URL is set.
loadtest: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/loadtest.sqlite3}" \
		$(BIN)/python bench/loadtest.py

# 50 people editing one working draft at once over HTTP, on `make serve` and a throw-away
# PostgreSQL database (PGHOST/PGUSER as for psql; 127.0.0.1 and postgres by default), then
# a check that no save answered 200 was lost; bounded by SOAK_SECONDS (900).
soak: install
	db="soak_$$$$"; export PGHOST="$${PGHOST:-127.0.0.1}" PGUSER="$${PGUSER:-postgres}"; \
	createdb "$$db" && trap 'dropdb --if-exists "$$db"' EXIT; \
	DATABASE_URL="postgres://$$PGUSER@$$PGHOST:5432/$$db" $(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) var .pytest_cache
