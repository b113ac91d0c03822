#!/usr/bin/env bash
# Issue 6's figures with JMH; writes rpc-router/bench/results/router.txt.
# Usage: rpc-router/bench/run.sh   (from anywhere; builds first)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl rpc-router -am install -DskipTests
./mvnw -q -B -pl rpc-router test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$PWD/rpc-router/target/bench.classpath"
cp="rpc-router/target/test-classes:rpc-router/target/classes:$(cat rpc-router/target/bench.classpath)"
out=rpc-router/bench/results/router.txt
{
  echo "# machine: $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1); client, server and JMH share the cores"
  echo "# command: rpc-router/bench/run.sh"
  echo "# decision: JMH avgt ns/op, 1 fork, 3x2 s warmup, 5x2 s measurement, 1 thread (baseline: drawing the random buyer)"
  java -cp "$cp" org.openjdk.jmh.Main 'RouterBenchmark\.(decide|drawBuyerOnly)' -bm avgt -tu ns -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
    2>&1 | grep -E "^Benchmark|^RouterBenchmark"
  echo "# Dubbo calls on loopback (::1): JMH thrpt ops/s, 1 fork, 3x5 s warmup, 5x5 s measurement, 4 client threads;"
  echo "# baseline: the same implementation behind a service without @HARoute, same provider and consumer applications"
  java -cp "$cp" -Dlogback.configurationFile=rpc-router/bench/logback-quiet.xml org.openjdk.jmh.Main 'RouterBenchmark\.call' \
    -bm thrpt -tu s -f 1 -wi 3 -w 5s -i 5 -r 5s -t 4 2>&1 | grep -E "^Benchmark|^RouterBenchmark"
  echo "# The same comparison in alternating 2 s windows (with, without, without, with, ...), 20 rounds, 4 client threads:"
  echo "# drift of this 2-vCPU VM (steal time) hits both sides alike; the JMH pair above runs one after the other"
  java -cp "$cp" -Dlogback.configurationFile=rpc-router/bench/logback-quiet.xml io.unitize.rpc.bench.AlternatingThroughput 20 2000 4 2>&1 | grep -E "^(round|[0-9]+ \||total)"
} | tee "$out"
