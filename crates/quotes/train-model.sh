#!/usr/bin/env bash
# Trains the learned attribution model (research use) from ../shared/data/polnear/train.jsonl and
# writes it to ${CARGO_TARGET_DIR:-target}/models/quotes.model. `make quote-model` runs this from
# the repository root. The model is never committed or embedded: PolNeAR is CC BY-NC-SA 4.0, so
# the model carries that licence and is loaded only with `newsnlp-quotes --model` or
# `newsnlp run --quotes-model`. Training reads the documents as the stage will see them: through
# the same pipe of stage binaries (tokens, pos, entities), with `gold_attributions` passed through.
# The epoch is picked on every tenth training document, never on dev.
set -euo pipefail
D=${SHARED:-../shared}/data/polnear
CARGO=${CARGO:-cargo}
[ -f "$D/train.jsonl" ] || { echo "quote-model: $D/train.jsonl not found" >&2; exit 1; }
T=${CARGO_TARGET_DIR:-target}
B=$T/release
M=$T/models
mkdir -p "$M"
$CARGO build --release -p newsnlp-tokenize -p newsnlp-pos -p newsnlp-entities -p newsnlp-quotes
"$B/newsnlp-tokenize" -q "$D/train.jsonl" | "$B/newsnlp-pos" -q | "$B/newsnlp-entities" -q \
  > "$M/polnear-train.annotated.jsonl"
"$B/newsnlp-quotes" train --train "$M/polnear-train.annotated.jsonl" -o "$M/quotes.model" \
  --licence "trained on PolNeAR train (CC BY-NC-SA 4.0): non-commercial use only, share alike"
rm "$M/polnear-train.annotated.jsonl"
echo "quote-model: wrote $M/quotes.model; measure it with 'bash eval/quotes-model.sh'"
