#!/usr/bin/env bash
# cl100k tokenizer on long space-free pieces (issue 14): 64 KiB, 1 MiB and 100 MiB of letters / one repeated letter /
# digits / spaces, release build, one core. Prints one JSON line per case (MB/s and the token count).
#   bash benchmarks/tokenizer/run.sh [sizes in bytes…] [--kinds letters,a,digits,spaces]
# With TIKTOKEN_PYTHON=/tmp/venv/bin/python (a venv with `pip install tiktoken numpy`), tiktoken runs the same
# inputs afterwards (tokenizer/tiktoken_long_pieces.py; TIKTOKEN_TIMEOUT seconds per run of it, default 900) and one
# ratio line per case follows, with the token counts compared.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${ROUTERBENCH_TIKTOKEN:-}" ] || export ROUTERBENCH_TIKTOKEN="$PWD/../.cache/tiktoken/cl100k_base.tiktoken"
swift build -c release --package-path . --product tokenizer-long-pieces >/dev/null
ours=$(mktemp)
"$(swift build -c release --package-path . --show-bin-path)/tokenizer-long-pieces" "$@" | tee "$ours"
if [ -n "${TIKTOKEN_PYTHON:-}" ]; then
  theirs=$(mktemp)
  timeout "${TIKTOKEN_TIMEOUT:-900}" "$TIKTOKEN_PYTHON" tokenizer/tiktoken_long_pieces.py "$@" | tee "$theirs" || \
    echo "{\"impl\": \"tiktoken\", \"note\": \"stopped after ${TIKTOKEN_TIMEOUT:-900} s; cases without a line did not finish\"}"
  python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
theirs = {(d["kind"], d["bytes"]): d for d in (json.loads(l) for l in open(sys.argv[2]) if l.strip())}
for o in ours:
    t = theirs.get((o["kind"], o["bytes"]))
    if t is None:
        print(json.dumps({"kind": o["kind"], "bytes": o["bytes"], "tiktoken": "did not finish"}))
        continue
    print(json.dumps({"kind": o["kind"], "bytes": o["bytes"], "same_tokens": o["tokens"] == t["tokens"],
                      "ours_s": o["seconds"], "tiktoken_s": t["seconds"],
                      "speedup_vs_tiktoken": round(t["seconds"] / o["seconds"], 2)}))
PY
fi
