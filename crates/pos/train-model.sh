#!/usr/bin/env bash
# Rebuilds the shipped pos model (model/pos.bin) from GUM train (CC BY 4.0), with 5-fold
# cross-validation figures on train and accuracy on GUM dev printed on stderr (dev is measured,
# never trained on). `make pos-model` runs this from the repository root.
set -euo pipefail
D=${SHARED:-../shared}/data/gum/ud
CARGO=${CARGO:-cargo}
[ -d "$D" ] || { echo "pos-model: $D not found" >&2; exit 1; }
T=${CARGO_TARGET_DIR:-target}/release
$CARGO build --release -p newsnlp-pos
$T/newsnlp-pos train --train "$D/train.conllu" --dev "$D/dev.conllu" --folds "${FOLDS:-5}" \
  -o crates/pos/model/pos.bin
echo "pos-model: rebuilt crates/pos/model/pos.bin; rebuild, then check with 'make eval'" >&2
