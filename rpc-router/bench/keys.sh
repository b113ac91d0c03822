#!/usr/bin/env bash
# Issue 23's figure: the unit decision per call for each route key form, today's long-first form as the
# baseline in the same JMH run; writes rpc-router/bench/results/keys.txt.
# Usage: rpc-router/bench/keys.sh   (from anywhere; compiles in the reactor, installs
#   nothing; needs no sandbox, but --exclusive keeps sandboxes and other benchmarks off the CPU while it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o -pl rpc-router -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$PWD/rpc-router/target/bench.classpath"
cp="rpc-router/target/test-classes:rpc-router/target/classes:$(cat rpc-router/target/bench.classpath)"
out=rpc-router/bench/results/keys.txt
{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (no sandbox or other benchmark running;"
  echo "#   other engineers' compiles and unit tests may have run at the same time)"
  echo "# command: rpc-router/bench/keys.sh"
  echo "# JMH avgt ns/op, 2 forks, 3x1 s warmup, 5x1 s measurement, 1 thread; one run, every form side by side."
  echo "#   longFirstToday: baseline, today's decision on the first argument; argumentsOnly: the floor (picking the arguments);"
  echo "#   the other forms: reader looked up per call (ServiceKeys by method name and types) + key read + slot + home unit"
  java -cp "$cp" org.openjdk.jmh.Main 'RouteKeyBenchmark' -bm avgt -tu ns -f 2 -wi 3 -w 1s -i 5 -r 1s -t 1 \
    2>&1 | grep -E "^Benchmark|^RouteKeyBenchmark"
  echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
