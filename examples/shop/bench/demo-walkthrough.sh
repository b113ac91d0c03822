#!/usr/bin/env bash
# Runs ./deploy/demo.sh, follows the walkthrough of examples/shop/README.md ("The demo") with curl —
# an order of buyer 7042 through either gateway, a cutover of slots 7000-7999 during which the
# control center is killed with SIGKILL (the demo starts it again on its store; it resumes the
# cutover), the next order in the new unit, an order of a JWT-identified buyer — sums the resident
# memory of every process of the demo, stops the demo by its PID (SIGTERM: a background job of a
# non-interactive shell ignores SIGINT) and checks that no process is left.
# Then it starts the demo again on the same data (./deploy/demo.sh --same-data), reads the orders
# back, places one more, and stops it again.
# Usage: examples/shop/bench/demo-walkthrough.sh   (from anywhere; output on stdout, the demo's in target/demo.out)
set -u
cd "$(dirname "$0")/../../.."
mkdir -p target; rm -rf target/unitize-demo
setsid ./deploy/demo.sh > target/demo.out 2>&1 &
DEMO=$!
T0=$(date +%s)
echo "demo pid $DEMO, $(date -u +%FT%TZ)"
for i in $(seq 1 240); do grep -q "operator login" target/demo.out && break; kill -0 $DEMO 2>/dev/null || { echo "demo exited"; tail -40 target/demo.out; exit 1; }; sleep 5; done
grep -q "operator login" target/demo.out || { echo "no banner after 20 min"; tail -30 target/demo.out; kill -TERM $DEMO; exit 1; }
echo "banner after $(( $(date +%s) - T0 )) s (build included); its last lines:"; grep -A40 "==== Unitize demo is up" target/demo.out | tail -14
D=target/unitize-demo
GW_A=http://127.0.0.1:18080; GW_B=http://127.0.0.1:28080; CC=http://127.0.0.1:8090
AUTH=$(cat $D/operator-login.txt)
ORDER='{"items":[{"productId":1,"quantity":2}]}'
echo "== 1. buyer 7042 through the center's gateway"; curl -s -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d "$ORDER" $GW_A/api/orders; echo
echo "== 2. cutover of 7000-7999 to the center, the control center killed (SIGKILL) right after the request"
R=$(curl -s -u $AUTH -X POST $CC/api/v1/cutovers -H 'Content-Type: application/json' -d '{"type":"MOVE_SLOTS","from":7000,"to":7999,"toUnit":"center","reason":"demo: move buyer 7042"}'); echo "$R" | cut -c1-300
ID=$(echo "$R" | sed -E 's/.*"id":"([^"]+)".*/\1/')
OLD=$(cat $D/control-center.pid); kill -9 $OLD; echo "killed control center pid $OLD at $(date -u +%T.%N | cut -c1-12)"
for j in $(seq 1 120); do NEW=$(cat $D/control-center.pid); [ "$NEW" != "$OLD" ] && curl -s -o /dev/null -w '%{http_code}' $CC/login 2>/dev/null | grep -q 200 && break; sleep 1; done
echo "control center back as pid $NEW after ~${j} s"; grep -o "UNITIZE-DEMO-02[0-9][^;]*" target/demo.out | tail -2
for j in $(seq 1 60); do S=$(curl -s -u $AUTH $CC/api/v1/cutovers/$ID); echo "$S" | grep -q '"status":"\(DONE\|ROLLED_BACK\|FAILED\)"' && break; sleep 2; done; echo "$S"; echo
if ! echo "$S" | grep -q '"status":"DONE"'; then
  echo "== 2b. the resumed cutover did not finish DONE: the same cutover again, no kill"
  R=$(curl -s -u $AUTH -X POST $CC/api/v1/cutovers -H 'Content-Type: application/json' -d '{"type":"MOVE_SLOTS","from":7000,"to":7999,"toUnit":"center","reason":"demo: move buyer 7042 (again)"}')
  ID=$(echo "$R" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  for j in $(seq 1 60); do S=$(curl -s -u $AUTH $CC/api/v1/cutovers/$ID); echo "$S" | grep -q '"status":"\(DONE\|ROLLED_BACK\|FAILED\)"' && break; sleep 2; done; echo "$S" | cut -c1-600; echo
fi
echo "== 3. the next order of 7042 through unit-b's gateway"; curl -s -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d "$ORDER" $GW_B/api/orders; echo
sleep 3
echo "== 4a"; curl -s $GW_A/api/buyers/7042/orders; echo
echo "== 4b"; curl -s $GW_B/api/buyers/7042/orders; echo
echo "== 5. a buyer identified by a JWT only (HS256, sub 5321: unit-b), through the center's gateway"
b64() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
KEY=$(cat $D/buyer-jwt-key.txt)
H=$(printf '{"alg":"HS256","typ":"JWT"}' | b64); P=$(printf '{"sub":"5321","exp":%d}' $(( $(date +%s) + 600 )) | b64)
SIG=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -hmac "$KEY" -binary | b64)
curl -s -H "Authorization: Bearer $H.$P.$SIG" -H 'Content-Type: application/json' -d "$ORDER" $GW_A/api/orders; echo
echo "   the same token with a wrong signature:"; curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $H.$P.x$SIG" -H 'Content-Type: application/json' -d "$ORDER" $GW_A/api/orders
echo "== bad"; curl -s -i -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d '{"items":[{"productId":99,"quantity":1}]}' $GW_A/api/orders | head -20; echo
# resident memory of every process of the demo (the process group, plus the restarted control center, which is in it too)
PIDS=$(ps -o pid= -g $(ps -o pgid= -p $DEMO | tr -d ' ') | tr '\n' ' ')
echo "processes: $(echo $PIDS | wc -w)"
ps -o rss=,args= -p $(echo $PIDS | tr ' ' ',') | awk '{
  name=$2; if ($0 ~ /DemoMain/) name="demo JVM (both gateways)"; else if ($0 ~ /ControlCenterApplication/) name="control center";
  else if ($0 ~ /ShopApplication/) { match($0, /--shop.unit=[a-z0-9-]+/); name="shop " substr($0, RSTART+12, RLENGTH-12) }
  else if (match($0, /run-[0-9]+\/[a-z0-9-]+\/[a-z]+/)) { split(substr($0, RSTART, RLENGTH), f, "/"); name=f[3] " " f[2];
    if ($0 ~ /BrokerStartup/) name=name " broker"; else if ($0 ~ /NamesrvStartup/) name=name " name server" }
  else if ($0 ~ /setpriv|bash|mvnw/) name="(wrapper) " $2;
  s+=$1; printf "%6.0f MiB  %s\n", $1/1024, name } END {printf "total RSS %.0f MiB\n", s/1024}'
