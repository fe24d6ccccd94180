#!/usr/bin/env python3
"""Regenerates Sources/Reports/PaperFiguresData.swift from the transcribed paper tables.

Usage: python3 scripts/embed-paper-figures.py [REFERENCE_DIR]   (default: ../shared/reference)
"""
import pathlib, sys

ref = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
a = (ref / "vl-routerbench-tables-A1-A6.csv").read_text().rstrip("\n")
t = (ref / "vl-routerbench-table2.csv").read_text().rstrip("\n")
out = f'''// Figures transcribed from VL-RouterBench (arXiv 2512.23562): Table 2 and the per-dataset Tables A1–A6.
// They are the paper's reported numbers, shown beside ours in reports of the vl-routerbench preset.
// Generated from ../shared/reference/*.csv by scripts/embed-paper-figures.py; do not edit by hand.

enum PaperFiguresData {{
  static let table2CSV = #"""
{t}
"""#

  static let tablesA1A6CSV = #"""
{a}
"""#
}}
'''
pathlib.Path(__file__).resolve().parent.parent.joinpath("Sources/Reports/PaperFiguresData.swift").write_text(out)
