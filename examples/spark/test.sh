#!/usr/bin/env bash
# `make test-spark`: runs the PySpark example in local[2] mode over fixtures/*.jsonl and checks
# that its output equals `newsnlp run` on the same input, as sets of documents.
# Needs Java 17+ (`apt-get install -y openjdk-17-jre-headless`) and PyPI (pyspark goes into a venv).
#   BIN=target/release   where the built `newsnlp` is
#   SPARK_VENV=target/venvs/spark
set -euo pipefail
BIN=${BIN:-target/release}
venv=${SPARK_VENV:-target/venvs/spark}
command -v java >/dev/null || { echo "test-spark: needs Java 17+ (apt-get install -y openjdk-17-jre-headless)" >&2; exit 1; }
[ -x "$BIN/newsnlp" ] || { echo "test-spark: $BIN/newsnlp not built (cargo build --release -p newsnlp)" >&2; exit 1; }
shopt -s nullglob
inputs=(fixtures/*.jsonl)
[ ${#inputs[@]} -gt 0 ] || { echo "test-spark: no fixtures/*.jsonl" >&2; exit 1; }

if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'pyspark>=3.5,<5'
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$BIN/newsnlp" run -q "${inputs[@]}" >"$work/expected.jsonl"

export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
input=$(IFS=,; echo "${inputs[*]}")
"$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
  --files "$BIN/newsnlp" examples/spark/newsnlp_job.py --partitions 2 "$input" "$work/spark" \
  2>"$work/spark.log" || { tail -40 "$work/spark.log" >&2; exit 1; }

"$venv/bin/python" - "$work/expected.jsonl" "$work"/spark/part-* <<'PY'
import collections, json, sys

def documents(paths):
    docs = collections.Counter()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    docs[json.dumps(json.loads(line), sort_keys=True)] += 1
    return docs

expected, spark = documents(sys.argv[1:2]), documents(sys.argv[2:])
n = sum(expected.values())
if expected != spark:
    print(f"test-spark: FAILED: {len(expected - spark)} documents missing, {len(spark - expected)} unexpected", file=sys.stderr)
    sys.exit(1)
if n == 0:
    print("test-spark: FAILED: no documents", file=sys.stderr)
    sys.exit(1)
print(f"test-spark: {n} documents from Spark local[2] equal `newsnlp run`")
print("1 passed, 0 failed")
PY
