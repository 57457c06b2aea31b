#!/usr/bin/env bash
# One-hop load benchmark: Prepare -> Fulfill through ONE connector, 127.0.0.1 only.
#
#   load-gen.js (BTP client, child "loadsrc") -> connector -> load-sink.js (BTP client, child
#   "loadsink", fulfills everything with one fixed fulfillment)
#
# The same generator and sink run against either connector, on the same machine:
#   java  our connector: liberty/target/ilp-connector.jar (build it first: mvn -B -DskipTests package)
#   js    the reference JS connector ilp-connector 23.0.2 (one-to-one rates, rate limit lifted)
#
# Usage: bench/one-hop-load.sh java|js [COUNT=50000] [DURATION_S=30] [CONCURRENCIES="1 10 50 200"] [DATA_BYTES=8]
#   env: WARMUP (packets before each measured run, default 2000), BENCH_JVM_OPTS (default -Xmx1g),
#        QUIET_WAIT_S (before each run, wait up to this long for the machine to be idle; 180),
#        NOISY_RETRIES (repeat a run whose "other CPU" exceeded 10 % of a core, up to N times; 2),
#        LEDGER_DIR (java only: the embedded ledger's journal; default a fresh directory under
#        bench/target/java-node, i.e. durable with fsync; "none" = in memory),
#        TIGERBEETLE=1 (java only: the node keeps its balances in a TigerBeetle 0.15.3 server
#        that this script formats and starts on a free port, data file under
#        bench/target/tigerbeetle, and stops at the end; binary from TIGERBEETLE_BIN, default
#        ../shared/bin/tigerbeetle relative to the repository root; LEDGER_DIR is then unused)
# Each run stops after COUNT packets (<= 1,000,000) or DURATION_S seconds (<= 300), whichever
# comes first. Prints one line per concurrency and a Markdown table (also written to
# bench/target/results/<target>-summary.md, raw JSON beside it). Stops only what it started.
set -euo pipefail

TARGET=${1:?usage: bench/one-hop-load.sh java|js [COUNT] [DURATION_S] [CONCURRENCIES] [DATA_BYTES]}
COUNT=${2:-50000}
DURATION=${3:-30}
CONCURRENCIES=${4:-"1 10 50 200"}
DATA_BYTES=${5:-8}
WARMUP=${WARMUP:-2000}
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:--Xmx1g}
QUIET_WAIT_S=${QUIET_WAIT_S:-180}
NOISY_RETRIES=${NOISY_RETRIES:-2}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_dirs

case "$TARGET" in java|js) ;; *) echo "target must be java or js" >&2; exit 2 ;; esac
if [ "$COUNT" -gt 1000000 ] || [ "$DURATION" -gt 300 ]; then
  echo "COUNT <= 1000000 and DURATION_S <= 300" >&2; exit 2
fi

cleanup() {
  stop_all
  if [ -n "${TB_DATA:-}" ]; then rm -f "$TB_DATA"; fi  # 1 GiB
}
trap cleanup EXIT

js_tree  # the JS tree (same scripts and lockfile as the interop tests)
read -r P1 P2 P3 < <(free_ports 3)
LIFETIME=$(( (DURATION + 90) * $(wc -w <<< "$CONCURRENCIES") + 120 ))

# --- the connector --------------------------------------------------------------------------
if [ "$TARGET" = js ]; then
  (cd "$JS" && exec node js-connector.js --address test.conn --loadsrc-port "$P1" \
      --loadsink-port "$P2" --timeout "$LIFETIME") > "$LOGS/js-connector.log" 2>&1 &
  CPID=$!; track "$CPID"
  wait_for "$LOGS/js-connector.log" 'JS_CONNECTOR READY' 60 "$CPID"
  SRC_URL="btp+ws://:loadsrc-secret@127.0.0.1:$P1"
  SINK_URL="btp+ws://:loadsink-secret@127.0.0.1:$P2"
  DEST=test.conn.loadsink.bench
  VERSION="ilp-connector $(node -p 'require(process.argv[1]).version' "$JS/node_modules/ilp-connector/package.json"), Node $(node --version)"
