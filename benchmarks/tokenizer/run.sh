#!/usr/bin/env bash
# cl100k tokenizer on long space-free pieces (issue 14): 64 KiB, 1 MiB and 100 MiB of letters / one repeated letter /
# digits / spaces, release build, one core. Prints one JSON line per case (MB/s and the token count).
#   bash benchmarks/tokenizer/run.sh [sizes in bytes…] [--kinds letters,a,digits,spaces]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${ROUTERBENCH_TIKTOKEN:-}" ] || export ROUTERBENCH_TIKTOKEN="$PWD/../.cache/tiktoken/cl100k_base.tiktoken"
swift build -c release --package-path . --product tokenizer-long-pieces >/dev/null
"$(swift build -c release --package-path . --show-bin-path)/tokenizer-long-pieces" "$@"
