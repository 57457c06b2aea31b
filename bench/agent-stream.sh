#!/usr/bin/env bash
# STREAM packets/s into the agent runtime, 127.0.0.1 only:
#
#   stream-sender.js (ilp-protocol-stream, BTP child "sender") -> connector -> agent (in the
#   node) -> POST /handle-payment -> business-logic.js (accepts at once)
#
# One sender, one STREAM connection; every Prepare carries MAX_PACKET units (the node's
# max-packet-amount for the sender), so PACKETS packets move PACKETS x MAX_PACKET units. Each
# paid packet is one business-logic call over the agent's pooled, kept-alive connections.
#
# Usage: bench/agent-stream.sh [PACKETS=20000] [MAX_PACKET=1000]
#   env: BENCH_JVM_OPTS (default -Xmx1g), LEDGER_DIR (default a fresh journal under
#        bench/target/agent-node, i.e. every Fulfill waits for its fsync; "none" = in memory),
#        WARMUP (packets paid before the measured payment, default 2000)
# Needs liberty/target/ilp-connector.jar (mvn -B -DskipTests package). Prints the packets/s of
# the measured payment, the business-logic calls, the CPU of node, sender and business logic,
# and writes bench/target/results/agent-stream.json. Stops only what it started.
set -euo pipefail

PACKETS=${1:-20000}
MAX_PACKET=${2:-1000}
WARMUP=${WARMUP:-2000}
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:--Xmx1g}
if [ "$PACKETS" -gt 1000000 ]; then echo "PACKETS <= 1000000" >&2; exit 2; fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/bench/target"
JS="$WORK/js"
RESULTS="$WORK/results"
LOGS="$WORK/logs"
mkdir -p "$JS" "$RESULTS" "$LOGS"
JAR="$ROOT/liberty/target/ilp-connector.jar"
[ -f "$JAR" ] || { echo "$JAR missing: run mvn -B -DskipTests package first" >&2; exit 2; }

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 75); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

# wait_for FILE REGEX SECONDS PID: until FILE has a line matching REGEX; fails if PID died
wait_for() {
  local file=$1 regex=$2 seconds=$3 pid=$4 i
  for i in $(seq 1 $(( seconds * 5 ))); do
    grep -Eq "$regex" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "process $pid died; $file:" >&2; tail -20 "$file" >&2; return 1; }
    sleep 0.2
  done
  echo "timeout waiting for /$regex/ in $file" >&2; tail -20 "$file" >&2; return 1
}

