#!/usr/bin/env bash
# ECVL-Router on the simulated preset (release build): the three model pairs × the routers × the three scenarios,
# end to end (simulate → scenario import → scenario run), and GBDT training against scikit-learn's
# HistGradientBoostingClassifier on the same matrix.
#
#   bash benchmarks/ecvl/run.sh                         # every router, 10 epochs (the ≤ 5 min budget run)
#   EPOCHS=50 bash benchmarks/ecvl/run.sh               # the paper's 50 epochs (≈ 17 min on 2 cores)
#   EPOCHS=3 JOBS=2 bash benchmarks/ecvl/run.sh         # fewer epochs of the neural routers
#   SKLEARN_PYTHON=/tmp/venv/bin/python bash …          # a Python with scikit-learn for the GBDT ratio
#   setsid bash -c 'echo -19 > /proc/self/autogroup; exec bash benchmarks/ecvl/run.sh'
#                                                       # (root) on a machine shared with builds: a quiet machine's
#                                                       # figures (plain `nice` does not cross autogroups)
# Wall and CPU seconds are both printed: on a loaded machine CPU seconds / cores bounds the quiet machine's wall time.
# Results: benchmarks/out/ecvl/results.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
EPOCHS=${EPOCHS:-10}
JOBS=${JOBS:-2}
ROUTERS=${ROUTERS:-all}
OUT=benchmarks/out/ecvl
rm -rf "$OUT" && mkdir -p "$OUT"
swift build -c release --product routerbench >/dev/null
BIN=$(swift build -c release --show-bin-path)/routerbench
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/results.txt"

echo "== simulate --preset ecvl + scenario import" | tee -a "$OUT/results.txt"
/usr/bin/time -f "simulate: wall %e s, CPU %U s" "$BIN" simulate --preset ecvl --out "$OUT/sim" 2>&1 | tail -1 | tee -a "$OUT/results.txt"
/usr/bin/time -f "import: wall %e s, CPU %U s" "$BIN" scenario import "$OUT/sim" --db "$OUT/ecvl.sqlite" 2>&1 | tail -2 \
  | tee -a "$OUT/results.txt"

echo "== scenario run: 3 pairs × routers=$ROUTERS × 3 scenarios, epochs $EPOCHS, jobs $JOBS" | tee -a "$OUT/results.txt"
/usr/bin/time -f "scenario run: wall %e s, CPU %U s user + %S s sys, max RSS %M KB" "$BIN" scenario run --db "$OUT/ecvl.sqlite" --routers "$ROUTERS" \
  --epochs "$EPOCHS" --jobs "$JOBS" --out "$OUT/report" > "$OUT/table1.md" 2> "$OUT/run.log" || { tail "$OUT/run.log"; exit 1; }
grep -E "^done:|wall" "$OUT/run.log" | tee -a "$OUT/results.txt"
cat "$OUT/table1.md" | tee -a "$OUT/results.txt"

echo "== GBDT fit vs scikit-learn (same matrix, same settings)" | tee -a "$OUT/results.txt"
swift build -c release --package-path benchmarks --product gbdt-speed >/dev/null
"$(swift build -c release --package-path benchmarks --show-bin-path)/gbdt-speed" "$OUT" 3 | tee "$OUT/gbdt.txt" \
  | tee -a "$OUT/results.txt"
PY=${SKLEARN_PYTHON:-python3}
if "$PY" -c "import sklearn" 2>/dev/null; then
  "$PY" benchmarks/ecvl/sklearn_gbdt.py "$OUT" 3 | tee -a "$OUT/gbdt.txt" | tee -a "$OUT/results.txt"
  python3 - "$OUT/gbdt.txt" <<'PY' | tee -a "$OUT/results.txt"
import re, sys
t = open(sys.argv[1]).read()
s = float(re.search(r"swift_fit_seconds=([\d.]+)", t).group(1))
k = float(re.search(r"sklearn_fit_seconds=([\d.]+)", t).group(1))
print(f"GBDT fit: Swift {s:.2f} s, scikit-learn {k:.2f} s: scikit-learn / Swift = {k / s:.2f}")
PY
else
  echo "(no scikit-learn: set SKLEARN_PYTHON to a Python that has it for the ratio)" | tee -a "$OUT/results.txt"
fi
