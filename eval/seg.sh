#!/usr/bin/env bash
# Scores the tokenizer (tokens, words, sentences) on GUM: news train, news dev, all-genre dev.
# Usage (from the repo root): BIN=target/release bash eval/seg.sh   (GATE=1: fail below the gates)
set -euo pipefail
BIN=${BIN:-target/release}
SHARED=${SHARED:-../shared}
GUM=$SHARED/data/gum
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Gates, set just under the figures achieved (words_F1 / sentences_F1 achieved:
# news_train 0.9954 / 0.9725, news_dev 1.0000 / 1.0000, full_dev 0.9992 / 0.9624).
declare -A GATE_WORDS=([news_train]=0.995 [news_dev]=0.995 [full_dev]=0.998)
declare -A GATE_SENTS=([news_train]=0.970 [news_dev]=0.980 [full_dev]=0.960)

fail=0
for name in news_train news_dev full_dev; do
    gold=$GUM/$name.jsonl
    [ "$name" = full_dev ] && gold=$GUM/full_dev.seg.jsonl
    # Feed only id and text, as the pipeline would see them.
    python3 -c 'import json,sys
for l in sys.stdin:
    d=json.loads(l); print(json.dumps({"id":d["id"],"text":d["text"]}))' <"$gold" >"$TMP/$name.in"
    "$BIN/newsnlp-tokenize" <"$TMP/$name.in" >"$TMP/$name.out"
    echo "== $name"
    python3 "$SHARED/eval/score_seg.py" "$gold" "$TMP/$name.out" | tee "$TMP/$name.score"
    read -r words sents < <(awk '/^tokens_F1/ {print $6, $4}' "$TMP/$name.score")
    if [ "${GATE:-0}" = 1 ]; then
        if awk -v w="$words" -v s="$sents" -v gw="${GATE_WORDS[$name]}" -v gs="${GATE_SENTS[$name]}" \
            'BEGIN {exit !(w < gw || s < gs)}'; then
            echo "GATE FAIL $name: words_F1 $words (gate ${GATE_WORDS[$name]}), sentences_F1 $sents (gate ${GATE_SENTS[$name]})" >&2
            fail=1
        fi
    fi
done
exit $fail
