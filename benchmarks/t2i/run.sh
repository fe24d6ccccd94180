#!/usr/bin/env bash
# RouteT2I's fixed-rate multi-metric protocol on the simulated preset (release build): every router on one
# edge/cloud pair at the 11 routing rates 0, 0.1, …, 1, end to end (simulate → multimetric import → multimetric run).
# Target (issue 13): the run of all routers on one pair at 11 rates in ≤ 2 minutes.
#
#   bash benchmarks/t2i/run.sh                      # SD3/SD2.1, all routers, default epochs (20)
#   PAIR=SD3/SD1.5 EPOCHS=50 bash benchmarks/t2i/run.sh
# Results: benchmarks/out/t2i/results.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIR=${PAIR:-SD3/SD2.1}
ROUTERS=${ROUTERS:-all}
EPOCHS=${EPOCHS:-20}
SCALE=${SCALE:-1}
OUT=benchmarks/out/t2i
rm -rf "$OUT" && mkdir -p "$OUT"
swift build -c release --product routerbench >/dev/null
BIN=$(swift build -c release --show-bin-path)/routerbench
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/results.txt"

echo "== simulate --preset t2i --scale $SCALE + multimetric import" | tee -a "$OUT/results.txt"
/usr/bin/time -f "simulate: wall %e s" "$BIN" simulate --preset t2i --scale "$SCALE" --out "$OUT/sim" 2>&1 | tail -1 \
  | tee -a "$OUT/results.txt"
/usr/bin/time -f "import: wall %e s" "$BIN" multimetric import "$OUT/sim" --db "$OUT/t2i.sqlite" 2>&1 | tail -2 \
  | tee -a "$OUT/results.txt"

echo "== multimetric run: $PAIR × routers=$ROUTERS × 11 rates, epochs $EPOCHS" | tee -a "$OUT/results.txt"
start=$(date +%s.%N)
/usr/bin/time -f "multimetric run: wall %e s, max RSS %M KB" "$BIN" multimetric run --db "$OUT/t2i.sqlite" \
  --pairs "$PAIR" --routers "$ROUTERS" --epochs "$EPOCHS" --out "$OUT/report" > "$OUT/tables.md" 2> "$OUT/run.log" \
  || { tail "$OUT/run.log"; exit 1; }
end=$(date +%s.%N)
grep -E "fit|wall" "$OUT/run.log" | tee -a "$OUT/results.txt"
cat "$OUT/tables.md" | tee -a "$OUT/results.txt"
python3 - "$start" "$end" <<'PY' | tee -a "$OUT/results.txt"
import sys
s = float(sys.argv[2]) - float(sys.argv[1])
print(f"all routers on one pair at 11 rates: {s:.1f} s (target ≤ 120 s): {'met' if s <= 120 else 'MISSED'}")
PY
