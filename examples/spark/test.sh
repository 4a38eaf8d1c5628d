#!/usr/bin/env bash
# `make test-spark`: runs the PySpark example in local[2] mode over fixtures/*.jsonl and the
# hand-made examples/spark/stories.jsonl, and checks that
#   - its annotated output equals `newsnlp run` on the same input, as sets of documents;
#   - its `quotations` and `speakers` tables equal those of `newsnlp corpus --format jsonl` on
#     that output, as sets of rows (every column, ids included).
# Needs Java 17+ (`apt-get install -y openjdk-17-jre-headless`) and PyPI (pyspark goes into a venv).
#   BIN=target/release   where the built `newsnlp` is
#   SPARK_VENV=target/venvs/spark
set -euo pipefail
BIN=${BIN:-target/release}
venv=${SPARK_VENV:-target/venvs/spark}
command -v java >/dev/null || { echo "test-spark: needs Java 17+ (apt-get install -y openjdk-17-jre-headless)" >&2; exit 1; }
[ -x "$BIN/newsnlp" ] || { echo "test-spark: $BIN/newsnlp not built (cargo build --release -p newsnlp)" >&2; exit 1; }
shopt -s nullglob
inputs=(fixtures/*.jsonl examples/spark/stories.jsonl)
[ ${#inputs[@]} -gt 1 ] || { echo "test-spark: no fixtures/*.jsonl" >&2; exit 1; }

if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'pyspark>=3.5,<5'
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$BIN/newsnlp" run -q "${inputs[@]}" >"$work/expected.jsonl"
"$BIN/newsnlp" corpus -q --format jsonl -o "$work/corpus" "$work/expected.jsonl"

export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
input=$(IFS=,; echo "${inputs[*]}")
"$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
  --conf spark.sql.shuffle.partitions=4 \
  --files "$BIN/newsnlp" examples/spark/newsnlp_job.py --partitions 2 \
  --tables "$work/tables" "$input" "$work/spark" \
  2>"$work/spark.log" || { tail -40 "$work/spark.log" >&2; exit 1; }

"$venv/bin/python" - "$work" <<'PY'
import collections, glob, json, os, sys

work = sys.argv[1]

def rows(paths):
    """The rows of NDJSON files, as a multiset (key order does not matter)."""
    found = collections.Counter()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    found[json.dumps(json.loads(line), sort_keys=True)] += 1
    return found

def check(what, expected, spark):
    n = sum(expected.values())
    if expected != spark:
        print(f"test-spark: FAILED: {what}: {len(expected - spark)} rows missing, "
              f"{len(spark - expected)} unexpected", file=sys.stderr)
        for row in list(expected - spark)[:3]:
            print(f"  missing:    {row}", file=sys.stderr)
        for row in list(spark - expected)[:3]:
            print(f"  unexpected: {row}", file=sys.stderr)
        return False
    if n == 0:
        print(f"test-spark: FAILED: {what}: no rows", file=sys.stderr)
        return False
    print(f"test-spark: {n} {what} from Spark local[2] equal `newsnlp {'run' if what == 'documents' else 'corpus'}`")
    return True

checks = [("documents", rows([os.path.join(work, "expected.jsonl")]),
           rows(glob.glob(os.path.join(work, "spark", "part-*"))))]
for table in ("quotations", "speakers"):
    checks.append((table, rows([os.path.join(work, "corpus", table + ".jsonl")]),
                   rows(glob.glob(os.path.join(work, "tables", table, "part-*")))))
passed = sum(check(*c) for c in checks)
print(f"{passed} passed, {len(checks) - passed} failed")
sys.exit(0 if passed == len(checks) else 1)
PY
