# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test check bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Error: no python3.11 or python3 found (set PYTHON=...)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Error: $(PYTHON) is older than Python 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/mentorqual run transcripts/ -o outputs/

# pytest exits 5 when it collects no tests; that must fail CI, not pass it silently.
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "Error: pytest collected no tests"; exit 1; fi; \
	exit $$status

check: $(VENV)/.installed-dev
	$(BIN)/ruff check mentorqual tests benchmarks
	$(BIN)/ruff format --check mentorqual tests benchmarks
	$(BIN)/mypy mentorqual

# Takes a minute or two; not part of `make test`. Writes benchmarks/results/<date>-<host>.json.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py --sizes 10,100,1000

clean:
	rm -rf $(VENV) build *.egg-info mentorqual.db mentorqual.db-*
