#!/usr/bin/env bash
# End-to-end xlsx benchmark (release build): write the full simulated benchmark with per-sample files as .xlsx,
# import it (cl100k and approximate token counters), and time pandas + openpyxl reading the same .xlsx files.
#   OUT=/tmp/sim-xlsx bash benchmarks/import/sim_xlsx.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-/tmp/sim-xlsx}"
swift build -c release --product routerbench
BIN=.build/release/routerbench
rm -rf "$OUT" "$OUT.db" "$OUT.db-wal" "$OUT.db-shm" "$OUT-approx.db"*
/usr/bin/time -f "simulate --format xlsx: %e s wall, %U s user" "$BIN" simulate --format xlsx --out "$OUT" 2>&1 | tail -1
/usr/bin/time -f "import (cl100k): %e s wall, %U+%S s CPU" "$BIN" import "$OUT" --db "$OUT.db" --report "$OUT-report.md" 2>&1 | grep -vE '^\[' | tail -4
/usr/bin/time -f "import (approximate): %e s wall, %U+%S s CPU" "$BIN" import "$OUT" --db "$OUT-approx.db" --tokenizer approximate 2>&1 | grep -vE '^\[' | tail -3
python3 benchmarks/import/read_xlsx_tree.py "$OUT/work_dir"
