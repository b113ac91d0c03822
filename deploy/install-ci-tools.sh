#!/usr/bin/env bash
# Installs the Debian packages that some tests use, and nothing else:
#   chromium + chromium-driver  the console's browser tests (control-center ConsoleBrowserIT)
#   prometheus (for promtool)   the alert rules' checks (deploy/helm-test PromtoolTest); no
#                               server is started (Debian's service needs systemd)
# Idempotent: installs only what is missing. Needs root (or sudo) and apt; where neither is
# available it says so and the tests that need the tool are skipped with a message.
set -euo pipefail
PKGS=()
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  PKGS+=(chromium chromium-driver)
fi
if ! command -v promtool >/dev/null 2>&1; then
  PKGS+=(prometheus)
fi
if [ ${#PKGS[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "UNITIZE-CI-010 cannot install ${PKGS[*]} (not root, no sudo): the tests that need them will be skipped" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "UNITIZE-CI-011 no apt-get: install ${PKGS[*]} yourself, or the tests that need them are skipped" >&2
  exit 0
fi
echo "installing ${PKGS[*]} (browser tests, promtool)..."
$SUDO apt-get update -qq
# the prometheus package's service does not start without systemd
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null
for tool in chromium chromedriver promtool; do command -v "$tool"; done