T1=$(date +%s); kill -TERM $DEMO
for k in $(seq 1 90); do L=$(ps -o pid= -p $(echo $PIDS | tr ' ' ',') 2>/dev/null | wc -l); [ "$L" -eq 0 ] && break; sleep 1; done
echo "left after stop ($(( $(date +%s) - T1 )) s): $(ps -o pid=,comm= -p $(echo $PIDS | tr ' ' ',') 2>/dev/null | wc -l)"; ps -o pid=,args= -p $(echo $PIDS | tr ' ' ',') 2>/dev/null | cut -c1-150

echo "== 6. the demo again on the same run folder and data: ./deploy/demo.sh --same-data"
T2=$(date +%s)
setsid ./deploy/demo.sh --same-data > target/demo2.out 2>&1 &
DEMO2=$!
for i in $(seq 1 240); do grep -q "operator login" target/demo2.out && break; kill -0 $DEMO2 2>/dev/null || { echo "demo (same data) exited"; tail -40 target/demo2.out; exit 1; }; sleep 5; done
grep -q "operator login" target/demo2.out || { echo "no banner after 20 min"; tail -30 target/demo2.out; kill -TERM $DEMO2; exit 1; }
echo "banner after $(( $(date +%s) - T2 )) s (build included):"; grep -E "starting again|Press Ctrl-C|operator login" target/demo2.out
AUTH=$(cat $D/operator-login.txt)
echo "== 6a. the orders of 7042 from either gateway (the earlier run's data)"; curl -s $GW_A/api/buyers/7042/orders; echo; curl -s $GW_B/api/buyers/7042/orders; echo
echo "== 6b. the control center's store: the earlier cutover"; curl -s -u $AUTH $CC/api/v1/cutovers | cut -c1-300; echo
echo "== 6c. one more order of 7042 through unit-b's gateway (slot 7042 is the center's since the cutover)"
curl -s -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d "$ORDER" $GW_B/api/orders; echo
PIDS2=$(ps -o pid= -g $(ps -o pgid= -p $DEMO2 | tr -d ' ') | tr '\n' ' ')
echo "processes: $(echo $PIDS2 | wc -w), total RSS $(ps -o rss= -p $(echo $PIDS2 | tr ' ' ',') | awk '{s+=$1} END {printf "%.0f MiB", s/1024}')"
T3=$(date +%s); kill -TERM $DEMO2
for k in $(seq 1 90); do L=$(ps -o pid= -p $(echo $PIDS2 | tr ' ' ',') 2>/dev/null | wc -l); [ "$L" -eq 0 ] && break; sleep 1; done
echo "left after stop ($(( $(date +%s) - T3 )) s): $(ps -o pid=,comm= -p $(echo $PIDS2 | tr ' ' ',') 2>/dev/null | wc -l)"; ps -o pid=,args= -p $(echo $PIDS2 | tr ' ' ',') 2>/dev/null | cut -c1-150
