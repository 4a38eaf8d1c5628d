#!/usr/bin/env bash
# `make bench`: whole-process throughput (MB/s, tokens/s, documents/s) and peak RSS of
# `newsnlp run` at -j 1 (with and without the pos stage) and -j all cores on a >= 50 MB corpus,
# peak RSS on 8x that input, then the per-stage criterion micro-benchmarks. Figures, not tests. Run from the repository root.
#
#   BIN=target/release      where the built binaries are (make bench builds them)
#   MIN_MB=50               corpus size
#   CRITERION=0             skip the criterion benchmarks
#   RSS_COPIES=8            how many copies of the corpus the memory check streams
set -euo pipefail
BIN=${BIN:-target/release}
work=${BENCH_DIR:-target/bench}
min_mb=${MIN_MB:-50}
copies=${RSS_COPIES:-8}
mkdir -p "$work"
corpus=$work/corpus.jsonl
bash bench/make-corpus.sh "$corpus" "$min_mb"
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
cores=$(nproc)
bytes=$(stat -c %s "$corpus")

# run LABEL THREADS REPEAT [newsnlp run flags...]: REPEAT=0 reads the corpus file itself;
# REPEAT=N streams N copies of it through stdin. Prints one table row.
run() {
  local label=$1 threads=$2 repeat=$3 input=$corpus
  shift 3
  local time_log=$work/$label.time err=$work/$label.err
  if [ "$repeat" -eq 0 ]; then
    repeat=1
    /usr/bin/time -v -o "$time_log" "$BIN/newsnlp" run "$@" -j "$threads" -o /dev/null "$input" 2>"$err"
  else
    for ((k = 0; k < repeat; k++)); do cat "$input"; done |
      /usr/bin/time -v -o "$time_log" "$BIN/newsnlp" run "$@" -j "$threads" -o /dev/null - 2>"$err"
  fi
  # newsnlp: D documents, E errors, T tokens, X entities, Q quotes, S s, M MB/s
  local summary wall rss
  summary=$(grep '^newsnlp: ' "$err" | tail -1)
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$time_log")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$time_log")
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$time_log")
  echo "$summary" | awk -v label="$label" -v wall="$wall" -v cpu="$cpu" -v rss="$rss" -v bytes=$((bytes * repeat)) '{
    gsub(/,/, ""); docs = $2; errors = $4; tokens = $6
    printf "%-18s %8.1f %11.0f %9.0f %8.1f %8.1f %9.1f %7d\n", label, bytes / 1e6 / wall, tokens / wall, docs / wall, wall, cpu, rss / 1024, errors
  }' | tee -a "$work/table.txt"
  echo "$rss" >"$work/$label.rss"
  echo "$wall" >"$work/$label.wall"
  echo "$cpu" >"$work/$label.cpu"
}

: >"$work/table.txt"
echo "corpus: $corpus, $((bytes / 1000000)) MB; $cores cores; whole process, wall clock"
printf "%-18s %8s %11s %9s %8s %8s %9s %7s\n" run "MB/s" "tokens/s" "docs/s" "wall s" "cpu s" "RSS MiB" errors
run "tokenize -j1" 1 0 --stages tokenize
run "tokenize -j$cores" "$cores" 0 --stages tokenize
run "-j1" 1 0
run "-j1 without pos" 1 0 --stages tokenize,dateline,entities,quotes
run "-j$cores" "$cores" 0
run "-j$cores stdin 1x" "$cores" 1
run "-j$cores stdin ${copies}x" "$cores" "$copies"

awk -v a="$(cat "$work/-j1.cpu")" -v b="$(cat "$work/-j1 without pos.cpu")" 'BEGIN {
  printf "pos: the whole pipeline at -j 1 takes %.1f CPU s with pos, %.1f s without (+%.0f%%)\n", a, b, 100 * (a - b) / b }'
m1=$(cat "$work/-j$cores stdin 1x.rss") m8=$(cat "$work/-j$cores stdin ${copies}x.rss")
c1=$(cat "$work/-j1.cpu") cn=$(cat "$work/-j$cores.cpu")
# On a shared machine one wall-clock pair mostly shows the load of others: take the best of
# three runs each on a slice, and report CPU seconds too (equal CPU seconds at -j 1 and -j N
# mean that -j N runs N times as fast on N idle cores).
head -n "${SCALING_LINES:-1700}" "$corpus" >"$work/slice.jsonl"
best() {
  local t b=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e" -o "$work/best.time" "$BIN/newsnlp" run -q -j "$1" -o /dev/null "$work/slice.jsonl"
    t=$(cat "$work/best.time")
    b=$(awk -v a="$t" -v b="$b" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  echo "$b"
}
b1=$(best 1) bn=$(best "$cores")
awk -v a="$b1" -v b="$bn" -v c="$cores" -v ca="$c1" -v cb="$cn" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "scaling: -j %d is %.2fx -j 1 (best of 3 wall clock on a slice, %.2f s vs %.2f s; target >= 1.8x on 2 cores);\n", c, a / b, b, a
  printf "         CPU seconds -j %d / -j 1 on the corpus = %.2f; load average now %s\n", c, cb / ca, load }'
awk -v a="$m1" -v b="$m8" -v k="$copies" 'BEGIN { printf "memory: peak RSS on %dx the input is %.2fx that on 1x (target <= 1.5x)\n", k, b / a }'

# Linear time on adversarial text: each size twice, the second double the first.
python3 - "$work" <<'PY'
import json, sys
for name, unit, n in [("quotes", '"', 500_000), ("nospace", "a", 5_000_000), ("mixed", 'He said "yes and ', 25_000)]:
    for k in (1, 2):
        with open(f"{sys.argv[1]}/adversarial-{name}-{k}.jsonl", "w") as f:
            f.write(json.dumps({"id": name, "text": unit * n * k}) + "\n")
PY
for name in quotes nospace mixed; do
  for k in 1 2; do
    /usr/bin/time -f "%e %M" -o "$work/adv.time" "$BIN/newsnlp" run -q -o /dev/null "$work/adversarial-$name-$k.jsonl"
    read -r secs kb <"$work/adv.time"
    printf "adversarial %-8s x%d: %6.2f s, peak RSS %4d MiB\n" "$name" "$k" "$secs" $((kb / 1024))
  done
done
echo "(quotes: 500k/1M quotation marks in one document; nospace: a 5/10 MB word; mixed: unbalanced quotes)"

if [ "${CRITERION:-1}" != 0 ]; then
  echo
  echo "per-stage micro-benchmarks (criterion; tokenize in MB/s, every stage in tokens/s):"
  cargo bench -q -p newsnlp --bench stages 2>&1 | grep -E '^[a-z-]+/|thrpt' | grep -v '%' || true
fi
