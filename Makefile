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

PORT ?= 8000
# Run a command and show its output only when it fails.
QUIETLY := scripts/quietly
# Made once by `make run`, readable by its owner only; var/ is never committed.
SECRET_KEY_FILE := var/secret_key
# The demo runs as production does (DEBUG off, static files through WhiteNoise, only its own
# host names) but over plain HTTP on this machine's loopback address.
DEMO_ENV := DEBUG=false DATABASE_URL=sqlite:///$(CURDIR)/var/wsoa.sqlite3 \
	SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL=http://127.0.0.1:$(PORT) SECURE_COOKIES=false SECURE_SSL_REDIRECT=false \
	SECURE_HSTS_SECONDS=0 DJANGO_RUNSERVER_HIDE_WARNING=true
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/wsoa)
CHECK_ENV := DATABASE_URL=sqlite://:memory: SECRET_KEY=check-only DEBUG=false
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) SECRET_KEY=test-only-not-secret DEBUG=false
# Production as the deployment checklist sees it: a long random key, a real host name.
DEPLOY_CHECK_ENV = DATABASE_URL=sqlite://:memory: DEBUG=false ALLOWED_HOSTS=wsoa.example.org \
	SECRET_KEY=$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')

.PHONY: run test lint format install install-dev assets migrate demo clean system-packages backup restore bench

$(BIN)/python:
	@echo "Creating the virtualenv in $(VENV)"
	@$(QUIETLY) $(PYTHON) -m venv $(VENV)
	@$(QUIETLY) $(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the Python packages"
	@$(QUIETLY) $(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the Python packages, with the development tools"
	@$(QUIETLY) $(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	@echo "Installing the front-end packages"
	@$(QUIETLY) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(ASSETS_STAMP): $(NPM_STAMP) $(SCSS) scripts/copy-govuk-assets.mjs
	@echo "Building the front end"
	@$(QUIETLY) npm run build
	@touch $@

$(SECRET_KEY_FILE):
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.new
	@mv $@.new $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

assets: $(ASSETS_STAMP)

# load_demo --force: the demo runs with DEBUG off, and this is a demo installation.
run: install assets $(SECRET_KEY_FILE)
	@$(DEMO_ENV) $(BIN)/python manage.py migrate --no-input --verbosity 0
	@$(DEMO_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@$(DEMO_ENV) $(QUIETLY) $(BIN)/python manage.py load_demo --force
	@echo
	@echo "The WSoA tracker demo: http://127.0.0.1:$(PORT)/"
	@echo "Sign in as officer, lead, board, manager, forum, outsider or admin; password: demo-password"
	@echo
	@$(DEMO_ENV) $(BIN)/python manage.py runserver --noreload 127.0.0.1:$(PORT)

# Debian packages the tests need (chromium, Java, ...), and a stopped local PostgreSQL started.
system-packages:
	@DATABASE_URL=$(TEST_DATABASE_URL) $(PYTHON) scripts/ensure-system-packages

test: system-packages install-dev assets
	$(CHECK_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(DEPLOY_CHECK_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(CHECK_ENV) $(BIN)/mypy .
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# The national-scale benchmark: builds its own database (BENCH_DATABASE_URL) with
# generate_scale_data the first time (150 areas x 300 actions x 24 months, some minutes), then
# times every page, the raw-SQL floor, plan sizes and gunicorn under wrk; writes bench/RESULTS.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wsoa_bench
# Redis database 3 is the benchmark's own: it is emptied between measurements.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/3
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) SECRET_KEY=bench-only-not-secret DEBUG=false \
	ALLOWED_HOSTS=testserver,127.0.0.1,localhost SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	REDIS_URL=$(BENCH_REDIS_URL) CACHE_KEY_PREFIX=wsoa-bench
bench: system-packages install-dev assets
	@command -v wrk >/dev/null || apt-get install -y -qq --no-install-recommends wrk
	@psql "$(BENCH_DATABASE_URL)" -c "select 1" >/dev/null 2>&1 || \
		createdb --maintenance-db="$(TEST_DATABASE_URL)" "$$(basename "$(BENCH_DATABASE_URL)")"
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input --verbosity 0
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BENCH_ENV) $(BIN)/python bench/scale.py $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(CHECK_ENV) $(BIN)/mypy .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Backups of the PostgreSQL database at DATABASE_URL in pg_dump's custom format, read from the
# environment or the command line (see README, "Backups"):
#   make backup  DATABASE_URL=postgres://... [BACKUP_FILE=var/backups/wsoa-<UTC time>.dump]
#   make restore DATABASE_URL=postgres://.../new_empty_database BACKUP_FILE=...
# A restore goes into a new, empty database, in one transaction: nothing is overwritten.
BACKUP_DIR ?= var/backups
NEED_POSTGRES = case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	*) echo "Set DATABASE_URL to a postgres:// URL." >&2; exit 2;; esac

backup:
	@$(NEED_POSTGRES)
	@file="$${BACKUP_FILE:-$(BACKUP_DIR)/wsoa-$$(date -u +%Y%m%dT%H%M%SZ).dump}"; \
	mkdir -p "$$(dirname "$$file")" && \
	pg_dump --format=custom --file="$$file" --dbname="$$DATABASE_URL" && \
	echo "Backed up to $$file"

restore:
	@$(NEED_POSTGRES)
	@test -n "$$BACKUP_FILE" || { echo "Set BACKUP_FILE to the backup to restore." >&2; exit 2; }
	pg_restore --exit-on-error --single-transaction --no-owner --no-privileges \
		--dbname="$$DATABASE_URL" "$$BACKUP_FILE"

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles node_modules static/dist