else
  JAR="$ROOT/liberty/target/ilp-connector.jar"
  [ -f "$JAR" ] || { echo "$JAR missing: run mvn -B -DskipTests package first" >&2; exit 2; }
  NODE_DIR="$WORK/java-node"; rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  BENCH_LEDGER_DIR=${LEDGER_DIR:-$NODE_DIR/ledger}
  if [ "$BENCH_LEDGER_DIR" = none ]; then LEDGER_LABEL="embedded ledger in memory"
  else LEDGER_LABEL="embedded ledger, journal in $BENCH_LEDGER_DIR"; fi
  TB_ENV=()
  if [ "${TIGERBEETLE:-0}" = 1 ]; then
    TB_BIN=${TIGERBEETLE_BIN:-../shared/bin/tigerbeetle}
    case "$TB_BIN" in /*) ;; *) TB_BIN="$ROOT/$TB_BIN" ;; esac
    [ -x "$TB_BIN" ] || { echo "TigerBeetle binary $TB_BIN missing (set TIGERBEETLE_BIN)" >&2; exit 2; }
    TB_DIR="$WORK/tigerbeetle"; mkdir -p "$TB_DIR"; TB_DATA="$TB_DIR/0_0.tigerbeetle"
    rm -f "$TB_DATA"  # format refuses an existing file; every run starts from empty accounts
    "$TB_BIN" format --cluster=0 --replica=0 --replica-count=1 "$TB_DATA" > "$LOGS/tigerbeetle.log" 2>&1
    "$TB_BIN" start --addresses="127.0.0.1:$P3" --cache-grid=256MiB "$TB_DATA" >> "$LOGS/tigerbeetle.log" 2>&1 &
    TBPID=$!; track "$TBPID"
    wait_for "$LOGS/tigerbeetle.log" "listening on 127.0.0.1:$P3" 60 "$TBPID"
    TB_ENV=(TIGERBEETLE_ADDRESSES="127.0.0.1:$P3")
    LEDGER_LABEL="TigerBeetle $("$TB_BIN" version | head -1 | sed 's/^TigerBeetle version //'), one replica"
  fi
  # child peers with tokens, unbounded enough for COUNT packets of amount 1
  # shellcheck disable=SC2046
  start_node "$LOGS/java-connector.log" "$P1" \
      WLP_JAR_EXTRACT_DIR="$NODE_DIR/wlp-extract" LEDGER_DIR="$BENCH_LEDGER_DIR" "${TB_ENV[@]}" \
      ILP_ADDRESS=test.java NODE_ID=bench HTTPS_PORT="$P2" \
      ADMIN_API_TOKEN=bench-admin-token CONNECTOR_PEERS=loadsrc,loadsink \
      $(peer_env loadsrc 1000000 -1000000000000) $(peer_env loadsink 1000000 -1000000000000)
  CPID=$NODE_PID
  SRC_URL="btp+ws://loadsrc:loadsrc-secret@127.0.0.1:$P1/btp"
  SINK_URL="btp+ws://loadsink:loadsink-secret@127.0.0.1:$P1/btp"
  DEST=test.java.loadsink.bench
  VERSION="ilp-connector.jar (Open Liberty, $LEDGER_LABEL), $(java -version 2>&1 | head -1), $BENCH_JVM_OPTS"
fi

(cd "$JS" && exec node load-sink.js --btp "$SINK_URL" --timeout "$LIFETIME") > "$LOGS/sink.log" 2>&1 &
SPID=$!; track "$SPID"
wait_for "$LOGS/sink.log" 'SINK READY' 60 "$SPID"

# --- the sweep ------------------------------------------------------------------------------
SUMMARY="$RESULTS/$TARGET-summary.md"
{
  echo "<!-- bench/one-hop-load.sh $TARGET $COUNT $DURATION \"$CONCURRENCIES\" $DATA_BYTES; $(date -u +%Y-%m-%dT%H:%MZ) -->"
  echo "connector: $VERSION; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
  echo
  echo "| connector | concurrency | data B | packets | fulfilled | pkt/s | p50 ms | p90 ms | p99 ms | max ms | connector CPU | sink CPU | generator CPU | other CPU | connector RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$SUMMARY"
for c in $CONCURRENCIES; do
  json="$RESULTS/$TARGET-c$c-d$DATA_BYTES.json"
  for attempt in $(seq 0 "$NOISY_RETRIES"); do
    wait_quiet
    (cd "$JS" && timeout $(( DURATION + 90 )) node load-gen.js --btp "$SRC_URL" --dest "$DEST" \
        --count "$COUNT" --duration "$DURATION" --concurrency "$c" --warmup "$WARMUP" \
        --data-bytes "$DATA_BYTES" --connector-pid "$CPID" --sink-pid "$SPID" --json "$json") \
        > "$LOGS/load-$TARGET-c$c.out" 2> "$LOGS/load-$TARGET-c$c.err" \
      || { echo "load-gen failed at concurrency $c:" >&2; tail -5 "$LOGS/load-$TARGET-c$c.err" >&2; exit 1; }
    other=$(node -p 'Math.round(require(process.argv[1]).otherCpuPct)' "$json")
    [ "$other" -le 10 ] && break
    echo "concurrency $c: other processes used ${other}% of a core meanwhile (attempt $attempt)" >&2
  done
  rss_mib=$(( $(awk '/^VmRSS:/{print $2}' "/proc/$CPID/status") / 1024 ))
  node -e '
    const r = require(process.argv[1]); const t = process.argv[2]; const rss = process.argv[3]
    const l = r.latencyMs
    console.log(`| ${t} | ${r.settings.concurrency} | ${r.settings.dataBytes} | ${r.sent} | ${r.fulfilled} | ` +
      `${Math.round(r.packetsPerS)} | ${l.p50} | ${l.p90} | ${l.p99} | ${l.max} | ${r.connectorCpuPct} % | ` +
      `${r.sinkCpuPct} % | ${r.generatorCpuPct} % | ${r.otherCpuPct} % | ${rss} |`)' "$json" "$TARGET" "$rss_mib" | tee -a "$SUMMARY"
done
echo
cat "$SUMMARY"
