# Everyday commands. `make run` and `make test` set up everything they need on a fresh machine.
VENV := .venv
BIN := $(VENV)/bin
PG_URL := postgres://postgres@127.0.0.1:5432/postgres
# `make run PORT=8080` serves elsewhere; the links in e-mails follow unless PORTAL_URL is set.
PORT ?= 8000
PORTAL_URL ?= http://127.0.0.1:$(PORT)
# The suite runs on every core (pytest-xdist); `make test JOBS=0` runs it in one process.
JOBS ?= auto

.PHONY: run test test-fast test-postgres lint format messages bench clean

$(BIN)/python:
	"$$(bin/find-python)" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# The background worker (a fetch from Jobindsats started in the admin runs there) runs beside the server and
# stops with it.
run: $(VENV)/.installed
	bin/ensure-pango
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORTAL_URL=$(PORTAL_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# The English catalogues: indicators/ and focusareas/ keep their own, everything else (the templates too,
# templates/admin/indicators/ among them) goes to locale/. Django matches a bare folder pattern such as
# "indicators/*" against every folder of that name, so the root run leaves out those apps' files instead.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en -i "indicators/*.py" -i "focusareas/*.py" -i "tests/*" -i "bench/*"
	cd indicators && ../$(BIN)/python ../manage.py makemessages -l en
	cd focusareas && ../$(BIN)/python ../manage.py makemessages -l en
	$(BIN)/python manage.py compilemessages
	for po in locale/*/LC_MESSAGES/*.po */locale/*/LC_MESSAGES/*.po; do msgfmt --check -o /dev/null $$po || exit 1; done

test: lint
	bin/ensure-chromium
	bin/ensure-pango
	bin/ensure-redis
	bin/ensure-oidc-provider
	$(BIN)/pytest -n $(JOBS)

# The suite without the browser and the slow tests (subprocesses, servers, large files): under two minutes.
test-fast: lint
	bin/ensure-pango
	$(BIN)/pytest -n $(JOBS) -m "not browser and not slow"

test-postgres: $(VENV)/.installed
	bin/ensure-chromium
	bin/ensure-pango
	bin/ensure-redis
	bin/ensure-oidc-provider
	bin/ensure-postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(JOBS)

bench: $(VENV)/.installed
	bin/ensure-postgres
	bin/ensure-chromium
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/import_limits.py
	$(BIN)/python bench/jobindsats_limits.py
	DATABASE_URL=$(PG_URL) TEST_DATABASE_NAME=strategy_portal_bench_import $(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_jobindsats.py
	DATABASE_URL=$(PG_URL) TEST_DATABASE_NAME=strategy_portal_bench_jobindsats $(BIN)/python bench/bench_jobindsats.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/statistics_pages.py
	$(BIN)/python bench/briefing_pdf.py
	$(BIN)/python bench/pdf_readers.py
	$(BIN)/python bench/bench_cycle.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
