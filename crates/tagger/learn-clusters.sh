#!/usr/bin/env bash
# Relearns the word clusters (crates/tagger/model/clusters.tsv) from the unlabeled text of
# ../shared/data train splits: CoNLL-2003, Reuters-21578 datelines, GUM news (PolNeAR left out:
# CC BY-NC-SA). Both the pos and the entity models read the clusters, so retrain both after
# this (`make pos-model model`) and compare `make eval` before committing: the table is not
# what the committed one was learned with (an older tokenizer); see crates/entities/model/README.md.
set -euo pipefail
D=${SHARED:-../shared}/data
CARGO=${CARGO:-cargo}
[ -d "$D" ] || { echo "clusters: $D not found" >&2; exit 1; }
T=${CARGO_TARGET_DIR:-target}/release
$CARGO build --release -p newsnlp-entities
$T/newsnlp-entities clusters \
  "$D/conll2003/train.input.jsonl" \
  "$D/reuters21578/datelines_train.jsonl" "$D/gum/news_train.jsonl" -o crates/tagger/model/clusters.tsv
echo "clusters: rebuilt crates/tagger/model/clusters.tsv; now 'make pos-model model', then 'make eval'"
