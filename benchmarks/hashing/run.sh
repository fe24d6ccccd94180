#!/usr/bin/env bash
# SHA-256 throughput: BenchCore's SHA256 (release) against Python's hashlib (OpenSSL) on the same 64 MiB, same run.
#   bash benchmarks/hashing/run.sh [MiB]
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-64}
swift build -c release --package-path . --product sha-throughput >/dev/null
SWIFT_JSON=$("$(swift build -c release --package-path . --show-bin-path)/sha-throughput" "$MIB")
echo "$SWIFT_JSON"
python3 - "$MIB" "$SWIFT_JSON" <<'PY'
import hashlib, json, sys, time
mib, ours = int(sys.argv[1]), json.loads(sys.argv[2])
data = b"a" * (mib << 20)
best = min((lambda t: (hashlib.sha256(data).hexdigest(), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(5))
assert hashlib.sha256(data).hexdigest() == ours["sha256"], "digests differ"
py = len(data) / 1e6 / best
print(json.dumps({"implementation": "hashlib (OpenSSL)", "mb_per_s": py}))
print(f"routerbench {ours['mb_per_s']:.0f} MB/s vs hashlib {py:.0f} MB/s: ratio {ours['mb_per_s'] / py:.2f} (target: routerbench >= 200 MB/s)")
PY
