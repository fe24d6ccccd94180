#!/usr/bin/env python3
"""The six feature-level routers in numpy / scikit-learn, timed on the data the Swift harness wrote.

Requires numpy and scikit-learn (not part of the Swift build; install with `pip install numpy scikit-learn`).
Run by benchmarks/learning/run.sh after the Swift harness:  python3 sklearn_routers.py OUT_DIR

Same work as benchmarks/learning/SpeedHarness.swift, on OUT_DIR/{X,Y,C,train,dev,test}.npy:
  KNN     StandardScaler on training rows with a correct model; KNeighborsClassifier(k=5, weights='distance',
          metric='cosine', algorithm='brute') on cheapest-correct labels; predict dev + test.
  PRkNN   same scaler; NearestNeighbors(k=7, cosine, brute); weights 1/(1e-6+d); Copeland vote (numpy).
  OVR     StandardScaler on all training rows; one LogisticRegression(max_iter=1000, class_weight='balanced')
          per model (lbfgs, L2, C=1); never/always-correct models score 0/1; predict_proba on dev + test.
  K-means nearest class-mean prototype (numpy).
  Linear, MLP  the same algorithm as the Swift routers written in numpy float32 (soft labels with cost scale 100,
          λ = inf → cheapest-correct one-hot; PyTorch-style init; AdamW; linear warm-up + cosine decay; batch 1024;
          dev Rank Score after every epoch, best weights kept), run for exactly the number of epochs each Swift run
          took (read from timings.json), so both sides do the same number of optimiser steps. scikit-learn has no
          soft-label MLP, so numpy stands in for PyTorch here.
Timing covers fit + scoring dev and test, as on the Swift side. Writes OUT_DIR/sklearn_timings.json.
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors
from sklearn.preprocessing import StandardScaler

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/routerbench-speed"
X = np.load(f"{out}/X.npy")
Y = np.load(f"{out}/Y.npy").astype(bool)
C = np.load(f"{out}/C.npy")
train, dev, test = (np.load(f"{out}/{s}.npy") for s in ("train", "dev", "test"))
swift = json.load(open(f"{out}/timings.json"))
K = Y.shape[1]
routed = np.concatenate([dev, test])
kept = train[Y[train].any(axis=1)]
avg = C.mean(axis=0)
CMIN, CMAX = avg.min(), avg.max()


def rank_score(rows, decisions):
    acc = Y[rows, decisions].mean()
    cost = C[rows, decisions].mean()
    c = min(max(cost, CMIN), CMAX)
    ch = min(max((np.log2(CMAX) - np.log2(c)) / (np.log2(CMAX) - np.log2(CMIN) + 1e-12), 0), 1)
    a = min(max(acc, 0), 1)
    return min(max(1.1 * a * ch / (0.1 * a + ch + 1e-12), 0), 1)


def cheapest_correct(rows):
    masked = np.where(Y[rows], C[rows], np.inf)
    return masked.argmin(axis=1)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


print(f"load average at start: {load_average()}")
timings = {}
test_accuracy = {}  # router → list of test accuracies (one per run), a cross-check of "same work"


def timed(name):
    def wrap(fn):
        t = time.perf_counter()
        decisions = fn()
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t
        test_accuracy.setdefault(name, []).append(Y[test, np.asarray(decisions)[len(dev):]].mean())
        return decisions
    return wrap


@timed("KNN")
def knn():
    sc = StandardScaler().fit(X[kept])
    clf = KNeighborsClassifier(n_neighbors=5, weights="distance", metric="cosine", algorithm="brute")
    clf.fit(sc.transform(X[kept]), cheapest_correct(kept))
    return clf.predict(sc.transform(X[routed]))


@timed("PRkNN")
def prknn():
    sc = StandardScaler().fit(X[kept])
    nn = NearestNeighbors(n_neighbors=7, metric="cosine", algorithm="brute").fit(sc.transform(X[kept]))
    dist, idx = nn.kneighbors(sc.transform(X[routed]))
    w = 1.0 / (1e-6 + dist)
    yk, ck = Y[kept][idx], C[kept][idx]  # q × 7 × K
    ym, yb = yk[:, :, :, None], yk[:, :, None, :]
    beats = (ym & ~yb) | ((ym == yb) & (ck[:, :, :, None] < ck[:, :, None, :]))
    return np.einsum("qn,qnmb->qm", w, beats.astype(np.float64)).argmax(axis=1)


@timed("OVR")
def ovr():
    sc = StandardScaler().fit(X[train])
    xs, q = sc.transform(X[kept]), sc.transform(X[routed])
    scores = np.zeros((len(routed), K))
    for m in range(K):
        y = Y[kept, m]
        if y.all():
            scores[:, m] = 1
        elif y.any():
            clf = LogisticRegression(max_iter=1000, class_weight="balanced").fit(xs, y)
            scores[:, m] = clf.predict_proba(q)[:, 1]
    return scores.argmax(axis=1)


@timed("K-means")
def kmeans():
    sc = StandardScaler().fit(X[kept])
    xs = sc.transform(X[kept])
    xs /= np.maximum(np.linalg.norm(xs, axis=1, keepdims=True), 1e-30)
    yk = Y[kept]
    proto = np.stack([xs[yk[:, m]].mean(axis=0) if yk[:, m].any() else xs.mean(axis=0) for m in range(K)])
    proto /= np.linalg.norm(proto, axis=1, keepdims=True)
    q = sc.transform(X[routed])
    q /= np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-30)
    return (q @ proto.T).argmax(axis=1)


def soft_targets(rows, lam, scale=100.0):
    if np.isinf(lam):
        t = np.zeros((len(rows), K), np.float32)
        t[np.arange(len(rows)), cheapest_correct(rows)] = 1
        return t
    logits = np.where(Y[rows], -lam * scale * C[rows], -np.inf)
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def train_network(hidden, lam, seed, epochs, lr, wd, max_epochs, batch=1024, warmup=0.05):
    rng = np.random.default_rng(seed)
    sc = StandardScaler().fit(X[kept])
    xs = sc.transform(X[kept]).astype(np.float32)
    xd = sc.transform(X[dev]).astype(np.float32)
    t_all = soft_targets(kept, lam)
    sizes = [xs.shape[1]] + hidden + [K]
    params = []
    for i, o in zip(sizes[:-1], sizes[1:]):
        b = 1 / np.sqrt(i)
        params += [rng.uniform(-b, b, (i, o)).astype(np.float32), rng.uniform(-b, b, o).astype(np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    n = len(kept)
    steps_per_epoch = (n + batch - 1) // batch
    total = steps_per_epoch * max_epochs
    warm = int(round(warmup * total))
    step = 0
    best, best_params = -np.inf, None

    def forward(x, keep=False):
        acts = [x]
        for li in range(0, len(params), 2):
            x = x @ params[li] + params[li + 1]
            if li + 2 < len(params):
                x = np.maximum(x, 0)
            acts.append(x)
        return acts if keep else x

    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            acts = forward(xs[idx], keep=True)
            z = acts[-1]
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            dy = (p - t_all[idx]) / len(idx)
            grads = [None] * len(params)
            for li in range(len(params) - 2, -1, -2):
                a = acts[li // 2]
                grads[li] = a.T @ dy
                grads[li + 1] = dy.sum(axis=0)
                if li > 0:
                    dy = (dy @ params[li].T) * (acts[li // 2] > 0)
            lr_t = lr * (step + 1) / warm if step < warm else \
                0.5 * lr * (1 + np.cos(np.pi * min(1.0, (step - warm) / max(total - warm, 1))))
            step += 1
            bc1, bc2 = 1 - 0.9 ** step, 1 - 0.999 ** step
            for j, g in enumerate(grads):
                params[j] *= (1 - lr_t * wd)
                m[j] = 0.9 * m[j] + 0.1 * g
                v[j] = 0.999 * v[j] + 0.001 * g * g
                params[j] -= lr_t * (m[j] / bc1) / (np.sqrt(v[j] / bc2) + 1e-8)
        score = rank_score(dev, forward(xd).argmax(axis=1))
        if score > best + 1e-4:
            best, best_params = score, [p.copy() for p in params]
    params[:] = best_params
    return forward(sc.transform(X[routed]).astype(np.float32)).argmax(axis=1)


hidden = swift["hidden"]
for run in swift["runs"]:
    if run["router"] not in ("Linear", "MLP"):
        continue
    lam = float("inf") if run["lambda"] == "inf" else float(run["lambda"])
    if run["router"] == "Linear":
        timed("Linear")(lambda: train_network([], lam, run["seed"], run["epochs"], 1e-2, 1e-4, 100))
    else:
        timed("MLP")(lambda: train_network(hidden, lam, run["seed"], run["epochs"], 1e-3, 1e-4, 50))

total = sum(timings.values())
print(f"load average at end: {load_average()}")
print(f"{'router':<8} {'swift s':>9} {'python s':>9} {'ratio':>7}   mean test accuracy swift / python")
for name in ["KNN", "PRkNN", "OVR", "K-means", "Linear", "MLP"]:
    s, p = swift["secondsByRouter"].get(name, 0.0), timings.get(name, 0.0)
    sw = [r["testAccuracy"] for r in swift["runs"] if r["router"] == name]
    py = test_accuracy.get(name, [])
    acc = f"{np.mean(sw):.4f} / {np.mean(py):.4f}" if sw and py else ""
    print(f"{name:<8} {s:9.2f} {p:9.2f} {p / s if s else float('nan'):7.2f}x   {acc}")
print(f"{'TOTAL':<8} {swift['totalSeconds']:9.2f} {total:9.2f} {total / swift['totalSeconds']:7.2f}x")
json.dump({"secondsByRouter": timings, "totalSeconds": total}, open(f"{out}/sklearn_timings.json", "w"), indent=2)
