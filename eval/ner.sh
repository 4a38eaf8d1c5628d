#!/usr/bin/env bash
# Entity stage on the dev splits: CoNLL-2003 dev, GUM news dev and the seed article, run as in
# the pipeline (tokenize | dateline | entities).
# Builds nothing: takes the binaries from ${BIN:-target/release}. GATE=1 fails below thresholds.
set -euo pipefail
BIN=${BIN:-target/release}
DATA=${DATA:-../shared/data}
EVAL=${EVAL:-../shared/eval}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

pipe() { "$BIN/newsnlp-tokenize" --quiet | "$BIN/newsnlp-dateline" --quiet | "$BIN/newsnlp-entities" --quiet; }
strip_gold() { python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({k: v for k, v in d.items() if not k.startswith("gold")}))'; }

pipe < "$DATA/conll2003/dev.input.jsonl" > "$OUT/conll.jsonl"
strip_gold < "$DATA/gum/news_dev.jsonl" | pipe > "$OUT/gum.jsonl"
strip_gold < "$DATA/seed/seed_gold.jsonl" | pipe > "$OUT/seed.jsonl"

# Prints a scorer's report and returns its headline F1 (the last line's second field).
# (Not `tee /dev/stderr`: reopening stderr truncates it when it is redirected to a log file.)
score() { local report; report=$(python3 "$EVAL/score_ner.py" "$@"); echo "$report" >&2; echo "$report" | tail -1 | awk '{print $2}'; }

echo "== CoNLL-2003 dev"
conll=$(score "$DATA/conll2003/dev.jsonl" "$OUT/conll.jsonl")
echo "== GUM news dev"
gum=$(score "$DATA/gum/news_dev.jsonl" "$OUT/gum.jsonl")
echo "== seed article"
seed=$(score "$DATA/seed/seed_gold.jsonl" "$OUT/seed.jsonl")
# Canonical names on the seed: every gold mention found with the gold canonical name.
canon=$(python3 - "$DATA/seed/seed_gold.jsonl" "$OUT/seed.jsonl" <<'PY'
import json, sys
gold = json.loads(open(sys.argv[1]).readline())
pred = json.loads(open(sys.argv[2]).readline())
got = {(e["start"], e["end"]): e.get("canonical") for e in pred.get("entities", [])}
keys = [e for e in gold["gold_entities"] if e["text"] in ("Lavrov", "OPCW")]
ok = sum(got.get((e["start"], e["end"])) == e["canonical"] for e in keys)
bad = [(e["text"], e["start"], got.get((e["start"], e["end"]))) for e in keys if got.get((e["start"], e["end"])) != e["canonical"]]
print(f"{ok}/{len(keys)}", bad if bad else "")
PY
)
echo "seed Lavrov/OPCW canonical: $canon"
echo "conll_dev_F1 $conll gum_news_dev_F1 $gum seed_F1 $seed"
if [[ "${GATE:-0}" == 1 ]]; then
    python3 - "$conll" "$gum" "$seed" "$canon" <<'PY'
import sys
conll, gum, seed = map(float, sys.argv[1:4])
ok, total = map(int, sys.argv[4].split()[0].split("/"))
# Under what the shipped model reaches (93.06 / 85.50 / 100); GUM news dev has only 64
# entities, 9 of them one name, so its gate stays at the acceptance threshold; the seed's at 97
# allows one entity of its 38 to move with a retrained model.
fails = [n for n, v, t in (("conll", conll, 92.5), ("gum", gum, 75.0), ("seed", seed, 97.0)) if v < t]
if ok != total:
    fails.append("seed canonical")
sys.exit("GATE failed: " + ", ".join(fails) if fails else 0)
PY
fi
