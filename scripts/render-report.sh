#!/usr/bin/env bash
# Renders a report's index.html to a PNG with headless Chromium (Debian package `chromium`), to look at the page as
# a reader would. Usage: bash scripts/render-report.sh [results/index.html] [out.png]
set -euo pipefail
page=${1:-results/index.html}
out=${2:-${page%.html}.png}
if ! command -v chromium >/dev/null; then
  echo "==> installing chromium (Debian)"; SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,4200 \
  --screenshot="$(realpath -m "$out")" "file://$(realpath "$page")" 2>/dev/null
echo "wrote $out"
