#!/usr/bin/env python3
"""scikit-learn's HistGradientBoostingClassifier on the matrix gbdt-speed wrote, with the GBDT router's settings:
100 trees, learning rate 0.1, depth 5, no leaf limit, 20 samples per leaf, 255 bins, no early stopping.

    python3 benchmarks/ecvl/sklearn_gbdt.py OUT_DIR [repeats]     (a venv with scikit-learn and numpy)
"""
import os
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, log_loss

out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/out/ecvl"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
x, y, tx, ty = [np.load(os.path.join(out, f"gbdt_{n}.npy")) for n in ["train_x", "train_y", "test_x", "test_y"]]
best = float("inf")
for _ in range(repeats):
    clf = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_depth=5, max_leaf_nodes=None,
                                         min_samples_leaf=20, l2_regularization=0.0, max_bins=255,
                                         early_stopping=False)
    t0 = time.perf_counter()
    clf.fit(x.astype(np.float64), y.astype(int))
    best = min(best, time.perf_counter() - t0)
p = clf.predict_proba(tx.astype(np.float64))[:, 1]
import sklearn
threads = os.environ.get("OMP_NUM_THREADS", "all cores")
print(f"scikit-learn {sklearn.__version__} HistGradientBoostingClassifier ({threads} threads): {x.shape[0]} × {x.shape[1]}: "
      f"best of {repeats} fit {best:.2f} s; test accuracy {accuracy_score(ty, p >= 0.5):.4f}, "
      f"log loss {log_loss(ty, p):.4f}")
print(f"sklearn_fit_seconds={best:.4f}")
