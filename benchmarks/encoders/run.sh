#!/usr/bin/env bash
# minilm-l6 embedding throughput, Swift (release build) against PyTorch CPU, on the same prompts with the same
# batching, truncation and thread count; prints both and the ratio.
#   TORCH_PYTHON=/path/venv/bin/python bash benchmarks/encoders/run.sh PROMPTS.jsonl [--batch 64] [--threads N]
# PROMPTS: scripts/fixtures/dump_real_log_prompts.sh writes the real logs' prompts (or any JSONL with "prompt").
# OPENBLAS_CORETYPE defaults to Haswell, the kernel family the routerbench executable pins (docs/architecture.md);
# OPENBLAS_NUM_THREADS and torch's thread count are both --threads (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/../.."
PROMPTS="${1:?usage: benchmarks/encoders/run.sh PROMPTS.jsonl [--batch 64] [--threads N]}"; shift
BATCH=64; THREADS="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in --batch) BATCH="$2"; shift 2;; --threads) THREADS="$2"; shift 2;; *) echo "unknown $1" >&2; exit 64;; esac
done
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}" OPENBLAS_NUM_THREADS="$THREADS"
OUT=benchmarks/out/encoders
mkdir -p "$OUT"
swift build -c release --package-path benchmarks --product minilm-speed >/dev/null
"$(swift build -c release --package-path benchmarks --show-bin-path)/minilm-speed" "$PROMPTS" --batch "$BATCH" \
  | tee "$OUT/swift.json"
if [ -n "${TORCH_PYTHON:-}" ]; then
  "$TORCH_PYTHON" benchmarks/encoders/pytorch_minilm.py "$PROMPTS" --batch "$BATCH" --threads "$THREADS" \
    | tee "$OUT/torch.txt"
  python3 - "$OUT/swift.json" "$OUT/torch.txt" <<'PY'
import json, re, sys
swift = json.load(open(sys.argv[1]))["tokens_per_s"]
torch = float(re.search(r"forward tokens/s: ([\d,]+)", open(sys.argv[2]).read()).group(1).replace(",", ""))
print(f"swift / pytorch: {swift / torch:.2f}x ({swift:,} vs {torch:,.0f} tokens/s)")
PY
fi
