#!/usr/bin/env bash
# One run, one machine, one JVM load generator and sink (bench/java): Prepare -> Fulfill through
# ONE connector, 127.0.0.1 only, for each target in turn:
#
#   echo         a bare Liberty WebSocket echo (same runtime, same client): the transport's limit,
#                each answer written on the thread that read the message
#   echo-async   the same echo answering through the asynchronous remote, one write at a time,
#                as the node writes (the container completes each write on a worker thread)
#   js           the reference JS connector ilp-connector 23.0.2 (one-to-one rates, rate limit lifted)
#   java         this node (liberty/target/ilp-connector.jar), embedded ledger with its durable
#                journal (every Fulfill waits for its fsync)
#   tigerbeetle  this node on a TigerBeetle 0.15.3 server this script formats and starts
#
# Usage: bench/load.sh [COUNT=200000] [DURATION_S=20] [CONCURRENCIES="50 200"] [DATA_BYTES=8]
#                      [TARGETS="echo js java tigerbeetle"]
#   env: WARMUP (answered packets before each measured run, 100000: the JIT compiles the hot
#        path for the first 10-20 s, and a shorter warm-up measures the compiler), BENCH_JVM_OPTS
#        (node and echo JVM, default the node's own liberty/config/jvm.options), CONNECTIONS (generator connections, 1), AMOUNT (1) or
#        AMOUNT_MIN/AMOUNT_MAX (random amounts), TIGERBEETLE_BIN (../shared/bin/tigerbeetle),
#        PROFILE=cpu|alloc (java targets: async-profiler 4.1 from ~/.m2 records the measured
#        runs into bench/target/profiles/<target>-<event>.collapsed), NODE_JAR (the node's
#        runnable jar, default liberty/target/ilp-connector.jar), NODE_ENV (more VAR=VALUE
#        words for the node, e.g. NODE_ENV="EXPLORER_LOG_PACKETS=500")
# Each measured run stops after COUNT answered packets (<= 1,000,000) or DURATION_S seconds
# (<= 300). Prints a Markdown table (bench/target/results/load-summary.md, raw JSON beside it).
# "other CPU" is what the rest of the machine used meanwhile, in % of one core. The node's RSS
# is read idle (after start) and at the end of its target. "records/fsync" is the embedded
# ledger's journal records per fsync over the run, warm-up included (GET /admin/ledger).
# Stops only what it started.
set -euo pipefail

COUNT=${1:-200000}
DURATION=${2:-20}
CONCURRENCIES=${3:-"50 200"}
DATA_BYTES=${4:-8}
TARGETS=${5:-"echo js java tigerbeetle"}
WARMUP=${WARMUP:-100000}
CONNECTIONS=${CONNECTIONS:-1}
AMOUNT_MIN=${AMOUNT_MIN:-${AMOUNT:-1}}
AMOUNT_MAX=${AMOUNT_MAX:-${AMOUNT:-1}}
PROFILE=${PROFILE:-}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:-@$ROOT/liberty/config/jvm.options}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_dirs
if [ "$COUNT" -gt 1000000 ] || [ "$DURATION" -gt 300 ]; then
  echo "COUNT <= 1000000 and DURATION_S <= 300" >&2; exit 2
fi
cleanup() {
  stop_all
  rm -f "$WORK/tigerbeetle/0_0.tigerbeetle"  # 1 GiB
}
trap cleanup EXIT

bench_java  # the generator and sink

SUMMARY="$RESULTS/load-summary.md"
{
  echo "<!-- bench/load.sh $COUNT $DURATION \"$CONCURRENCIES\" $DATA_BYTES \"$TARGETS\"; $(date -u +%Y-%m-%dT%H:%MZ) -->"
  echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1)"
  echo
  echo "| target | c | pkt/s | fulfilled | rejected | p50 ms | p99 ms | max ms | target CPU | sink CPU | gen CPU | other CPU | RSS MiB idle→after | records/fsync |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$SUMMARY"

# journal_counts: "records fsyncs" of the node whose admin API is at $LEDGER_ADMIN, else "0 0"
journal_counts() {
  [ -n "${LEDGER_ADMIN:-}" ] || { echo "0 0"; return; }
  curl -s -H 'Authorization: Bearer bench-admin-token' "$LEDGER_ADMIN/admin/ledger" | python3 -c '
import json, sys
c = json.load(sys.stdin).get("counters", {})
print(c.get("journalRecords", 0), c.get("journalFsyncs", 0))'
}

