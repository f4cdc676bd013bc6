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

.PHONY: run test setup venv db stop migrate messages static demo admin browsers lint format clean

run: setup demo
	@echo
	@echo "  Portal:       http://$(HOST):$(PORT)/  (/fr/ and /en/)"
	@echo "  Back office:  http://$(HOST):$(PORT)/admin/  (create an account with: make admin)"
	@echo
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: setup browsers
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: venv db migrate messages static

# The virtualenv is rebuilt only when the requirement files change.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

db:
	scripts/db.sh start

stop:
	scripts/db.sh stop

migrate: venv db
	$(RUN_ENV) $(MANAGE) migrate --no-input

messages: venv
	$(RUN_ENV) $(MANAGE) compilemessages --ignore=$(VENV) -v 0

static: venv
	$(RUN_ENV) $(MANAGE) collectstatic --no-input -v 0

# Demo data goes only into an empty database (see groups/management/commands/load_demo.py).
demo: migrate
	$(RUN_ENV) $(MANAGE) load_demo --if-empty

# A staff account for the back office; reads DJANGO_SUPERUSER_USERNAME/_EMAIL/_PASSWORD if set.
admin: migrate
	$(RUN_ENV) $(MANAGE) createsuperuser $${DJANGO_SUPERUSER_PASSWORD:+--no-input}

# Browser tests drive Debian's Chromium (never a downloaded browser).
browsers:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium package (sudo apt-get install chromium)." >&2; exit 1; fi; }

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: stop
	rm -rf $(VENV) staticfiles
