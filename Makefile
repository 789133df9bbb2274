# newsetl — two commands set everything up: `make run` and `make test`.
# Both create or refresh .venv with the locked dependency versions (uv.lock) first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.synced
SAMPLE := data/sample
DATA ?= data/out
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: run test browser env lint bench eval eval-segmentation eval-ner eval-base-forms eval-claims train-ner serve clean schema-docs config-toml eval-entities build-derived-forms eval-attribution eval-times build-ner-lexicon build-ner-clusters

# The environment: a venv holding uv, then `uv sync --frozen` installs exactly uv.lock.
# Bytecode is compiled at install: where PYTHONDONTWRITEBYTECODE is set (as on our CI
# machine) Python would otherwise recompile Prefect's ~2,000 modules in every process,
# ~8 s per flow, worker and server start (measured by `make bench`).
$(STAMP): pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(BIN)/uv sync --frozen --quiet --compile-bytecode
	@touch $(STAMP)

env: $(STAMP)

## make run: set up, process the bundled sample (data/sample) into $(DATA), print a summary.
run: $(STAMP)
	$(BIN)/newsetl run $(SAMPLE) --data $(DATA)
	$(BIN)/newsetl summary --data $(DATA)

## make test: set up (venv, Debian's Chromium for the UI test), then the whole test suite.
test: $(STAMP) browser lint
	$(BIN)/pytest

# The UI test drives Debian's Chromium through Playwright (Playwright's own browser
# download needs a network we don't have). Installed here when missing, so the README's
# test command works on a fresh machine; needs root or sudo for apt-get.
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || scripts/install_chromium.sh

## make serve: a local Prefect server (UI address printed; state in data/prefect/) serving the
## deployments ingest-inbox, process-paths, reprocess, compact (flows/deployments.py). Ctrl-C stops everything.
serve: $(STAMP)
	$(BIN)/python -m flows.server

## make lint: ruff's checks and formatting, and mypy --strict (also run by `make test`).
lint: $(STAMP)
	$(BIN)/ruff check src flows tests scripts
	$(BIN)/ruff format --check --quiet src flows tests scripts
	$(BIN)/mypy

## Evaluation scripts (print figures and write JSON under data/eval/).
eval-segmentation: $(STAMP)
	$(BIN)/python scripts/eval_segmentation.py
eval-ner: $(STAMP)
	$(BIN)/python scripts/eval_ner.py
eval-base-forms: $(STAMP)
	$(BIN)/python scripts/eval_base_forms.py
eval-claims: $(STAMP)
	$(BIN)/python scripts/eval_claims.py
eval-entities: $(STAMP)
	$(BIN)/python scripts/eval_entities.py
eval-times: $(STAMP)
	$(BIN)/python scripts/eval_times.py
eval-attribution: $(STAMP)
	$(BIN)/python scripts/eval_attribution.py
eval: eval-segmentation eval-ner eval-base-forms eval-claims eval-entities eval-attribution eval-times

## Rebuild models/entities/derived_forms.tsv and place_names.txt from ../shared/data/lexicons/named-sjp.txt.
build-derived-forms: $(STAMP)
	$(BIN)/python scripts/build_derived_forms.py

## Rebuild the NER model in models/ner from ../shared/data/ner (fixed seed).
train-ner: $(STAMP)
	$(BIN)/python scripts/train_ner.py

## Rebuild models/ner/lexicon.tsv from named-sjp and the PyPI package zxcvbn-pl (group "ner-build").
build-ner-lexicon: $(STAMP)
	$(BIN)/uv run --frozen --group ner-build python scripts/build_ner_lexicon.py

## Rebuild models/ner/clusters.tsv (word2vec + k-means on the NKJP training split and UD LFG text).
build-ner-clusters: $(STAMP)
	$(BIN)/uv run --frozen --group ner-build python scripts/build_ner_clusters.py

## make bench: `newsetl run` by default, with --runner process and with --local at 4x and 16x, next to
## bare Morfeusz (docs/performance.md; ~23 min). Parts: make bench BENCH_ARGS="--sizes 4 --modes default".
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

## Generated files (a test fails when either is stale): the table reference and the settings file.
schema-docs: $(STAMP)
	$(BIN)/python scripts/schema_docs.py --write
config-toml: $(STAMP)
	$(BIN)/python scripts/config_toml.py --write

clean:
	rm -rf $(VENV) data/out data/eval .pytest_cache .mypy_cache .ruff_cache
