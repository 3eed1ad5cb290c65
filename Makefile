# Two commands for a newcomer: `make run` (demo on SQLite) and `make test` (suite on PostgreSQL).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The front end (GOV.UK Frontend compiled with our settings) is built, never committed.
NPM_STAMP := node_modules/.installed
ASSETS_STAMP := static/dist/.built
SCSS := $(wildcard static/scss/*.scss)

DEMO_ENV := DEBUG=true DATABASE_URL=sqlite:///$(CURDIR)/var/wsoa.sqlite3
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/wsoa)
CHECK_ENV := DATABASE_URL=sqlite://:memory: SECRET_KEY=check-only DEBUG=false
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) SECRET_KEY=test-only-not-secret DEBUG=false
# Production as the deployment checklist sees it: a long random key, a real host name.
DEPLOY_CHECK_ENV = DATABASE_URL=sqlite://:memory: DEBUG=false ALLOWED_HOSTS=wsoa.example.org \
	SECRET_KEY=$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')

.PHONY: run test lint format install install-dev assets migrate demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(ASSETS_STAMP): $(NPM_STAMP) $(SCSS) scripts/copy-govuk-assets.mjs
	npm run build
	touch $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

assets: $(ASSETS_STAMP)

run: install assets
	mkdir -p var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-dev assets
	$(CHECK_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(DEPLOY_CHECK_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles node_modules static/dist
