#!/usr/bin/env bash
# xlsx reading speed vs pandas + openpyxl on the same files, as one ratio from one run (issue 14: target ≥ 20×).
#   bash benchmarks/import/xlsx_ratio.sh [PATH…]      (default: ../shared/real-logs' xlsx files and the simulated
#                                                       benchmark written as xlsx at SCALE, default 0.1)
#   PYTHON=/tmp/venv/bin/python   a Python with pandas and openpyxl (pip install pandas openpyxl)
#   SCALE=0.1 REPEATS=3
# Swift: the `xlsx-read` benchmark (release; XLSXReader, every cell of the first sheet as text, best of REPEATS).
# pandas: `pd.read_excel(path, engine="openpyxl")` on each file, best of REPEATS. Results:
# benchmarks/out/xlsx/results.txt (per file and total; ratio = pandas seconds / Swift seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
SCALE=${SCALE:-0.1}
REPEATS=${REPEATS:-3}
OUT=out/xlsx
mkdir -p "$OUT"
"$PY" -c "import pandas, openpyxl" || { echo "needs pandas and openpyxl: PYTHON=… (pip install pandas openpyxl)"; exit 1; }
swift build -c release --package-path . --product xlsx-read >/dev/null
BIN="$(swift build -c release --package-path . --show-bin-path)/xlsx-read"
if [ "$#" -eq 0 ]; then
  # The simulated benchmark's per-sample files as xlsx (VLMEvalKit's default PRED_FORMAT), by the release CLI.
  swift build -c release --package-path .. --product routerbench >/dev/null
  SIM="$OUT/sim-$SCALE"
  [ -d "$SIM/work_dir" ] || "$(swift build -c release --package-path .. --show-bin-path)/routerbench" simulate \
    --format xlsx --scale "$SCALE" --out "$SIM" >/dev/null
  set -- "$(cd ../.. && pwd)/shared/real-logs" "$(pwd)/$SIM/work_dir"
fi
"$BIN" --repeats "$REPEATS" "$@" > "$OUT/swift.jsonl"
"$PY" - "$OUT/swift.jsonl" "$REPEATS" <<'PY' | tee "$OUT/results.txt"
import json, sys, time
import openpyxl, pandas as pd
swift = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
repeats = int(sys.argv[2])
files = [r for r in swift if "file" in r]
print(f"pandas {pd.__version__}, openpyxl {openpyxl.__version__}; best of {repeats} each")
print(f"{'file':<70} {'rows':>8} {'swift s':>9} {'pandas s':>9} {'ratio':>7}")
ts = tp = 0.0
for r in files:
    pd.read_excel(r["file"], engine="openpyxl")  # warm-up, as the Swift side does
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        df = pd.read_excel(r["file"], engine="openpyxl")
        best = min(best, time.perf_counter() - t0)
    if len(df) + 1 != r["rows"]:
        print(f"note: {r['file']}: pandas read {len(df) + 1} rows (header included), Swift {r['rows']}")
    ts += r["seconds"]
    tp += best
    name = r["file"] if len(r["file"]) <= 70 else "…" + r["file"][-69:]
    print(f"{name:<70} {r['rows']:>8} {r['seconds']:>9.3f} {best:>9.3f} {best / r['seconds']:>6.1f}×")
print(f"total: {len(files)} files, swift {ts:.3f} s, pandas {tp:.3f} s, ratio {tp / ts:.1f}× (target ≥ 20×)")
PY
