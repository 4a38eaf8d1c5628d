#!/usr/bin/env bash
# The learned quote model (research use; see crates/quotes/README.md) on PolNeAR, both modes:
#   train: K-fold cross-validation over PolNeAR train (a model per fold, trained on the other
#          folds, tags its fold); dev: the model from all of train (MODEL, default
#          target/models/quotes.model, `make quote-model`).
# Every side runs newsnlp-tokenize | newsnlp-pos | newsnlp-entities | newsnlp-quotes --model
# and is scored by ../shared/eval/score_quotes.py. Builds nothing: binaries from ${BIN:-target/release}.
set -euo pipefail
BIN=${BIN:-target/release}
SHARED=${SHARED:-../shared}
D=$SHARED/data/polnear
OUT=${OUT:-$(mktemp -d)}
K=${K:-4}
MODEL=${MODEL:-${CARGO_TARGET_DIR:-target}/models/quotes.model}
SIDES=${SIDES:-train dev}
# Extra options for each fold's `newsnlp-quotes train` (e.g. TRAIN_ARGS="--epochs 20").

annotate() { "$BIN/newsnlp-tokenize" -q "$1" | "$BIN/newsnlp-pos" -q | "$BIN/newsnlp-entities" -q; }
score() { python3 "$SHARED/eval/score_quotes.py" "$1" "$2" | tail -2; }

for side in $SIDES; do
  if [[ $side == train ]]; then
    annotate "$D/train.jsonl" > "$OUT/train.ann.jsonl"
    for mode in hybrid alone; do : > "$OUT/train.$mode.jsonl"; done
    for ((k = 0; k < K; k++)); do
      awk -v k=$k -v K=$K '(NR - 1) % K != k' "$OUT/train.ann.jsonl" > "$OUT/fold.train.jsonl"
      awk -v k=$k -v K=$K '(NR - 1) % K == k' "$OUT/train.ann.jsonl" > "$OUT/fold.test.jsonl"
      "$BIN/newsnlp-quotes" train --train "$OUT/fold.train.jsonl" -o "$OUT/fold.model" \
        --licence "PolNeAR train fold (CC BY-NC-SA 4.0)" ${TRAIN_ARGS:-} 2> "$OUT/fold$k.log"
      for mode in hybrid alone; do
        "$BIN/newsnlp-quotes" -q --model "$OUT/fold.model" --model-mode $mode "$OUT/fold.test.jsonl" \
          2> /dev/null >> "$OUT/train.$mode.jsonl"
      done
    done
    "$BIN/newsnlp-quotes" -q "$OUT/train.ann.jsonl" > "$OUT/train.rules.jsonl"
    gold=$D/train.jsonl
  else
    annotate "$D/dev.input.jsonl" > "$OUT/dev.ann.jsonl"
    for mode in hybrid alone; do
      "$BIN/newsnlp-quotes" -q --model "$MODEL" --model-mode $mode "$OUT/dev.ann.jsonl" > "$OUT/dev.$mode.jsonl"
    done
    "$BIN/newsnlp-quotes" -q "$OUT/dev.ann.jsonl" > "$OUT/dev.rules.jsonl"
    gold=$D/dev.jsonl
  fi
  for mode in rules hybrid alone; do
    echo "== PolNeAR $side, $mode"
    score "$gold" "$OUT/$side.$mode.jsonl" | tee "$OUT/$side.$mode.score"
  done
done
