#!/usr/bin/env bash
# Installs Debian's headless Chromium and its WebDriver for the console's browser tests
# (control-center ConsoleBrowserIT). Idempotent: does nothing when both are present. Needs root
# (or sudo) and apt; where neither is available it says so and the browser tests are skipped.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "UNITIZE-CI-010 cannot install chromium + chromium-driver (not root, no sudo): the console's browser tests will be skipped" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "UNITIZE-CI-011 no apt-get: install Chromium and chromedriver yourself, or the console's browser tests are skipped" >&2
  exit 0
fi
echo "installing chromium + chromium-driver (console browser tests)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
command -v chromium && command -v chromedriver
