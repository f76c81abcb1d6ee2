#!/bin/sh
# Installs Debian's Chromium for the browser tests (tests/browser), once: a no-op when present.
# The tests drive it through Playwright's Python package with executable_path=/usr/bin/chromium,
# so `playwright install` (which downloads a browser from the internet) is never needed.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
