#!/usr/bin/env bash
# Issue 25's gateway figures: open loop (LoadDriver, its own JVM) at 50% and 80% of plain Spring Cloud Gateway's capacity,
# local, forward (signed hop) and JWT paths, plain SCG alternating with the Unitize side in the same run; overload statuses.
# Writes traffic-gateway-plugin/bench/results/gateway-open-loop.md. It starts the sandbox (Nacos): run it holding both slots,
#   /work/wt/sandbox-slot --exclusive traffic-gateway-plugin/bench/run.sh
# Knobs: ROUNDS (4), SECONDS_PER_ROUND (8), PATHS (local,forward,jwt).
set -euo pipefail
cd "$(dirname "$0")/../.."
# in the reactor (never install: other builds resolve the SNAPSHOT jars from ~/.m2)
./mvnw -B -o -pl traffic-gateway-plugin -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=GatewayOpenLoopBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dunitize.bench=true \
  -Dgw.bench.rounds="${ROUNDS:-4}" -Dgw.bench.seconds="${SECONDS_PER_ROUND:-8}" -Dgw.bench.paths="${PATHS:-local,forward,jwt}"
cat traffic-gateway-plugin/bench/results/gateway-open-loop.md
