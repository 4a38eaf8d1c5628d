#!/usr/bin/env bash
# Runs every fuzz target (or those named in FUZZ_TARGETS) one after another, each for
# FUZZ_SECONDS (default 60) or FUZZ_RUNS executions, starting from the committed corpus.
# New corpus entries go to a scratch folder, so the committed corpus only changes by hand
# (`cargo fuzz cmin`). A crash stops the run and leaves its input in fuzz/artifacts/TARGET/.
# Needs cargo-fuzz and a nightly toolchain; without them it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain (rustup toolchain install nightly), skipping"; exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz not installed (cargo install cargo-fuzz), skipping"; exit 0
fi

ALL="ndjson_line text_tokenize text_pos layers_pos text_dateline layers_dateline text_entities layers_entities text_quotes layers_quotes"
TARGETS=${FUZZ_TARGETS:-$ALL}
SECONDS_EACH=${FUZZ_SECONDS:-60}
MAX_LEN=${FUZZ_MAX_LEN:-1024}
# Rust without `unsafe` needs no sanitizer; debug assertions catch reversed spans and overflow.
BUILD=(-O -a -s none)
# FUZZ_TRACE_COMPARES=0 drops the comparison tracing: about twice the executions per second on
# these targets, with edge coverage still guiding the search (for long soak runs).
[[ ${FUZZ_TRACE_COMPARES:-1} == 0 ]] && BUILD+=(--no-trace-compares)
LIMIT=(-max_total_time="$SECONDS_EACH")
[[ -n ${FUZZ_RUNS:-} ]] && LIMIT=(-runs="$FUZZ_RUNS")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for t in $TARGETS; do
  echo "== fuzz $t"
  mkdir -p "$scratch/$t" "fuzz/corpus/$t"
  extra=()
  [[ -f fuzz/$t.dict ]] && extra+=(-dict="fuzz/$t.dict")
  log="$scratch/$t.log"
  if ! nice -n "${FUZZ_NICE:-10}" cargo +nightly fuzz run "${BUILD[@]}" "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
      "${LIMIT[@]}" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      "${extra[@]}" >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz: $t failed; the input is in fuzz/artifacts/$t/"
    exit 1
  fi
  grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units)' "$log" || tail -n 5 "$log"
done
