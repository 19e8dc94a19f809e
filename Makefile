# Two commands on a fresh machine: `make demo` and `make test`.
# Recipes are silent (@): each step prints one line saying what it does, then only
# what the tools report.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# pytest exits 5 when it collects no tests; that must fail CI, not pass it silently.
NO_TESTS_FAIL := status=$$?; if [ $$status -eq 5 ]; then echo "Error: pytest collected no tests"; exit 1; fi; exit $$status

.PHONY: demo test test-fast check bench bench-workbench learning-curve screenshots clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Error: no python3.11 or python3 found (set PYTHON=...)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Error: $(PYTHON) is older than Python 3.11"; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	@echo "Installing mentorqual into $(VENV) (a few minutes the first time)"
	@$(PIP) install -e .
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python setup.cfg pyproject.toml
	@echo "Installing mentorqual and its development tools into $(VENV)"
	@$(PIP) install -e ".[dev]"
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@$(BIN)/mentorqual run transcripts/ -o outputs/

# Everything, as CI runs it: several minutes (see README, "Development").
test: $(VENV)/.installed-dev
	@$(BIN)/python -m pytest -q; $(NO_TESTS_FAIL)

# The quick loop: leaves out the tests marked slow (the main job on the sample corpus,
# property and crash tests, the classifier's repeated cross-validation).
test-fast: $(VENV)/.installed-dev
	@$(BIN)/python -m pytest -q -m "not slow"; $(NO_TESTS_FAIL)

check: $(VENV)/.installed-dev
	@$(BIN)/ruff check --quiet mentorqual tests benchmarks
	@$(BIN)/ruff format --check --quiet mentorqual tests benchmarks
	@$(BIN)/mypy mentorqual

# Takes a minute or two; not part of `make test`. Writes benchmarks/results/<date>-<host>.json.
bench: $(VENV)/.installed
	@$(BIN)/python benchmarks/run.py --sizes 10,100,1000

# The workbench's server time on a 200-paragraph interview with 500 codings (under a
# minute). Writes benchmarks/results/workbench-<date>-<host>.json.
bench-workbench: $(VENV)/.installed
	@$(BIN)/python benchmarks/workbench.py

# The review loop's learning curve on the sample (5 seeds, several minutes). Rewrites
# benchmarks/results/learning_curve.json and learning_curve.png.
learning-curve: $(VENV)/.installed
	@$(BIN)/python benchmarks/learning_curve.py

# README's pictures of the workbench, taken by the browser tests (Chromium, 1280x800).
screenshots: $(VENV)/.installed-dev
	@{ command -v chromium || command -v chromium-browser; } >/dev/null && command -v chromedriver >/dev/null || { echo "Error: make screenshots needs chromium and chromium-driver"; exit 1; }
	@echo "Writing docs/images/workbench-interview.png and workbench-review.png"
	@MENTORQUAL_SCREENSHOTS=docs/images $(BIN)/python -m pytest -q -k screenshots tests/test_web_browser.py; $(NO_TESTS_FAIL)

clean:
	rm -rf $(VENV) build *.egg-info mentorqual.db mentorqual.db-*
