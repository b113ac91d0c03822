#!/usr/bin/env bash
# The local demo: two units on real servers (Nacos, RocketMQ, MariaDB replicating both ways,
# Redis, Canal), every address printed; Ctrl-C stops everything. Needs only a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then
  echo "UNITIZE-DEMO-001 java not found: install a JDK 17 or newer and put it on PATH" >&2
  exit 2
fi
echo "unitize demo: building the sandbox (first run downloads the servers from Maven Central)..."
./mvnw -q -B -DskipTests install -pl deploy/sandbox -am
./mvnw -q -B dependency:build-classpath -pl deploy/sandbox -DincludeScope=runtime \
  -Dmdep.outputFile="$PWD/deploy/sandbox/target/demo.classpath"
exec java -cp "deploy/sandbox/target/classes:$(cat deploy/sandbox/target/demo.classpath)" \
  io.unitize.sandbox.SandboxMain "${UNITIZE_DEMO_DIR:-target/unitize-demo}"
