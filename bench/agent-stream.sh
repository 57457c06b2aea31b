#!/usr/bin/env bash
# STREAM packets/s into the agent runtime, 127.0.0.1 only:
#
#   STREAM sender (BTP child "sender") -> connector -> agent (in the node)
#     -> POST /handle-payment -> business-logic.js (accepts at once)
#
# One sender, one SPSP query, one STREAM connection; every Prepare carries MAX_PACKET units
# (the node's max-packet-amount for the sender). Each paid packet is one business-logic call
# over the agent's pooled, kept-alive connections. Two senders:
#   SENDER=java (default): bench/java's STREAM sender (BtpLoad stream), CONCURRENCY Prepares in
#     flight on the one connection, each with its own sequence number; it counts Fulfills and
#     Rejects and records every round trip (HdrHistogram). The script then checks that the
#     business logic saw one /handle-payment per Fulfill, that their amounts sum to the
#     Fulfills' amount and that the sender's balance at the node moved by exactly that.
#   SENDER=js: the JS reference sender (liberty/src/test/js/stream-sender.js,
#     ilp-protocol-stream), which keeps about one packet in flight: packets/s = 1 / round trip.
#
# Usage: bench/agent-stream.sh [PACKETS=60000 (js: 20000)] [MAX_PACKET=1000]
#   env: SENDER (java|js), CONCURRENCY (java: Prepares in flight, default 32),
#        DURATION (java: cap on the measured phase in s, default 60),
#        BENCH_JVM_OPTS (default -Xmx1g), LEDGER_DIR (default a fresh journal under
#        bench/target/agent-node, i.e. every Fulfill waits for its fsync; "none" = in memory),
#        WARMUP (packets paid before the measured payment, default 20000, js 2000: the
#        node's JIT is still busy after a few thousand),
#        PROFILE (cpu|wall|alloc, async-profiler 4.1 from ~/.m2 records the node during the
#        measured payment into bench/target/profiles/agent-stream-PROFILE.collapsed)
# Needs liberty/target/ilp-connector.jar (mvn -B -o -DskipTests package at the root; it also
# builds the connector-ejb jar the Java sender uses). Prints the packets/s of the measured
# payment, latency, the business-logic calls, the CPU of node, sender and business logic and
# the load average, and writes bench/target/results/agent-stream-SENDER.json. Bounded in time
# (every step has a timeout); stops only what it started.
set -euo pipefail

SENDER=${SENDER:-java}
if [ "$SENDER" = java ]; then PACKETS=${1:-60000}; WARMUP=${WARMUP:-20000}
else PACKETS=${1:-20000}; WARMUP=${WARMUP:-2000}; fi
MAX_PACKET=${2:-1000}
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:--Xmx1g}
CONCURRENCY=${CONCURRENCY:-32}
DURATION=${DURATION:-60}
PROFILE=${PROFILE:-}
if [ "$PACKETS" -gt 1000000 ]; then echo "PACKETS <= 1000000" >&2; exit 2; fi
case "$SENDER" in java|js) ;; *) echo "SENDER=java|js" >&2; exit 2;; esac

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
    ADMIN_API_TOKEN=bench-admin-token \
    ASSET_CODE=XRP ASSET_SCALE=9 CONNECTOR_PEERS=sender \
    PEER_SENDER_RELATION=child PEER_SENDER_BTP_TOKEN=sender-token \
    PEER_SENDER_MAX_PACKET_AMOUNT="$MAX_PACKET" PEER_SENDER_MIN_BALANCE=-1000000000000000 \
    BUSINESS_LOGIC_URL="http://127.0.0.1:$P4" \
    AGENT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
NPID=$NODE_PID

# --- the Java sender (bench/java), built against the connector-ejb jar of the package build --
if [ "$SENDER" = java ]; then
  ( cd "$ROOT" && timeout 300 mvn -B -o -q -f bench/java/pom.xml \
      -Dmaven.multiModuleProjectDirectory="$ROOT" package ) > "$LOGS/bench-java-build.log" 2>&1 \
    || { cat "$LOGS/bench-java-build.log" >&2; exit 1; }
  HDR="$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar"
  EJB="$ROOT/connector-ejb/target/connector-ejb-0.1.0-SNAPSHOT.jar"
  SENDER_JVM=(java -Xmx512m -XX:+UseParallelGC
              -cp "$ROOT/bench/java/target/bench-load-0.1.0-SNAPSHOT.jar:$HDR:$EJB"
              dev.ilpconnector.bench.load.BtpLoad stream
              --url "btp+ws://sender:sender-token@127.0.0.1:$P1/btp" --amount "$MAX_PACKET")
