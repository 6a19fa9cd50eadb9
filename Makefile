# report-extractor: `make run` and `make test` work on a fresh clone.
# They create .venv, install the pinned dependencies (pyproject.toml ranges, constraints.txt pins), then run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := data/reports
OUTPUT := output

# Prefect runs with its embedded (ephemeral) API, its state kept in the project; no telemetry anywhere.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export GX_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

CORPUS ?= ../shared/corpus/pdf
# make test runs the tests on this many pytest-xdist workers (one per core of a 2-core CI machine),
# each test module on one worker (--dist loadfile): a module processes its corpus reports once
TEST_WORKERS ?= 2

.PHONY: run test bench corpus install clean help

help:
	@echo "make run    - set up .venv and run the flow on the bundled sample report (writes $(OUTPUT)/)"
	@echo "make test   - set up .venv and run the test suite"
	@echo "make bench  - speed and memory ratios (writes $(OUTPUT)/bench/bench.json; BENCH_ONLY=\"NAME ...\")"
	@echo "make corpus - the development corpus (PDFs, pdfplumber and pdftotext -layout dumps) with a quality summary per report"
	@echo "make clean  - remove .venv, caches and generated output"

ASSETS := src/extractor/validate/datadocs_assets

$(STAMP): pyproject.toml constraints.txt $(ASSETS)/package-lock.json
	@# --ocr reads scanned pages with Tesseract (Debian: tesseract-ocr); without it --ocr says so
	@command -v tesseract >/dev/null 2>&1 || echo "tesseract not found: --ocr will refuse scanned PDFs (apt-get install tesseract-ocr)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,model,ocr]"
	@# Data Docs' CSS and JS from the npm registry, so that the pages render offline
	@if command -v npm >/dev/null 2>&1; then \
	  (cd $(ASSETS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) \
	  && $(BIN)/python -m extractor.validate.offline_docs $(ASSETS)/node_modules && rm -rf $(ASSETS)/node_modules; \
	else echo "npm not found: the Data Docs pages will load their CSS and JS from CDNs"; fi
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/report-extract run $(SAMPLE) --output $(OUTPUT)

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

# BENCH_ONLY="extraction serve-memory" runs only those figures (bench/run.py --list names them).
bench: $(STAMP)
	$(BIN)/python bench/run.py --output $(OUTPUT)/bench $(if $(BENCH_ONLY),--only $(BENCH_ONLY))

# The development corpus through the flow, as PDFs and as users' text dumps, with a quality summary each
corpus: $(STAMP)
	$(BIN)/python -m extractor.quality dumps $(CORPUS) $(OUTPUT)/corpus-text/reports
	-$(BIN)/report-extract run $(CORPUS) --output $(OUTPUT)/corpus --quiet
	-$(BIN)/report-extract run $(OUTPUT)/corpus-text/reports --output $(OUTPUT)/corpus-text --quiet
	@# and as pdftotext -layout dumps them (columns side by side), where poppler-utils is installed
	$(BIN)/python -m extractor.quality dumps --layout $(CORPUS) $(OUTPUT)/corpus-layout/reports
	-@if [ -d $(OUTPUT)/corpus-layout/reports ]; then $(BIN)/report-extract run $(OUTPUT)/corpus-layout/reports --output $(OUTPUT)/corpus-layout --quiet; fi
	$(BIN)/python -m extractor.quality summary $(OUTPUT)/corpus
	$(BIN)/python -m extractor.quality summary $(OUTPUT)/corpus-text
	@if [ -d $(OUTPUT)/corpus-layout/reports ]; then $(BIN)/python -m extractor.quality summary $(OUTPUT)/corpus-layout; fi

clean:
	rm -rf $(VENV) .prefect .pytest_cache .hypothesis
	find $(OUTPUT) -mindepth 1 ! -name README.md -exec rm -rf {} +
