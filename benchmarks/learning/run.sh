#!/usr/bin/env bash
# Speed benchmark of the six feature-level routers: Swift (release) against numpy/scikit-learn on the same data.
#   bash benchmarks/learning/run.sh [OUT_DIR] [--quick] [--hidden 256] [--threads N] [--routers KNN,MLP] [--lambdas 0,inf]
# (OPENBLAS_NUM_THREADS=1 in the environment pins both the Swift and the Python side to one BLAS thread.)
# Writes OUT_DIR/{X,Y,C,train,dev,test}.npy, timings.json (Swift), sklearn_timings.json (Python) and prints both.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-/tmp/routerbench-speed}"; shift || true
swift build -c release --package-path benchmarks --product learning-speed
mkdir -p "$OUT"
"$(swift build -c release --package-path benchmarks --show-bin-path)/learning-speed" "$OUT" "$@"
python3 benchmarks/learning/sklearn_routers.py "$OUT"
