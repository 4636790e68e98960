# The two Quick start commands: `make run` (the main job) and `make test` (every test).
PYTHON ?= python3
export PYTHON

.PHONY: run portal test lint bootstrap

bootstrap:
	@scripts/bootstrap

## Main job: run the suite against the reference portal, regenerate the guide, build site and PDF.
run: bootstrap
	scripts/main_job $(PYTEST_ARGS)

## The reference portal with its demo data, to try by hand.
portal: bootstrap
	$(PYTHON) -m reference_app $(ARGS)

## Every test: lint, types, then the whole pytest suite, with JUnit and cucumber reports.
test: bootstrap lint
	$(PYTHON) -m pytest --junitxml=reports/junit.xml --cucumberjson=reports/cucumber.json $(PYTEST_ARGS)

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy
