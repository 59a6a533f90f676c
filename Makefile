# The two commands: `make run` starts the app, `make test` runs every test.
# Both create .venv/ and install from constraints.txt (the versions the tests passed with).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data/relations.yaml
PORT   ?= 8501

CONSUMERS := tests/consumers

.PHONY: run test lint bench chromium consumers constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/explorer app --data $(DATA) --port $(PORT)

# Browser tests drive Debian's chromium; install it when it is missing (needs root or sudo).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The exports' consumer tests read each file with the tools' own JavaScript libraries
# (tests/consumers/package-lock.json); without Node.js they are skipped, with a message.
$(CONSUMERS)/node_modules/.installed: $(CONSUMERS)/package.json $(CONSUMERS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd $(CONSUMERS) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the export consumer tests (tests/consumers) will be skipped"; fi

consumers: $(CONSUMERS)/node_modules/.installed

test: $(VENV)/.installed-test chromium consumers
	$(BIN)/ruff check explorer tests bench
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check explorer tests bench

# Every benchmark (minutes; browser figures need chromium). Figures go to stdout.
bench: $(VENV)/.installed-test chromium
	for b in load graph write extract app app_review export events corpus nearcopy; do $(BIN)/python bench/$$b.py || exit 1; done

# Refresh the pinned versions after changing dependencies in pyproject.toml.
constraints: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis $(CONSUMERS)/node_modules
