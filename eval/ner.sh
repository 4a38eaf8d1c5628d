#!/usr/bin/env bash
# Entity stage on the dev splits: CoNLL-2003 dev, GUM news dev, GUM dev (all CC BY genres) and
# the seed article, run as in
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
strip_gold < "$DATA/gum/ud/ner_dev.jsonl" | pipe > "$OUT/gum_all.jsonl"
strip_gold < "$DATA/seed/seed_gold.jsonl" | pipe > "$OUT/seed.jsonl"

# Prints a scorer's report and returns its headline F1 (the last line's second field).
# (Not `tee /dev/stderr`: reopening stderr truncates it when it is redirected to a log file.)
score() { local report; report=$(python3 "$EVAL/score_ner.py" "$@"); echo "$report" >&2; echo "$report" | tail -1 | awk '{print $2}'; }

echo "== CoNLL-2003 dev"
conll=$(score "$DATA/conll2003/dev.jsonl" "$OUT/conll.jsonl")
echo "== GUM news dev"
gum=$(score "$DATA/gum/news_dev.jsonl" "$OUT/gum.jsonl")
echo "== GUM dev, all CC BY genres"
gum_all=$(score "$DATA/gum/ud/ner_dev.jsonl" "$OUT/gum_all.jsonl")
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
echo "conll_dev_F1 $conll gum_news_dev_F1 $gum gum_dev_F1 $gum_all seed_F1 $seed"
if [[ "${GATE:-0}" == 1 ]]; then
    python3 - "$conll" "$gum" "$gum_all" "$seed" "$canon" <<'PY'
import sys
conll, gum, gum_all, seed = map(float, sys.argv[1:5])
ok, total = map(int, sys.argv[5].split()[0].split("/"))
# Under what the shipped model reaches (93.10 / 87.88 / 74.69 / 100); GUM news dev has only 64
# entities, 9 of them one name, so its gate stays at the acceptance threshold; GUM dev's 567
# entities move by about 1.5 with the seeds of a retrained model; the seed's gate at 97 allows
# one entity of its 38 to move.
gates = (("conll", conll, 92.5), ("gum", gum, 75.0), ("gum_all", gum_all, 73.0), ("seed", seed, 97.0))
fails = [n for n, v, t in gates if v < t]
if ok != total:
    fails.append("seed canonical")
sys.exit("GATE failed: " + ", ".join(fails) if fails else 0)
PY
fi
