# Two commands set everything up: `make run` (a working site) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Links printed and put in emails point at the local server unless told otherwise.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help run venv test test-repeat lint format bench seed messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

# The virtualenv is rebuilt only when a requirements file changes, so a second run is fast.
$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip check
	@touch $(STAMP)

venv: $(STAMP)

# The mode is printed first, before any install output, so the first lines say what will run.
run: ## Set up and serve the site on http://127.0.0.1:8000 (admin at /admin/)
	@if [ -n "$$REDIS_URL" ]; then \
		echo "Mode: services. Redis at $$REDIS_URL; web, Celery worker and beat start together (honcho)."; \
	else \
		echo "Mode: embedded. No REDIS_URL: Celery tasks run inline and emails print to this console."; \
	fi
	@if [ -n "$$DATABASE_URL" ]; then echo "Database: DATABASE_URL"; else echo "Database: SQLite (db.sqlite3)"; fi
	@case "$${WAGTAIL_2FA_REQUIRED:-false}" in \
		true|True|1|yes|on) echo "Two-factor sign-in: ON (WAGTAIL_2FA_REQUIRED=$$WAGTAIL_2FA_REQUIRED): Intake staff and superusers enrol a device at first sign-in.";; \
		*) echo "Two-factor sign-in: OFF for this local run (WAGTAIL_2FA_REQUIRED=false); production requires it for Intake staff and superusers.";; \
	esac
	@$(MAKE) --no-print-directory venv
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py seed_demo --with-leads
	@DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py create_demo_admin
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@if [ -n "$$REDIS_URL" ]; then \
		PATH="$(CURDIR)/$(BIN):$$PATH" DJANGO_SETTINGS_MODULE=cms.settings.dev \
			BIND_ADDRESS=$(HOST) PORT=$(PORT) WEB_CONCURRENCY=2 \
			CELERY_BEAT_SCHEDULE_FILE=$(CURDIR)/celerybeat-schedule \
			$(BIN)/honcho start -f Procfile -p $(PORT); \
	else \
		DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

test: $(STAMP) ## Run the whole test suite (fast, real-service and browser layers)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

N ?= 10
DB ?= postgres
test-repeat: $(STAMP) ## Run the whole suite N times (default 10) in random orders with CI's settings; DB=sqlite for SQLite
	@bash .ci/repeat $(N) $(DB)

lint: $(STAMP) ## ruff check, ruff format --check, the import contracts, and a migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP) ## Format and auto-fix the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

seed: $(STAMP) ## Create the demo content (idempotent)
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py seed_demo

bench: $(STAMP) ## Run the benchmarks in bench/ and print their figures
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The strings marked for translation, by catalogue: the project's (locale/) holds every template and
# module except those of an app that keeps its own (leads/locale, extracted from inside the app, so its
# strings never reach the project's) and the admin's wagtail-cache page (the package translates it).
# `leads/**`, not `leads/*`: Django reads `x/*` as "any folder named x", which would drop
# templates/leads/ too. The compiled .mo files are committed: the site runs without gettext.
# tests/test_translation_catalogue.py fails while a catalogue lacks a marked string.
MESSAGES := makemessages -l es --no-obsolete --add-location=file
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore='tests/**' --ignore='leads/**' \
	--ignore='core/templates/wagtailcache/**'
messages: $(STAMP) ## Extract the marked strings into the Spanish catalogues, then compile them
	$(BIN)/python manage.py $(MESSAGES) $(MESSAGES_IGNORE)
	@for app in $(patsubst %/locale,%,$(wildcard */locale)); do \
		echo "== $$app/locale"; (cd $$app && ../$(BIN)/python ../manage.py $(MESSAGES)) || exit 1; \
	done
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean: ## Remove the virtualenv, local database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles media .demo-admin-password
