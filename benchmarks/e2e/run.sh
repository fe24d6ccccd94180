#!/usr/bin/env bash
# Training throughput of the four end-to-end routers at their defaults (release build): samples/s, GFLOP/s of the
# forward + backward matrix products and their share of the sgemm peak measured in the same run, one BLAS thread
# (as each run of a sweep). docs/end-to-end.md, "Training throughput", has the figures and the FLOP formula.
#   bash benchmarks/e2e/run.sh [--rows 20440] [--epochs 1] [--threads 1] [--routers CosineCls,RouterDC,ZOOTER,VLC]
# OPENBLAS_CORETYPE defaults to Haswell, the kernel family the routerbench executable pins (docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}"
OUT=benchmarks/out/e2e
mkdir -p "$OUT"
swift build -c release --package-path benchmarks --product e2e-speed >/dev/null
"$(swift build -c release --package-path benchmarks --show-bin-path)/e2e-speed" --json "$OUT/swift.json" "$@"
