#!/usr/bin/env bash
# Kept for existing commands: installs the test tools (Chromium + chromedriver for the console's
# browser tests, and now promtool for the alert rules' checks). See install-ci-tools.sh.
set -euo pipefail
exec "$(dirname "$0")/install-ci-tools.sh" "$@"