cpu_ticks() { # utime+stime of a pid, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# --- the JS tree (the interop tests' scripts and lockfile) ----------------------------------
SRC="$ROOT/liberty/src/test/js"
cp "$SRC"/package.json "$SRC"/package-lock.json "$SRC"/*.js "$JS"/
mkdir -p "$JS/lib" && cp "$SRC"/lib/*.js "$JS/lib/"
STAMP=$(cat "$SRC/package.json" "$SRC/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ ! -d "$JS/node_modules" ] || [ "$(cat "$JS/.npm-ci-stamp" 2>/dev/null)" != "$STAMP" ]; then
  (cd "$JS" && timeout 300 npm ci --no-audit --no-fund --no-progress > "$LOGS/npm-ci.log" 2>&1)
  echo "$STAMP" > "$JS/.npm-ci-stamp"
fi
free_ports() { # N free loopback ports
  node -e 'const net=require("net");(async()=>{const out=[];const s=[];for(let i=0;i<+process.argv[1];i++){const srv=net.createServer();await new Promise(r=>srv.listen(0,"127.0.0.1",r));s.push(srv);out.push(srv.address().port)}s.forEach(x=>x.close());console.log(out.join(" "))})()' "$1"
}
read -r P1 P2 P3 P4 < <(free_ports 4)

# --- business logic that accepts at once ------------------------------------------------------
(cd "$JS" && exec node business-logic.js --port "$P4" --mode accept --setup absent) \
  > "$LOGS/agent-business-logic.log" 2>&1 &
BLPID=$!; PIDS+=("$BLPID")
wait_for "$LOGS/agent-business-logic.log" 'BUSINESS LOGIC READY' 30 "$BLPID"

# --- the node with its agent ------------------------------------------------------------------
NODE_DIR="$WORK/agent-node"; rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
BENCH_LEDGER_DIR=${LEDGER_DIR:-$NODE_DIR/ledger}
env -i PATH="$PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" \
    WLP_JAR_EXTRACT_DIR="$NODE_DIR/wlp-extract" LEDGER_DIR="$BENCH_LEDGER_DIR" \
    ILP_ADDRESS=test.shop NODE_ID=agent-bench HTTP_PORT="$P1" HTTPS_PORT="$P2" AGENT_PORT="$P3" \
    ASSET_CODE=XRP ASSET_SCALE=9 CONNECTOR_PEERS=sender \
    PEER_SENDER_RELATION=child PEER_SENDER_BTP_TOKEN=sender-token \
    PEER_SENDER_MAX_PACKET_AMOUNT="$MAX_PACKET" PEER_SENDER_MIN_BALANCE=-1000000000000000 \
    BUSINESS_LOGIC_URL="http://127.0.0.1:$P4" AGENT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    java $BENCH_JVM_OPTS -jar "$JAR" > "$LOGS/agent-node.log" 2>&1 &
NPID=$!; PIDS+=("$NPID")
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P1/health/ready")" = 200 ] && break
  kill -0 "$NPID" 2>/dev/null || { tail -20 "$LOGS/agent-node.log" >&2; exit 1; }
  sleep 0.2
done

pay() { # pay PACKETS-worth to a fresh payment id; prints the sender's output
  (cd "$JS" && node stream-sender.js --btp "btp+ws://sender:sender-token@127.0.0.1:$P1/btp" \
    --spsp "http://127.0.0.1:$P3/$1" --amount "$(( $2 * MAX_PACKET ))" --timeout 300 --report)
}
pay warmup "$WARMUP" > "$LOGS/agent-sender-warmup.log"
BL_BEFORE=$(grep -c '^HANDLE_PAYMENT' "$LOGS/agent-business-logic.log" || true)
N0=$(cpu_ticks "$NPID"); B0=$(cpu_ticks "$BLPID"); T0=$(date +%s%N)
OUT=$(pay bench "$PACKETS" | tee "$LOGS/agent-sender.log")
T1=$(date +%s%N); N1=$(cpu_ticks "$NPID"); B1=$(cpu_ticks "$BLPID")
CALLS=$(( $(grep -c '^HANDLE_PAYMENT' "$LOGS/agent-business-logic.log") - BL_BEFORE ))
MS=$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' <<< "$OUT")
PAID=$(sed -n 's/.*PACKETS fulfillable=[0-9]* paid=\([0-9]*\).*/\1/p' <<< "$OUT")
DELIVERED=$(sed -n 's/.*DELIVERED=\([0-9]*\).*/\1/p' <<< "$OUT")
[ -n "$MS" ] && [ -n "$PAID" ] || { echo "payment failed:" >&2; echo "$OUT" >&2; exit 1; }
TICK=$(getconf CLK_TCK); WALL_MS=$(( (T1 - T0) / 1000000 ))
PPS=$(( PAID * 1000 / (MS > 0 ? MS : 1) ))
NODE_CPU=$(( (N1 - N0) * 1000 * 100 / TICK / WALL_MS ))
BL_CPU=$(( (B1 - B0) * 1000 * 100 / TICK / WALL_MS ))
RSS=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$NPID/status")
LEDGER_LABEL="embedded ledger, journal in $BENCH_LEDGER_DIR"
[ "$BENCH_LEDGER_DIR" = none ] && LEDGER_LABEL="embedded ledger in memory"
echo "agent-stream: $LEDGER_LABEL; $(nproc) cores; $(java -version 2>&1 | head -1); Node $(node --version)"
echo "paid packets=$PAID in ${MS} ms (sender's clock) -> ${PPS} packets/s; delivered=$DELIVERED;" \
     "handle-payment calls=$CALLS; CPU % of one core: node $NODE_CPU, business logic $BL_CPU;" \
     "node RSS ${RSS} MB"
cat > "$RESULTS/agent-stream.json" <<EOF
{"packets": $PAID, "ms": $MS, "packetsPerSecond": $PPS, "delivered": "$DELIVERED",
 "handlePaymentCalls": $CALLS, "maxPacket": $MAX_PACKET, "nodeCpuPct": $NODE_CPU,
 "businessLogicCpuPct": $BL_CPU, "nodeRssMb": $RSS, "ledger": "$LEDGER_LABEL",
 "cores": $(nproc), "date": "$(date -u +%FT%TZ)"}
EOF
