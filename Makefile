# The two Quick start commands: `make run` (the main job) and `make test` (every test).
# Every target runs in the project's environment, .venv/, which `bootstrap` makes from uv.lock
# with the Python named by PYTHON (default: python3 on PATH).
PYTHON ?= python3
export PYTHON
VENV := $(CURDIR)/.venv
# The recipes below run as if .venv/ were activated.
export VIRTUAL_ENV := $(VENV)
export PATH := $(VENV)/bin:$(PATH)

.PHONY: run portal test check lint bootstrap lock serve translations

bootstrap:
	@scripts/bootstrap

## Main job: run the suite against the reference portal, regenerate the guide, build site and PDF.
run: bootstrap
	scripts/main_job $(PYTEST_ARGS)

## The reference portal with its demo data, to try by hand.
portal: bootstrap
	python -m reference_app $(ARGS)

## Every test: lint, types, then the whole pytest suite on every core, with JUnit and cucumber
## reports (PYTEST_ARGS="-n 0": in one process).
test: bootstrap lint
	python -m pytest -n auto --junitxml=reports/junit.xml --cucumberjson=reports/cucumber.json \
	  --html-report=reports/report.html $(PYTEST_ARGS)

## The fast tier: lint, types, and every test that starts no browser and no program of its own.
check: bootstrap lint
	python -m pytest tests -q -n auto -m "not browser and not whole_run and not subprocess" $(PYTEST_ARGS)

lint:
	python -m ruff check .
	python -m ruff format --check .
	python -m mypy
	python -m deptry . --no-ansi

## Merge the guide's new and changed English sentences into each translation's catalogue,
## locale/<language>/LC_MESSAGES/guide.po (ARGS=es: that language only, or a new one).
translations: bootstrap
	python -m driftless translations update $(ARGS)

## Preview the guide's site in every language at http://127.0.0.1:8000/ (Spanish: /es/), rebuilt
## a second after docs/, locale/ or mkdocs.yml change (ARGS="--port 8001": another port).
serve: bootstrap
	python -m driftless serve $(ARGS)

## Update uv.lock after editing pyproject.toml (ARGS=--upgrade: every package's newest release).
lock:
	@scripts/bootstrap lock $(ARGS)
	@scripts/bootstrap
