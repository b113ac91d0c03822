#!/usr/bin/env bash
# Issues 6 and 25's figures; writes rpc-router/bench/results/router.txt.
# Usage: rpc-router/bench/run.sh   (from anywhere; compiles in the reactor, installs nothing)
# Env: ROUNDS (alternating rounds, default 24), PROVIDERS (providers per unit, default 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-24}
providers=${PROVIDERS:-2}
./mvnw -q -B -o -pl rpc-router -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$PWD/rpc-router/target/bench.classpath"
cp="rpc-router/target/test-classes:rpc-router/target/classes:$(cat rpc-router/target/bench.classpath)"
quiet=-Dlogback.configurationFile=rpc-router/bench/logback-quiet.xml
out=rpc-router/bench/results/router.txt
{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1); client, servers and JMH share the cores"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (no other benchmark or sandbox running;"
  echo "#   other engineers' compiles may have run at the same time)"
  echo "# command: rpc-router/bench/run.sh  (ROUNDS=$rounds PROVIDERS=$providers)"
  echo "# decision: JMH avgt ns/op, 2 forks, 2x1 s warmup, 5x1 s measurement, 1 thread (baseline: drawing the random buyer)"
  java -cp "$cp" org.openjdk.jmh.Main 'RouterBenchmark\.(decide|drawBuyerOnly)' -bm avgt -tu ns -f 2 -wi 2 -w 1s -i 5 -r 1s -t 1 \
    2>&1 | grep -E "^Benchmark|^RouterBenchmark"
  echo "# UnitStateRouter.route() per call: JMH avgt ns/op, 2 forks, 2x1 s warmup, 5x1 s measurement, 1 thread;"
  echo "#   route: unit already decided by the cluster filter (the call path); routeAndDecide: the router decides too;"
  echo "#   baseline: drawing the buyer and building the invocation; providersPerUnit providers in each of 2 units"
  java -cp "$cp" $quiet org.openjdk.jmh.Main 'StateRouterBenchmark' -bm avgt -tu ns -f 2 -wi 2 -w 1s -i 5 -r 1s -t 1 \
    2>&1 | grep -E "^Benchmark|^StateRouterBenchmark"
  echo "# Dubbo call throughput on loopback (::1), with the router (consumer cluster filter + zone detector + state router,"
  echo "#   provider guard) vs without (the same implementation behind a service without @HARoute, same applications):"
  echo "#   $providers providers per unit in 2 units, each registered in its unit's sandbox Nacos, one consumer subscribed to both;"
  echo "#   buyers of both units. Alternating 2 s windows (with, without, without, with, ...), $rounds rounds, 4 client threads,"
  echo "#   after 5 s of warm-up per side: the drift of this 2-vCPU VM hits both sides alike"
  java -cp "$cp" $quiet -Dbench.providersPerUnit="$providers" io.unitize.rpc.bench.AlternatingThroughput "$rounds" 2000 4 2>&1 \
    | grep -E "^(round|[0-9]+ \||total)"
} | tee "$out"