fi

pay_js() { # pay PACKETS-worth to a fresh payment id; prints the sender's output
  (cd "$JS" && exec timeout 600 node stream-sender.js \
    --btp "btp+ws://sender:sender-token@127.0.0.1:$P1/btp" \
    --spsp "http://127.0.0.1:$P3/$1" --amount "$(( $2 * MAX_PACKET ))" --timeout 300 --report)
}
pay_java() { # pay_java ID COUNT WARMUP [args]: COUNT measured packets after WARMUP answered
  local id=$1 count=$2 warm=$3; shift 3
  timeout $(( DURATION + 120 )) "${SENDER_JVM[@]}" --spsp "http://127.0.0.1:$P3/$id" \
      --count "$count" --warmup "$warm" --duration "$DURATION" --concurrency "$CONCURRENCY" "$@"
}
handle_payments() { # calls and amount sum the business logic logged so far
  awk '/^HANDLE_PAYMENT/ { n++; if (match($0, /"amount":"[0-9]+"/)) {
         s += substr($0, RSTART + 10, RLENGTH - 11) } } END { printf "%d %d\n", n, s }' \
      "$LOGS/agent-business-logic.log"
}
sender_balance() {
  curl -s -m 10 -H 'Authorization: Bearer bench-admin-token' \
      "http://127.0.0.1:$P1/admin/peers/sender/balance" \
    | sed -n 's/.*"balance" *: *"\(-\{0,1\}[0-9]*\)".*/\1/p'
}
AP="$WORK/async-profiler/linux-x64/libasyncProfiler.so"
if [ -n "$PROFILE" ] && [ ! -f "$AP" ]; then
  (mkdir -p "$WORK/async-profiler" && cd "$WORK/async-profiler" && unzip -q -o \
      "$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar")
