#!/usr/bin/env python3
"""Times pandas + openpyxl reading an .xlsx the way VLMEvalKit loads its files (`pd.read_excel(path)`),
for comparison with the Swift XLSXReader (benchmarks/import/run.sh).

    python3 benchmarks/import/read_xlsx.py FILE.xlsx [REPEATS]

Prints one line: `pandas_read rows=N seconds=S rows_per_s=R pandas=V openpyxl=V` (best of REPEATS).
Needs `pip install pandas openpyxl`.
"""
import sys
import time

import openpyxl
import pandas as pd


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best = float("inf")
    rows = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        df = pd.read_excel(path, engine="openpyxl")
        best = min(best, time.perf_counter() - t0)
        rows = len(df) + 1  # + header row, as the Swift benchmark counts it
    print(f"pandas_read rows={rows} seconds={best:.3f} rows_per_s={rows / best:.0f} "
          f"pandas={pd.__version__} openpyxl={openpyxl.__version__}")


if __name__ == "__main__":
    main()
