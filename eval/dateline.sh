#!/usr/bin/env bash
# Dateline stage on the Reuters-21578 dev split and the seed article.
# Usage (from the repo root): BIN=/path/to/release bash eval/dateline.sh   (GATE=1 to enforce)
set -euo pipefail
BIN=${BIN:-target/release}
DATA=${DATA:-../shared/data}
EVAL=${EVAL:-../shared/eval}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== Reuters-21578 dev"
"$BIN/newsnlp-tokenize" < "$DATA/reuters21578/datelines_dev.jsonl" \
  | "$BIN/newsnlp-dateline" > "$TMP/dev.jsonl"
python3 "$EVAL/score_dateline.py" "$DATA/reuters21578/datelines_dev.jsonl" "$TMP/dev.jsonl" | tee "$TMP/dev.score"

echo "== seed article"
"$BIN/newsnlp-tokenize" < "$DATA/seed/seed_gold.jsonl" \
  | "$BIN/newsnlp-dateline" > "$TMP/seed.jsonl"
python3 "$EVAL/score_dateline.py" "$DATA/seed/seed_gold.jsonl" "$TMP/seed.jsonl" | tee "$TMP/seed.score"
# The seed needs the exact span too.
python3 - "$DATA/seed/seed_gold.jsonl" "$TMP/seed.jsonl" > "$TMP/seed.span" <<'PY'
import json, sys
gold = {json.loads(l)["id"]: json.loads(l)["gold_dateline"] for l in open(sys.argv[1]) if l.strip()}
ok = True
for line in open(sys.argv[2]):
    d = json.loads(line)
    g, p = gold.get(d.get("id")), d.get("dateline")
    same = p is not None and all(p.get(k) == g.get(k) for k in ("start", "end", "location", "date", "agency"))
    ok &= same
    print(f"seed {d.get('id')}: {'exact' if same else 'MISMATCH'} pred={p and {k: p.get(k) for k in ('start', 'end', 'location', 'date', 'agency')}}")
print("seed_exact", 1 if ok else 0)
PY
cat "$TMP/seed.span"

if [[ "${GATE:-0}" == 1 ]]; then
  read -r _ f1 _ loc _ date _ < <(tail -n 1 "$TMP/dev.score")
  python3 -c "import sys; f1, loc, date = map(float, sys.argv[1:]); sys.exit(0 if f1 >= 0.997 and loc >= 0.997 and date >= 0.997 else 1)" "$f1" "$loc" "$date" \
    || { echo "GATE: Reuters dev below detect_F1, location_acc or date_acc 0.997" >&2; exit 1; }
  grep -q "seed_exact 1" "$TMP/seed.span" || { echo "GATE: seed dateline not exact" >&2; exit 1; }
  echo "GATE ok"
fi
