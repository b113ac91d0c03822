#!/usr/bin/env bash
# In-process ID throughput with JMH; writes id-service/bench/results/in-process.txt.
# Usage: id-service/bench/run.sh   (from anywhere; compiles in the reactor first,
# installs nothing). 1 thread: 3 forks, 5x1 s; 2 threads: 5 forks, 5x1 s (two threads on one lock on 2 cores vary from
# fork to fork); 3x1 s warmup each. Prints JMH's table and every iteration's raw score.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o -pl id-service -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$PWD/id-service/target/bench.classpath"
cp="id-service/target/test-classes:id-service/target/classes:$(cat id-service/target/bench.classpath)"
out=id-service/bench/results/in-process.txt
json=id-service/target/jmh
mkdir -p "$json"
run() { # threads forks measurement-seconds [jmh options]
  java -cp "$cp" org.openjdk.jmh.Main "${@:4}" -f "$2" -wi 3 -w 1s -i 5 -r "$3"s -t "$1" \
    -rf json -rff "$json/t$1.json" > "$json/t$1.log" 2>&1
  grep -E "^Benchmark|^IdGeneratorBenchmark" "$json/t$1.log"
  python3 - "$json/t$1.json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1])):
    raw = b["primaryMetric"]["rawData"]
    name = b["benchmark"].rsplit(".", 1)[1]
    m = b["primaryMetric"]
    if name == "snowflakeNextId":
        print("snowflake (%s threads): %.0f IDs/s = %.1f%% of the layout's cap of 4,096,000/s (error +- %.0f)"
              % (b["threads"], m["score"], 100 * m["score"] / 4096000, m["scoreError"]))
    print("raw %s (%s threads), ops/s per iteration, one line per fork:" % (name, b["threads"]))
    for fork in raw:
        print("  " + " ".join("%.0f" % v for v in fork))
PY
}
{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1), clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo '?')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (no other benchmark or sandbox running;"
  echo "#   other engineers' compiles may have run at the same time)"
  echo "# command: id-service/bench/run.sh"
  echo "# baselines in the same run: AtomicLong.incrementAndGet (a shared counter's ceiling), UUID.randomUUID;"
  echo "#   threadSleep1ms: what one Thread.sleep(1) takes here (ops/s -> 1/ops = the sleep's real length)"
  echo "# snowflake cap (standard layout): 4,096 IDs per ms and worker = 4,096,000 IDs/s; target >= 90% = 3,686,400 IDs/s"
  echo "## 1 thread, 3 forks x 5 x 1 s"
  run 1 3 1 'io.unitize.id.bench.IdGeneratorBenchmark'
  echo "## 2 threads, 5 forks x 5 x 1 s (the generators and the AtomicLong ceiling)"
  run 2 5 1 'io.unitize.id.bench.IdGeneratorBenchmark.(snowflakeNextId|segmentNextId|baselineAtomicLong)$' 
} | tee "$out"
