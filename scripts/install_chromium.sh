#!/usr/bin/env bash
# Install Debian's Chromium (and its driver) for the browser test, as root or through sudo.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "newsetl: error: the browser test needs Debian's chromium; install it (apt-get install chromium) as root" >&2
    exit 2
fi
echo "newsetl: installing Debian's chromium for the browser test ..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
