#!/usr/bin/env python3
"""Baseline for the matrix-load benchmark: read the quality and cost matrices of a RouterBench SQLite file with
Python's sqlite3 and numpy (what a researcher would write), best of 3 runs."""
import sqlite3, sys, time
import numpy as np

path = sys.argv[1]
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    con = sqlite3.connect(path)
    samples = {sid: i for i, (sid,) in enumerate(con.execute("select id from sample order by id"))}
    models = {mid: j for j, (mid,) in enumerate(con.execute("select id from model order by name"))}
    q = np.zeros((len(samples), len(models)), dtype=np.float32)
    c = np.zeros((len(samples), len(models)), dtype=np.float64)
    for sid, mid, score, cost in con.execute("select sampleId, modelId, score, costUSD from record"):
        i, j = samples[sid], models[mid]
        q[i, j] = score
        c[i, j] = cost
    con.close()
    best = min(best, time.perf_counter() - t0)
print(f"python sqlite3 + numpy: loaded {q.shape[0]} x {q.shape[1]} in {best:.3f} s (best of 3)")
