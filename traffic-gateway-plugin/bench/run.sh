#!/usr/bin/env bash
# Issue 9's figures: wrk against a gateway with and without the Unitize filter (alternating runs);
# writes traffic-gateway-plugin/bench/results/gateway.md. Installs wrk (Debian) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk
fi
./mvnw -q -B -pl traffic-gateway-plugin -am install -DskipTests
./mvnw -B -pl traffic-gateway-plugin verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=GatewayLoadBenchmarkIT -Dunitize.bench=true
cat traffic-gateway-plugin/bench/results/gateway.md
