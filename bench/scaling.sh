#!/usr/bin/env bash
# `make bench` (first part): is every stage linear in the length of one document?
#
# Each family is one document of a short string repeated to SIZE, 2*SIZE and 4*SIZE characters,
# run through `newsnlp run -j 1` (all stages). The table shows wall seconds, the 4x/1x ratio
# (linear is about 4; acceptance: nothing above 5) and the peak RSS of the 4x run. The
# families are the inputs that once made a stage quadratic (issue 9's and the quote rules'
# scans to the end of an endless sentence), plus runs of punctuation.
# Run from the repository root. Figures, not tests.
#
#   BIN=target/release      where the built binaries are
#   SIZE=500000             characters of the 1x document
#   TIMEOUT=120             seconds before one run is abandoned (shown as >TIMEOUT)
#   RUNS=2                  runs per size; the table shows the fastest (the machine is shared)
#   FAMILIES="lavrov ..."   a subset of the families below
#   MEMORY_CHARS=4000000    then the peak RSS of the driver and of each stage binary on one
#                           document of this many characters of each family (0: skip)
set -euo pipefail
BIN=${BIN:-target/release}
size=${SIZE:-500000}
limit=${TIMEOUT:-120}
work=${BENCH_DIR:-target/bench}/scaling
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "scaling: needs GNU time (apt-get install time)" >&2; exit 1; }

declare -A unit=(
  [lavrov]='Sergey Lavrov met Lavrov. '
  [dateline]='MOSCOW, Nov 24 (Reuters) - '
  [colon]='Mr. Smith said: "We will go." '
  [acronym]='The OPCW said it met. '
  [said]='"X," he said. '
  [quotes]='"'
  [parens]='()'
  [nested]='(('
  [endorsed]='Smith endorsed her '
  [ifclause]='If the plan rejected it Smith said '
  [parencue]='he said ( '
  [laughed]='I laughed and said '
)
order=(lavrov dateline colon acronym said quotes parens nested endorsed ifclause parencue laughed)
read -r -a families <<<"${FAMILIES:-${order[*]}}"

# make FAMILY CHARS FILE: one NDJSON document of FAMILY's string repeated to CHARS characters
# (`nested` is CHARS/2 opening then CHARS/2 closing parentheses).
make_doc() {
  python3 - "$1" "$2" "$3" "${unit[$1]}" <<'EOF'
import json, sys
family, chars, path, unit = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if family == "nested":
    text = "(" * (chars // 2) + ")" * (chars - chars // 2)
else:
    text = (unit * (chars // len(unit) + 1))[:chars]
with open(path, "w") as f:
    f.write(json.dumps({"id": f"{family}-{chars}", "text": text}) + "\n")
EOF
}

# measure FILE COMMAND...: runs COMMAND < FILE under the time limit; prints "SECONDS KIB"
# (seconds ">LIMIT" when abandoned).
measure() {
  local input=$1 rc=0
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" timeout "$limit" "$@" <"$input" >"$work/out" 2>"$work/err" || rc=$?
  local secs rss
  read -r secs rss < <(tail -1 "$work/time")
  if [ "$rc" -eq 124 ]; then
    echo ">$limit $rss"
  else
    [ "$rc" -eq 0 ] || { echo "scaling: $* failed (exit $rc): $(head -c 300 "$work/err")" >&2; exit 1; }
    echo "$secs $rss"
  fi
}

echo "one document per family, newsnlp run -j 1, all stages; fastest of ${RUNS:-2} runs, wall seconds; peak RSS of the 4x run"
printf "%-9s %-38s %8s %8s %8s %7s %9s\n" family "repeated" "1x s" "2x s" "4x s" "4x/1x" "RSS MiB"
for family in "${families[@]}"; do
  secs=()
  rss=0
  for k in 1 2 4; do
    make_doc "$family" $((size * k)) "$work/doc.jsonl"
    best=""
    for ((run = 0; run < ${RUNS:-2}; run++)); do
      r=$(measure "$work/doc.jsonl" "$BIN/newsnlp" run -q -j 1 -)
      read -r s m <<<"$r"
      best=$(awk -v a="$s" -v b="$best" 'BEGIN { print (b == "" || (a !~ /^>/ && (b ~ /^>/ || a < b))) ? a : b }')
      rss=$m
      [[ $s != ">"* ]] || break
    done
    secs+=("$best")
  done
  awk -v f="$family" -v u="'${unit[$family]}'" -v a="${secs[0]}" -v b="${secs[1]}" \
      -v c="${secs[2]}" -v m="$rss" 'BEGIN {
    ratio = (a ~ /^>/ || c ~ /^>/) ? "-" : sprintf("%.1f", c / (a > 0.01 ? a : 0.01))
    printf "%-9s %-38s %8s %8s %8s %7s %9.0f\n", f, u, a, b, c, ratio, m / 1024 }'
done

chars=${MEMORY_CHARS:-4000000}
[ "$chars" -gt 0 ] || exit 0
echo
echo "peak RSS MiB, one document of $chars characters (each stage binary reads the previous one's output)"
printf "%-9s %9s %9s %9s %9s %9s\n" family driver tokenize dateline entities quotes
for family in "${families[@]}"; do
  make_doc "$family" "$chars" "$work/stage0.jsonl"
  r=$(measure "$work/stage0.jsonl" "$BIN/newsnlp" run -q -j 1 -)
  read -r _ driver <<<"$r"
  row=()
  i=0
  for stage in tokenize dateline entities quotes; do
    r=$(measure "$work/stage$i.jsonl" "$BIN/newsnlp-$stage" -q --max-doc-bytes 1000000000)
    read -r _ m <<<"$r"
    mv "$work/out" "$work/stage$((i + 1)).jsonl"
    row+=("$m")
    i=$((i + 1))
  done
  awk -v f="$family" -v d="$driver" -v a="${row[0]}" -v b="${row[1]}" -v c="${row[2]}" -v e="${row[3]}" \
    'BEGIN { printf "%-9s %9.0f %9.0f %9.0f %9.0f %9.0f\n", f, d / 1024, a / 1024, b / 1024, c / 1024, e / 1024 }'
done
rm -f "$work"/stage*.jsonl
