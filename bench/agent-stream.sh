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
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_dirs
trap stop_all EXIT
js_tree  # the interop tests' scripts and lockfile
read -r P1 P2 P3 P4 < <(free_ports 4)

# --- business logic that accepts at once ------------------------------------------------------
(cd "$JS" && exec node business-logic.js --port "$P4" --mode accept --setup absent) \
  > "$LOGS/agent-business-logic.log" 2>&1 &
BLPID=$!; track "$BLPID"
wait_for "$LOGS/agent-business-logic.log" 'BUSINESS LOGIC READY' 30 "$BLPID"

# --- the node with its agent ------------------------------------------------------------------
NODE_DIR="$WORK/agent-node"; rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
BENCH_LEDGER_DIR=${LEDGER_DIR:-$NODE_DIR/ledger}
start_node "$LOGS/agent-node.log" "$P1" \
    WLP_JAR_EXTRACT_DIR="$NODE_DIR/wlp-extract" LEDGER_DIR="$BENCH_LEDGER_DIR" \
    ILP_ADDRESS=test.shop NODE_ID=agent-bench HTTPS_PORT="$P2" AGENT_PORT="$P3" \
    ASSET_CODE=XRP ASSET_SCALE=9 CONNECTOR_PEERS=sender \
    PEER_SENDER_RELATION=child PEER_SENDER_BTP_TOKEN=sender-token \
    PEER_SENDER_MAX_PACKET_AMOUNT="$MAX_PACKET" PEER_SENDER_MIN_BALANCE=-1000000000000000 \
    BUSINESS_LOGIC_URL="http://127.0.0.1:$P4" \
    AGENT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
NPID=$NODE_PID

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
