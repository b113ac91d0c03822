#!/usr/bin/env bash
# In-process ID throughput with JMH; writes id-service/bench/results/in-process.txt.
# Usage: id-service/bench/run.sh   (from anywhere; builds the test classes first)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl id-service -am -DskipTests install
./mvnw -q -B -pl id-service test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$PWD/id-service/target/bench.classpath"
out=id-service/bench/results/in-process.txt
{
  echo "# machine: $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1)"
  echo "# command: id-service/bench/run.sh (JMH: 1 fork, 2x2 s warmup, 3x3 s measurement, 1 and 2 threads)"
  java -cp "id-service/target/test-classes:id-service/target/classes:$(cat id-service/target/bench.classpath)" \
    org.openjdk.jmh.Main 'io.unitize.id.bench.IdGeneratorBenchmark' -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1 2>&1 | tail -8
  java -cp "id-service/target/test-classes:id-service/target/classes:$(cat id-service/target/bench.classpath)" \
    org.openjdk.jmh.Main 'io.unitize.id.bench.IdGeneratorBenchmark' -f 1 -wi 2 -w 2s -i 3 -r 3s -t 2 2>&1 | tail -8
} | tee "$out"
