#!/usr/bin/env bash
# Quote stage on PolNeAR dev and the seed article:
#   newsnlp-tokenize | newsnlp-pos | newsnlp-entities | newsnlp-quotes (the quote stage reads
#   the pos layer, as in `newsnlp run`), scored by ../shared/eval/score_quotes.py.
# Builds nothing: takes the binaries from ${BIN:-target/release}. GATE=1 exits non-zero when a
# headline figure falls below what the stage reaches now.
set -euo pipefail
BIN=${BIN:-target/release}
SHARED=${SHARED:-../shared}
OUT=${OUT:-$(mktemp -d)}
PUBLISHED=2016-11-24

pipe() { "$BIN/newsnlp-tokenize" "$1" | "$BIN/newsnlp-pos" | "$BIN/newsnlp-entities" | "$BIN/newsnlp-quotes"; }

pipe "$SHARED/data/polnear/dev.input.jsonl" > "$OUT/polnear.dev.jsonl"
echo "== PolNeAR dev"
python3 "$SHARED/eval/score_quotes.py" "$SHARED/data/polnear/dev.jsonl" "$OUT/polnear.dev.jsonl" | tee "$OUT/polnear.score"

# The seed article, fed with the id of its quote gold.
python3 - "$SHARED/data/seed/seed_quotes_gold.jsonl" "$PUBLISHED" > "$OUT/seed.input.jsonl" <<'PY'
import json, sys
g = json.loads(open(sys.argv[1], encoding="utf-8").readline())
print(json.dumps({"id": g["id"], "text": g["text"], "published": sys.argv[2]}, ensure_ascii=False))
PY
pipe "$OUT/seed.input.jsonl" > "$OUT/seed.jsonl"
echo "== seed (zone excluded)"
python3 "$SHARED/eval/score_quotes.py" "$SHARED/data/seed/seed_quotes_gold.jsonl" "$OUT/seed.jsonl" --exclude-flag zone | tee "$OUT/seed.score"

# "total war" must be credited to Jean-Marc Ayrault.
python3 - "$OUT/seed.jsonl" <<'PY' | tee "$OUT/seed.totalwar"
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").readline())
t = d["text"]
who = [q["speaker"]["canonical"] for q in d.get("quotes", [])
       if q.get("speaker") and "total war" in t[q["start"]:q["end"]]]
print("total war credited to:", who)
PY

if [[ "${GATE:-0}" == 1 ]]; then
    python3 - "$OUT/polnear.score" "$OUT/seed.score" "$OUT/seed.totalwar" <<'PY'
import sys
def figures(path):
    words = open(path).read().strip().splitlines()[-1].split()
    return {words[i]: float(words[i + 1]) for i in range(0, len(words) - 1, 2)}
dev, seed = figures(sys.argv[1]), figures(sys.argv[2])
gates = [("dev direct_F1", dev["direct_F1"], 0.94), ("dev speaker_acc", dev["speaker_acc"], 0.95),
         ("dev all_F1", dev["all_F1"], 0.685), ("dev e2e_F1", dev["e2e_F1"], 0.645),
         ("seed direct_F1", seed["direct_F1"], 1.0), ("seed canonical_acc", seed["canonical_acc"], 1.0),
         ("seed all_F1", seed["all_F1"], 0.92)]
bad = [f"{n} {v:.4f} < {t}" for n, v, t in gates if v < t]
if "Jean-Marc Ayrault" not in open(sys.argv[3]).read() or "Sergey Lavrov" in open(sys.argv[3]).read():
    bad.append("seed: 'total war' not credited to Jean-Marc Ayrault alone")
if bad:
    print("GATE FAILED: " + "; ".join(bad))
    sys.exit(1)
print("gate passed")
PY
fi
