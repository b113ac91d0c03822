#!/usr/bin/env bash
# The local demo: two units on real servers (Nacos, RocketMQ, MariaDB replicating both ways,
# Redis, Canal), the control center on http://127.0.0.1:8090 (its own process), a real gateway per unit (:18080 center,
# :28080 unit-b) in front of that unit's shop (examples/shop: orders, inventory, catalog, consumers);
# every address, the walkthrough and the operator login printed; Ctrl-C stops everything.
# ./deploy/demo.sh --same-data starts it again on the last run's folder and data.
# Needs only a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then
  echo "UNITIZE-DEMO-001 java not found: install a JDK 17 or newer and put it on PATH" >&2
  exit 2
fi
echo "unitize demo: building (first run downloads the servers from Maven Central)..."
# one reactor build: the modules resolve each other from their target/ folders (nothing installed in ~/.m2)
./mvnw -q -B -DskipTests package dependency:build-classpath -pl deploy/demo,examples/shop -am \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath
SHOP_CP="$PWD/examples/shop/target/shop.classpath"
echo "$(ls "$PWD"/examples/shop/target/unitize-example-shop-*.jar | head -1):$(cat examples/shop/target/runtime.classpath)" > "$SHOP_CP"
# the control center runs as its own process, on its own classpath (the -am build above wrote it)
CC_CP="$PWD/control-center/target/control-center.classpath"
echo "$(ls "$PWD"/control-center/target/unitize-control-center-*.jar | grep -v -e sources -e javadoc | head -1):$(cat control-center/target/runtime.classpath)" > "$CC_CP"
exec java -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dunitize.demo.shop-classpath="$SHOP_CP" -Dunitize.demo.control-center-classpath="$CC_CP" \
  -cp "deploy/demo/target/classes:$(cat deploy/demo/target/runtime.classpath)" \
  io.unitize.demo.DemoMain "${UNITIZE_DEMO_DIR:-target/unitize-demo}" "$@"
