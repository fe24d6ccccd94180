#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader (libFuzzer; docs/importing.md#fuzzing). Not part of `make test`.
#   bash fuzz/run.sh [SECONDS per target, default 60] [TARGET…]      (make fuzz SECONDS=N [TARGETS="…"])
#   RUNS=1000000 bash fuzz/run.sh 600                                (stop at 1M executions or 600 s, whichever first)
#   JOBS=2 …                                                         (targets run two at a time)
#   TIMEOUT=1                                                        (seconds of wall time per input = a hang)
# Builds fuzz/ (release, -sanitize=fuzzer), regenerates the seed corpora from ../shared/real-logs
# (fuzz/make_seeds.py; REAL_LOGS=DIR elsewhere), then runs each target with a 1 s per-input timeout and a 2 GB
# memory limit. The corpus grows in fuzz/.build/corpus/<target>; crashing, hanging or out-of-memory inputs land in
# fuzz/.build/findings/ and make the script fail. Prints one summary line per target (executions, exec/s, corpus
# size, findings) and keeps them in fuzz/.build/fuzz-out/summary.txt.
set -euo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$SELF")"
SECS=${1:-60}
shift || true
ALL="fuzz-xlsx-sheet fuzz-xlsx-strings fuzz-xlsx-workbook fuzz-xlsx-archive fuzz-delimited fuzz-json fuzz-pricing fuzz-npy fuzz-safetensors"
TARGETS=${*:-$ALL}
# --allow-multiple-definition: -sanitize=fuzzer links all of libFuzzer, its `main` included, beside SwiftPM's
# `--defsym main=<module>_main` (which wins; ld.gold otherwise crashes reporting the duplicate).
FLAGS=(-c release -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing -Xlinker --allow-multiple-definition)
OUT=.build/fuzz-out

# One target: run it, print its summary line; exit 1 on a finding.
run_target() {
  local t=$1 bin=$2
  mkdir -p ".build/corpus/$t"
  local limit=(-max_total_time="$SECS")
  [ -n "${RUNS:-}" ] && limit+=(-runs="$RUNS")
  local before after rc execs rate corpus found
  before=$(ls .build/findings | grep -c "^$t-" || true)
  set +e
  # SWIFT_BACKTRACE=enable=no: a Swift trap must reach libFuzzer's handler, which writes the crashing input.
  SWIFT_BACKTRACE=enable=no "$bin/$t" "${limit[@]}" -timeout="${TIMEOUT:-1}" -rss_limit_mb=2048 -max_len="${MAX_LEN:-65536}" -print_final_stats=1 \
    -artifact_prefix=".build/findings/$t-" ".build/corpus/$t" ".build/seeds/$t" >"$OUT/$t.log" 2>&1
  rc=$?
  set -e
  after=$(ls .build/findings | grep -c "^$t-" || true)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$t.log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$OUT/$t.log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(ls ".build/corpus/$t" | wc -l)
  found=$((after - before))
  printf "%-20s %12s %10s %8s %s\n" "$t" "${execs:-?}" "${rate:-?}" "$corpus" "$found"
  if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
    echo "    $t: exit $rc; see fuzz/$OUT/$t.log and fuzz/.build/findings/$t-*"
    return 1
  fi
}

if [ -n "${FUZZ_WORKER:-}" ]; then
  run_target "$TARGETS" "$FUZZ_WORKER"
  exit
fi

echo "==> building the fuzz targets (swift build ${FLAGS[*]})" >&2
swift build "${FLAGS[@]}" >&2
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)
rm -rf .build/seeds "$OUT" && mkdir -p .build/findings "$OUT"
python3 make_seeds.py .build/seeds ${REAL_LOGS:+"$REAL_LOGS"} >&2
printf "%-20s %12s %10s %8s %s\n" target executions exec/s corpus findings | tee "$OUT/summary.txt"
status=0
printf '%s\n' $TARGETS | xargs -P "${JOBS:-1}" -I{} env FUZZ_WORKER="$BIN" bash "$SELF" "$SECS" {} \
  | tee -a "$OUT/summary.txt" || status=1
exit $status
