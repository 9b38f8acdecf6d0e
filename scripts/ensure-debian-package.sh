#!/usr/bin/env bash
# ensure-debian-package.sh COMMAND PACKAGE: install Debian's PACKAGE unless COMMAND exists.
# Used for chromium (browser tests; Playwright cannot download its own here) and wrk (bench).
set -euo pipefail
command=$1 package=$2
if command -v "$command" >/dev/null 2>&1 || [[ -x $command ]]; then
  exit 0
fi
echo "Installing Debian's $package..."
run() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
run apt-get update -qq
DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq "$package" >/dev/null
command -v "$command" >/dev/null 2>&1 || [[ -x $command ]]