fi
profile() { # profile start|stop: async-profiler in the node for the measured payment only
  [ -n "$PROFILE" ] || return 0
  mkdir -p "$WORK/profiles"
  local file="$WORK/profiles/agent-stream-$SENDER-$PROFILE.collapsed"
  if [ "$1" = start ]; then  # the extra quotes keep jcmd from reading "event=..." itself
    jcmd "$NPID" JVMTI.agent_load "$AP" "\"start,event=$PROFILE,interval=1ms\"" > /dev/null
  else
    jcmd "$NPID" JVMTI.agent_load "$AP" "\"stop,file=$file,collapsed\"" > /dev/null
    echo "profile: $file"
  fi
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
TICK=$(getconf CLK_TCK)
LEDGER_LABEL="embedded ledger, journal in $BENCH_LEDGER_DIR"
[ "$BENCH_LEDGER_DIR" = none ] && LEDGER_LABEL="embedded ledger in memory"
if [ "$SENDER" = js ]; then
  pay_js warmup "$WARMUP" > "$LOGS/agent-sender-warmup.log"
  read -r BL_BEFORE _ < <(handle_payments)
  profile start
  N0=$(cpu_ticks "$NPID"); B0=$(cpu_ticks "$BLPID"); T0=$(date +%s%N)
  pay_js bench "$PACKETS" > "$LOGS/agent-sender.log" &
  SPID=$!; S1=0
  while kill -0 "$SPID" 2>/dev/null; do  # the node process's CPU (exec'd in the subshell)
    S=$(pgrep -P "$(pgrep -P "$SPID" | head -1)" 2>/dev/null | head -1 || true)
    [ -n "$S" ] && S1=$(( $(cpu_ticks "$S") > S1 ? $(cpu_ticks "$S") : S1 ))
    sleep 0.2
  done
  wait "$SPID" || { echo "payment failed:" >&2; cat "$LOGS/agent-sender.log" >&2; exit 1; }
  OUT=$(cat "$LOGS/agent-sender.log")
  T1=$(date +%s%N); N1=$(cpu_ticks "$NPID"); B1=$(cpu_ticks "$BLPID")
  profile stop
  read -r BL_AFTER _ < <(handle_payments)
  CALLS=$(( BL_AFTER - BL_BEFORE ))
  MS=$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' <<< "$OUT")
  PAID=$(sed -n 's/.*PACKETS fulfillable=[0-9]* paid=\([0-9]*\).*/\1/p' <<< "$OUT")
  DELIVERED=$(sed -n 's/.*DELIVERED=\([0-9]*\).*/\1/p' <<< "$OUT")
  [ -n "$MS" ] && [ -n "$PAID" ] || { echo "payment failed:" >&2; echo "$OUT" >&2; exit 1; }
  WALL_MS=$(( (T1 - T0) / 1000000 ))
  PPS=$(( PAID * 1000 / (MS > 0 ? MS : 1) ))
  NODE_CPU=$(( (N1 - N0) * 1000 * 100 / TICK / WALL_MS ))
  BL_CPU=$(( (B1 - B0) * 1000 * 100 / TICK / WALL_MS ))
  SENDER_CPU=$(( S1 * 1000 * 100 / TICK / WALL_MS ))
  RSS=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$NPID/status")
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "agent-stream (js sender): $LEDGER_LABEL; $(nproc) cores;" \
       "$(java -version 2>&1 | head -1); Node $(node --version)"
  echo "paid packets=$PAID in ${MS} ms (sender's clock) -> ${PPS} packets/s;" \
       "delivered=$DELIVERED; handle-payment calls=$CALLS; CPU % of one core: node $NODE_CPU," \
       "business logic $BL_CPU, sender $SENDER_CPU; node RSS ${RSS} MB;" \
       "load average $LOAD_BEFORE -> $LOAD_AFTER"
  cat > "$RESULTS/agent-stream-js.json" <<EOF
{"sender": "js", "packets": $PAID, "ms": $MS, "packetsPerSecond": $PPS,
 "delivered": "$DELIVERED", "handlePaymentCalls": $CALLS, "maxPacket": $MAX_PACKET,
 "nodeCpuPct": $NODE_CPU, "businessLogicCpuPct": $BL_CPU, "senderCpuPct": $SENDER_CPU,
 "nodeRssMb": $RSS, "ledger": "$LEDGER_LABEL", "loadAverage": "$LOAD_BEFORE -> $LOAD_AFTER",
 "cores": $(nproc), "date": "$(date -u +%FT%TZ)"}
EOF
  exit 0
fi

# Java: a warm-up payment (JIT), then the measured one; the sender drains both
pay_java warmup "$WARMUP" 0 > "$LOGS/agent-sender-warmup.log" 2>&1 \
  || { echo "warm-up payment failed:" >&2; tail -20 "$LOGS/agent-sender-warmup.log" >&2; exit 1; }
profile start
pay_java bench "$PACKETS" "$(( CONCURRENCY * 10 ))" --pid node="$NPID" \
    --pid business-logic="$BLPID" --json "$RESULTS/agent-stream-java.json" \
    > "$LOGS/agent-sender.log" 2>&1 \
  || { echo "payment failed:" >&2; tail -20 "$LOGS/agent-sender.log" >&2; exit 1; }
profile stop
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
RSS=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$NPID/status")
total_fulfilled() { grep -o '"totalFulfilled": [0-9]*' "$1" | grep -o '[0-9]*$'; }
# every Fulfill of both payments: one /handle-payment each, amounts and balance to match
FULFILLED=$(( $(total_fulfilled "$LOGS/agent-sender-warmup.log") \
            + $(total_fulfilled "$LOGS/agent-sender.log") ))
read -r CALLS SUM < <(handle_payments)
BALANCE=$(sender_balance)
echo "agent-stream (java sender, $CONCURRENCY in flight): $LEDGER_LABEL; $(nproc) cores;" \
     "$(java -version 2>&1 | head -1); load average $LOAD_BEFORE -> $LOAD_AFTER;" \
     "node RSS ${RSS} MB"
tail -1 "$LOGS/agent-sender.log"
echo "check: fulfills=$FULFILLED handle-payment calls=$CALLS amounts=$SUM" \
     "expected=$(( FULFILLED * MAX_PACKET )) sender balance=$BALANCE"
# the run's context into the sender's one-line JSON
sed -i "s|}\$|, \"loadAverage\": \"$LOAD_BEFORE -> $LOAD_AFTER\", \"ledger\": \"$LEDGER_LABEL\", \"nodeRssMb\": $RSS, \"check\": {\"fulfills\": $FULFILLED, \"handlePaymentCalls\": $CALLS, \"amounts\": \"$SUM\", \"senderBalance\": \"$BALANCE\"}, \"date\": \"$(date -u +%FT%TZ)\"}|" \
    "$RESULTS/agent-stream-java.json"
if [ "$CALLS" != "$FULFILLED" ] || [ "$SUM" != "$(( FULFILLED * MAX_PACKET ))" ] \
    || [ "$BALANCE" != "-$SUM" ]; then
  echo "MISMATCH: business-logic calls, amounts and balance must match the Fulfills" >&2
  exit 1
fi
