# Ketenregie: the two commands a newcomer needs are `make run` and `make test`.
# Only Python 3.11 and make are required; everything else is installed into .venv from the lock file.
# DJANGO_SETTINGS_MODULE is set explicitly: importing the swv package (for the embedded services)
# would otherwise default it to the production-like base settings.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test fuzz lint format check bench bench-casussen bench-web mutation lock clean

help: ## Show the available commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden; zet PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $(STAMP)

run: $(STAMP) ## Run web + worker + beat (embedded PostgreSQL/Redis unless DATABASE_URL/REDIS_URL are set)
	$(PY) -m swv.core.devrun

# Two pytest-xdist workers, one per core of the CI machine (docs/decisions.md 46); each has its own test
# database and Redis database (swv/settings/test.py). PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2

test: $(STAMP) ## Run the whole test suite against PostgreSQL (embedded unless DATABASE_URL is set)
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

fuzz: $(STAMP) ## Longer schemathesis run against the API (100 examples, 10 min per kind of client)
	DJANGO_SETTINGS_MODULE=swv.settings.test SCHEMATHESIS_MAX_EXAMPLES=100 SCHEMATHESIS_MAX_TIME=600 \
	SCHEMATHESIS_SEED=$${SCHEMATHESIS_SEED:-$$(date +%s)} \
	$(PY) -m swv.core.embedded run -- $(PY) -m pytest tests/api/test_schemathesis.py $(PYTEST_ARGS)

lint: $(STAMP) ## ruff lint + format check, mypy (types; settings in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP) ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(STAMP) ## makemigrations --check and check --deploy with production-like settings
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=False DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=ketenregie.example DATABASE_URL=postgres://localhost/none REDIS_URL=redis://localhost:6379/0 \
	$(PY) manage.py check --deploy --fail-level WARNING

# The foundation, DUO and absence figures, then the cases on generated data (bench-casussen; its first run
# builds the `gehost` database, minutes, and keeps it for the next runs). BENCH_ONLY=... runs one part of bench.py.
bench: $(STAMP) ## Print benchmark figures (see docs/benchmarks.md)
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(PY) scripts/bench.py
	@if [ -z "$${BENCH_ONLY:-}" ]; then $(MAKE) --no-print-directory bench-casussen; fi
	@if [ -z "$${BENCH_ONLY:-}" ]; then $(MAKE) --no-print-directory bench-verzuim; fi

# The daily deadline check of cases on BENCH_DEADLINES cases (default 8000); not collected by `make test`.
bench-deadlines: $(STAMP) ## Time the daily deadline check of cases (BENCH_DEADLINES=8000)
	BENCH_DEADLINES=$${BENCH_DEADLINES:-8000} DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(VENV)/bin/pytest -p no:cacheprovider -s tests/cases/bench_plan_deadlines.py

# --- issue 10, part cscale: the cases pages, API and deadline check on generated data (docs/benchmarks.md) ---
bench-casussen: $(STAMP) ## Cases queue, page, tijdlijn, API and deadline check on generated data (BENCH_SCHAAL=gehost)
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(PY) scripts/bench_casussen.py

bench-web: $(STAMP) ## gunicorn on generated data, 1 and 8 users, with floors (BENCH_SCHAAL=groot|gehost)
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(PY) scripts/bench_web.py

# --- issue 12, part verzuimdata: the periodic verzuim checks at klein/groot/gehost (docs/benchmarks.md) ---
bench-verzuim: $(STAMP) ## Verzuim checks per rule on generated data: time and queries (BENCH_VERZUIM_SCHALEN="klein groot gehost")
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(PY) scripts/bench_verzuimcontroles.py

# Not part of `make test` or CI: 10-20 min on 2 cores. Starts from an empty mutants/ so the score is
# never a stale cache; the surviving mutants are listed at the end (`mutmut show NAME` shows one).
mutation: $(STAMP) ## Mutation testing of the partners/cases services and selectors (see docs/quality.md)
	rm -rf mutants
	DJANGO_SETTINGS_MODULE=swv.settings.test $(PY) -m swv.core.embedded run -- $(VENV)/bin/mutmut run --max-children $${MUTMUT_CHILDREN:-1}
	$(VENV)/bin/mutmut results

lock: ## Re-resolve requirements*.lock from pyproject.toml (needs the network)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements-dev.lock

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