# sweep NAME URL DEST TARGET_PID SINK_PID: one measured run per concurrency
sweep() {
  local name=$1 url=$2 dest=$3 tpid=$4 spid=$5 c json before extra=() pids=()
  pids=(--pid "target=$tpid")
  case "$name" in echo*) extra=(--echo) ;; esac
  [ -n "$spid" ] && pids+=(--pid "sink=$spid")
  local urls=(); for _ in $(seq 1 "$CONNECTIONS"); do urls+=(--url "$url"); done
  for c in $CONCURRENCIES; do
    json="$RESULTS/load-$name-c$c-d$DATA_BYTES.json"
    before=$(journal_counts)
    timeout $(( DURATION + 120 )) "${LOAD_JVM[@]}" gen "${urls[@]}" --dest "$dest" \
        --count "$COUNT" --duration "$DURATION" --concurrency "$c" --warmup "$WARMUP" \
        --data-bytes "$DATA_BYTES" --amount-min "$AMOUNT_MIN" --amount-max "$AMOUNT_MAX" \
        "${pids[@]}" --json "$json" "${extra[@]}" > "$LOGS/gen-$name-c$c.out" 2>&1 \
      || { echo "generator failed ($name c=$c):" >&2; tail -20 "$LOGS/gen-$name-c$c.out" >&2; exit 1; }
    python3 - "$json" "$name" "$c" "${IDLE_RSS:--}" "$(rss_mib "$tpid")" $before \
        $(journal_counts) >> "$SUMMARY" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); name, c, idle, rss = sys.argv[2:6]
records, fsyncs = (int(a) - int(b) for b, a in zip(sys.argv[6:8], sys.argv[8:10]))
l, cpu = r["latencyMs"], r["cpuPctOfOneCore"]
rej = sum(r["rejected"].values())
print(f"| {name} | {c} | {r['packetsPerS']:,} | {r['fulfilled']:,} | {rej:,} | {l['p50']} | "
      f"{l['p99']} | {l['max']} | {cpu.get('target', 0)} % | {cpu.get('sink', 0)} % | "
      f"{cpu.get('generator', 0)} % | {cpu['other']} % | {idle}→{rss} | "
      f"{f'{records / fsyncs:.1f}' if fsyncs else '-'} |")
PY
    tail -1 "$SUMMARY"
  done
}

start_sink() { # URL -> sets SPID
  "${LOAD_JVM[@]}" sink --url "$1" --timeout 3600 > "$LOGS/sink-$2.log" 2>&1 &
  SPID=$!; track "$SPID"
  wait_for "$LOGS/sink-$2.log" 'SINK READY' 60 "$SPID"
}

