#!/usr/bin/env bash
# Pos stage on GUM dev (all CC BY genres), end to end from raw text as in the pipeline
# (tokenize | pos), scored by ../shared/eval/score_pos.py (a gold word whose span the tokenizer
# did not produce counts as wrong). Builds nothing: takes the binaries from ${BIN:-target/release}.
# GATE=1 fails below thresholds.
set -euo pipefail
BIN=${BIN:-target/release}
DATA=${DATA:-../shared/data}
EVAL=${EVAL:-../shared/eval}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

"$BIN/newsnlp-tokenize" --quiet "$DATA/gum/ud/dev_pos.jsonl" | "$BIN/newsnlp-pos" --quiet > "$OUT/dev.jsonl"
report=$(python3 "$EVAL/score_pos.py" "$DATA/gum/ud/dev_pos.jsonl" "$OUT/dev.jsonl")
echo "$report"
if [[ "${GATE:-0}" == 1 ]]; then
    python3 - $(echo "$report" | tail -1) <<'PY'
import sys
f = dict(zip(sys.argv[1::2], map(float, sys.argv[2::2])))
# Just under the shipped model's dev figures (0.9585, 0.9551, 0.9875), at or above the acceptance
# thresholds (UPOS 0.955, PTB 0.945, lemma 0.97).
gates = {"upos_acc": 0.955, "xpos_acc": 0.953, "lemma_acc": 0.984}
fails = [f"{k} {f[k]:.4f} < {t}" for k, t in gates.items() if f[k] < t]
sys.exit("GATE failed: " + ", ".join(fails) if fails else 0)
PY
fi
