# One task runner for people and CI. Targets create the virtual environment when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo setup assets migrate seed run test lint format messages check-deploy worker clean

demo: setup migrate seed run ## set up, migrate, seed the demo and serve on http://127.0.0.1:8000

setup: $(STAMP) assets

$(STAMP): requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(STAMP)

assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

migrate: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input

seed: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo

run: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: setup
	$(BIN)/celery -A config worker --loglevel=info --concurrency=2

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: setup
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=portal.example.org SITE_URL=https://portal.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

test: setup lint check-deploy ## ruff, the deployment check, then the whole pytest suite
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run > /dev/null
	DEBUG=1 $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

messages: setup
	DEBUG=1 $(BIN)/python manage.py makemessages --locale vi --locale en --ignore '.venv/*' --ignore 'node_modules/*' \
		--ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf var/portal.sqlite3* var/static
