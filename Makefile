# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := static/build/cpi.css
HOST ?= 127.0.0.1
PORT ?= 8000
# Two cores here: run the suite on both.
PYTEST_WORKERS ?= 2

.PHONY: install assets run test lint format bench bench-compare security worker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): node_modules/.installed static/src/cpi.scss
	npm run --silent build

install: $(INSTALLED) $(ASSETS)

assets: $(ASSETS)

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py create_demo_users
	DEBUG=1 $(BIN)/python manage.py seed_demo --newcomer --submissions 40
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The layers contract first (seconds), then the suite.
test: install
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# PostgreSQL and Redis required (DATABASE_URL/REDIS_URL, else local defaults): seeds 1,000,000
# submissions once, serves the app with gunicorn as in production, prints one table.
bench: install
	$(BIN)/python -m bench.run

# The queue, take-next and submit beside a minimal reference app (bench/reference) on the same
# seeded table: 5 sync gunicorn workers a side, alternated runs, one table of ratios (issue 17).
bench-compare: install
	$(BIN)/python -m bench.compare

# bandit, pip-audit, and wapiti + sqlmap against the app on 127.0.0.1; fails on high/medium findings.
security: install assets
	scripts/security/run

# mutmut over the guards (setup.cfg [mutmut]); prints the score per guard. Minutes: not in CI.
# With DATABASE_URL (PostgreSQL) two mutants at a time, else one on SQLite.
.PHONY: mutation
mutation: install
	scripts/mutation/run

worker: install
	$(BIN)/celery -A cpi worker --beat --loglevel=info

clean:
	rm -rf $(VENV) node_modules static/build var
