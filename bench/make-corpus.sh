#!/usr/bin/env bash
# Builds the benchmark corpus: NDJSON texts repeated until at least MIN_MB megabytes.
# Source: ../shared/data/polnear/train.input.jsonl when present, else fixtures/news.jsonl.
# Usage: bench/make-corpus.sh OUT [MIN_MB]   (run from the repository root)
set -euo pipefail
out=${1:?usage: make-corpus.sh OUT [MIN_MB]}
min_mb=${2:-50}
src=${SHARED:-../shared}/data/polnear/train.input.jsonl
[ -f "$src" ] || src=fixtures/news.jsonl
[ -f "$src" ] || { echo "make-corpus: no source texts found" >&2; exit 1; }
min=$((min_mb * 1000 * 1000))
if [ -f "$out" ] && [ "$(stat -c %s "$out")" -ge "$min" ] && [ "$out" -nt "$src" ]; then
  exit 0
fi
mkdir -p "$(dirname "$out")"
size=$(stat -c %s "$src")
copies=$(( (min + size - 1) / size ))
# Each copy gets its own ids (`ID#k`) so that the corpus is a plausible archive.
for ((k = 1; k <= copies; k++)); do
  sed "s/^{\"id\": *\"\([^\"]*\)\"/{\"id\":\"\1#$k\"/" "$src"
done > "$out.tmp"
mv "$out.tmp" "$out"
echo "make-corpus: $out: $copies copies of $src, $(( $(stat -c %s "$out") / 1000000 )) MB" >&2
