#!/usr/bin/env bash
# Runs ./deploy/demo.sh, follows the walkthrough of examples/shop/README.md ("The demo") with curl,
# sums the resident memory of every process of the demo, stops the demo by its PID (SIGTERM: a
# background job of a non-interactive shell ignores SIGINT) and checks that no process is left.
# Usage: examples/shop/bench/demo-walkthrough.sh   (from anywhere; output on stdout, the demo's in target/demo.out)
set -u
cd "$(dirname "$0")/../../.."
mkdir -p target; rm -rf target/unitize-demo
setsid ./deploy/demo.sh > target/demo.out 2>&1 &
DEMO=$!
echo "demo pid $DEMO"
for i in $(seq 1 120); do grep -q "operator login" target/demo.out && break; kill -0 $DEMO 2>/dev/null || { echo "demo exited"; tail -40 target/demo.out; exit 1; }; sleep 5; done
grep -q "operator login" target/demo.out || { echo "no banner after 10 min"; tail -30 target/demo.out; kill -TERM $DEMO; exit 1; }
echo "banner after ${i}x5 s"; tail -12 target/demo.out
GW_A=http://127.0.0.1:18080; GW_B=http://127.0.0.1:28080; CC=http://127.0.0.1:8090
AUTH=$(cat target/unitize-demo/operator-login.txt)
ORDER='{"items":[{"productId":1,"quantity":2}]}'
echo "== 1"; curl -s -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d "$ORDER" $GW_A/api/orders; echo
echo "== 2"; R=$(curl -s -u $AUTH -X POST $CC/api/v1/cutovers -H 'Content-Type: application/json' -d '{"type":"MOVE_SLOTS","from":7000,"to":7999,"toUnit":"center","reason":"demo: move buyer 7042"}'); echo "$R"
ID=$(echo "$R" | sed -E 's/.*"id":"([^"]+)".*/\1/')
for j in $(seq 1 30); do S=$(curl -s -u $AUTH $CC/api/v1/cutovers/$ID); echo "$S" | grep -q '"status":"\(DONE\|ROLLED_BACK\|FAILED\)"' && break; sleep 2; done; echo "$S" | cut -c1-600
echo "== 3"; curl -s -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d "$ORDER" $GW_B/api/orders; echo
sleep 3
echo "== 4a"; curl -s $GW_A/api/buyers/7042/orders; echo
echo "== 4b"; curl -s $GW_B/api/buyers/7042/orders; echo
echo "== bad"; curl -s -i -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d '{"items":[{"productId":99,"quantity":1}]}' $GW_A/api/orders | head -20; echo
# resident memory of every process of the demo (the process group)
PIDS=$(ps -o pid= -g $(ps -o pgid= -p $DEMO | tr -d ' ') | tr '\n' ' ')
echo "processes: $(echo $PIDS | wc -w)"; ps -o rss=,comm= -p $(echo $PIDS | tr ' ' ',') | awk '{s+=$1; print} END {printf "total RSS %.0f MiB\n", s/1024}'
kill -TERM $DEMO
for k in $(seq 1 60); do L=$(ps -o pid= -p $(echo $PIDS | tr ' ' ',') 2>/dev/null | wc -l); [ "$L" -eq 0 ] && break; sleep 1; done
echo "left after stop: $(ps -o pid=,comm= -p $(echo $PIDS | tr ' ' ',') 2>/dev/null | wc -l)"; ps -o pid=,args= -p $(echo $PIDS | tr ' ' ',') 2>/dev/null | cut -c1-150
