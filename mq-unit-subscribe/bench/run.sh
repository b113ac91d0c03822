#!/usr/bin/env bash
# Issue 10's figures: the consumer-side filter cost (JMH) -> bench/results/filter.txt, and the replication
# lag on the sandbox (two units, real brokers) -> bench/results/replication.md.
# Usage: mq-unit-subscribe/bench/run.sh   (from anywhere; builds first)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl mq-unit-subscribe -am install -DskipTests
./mvnw -q -B -pl mq-unit-subscribe test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$PWD/mq-unit-subscribe/target/bench.classpath"
cp="mq-unit-subscribe/target/test-classes:mq-unit-subscribe/target/classes:$(cat mq-unit-subscribe/target/bench.classpath)"
out=mq-unit-subscribe/bench/results/filter.txt
{
  echo "# machine: $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1)"
  echo "# command: mq-unit-subscribe/bench/run.sh"
  echo "# UNIT-mode decision per message: JMH avgt ns/op, 1 fork, 3x2 s warmup, 5x2 s measurement, 1 thread"
  echo "# baseline (same run): reading the same three user properties of the RocketMQ message, no decision"
  java -cp "$cp" org.openjdk.jmh.Main 'FilterBenchmark' -bm avgt -tu ns -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
    2>&1 | grep -E "^Benchmark|^FilterBenchmark"
} | tee "$out"
./mvnw -q -B -pl mq-unit-subscribe verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ReplicationLagBenchmarkIT -Dunitize.bench=true
cat mq-unit-subscribe/bench/results/replication.md
