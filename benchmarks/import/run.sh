#!/usr/bin/env bash
# Import-side speed benchmarks (release build):
#   * XLSXReader rows/s on a generated VLMEvalKit-like 6-column prediction file, vs pandas + openpyxl
#     reading the same file (benchmarks/import/read_xlsx.py);
#   * CL100KTokenizer MB/s (one core) over the real logs' question/prediction texts.
# Results: benchmarks/out/import/results.txt.   ROWS=200000 by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-200000}"
OUT=benchmarks/out/import
mkdir -p "$OUT"
rm -f "$OUT/results.txt"
bash scripts/fetch-vocab.sh
ROUTERBENCH_BENCH=1 ROUTERBENCH_BENCH_ROWS="$ROWS" swift test -c release --no-parallel --filter ImportBenchmark 2>&1 \
  | grep -E "BENCH|passed|failed|error" || true
if ! python3 -c "import pandas, openpyxl" 2>/dev/null; then
  echo "==> pandas/openpyxl missing: pip install pandas openpyxl (needed for the comparison only)"
  python3 -m pip install --quiet pandas openpyxl
fi
python3 benchmarks/import/read_xlsx.py "$OUT/bench_$ROWS.xlsx" | tee -a "$OUT/results.txt"
python3 - "$OUT/results.txt" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
def rate(prefix):
    for l in lines:
        if l.startswith(prefix):
            return float(re.search(r"rows_per_s=([0-9.]+)", l).group(1))
swift, pandas = rate("xlsx_read"), rate("pandas_read")
if swift and pandas:
    line = f"xlsx_speedup_vs_pandas={swift / pandas:.1f}x (swift {swift:.0f} rows/s, pandas {pandas:.0f} rows/s)"
    print(line)
    open(sys.argv[1], "a").write(line + "\n")
PY
echo "==> $OUT/results.txt"
cat "$OUT/results.txt"
