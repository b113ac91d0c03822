#!/usr/bin/env bash
# The local demo: two units on real servers (Nacos, RocketMQ, MariaDB replicating both ways,
# Redis, Canal), the control center on http://127.0.0.1:8090, a real gateway per unit (:18080 center,
# :28080 unit-b, each with a demo backend) and demo agents per unit; every
# address printed; Ctrl-C stops everything. Needs only a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then
  echo "UNITIZE-DEMO-001 java not found: install a JDK 17 or newer and put it on PATH" >&2
  exit 2
fi
echo "unitize demo: building (first run downloads the servers from Maven Central)..."
./mvnw -q -B -DskipTests install -pl deploy/demo -am
./mvnw -q -B dependency:build-classpath -pl deploy/demo -DincludeScope=runtime \
  -Dmdep.outputFile="$PWD/deploy/demo/target/demo.classpath"
exec java -cp "deploy/demo/target/classes:$(cat deploy/demo/target/demo.classpath)" \
  io.unitize.demo.DemoMain "${UNITIZE_DEMO_DIR:-target/unitize-demo}"
