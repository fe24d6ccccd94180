#!/usr/bin/env python3
"""Times pandas + openpyxl reading every per-sample .xlsx under a work_dir (as VLMEvalKit loads them,
`pd.read_excel(path)`), for comparison with `routerbench import` of the same tree (benchmarks/import/sim_xlsx.sh).

    python3 benchmarks/import/read_xlsx_tree.py WORK_DIR

Prints: `pandas_tree files=N rows=R seconds=S rows_per_s=X`.
"""
import os
import sys
import time

import pandas as pd


def main():
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".xlsx"))
    rows = 0
    t0 = time.perf_counter()
    for path in files:
        rows += len(pd.read_excel(path, engine="openpyxl"))
    s = time.perf_counter() - t0
    print(f"pandas_tree files={len(files)} rows={rows} seconds={s:.2f} rows_per_s={rows / s:.0f}")


if __name__ == "__main__":
    main()
