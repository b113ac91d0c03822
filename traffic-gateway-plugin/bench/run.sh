#!/usr/bin/env bash
# Issue 25's gateway figures: open loop (LoadDriver, its own JVM) at 50% and 80% of plain Spring Cloud Gateway's capacity,
# local, forward (signed hop) and JWT paths, plain SCG alternating with the Unitize side in the same run; a JFR profile of the
# forward path per side; overload rounds (the statuses an overloaded gateway answers).
# Writes traffic-gateway-plugin/bench/results/gateway-open-loop.md (OVERLOAD_ONLY=true: gateway-overload.md).
# It starts the sandbox (Nacos): run it holding both slots,
#   traffic-gateway-plugin/bench/run.sh
# Knobs: ROUNDS (4), SECONDS_PER_ROUND (8), PATHS (local,forward,jwt), PROFILE (true), OVERLOAD_ONLY (false).
set -euo pipefail
cd "$(dirname "$0")/../.."
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "${COMMIT:-?}")
# in the reactor (never install: other builds resolve the SNAPSHOT jars from ~/.m2)
./mvnw -B -o -pl traffic-gateway-plugin -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=GatewayOpenLoopBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dunitize.bench=true \
  -Dgw.bench.rounds="${ROUNDS:-4}" -Dgw.bench.seconds="${SECONDS_PER_ROUND:-8}" -Dgw.bench.paths="${PATHS:-local,forward,jwt}" \
  -Dgw.bench.profile="${PROFILE:-true}" -Dgw.bench.overload-only="${OVERLOAD_ONLY:-false}" -Dgw.bench.commit="$COMMIT"
if [ "${OVERLOAD_ONLY:-false}" = true ]; then
  cat traffic-gateway-plugin/bench/results/gateway-overload.md
else
  cat traffic-gateway-plugin/bench/results/gateway-open-loop.md
fi
