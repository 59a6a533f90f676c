# The two commands: `make run` starts the app, `make test` runs every test.
# Both create .venv/ and install the locked versions, each file checked against its hash:
# constraints.txt (what the app and the command need) and constraints-test.txt (the same
# versions, plus the test tools). Wheels only, so no build step fetches anything unchecked;
# the project itself is then installed without dependencies (`make constraints` regenerates).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data/relations.yaml
PORT   ?= 8501

CONSUMERS := tests/consumers

.PHONY: run test fuzz lint bench chromium consumers constraints clean

LOCKED  := $(BIN)/pip install --quiet --require-hashes --only-binary=:all: -r
PROJECT := $(BIN)/pip install --quiet --no-deps --no-build-isolation -e .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(LOCKED) constraints.txt
	$(PROJECT)
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml constraints-test.txt
	$(LOCKED) constraints-test.txt
	$(PROJECT)
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

# The fuzz harness's long profile: every corpus case through every command, each also as a
# limited process, and hundreds of generated examples (EXPLORER_FUZZ_EXAMPLES=N for more).
fuzz: $(VENV)/.installed-test
	EXPLORER_FUZZ=long $(BIN)/pytest tests/fuzz -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check explorer tests bench

# Every benchmark (minutes; browser figures need chromium). Figures go to stdout.
bench: $(VENV)/.installed-test chromium
	for b in load graph write extract app app_review export events corpus nearcopy; do $(BIN)/python bench/$$b.py || exit 1; done

# Regenerate both locks, with hashes, for Python 3.11 on Linux x86_64, after a change of
# dependencies in pyproject.toml: versions already locked are kept (UPGRADE=--upgrade
# takes the newest allowed). Then `make test`, and tools/supply/model_digests.py when the
# spaCy model changed.
UV      := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
           --python-platform x86_64-manylinux_2_28 --custom-compile-command 'make constraints'
constraints: $(BIN)/python
	$(BIN)/pip install --quiet 'uv==0.13.9'
	$(UV) $(UPGRADE) pyproject.toml tools/supply/bootstrap.in -o constraints.txt
	$(UV) $(UPGRADE) pyproject.toml tools/supply/bootstrap.in --extra test \
	  -c constraints.txt -o constraints-test.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis $(CONSUMERS)/node_modules
