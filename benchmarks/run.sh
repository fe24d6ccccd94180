#!/usr/bin/env bash
# RouterBench foundation benchmark (release build): the full-scale `reproduce` of the baselines, import throughput,
# and matrix load time, with a Python/numpy baseline reading the same SQLite file in the same run.
#
#   bash benchmarks/run.sh            # SCALE=1 (30,540 samples × 17 models); SCALE=0.1 for a quick look
# Results: benchmarks/out/foundation/results.txt (and the run's timings.json).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1}
OUT=benchmarks/out/foundation
rm -rf "$OUT" && mkdir -p "$OUT"
swift build -c release --product routerbench >/dev/null
BIN=$(swift build -c release --show-bin-path)/routerbench

echo "== reproduce --scale $SCALE (baselines), cold: simulate + import + run + report" | tee "$OUT/results.txt"
/usr/bin/time -f "wall %e s, max RSS %M KB" "$BIN" reproduce --scale "$SCALE" --out "$OUT/results" --work "$OUT/work" \
  --db "$OUT/bench.sqlite" --routers baselines 2> >(tee "$OUT/reproduce.log" >&2) | tee -a "$OUT/results.txt"
tail -1 "$OUT/reproduce.log" | tee -a "$OUT/results.txt"
cat "$OUT/results/timings.json" | tee -a "$OUT/results.txt"

python3 - "$OUT/results/timings.json" "$OUT/bench.sqlite" <<'PY' | tee -a "$OUT/results.txt"
import json, sqlite3, sys
t = json.load(open(sys.argv[1]))
n = sqlite3.connect(sys.argv[2]).execute("select count(*) from record").fetchone()[0]
print(f"import: {n} records in {t['import_seconds']:.2f} s = {n / t['import_seconds']:,.0f} records/s (target >= 300,000)")
print(f"reproduce excluding build: {t['total_seconds']:.1f} s (target <= 60 s)")
PY

echo "== matrix load (3 runs): routerbench info vs Python sqlite3 + numpy on the same file" | tee -a "$OUT/results.txt"
for i in 1 2 3; do "$BIN" info --db "$OUT/bench.sqlite" | grep "loaded" | tee -a "$OUT/results.txt"; done
python3 benchmarks/load_matrices.py "$OUT/bench.sqlite" | tee -a "$OUT/results.txt"
