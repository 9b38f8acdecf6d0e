#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
echo "Installing Debian's chromium for the browser tests..."
run() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
run apt-get update -qq
DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
