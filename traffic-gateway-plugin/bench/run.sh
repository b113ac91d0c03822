#!/usr/bin/env bash
# Issue 9's and 17's figures: wrk against gateways with and without the Unitize filter, local and forward path (alternating runs);
# writes traffic-gateway-plugin/bench/results/gateway.md. Installs wrk (Debian) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk
fi
# in the reactor (never install: other builds resolve the SNAPSHOT jars from ~/.m2); it starts the sandbox: hold the lock
flock /tmp/unitize-sandbox.lock ./mvnw -B -pl traffic-gateway-plugin -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=GatewayLoadBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dunitize.bench=true
cat traffic-gateway-plugin/bench/results/gateway.md
