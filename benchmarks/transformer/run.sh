#!/usr/bin/env bash
# Transformer blocks on a MiniLM-L6-shaped encoder (random weights), release build: encode throughput (tokens/s,
# GFLOP/s, share of the measured sgemm peak) and training the top two layers from cached states; then, if a Python
# with torch is given (TORCH_PYTHON=/path/to/venv/bin/python), PyTorch CPU on the same shape.
#   bash benchmarks/transformer/run.sh [--batch 64] [--length 64] [--runs 5] [--threads N]
# OPENBLAS_CORETYPE defaults to Haswell, the kernel family the routerbench executable pins (docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}"
OUT=benchmarks/out/transformer
mkdir -p "$OUT"
swift build -c release --package-path benchmarks --product transformer-speed >/dev/null
"$(swift build -c release --package-path benchmarks --show-bin-path)/transformer-speed" --json "$OUT/swift.json" "$@"
if [ -n "${TORCH_PYTHON:-}" ]; then
  "$TORCH_PYTHON" benchmarks/transformer/torch_forward.py "$@" | tee "$OUT/torch.json"
fi