# --- echo: a bare Liberty WebSocket echo ----------------------------------------------------
run_echo() { # NAME PATH
  local name=$1 path=$2 zip="$HOME/.m2/repository/io/openliberty/openliberty-runtime/26.0.0.3/openliberty-runtime-26.0.0.3.zip"
  [ -x "$WORK/wlp/bin/server" ] || unzip -q -o "$zip" -d "$WORK"
  local srv="$WORK/wlp/usr/servers/echo" war="$WORK/echo-war" port
  rm -rf "$srv" "$war"; mkdir -p "$srv/dropins" "$war/WEB-INF/classes"
  read -r port < <(free_ports 1)
  cat > "$srv/server.xml" <<XML
<server>
  <featureManager><feature>websocket-2.1</feature></featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$port" httpsPort="-1"/>
</server>
XML
  printf '%s\n' $BENCH_JVM_OPTS > "$srv/jvm.options"  # an @file is expanded by the launcher
  (cd "$ROOT/bench/java/target/classes" && cp --parents dev/ilpconnector/bench/echo/*.class "$war/WEB-INF/classes/")
  (cd "$war" && jar cf "$srv/dropins/echo.war" .)
  "$WORK/wlp/bin/server" run echo > "$LOGS/echo-server.log" 2>&1 &
  local epid=$!; track "$epid"
  wait_for "$LOGS/echo-server.log" 'CWWKZ0001I.*echo' 120 "$epid"
  local jpid; jpid=$(pgrep -P "$epid" java || echo "$epid")
  IDLE_RSS=$(rss_mib "$jpid")
  sweep "$name" "ws://:x@127.0.0.1:$port/echo/$path" test.echo "$jpid" ""  # context root /echo
  stop_pid "$jpid"; stop_pid "$epid"
}

# --- js: the reference connector ------------------------------------------------------------
run_js() {
  local p1 p2
  js_tree
  read -r p1 p2 < <(free_ports 2)
  (cd "$JS" && exec node js-connector.js --address test.conn --loadsrc-port "$p1" \
      --loadsink-port "$p2" --timeout 3600) > "$LOGS/js-connector.log" 2>&1 &
  local cpid=$!; track "$cpid"
  wait_for "$LOGS/js-connector.log" 'JS_CONNECTOR READY' 60 "$cpid"
  IDLE_RSS=$(rss_mib "$cpid")
  start_sink "btp+ws://:loadsink-secret@127.0.0.1:$p2" js
  sweep js "btp+ws://:loadsrc-secret@127.0.0.1:$p1" test.conn.loadsink.bench "$cpid" "$SPID"
  stop_pid "$SPID"; stop_pid "$cpid"
}

# --- java / tigerbeetle: this node ----------------------------------------------------------
run_node() {
  local name=$1 p1 p2 p3 tb_env=()
  local dir="$WORK/node-$name"; rm -rf "$dir"; mkdir -p "$dir"
  read -r p1 p2 p3 < <(free_ports 3)
  if [ "$name" = tigerbeetle ]; then
    local tb=${TIGERBEETLE_BIN:-../shared/bin/tigerbeetle}
    case "$tb" in /*) ;; *) tb="$ROOT/$tb" ;; esac
    [ -x "$tb" ] || { echo "TigerBeetle binary $tb missing (set TIGERBEETLE_BIN)" >&2; exit 2; }
    mkdir -p "$WORK/tigerbeetle"; local data="$WORK/tigerbeetle/0_0.tigerbeetle"; rm -f "$data"
    "$tb" format --cluster=0 --replica=0 --replica-count=1 "$data" > "$LOGS/tigerbeetle.log" 2>&1
    "$tb" start --addresses="127.0.0.1:$p3" --cache-grid=256MiB "$data" >> "$LOGS/tigerbeetle.log" 2>&1 &
    TBPID=$!; track "$TBPID"
    wait_for "$LOGS/tigerbeetle.log" "listening on 127.0.0.1:$p3" 60 "$TBPID"
    tb_env=(TIGERBEETLE_ADDRESSES="127.0.0.1:$p3")
  fi
  local ap="$WORK/async-profiler/linux-x64/libasyncProfiler.so"
  if [ -n "$PROFILE" ] && [ ! -f "$ap" ]; then
    (mkdir -p "$WORK/async-profiler" && cd "$WORK/async-profiler" && unzip -q -o \
        "$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar")
  fi
  # child peers with tokens, unbounded enough for COUNT packets of amount 1
  # shellcheck disable=SC2046
  start_node "$LOGS/node-$name.log" "$p1" \
      WLP_JAR_EXTRACT_DIR="$dir/wlp-extract" LEDGER_DIR="$dir/ledger" "${tb_env[@]}" \
      ILP_ADDRESS=test.java NODE_ID=bench HTTPS_PORT="$p2" \
      ADMIN_API_TOKEN=bench-admin-token CONNECTOR_PEERS=loadsrc,loadsink \
      $(peer_env loadsrc 1000000000 -1000000000000000) \
      $(peer_env loadsink 1000000000 -1000000000000000) ${NODE_ENV:-}
  local cpid=$NODE_PID
  LEDGER_ADMIN="http://127.0.0.1:$p1"
  # idle: 40 s after ready, once the JVM's periodic collection and native-heap trim (each every
  # 10 s, jvm.options) have given back what start-up left unused. At 25 s one of them may not
  # have run yet: three starts read 275-340 MiB at 25 s and 249-272 MiB from 35 s to 90 s.
  sleep 40
  IDLE_RSS=$(rss_mib "$cpid")
  start_sink "btp+ws://loadsink:loadsink-secret@127.0.0.1:$p1/btp" "$name"
  if [ -n "$PROFILE" ]; then  # start-up and JIT warm-up stay out of the profile
    timeout 120 "${LOAD_JVM[@]}" gen --url "btp+ws://loadsrc:loadsrc-secret@127.0.0.1:$p1/btp" \
        --dest test.java.loadsink.bench --count 30000 --duration 20 --concurrency 50 \
        --warmup 30000 > "$LOGS/gen-$name-profile-warmup.out" 2>&1 || true
    mkdir -p "$WORK/profiles"
    # the extra quotes keep jcmd from reading "event=..." as its own option
    jcmd "$cpid" JVMTI.agent_load "$ap" "\"start,event=$PROFILE,interval=1ms\"" > /dev/null
  fi
  sweep "$name" "btp+ws://loadsrc:loadsrc-secret@127.0.0.1:$p1/btp" test.java.loadsink.bench \
      "$cpid" "$SPID"
  if [ -n "$PROFILE" ]; then
    # alloc: the collapsed stacks carry bytes, not samples, so their sum / packets = bytes/packet
    local TOTAL=""; [ "$PROFILE" = alloc ] && TOTAL=",total"
    jcmd "$cpid" JVMTI.agent_load "$ap" \
        "\"stop,file=$WORK/profiles/$name-$PROFILE.collapsed,collapsed$TOTAL\"" > /dev/null
    echo "profile: $WORK/profiles/$name-$PROFILE.collapsed"
  fi
  balances "$p1" "$name"
  LEDGER_ADMIN=
  stop_pid "$SPID"; stop_pid "$cpid"
  [ -n "${TBPID:-}" ] && { stop_pid "$TBPID"; TBPID=; }
  return 0
}

# The node's books after the runs: what loadsrc paid must be what loadsink was credited.
balances() {
  echo "$2 balances: $(curl -s -H 'Authorization: Bearer bench-admin-token' \
      "http://127.0.0.1:$1/admin/balances" || true)" | tee -a "$LOGS/balances.log"
}

for target in $TARGETS; do
  IDLE_RSS=-
  case "$target" in
    echo) run_echo echo echo ;;
    echo-async) run_echo echo-async echo-async ;;
    js) run_js ;;
    java|tigerbeetle) run_node "$target" ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
done
echo
cat "$SUMMARY"
