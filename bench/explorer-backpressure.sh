#!/usr/bin/env bash
# Does a watching operator cost the switch anything? One node (liberty/target/ilp-connector.jar,
# embedded ledger with its durable journal), the JVM generator ("loadsrc") and sink
# ("loadsink") of bench/java, Prepare -> Fulfill through the node, 127.0.0.1 only:
#
#   A  a fresh node, PACKETS packets, no explorer client; then the heap used after a full GC
#   B  a fresh node, the same with one feed client that never reads (bench/feed-never-reads.py:
#      a valid ticket, the WebSocket upgrade, then silence); the heap after a full GC while it
#      is still connected, and the drops the node reports (GET /admin/telemetry, shown on the
#      console's Node view, which a headless chromium reads)
#   C  on B's node, the one-hop load of bench/load.sh's java target (c=CONCURRENCY, COUNT
#      packets or DURATION_S seconds), no browser
#   D  the same with one headless chromium on the explorer's live Packets view, logged in
#      with the admin token (bench/explorer-browser.mjs, playwright-core as in
#      explorer-war/src/test/e2e)
# C and D alternate ROUNDS times; the ratio compares their mean pkt/s.
#
# Usage: bench/explorer-backpressure.sh [PACKETS=200000] [CONCURRENCY=50] [COUNT=200000]
#                                       [DURATION_S=20]
#   env: ROUNDS (2), WARMUP (answered packets before each run, 5000), BENCH_JVM_OPTS (-Xmx1g),
#        QUIET_WAIT_S (wait up to this long for an idle machine before each run, 10),
#        CHROMIUM_BIN (/usr/bin/chromium), NODE_JAR
# Needs `mvn -B -o -DskipTests package` first. Every wait is bounded (A and B stop after 150 s
# even short of PACKETS); the whole run takes about 5 minutes on a quiet machine, at most 12. Prints a Markdown table
# (bench/target/results/explorer-backpressure.md, the generator's JSON beside it). Stops only
# what it started.
set -euo pipefail

PACKETS=${1:-200000}
CONCURRENCY=${2:-50}
COUNT=${3:-200000}
DURATION=${4:-20}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-5000}
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:--Xmx1g}
QUIET_WAIT_S=${QUIET_WAIT_S:-10}
CHROMIUM_BIN=${CHROMIUM_BIN:-/usr/bin/chromium}
TOKEN=bench-admin-token
AB_DURATION=150  # A and B stop there even short of PACKETS (a disturbed machine)
if [ "$PACKETS" -gt 1000000 ] || [ "$COUNT" -gt 1000000 ] || [ "$DURATION" -gt 120 ] \
    || [ "$ROUNDS" -gt 5 ]; then
  echo "PACKETS, COUNT <= 1000000, DURATION_S <= 120, ROUNDS <= 5" >&2; exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_dirs
trap stop_all EXIT
trap 'exit 143' TERM INT
[ -x "$CHROMIUM_BIN" ] || { echo "no browser at $CHROMIUM_BIN (apt-get install chromium)" >&2; exit 2; }

bench_java  # the generator and sink
# playwright-core from the e2e test's lockfile (no browser download), next to the script
E2E="$WORK/e2e"; mkdir -p "$E2E"
cp "$ROOT"/explorer-war/src/test/e2e/package.json "$ROOT"/explorer-war/src/test/e2e/package-lock.json \
   "$ROOT/bench/explorer-browser.mjs" "$E2E"/
STAMP=$(cat "$E2E/package.json" "$E2E/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ ! -d "$E2E/node_modules" ] || [ "$(cat "$E2E/.npm-ci-stamp" 2>/dev/null)" != "$STAMP" ]; then
  (cd "$E2E" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund \
      --no-progress > "$LOGS/npm-ci-e2e.log" 2>&1)
  echo "$STAMP" > "$E2E/.npm-ci-stamp"
fi

# --- the node, its sink -----------------------------------------------------------------------
# node_up NAME: a fresh node (new journal) and sink; sets P1, NODE_PID, SPID
node_up() {
  local dir="$WORK/backpressure-$1" p2
  NODE_NAME=$1
  read -r P1 p2 < <(free_ports 2)
  rm -rf "$dir"; mkdir -p "$dir"
  # shellcheck disable=SC2046
  start_node "$LOGS/backpressure-node-$1.log" "$P1" \
      WLP_JAR_EXTRACT_DIR="$dir/wlp-extract" LEDGER_DIR="$dir/ledger" \
      ILP_ADDRESS=test.java NODE_ID=bench HTTPS_PORT="$p2" \
      ADMIN_API_TOKEN="$TOKEN" CONNECTOR_PEERS=loadsrc,loadsink \
      $(peer_env loadsrc 1000000000 -1000000000000000) \
      $(peer_env loadsink 1000000000 -1000000000000000)
  "${LOAD_JVM[@]}" sink --url "btp+ws://loadsink:loadsink-secret@127.0.0.1:$P1/btp" \
      --timeout 900 > "$LOGS/backpressure-sink-$1.log" 2>&1 &
  SPID=$!; track "$SPID"
  wait_for "$LOGS/backpressure-sink-$1.log" 'SINK READY' 60 "$SPID"
}
node_down() { stop_pid "$SPID"; stop_pid "$NODE_PID"; }

# browser LOG VIEW: bench/explorer-browser.mjs in the background; sets BPID
browser() {
  (cd "$E2E" && EXPLORER_BASE="http://127.0.0.1:$P1" ADMIN_TOKEN="$TOKEN" VIEW="$2" \
      CHROMIUM_BIN="$CHROMIUM_BIN" LIFETIME_S=$(( DURATION + 300 )) \
      exec node explorer-browser.mjs) > "$1" 2>&1 &
  BPID=$!; track "$BPID"
}

# run NAME COUNT DURATION: one generator run; JSON in $RESULTS/backpressure-NAME.json
run() {
  local name=$1 json="$RESULTS/backpressure-$1.json"
  wait_quiet
  timeout $(( $3 + 120 )) "${LOAD_JVM[@]}" gen \
      --url "btp+ws://loadsrc:loadsrc-secret@127.0.0.1:$P1/btp" --dest test.java.loadsink.bench \
      --count "$2" --duration "$3" --concurrency "$CONCURRENCY" --warmup "$WARMUP" \
      --pid "target=$NODE_PID" --pid "sink=$SPID" --json "$json" \
      > "$LOGS/backpressure-gen-$name.out" 2>&1 \
    || { echo "generator failed ($name):" >&2; tail -20 "$LOGS/backpressure-gen-$name.out" >&2; exit 1; }
  local rejected; rejected=$(json_get "$json" rejected)
  [ "$rejected" = "{}" ] || echo "warning: run $name had rejects $rejected;" \
      "sink: $(tail -1 "$LOGS/backpressure-sink-$NODE_NAME.log")" >&2
  json_get "$json" packetsPerS
}
json_get() { # FILE KEY[.KEY]
  python3 -c 'import json,sys
v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$1" "$2"
}

heap_after_gc_mib() { # the node's heap in use after two full collections (System.gc())
  jcmd "$NODE_PID" GC.run > /dev/null; jcmd "$NODE_PID" GC.run > /dev/null
  jcmd "$NODE_PID" GC.heap_info | python3 -c 'import re,sys
heap=sys.stdin.read().split("Metaspace")[0]  # G1: one "heap total", Parallel: one per space
print(round(sum(int(k) for k in re.findall(r"used (\d+)K", heap)) / 1024, 1))'
}

telemetry() {
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$P1/admin/telemetry"
}

tree_ticks() { # CPU ticks of PID and its descendants
  local p t; t=$(cpu_ticks "$1")
  for p in $(ps -o pid= --ppid "$1"); do t=$(( t + $(tree_ticks "$p") )); done
  echo "$t"
}

# --- A / B: heap after GC without and with a feed client that never reads, each on a fresh node
echo "A: $PACKETS packets, no feed client"
node_up A
PPS_A=$(run A "$PACKETS" "$AB_DURATION")
HEAP_A=$(heap_after_gc_mib)
TEL_A=$(telemetry)
echo "   $PPS_A pkt/s, heap after GC $HEAP_A MiB; telemetry $TEL_A"
node_down

echo "B: $PACKETS packets, one feed client that never reads"
node_up B
python3 "$ROOT/bench/feed-never-reads.py" "$P1" "$TOKEN" > "$LOGS/backpressure-feed.log" 2>&1 &
FPID=$!; track "$FPID"
wait_for "$LOGS/backpressure-feed.log" 'FEED OPEN' 30 "$FPID"
PPS_B=$(run B "$PACKETS" "$AB_DURATION")
HEAP_B=$(heap_after_gc_mib)
TEL_B=$(telemetry)
echo "   $PPS_B pkt/s, heap after GC $HEAP_B MiB; telemetry $TEL_B"
# what an operator sees: the console's Node view, while the client is still connected
browser "$LOGS/backpressure-browser-node.log" node
wait_for "$LOGS/backpressure-browser-node.log" 'NODE VIEW' 60 "$BPID"
SHOWN=$(sed -n 's/^NODE VIEW dropped=//p' "$LOGS/backpressure-browser-node.log")
echo "   the console's Node view shows $SHOWN events dropped"
stop_pid "$BPID"; stop_pid "$FPID"

# --- C / D: the one-hop load without and with a browser on the Packets view ---------------------
PPS_C=(); PPS_D=(); BROWSER_CPU=(); COUNTS=""
for r in $(seq 1 "$ROUNDS"); do
  echo "C$r: c=$CONCURRENCY, no browser"
  PPS=$(run "C$r" "$COUNT" "$DURATION"); PPS_C+=("$PPS"); echo "   $PPS pkt/s"
  browser "$LOGS/backpressure-browser-$r.log" packets
  wait_for "$LOGS/backpressure-browser-$r.log" 'BROWSER READY' 60 "$BPID"
  echo "D$r: c=$CONCURRENCY, one browser on Packets"
  T0=$(date +%s%N); B0=$(tree_ticks "$BPID")
  PPS=$(run "D$r" "$COUNT" "$DURATION"); PPS_D+=("$PPS")
  B1=$(tree_ticks "$BPID"); T1=$(date +%s%N)
  BROWSER_CPU+=("$(( (B1 - B0) * 100 * 1000000000 / $(getconf CLK_TCK) / (T1 - T0) ))")
  kill -0 "$BPID" 2>/dev/null \
    || { echo "the browser exited during D$r:" >&2; tail -20 "$LOGS/backpressure-browser-$r.log" >&2; exit 1; }
  stop_pid "$BPID"  # it prints the table's counts line as it goes
  # the table's counts line just after the load
  COUNTS=$(python3 -c 'import re,sys
lines=[l[8:].strip() for l in open(sys.argv[1]) if l.startswith("counts:")]
rate=lambda l: int((re.search(r"of (\d+)/s", l) or [0, 0])[1])
print(max(lines, key=rate) if lines else "-")' "$LOGS/backpressure-browser-$r.log")
  echo "   ${PPS_D[-1]} pkt/s; browser ${BROWSER_CPU[-1]} % of a core; table: $COUNTS"
done
TEL_END=$(telemetry)
node_down

# --- summary ----------------------------------------------------------------------------------
SUMMARY="$RESULTS/explorer-backpressure.md"
python3 - "$PACKETS" "$CONCURRENCY" "$HEAP_A" "$HEAP_B" "$TEL_A" "$TEL_B" "$TEL_END" \
    "$SHOWN" "${PPS_C[*]}" "${PPS_D[*]}" "${BROWSER_CPU[*]}" "$COUNTS" "$RESULTS" > "$SUMMARY" <<'PY'
import json, sys
(packets, c, heap_a, heap_b, tel_a, tel_b, tel_end, shown, pps_c, pps_d, browser,
 counts, results) = sys.argv[1:]
tel_a, tel_b, tel_end = json.loads(tel_a), json.loads(tel_b), json.loads(tel_end)
heap_a, heap_b = float(heap_a), float(heap_b)
pps_c = [int(x) for x in pps_c.split()]
pps_d = [int(x) for x in pps_d.split()]
def gen(name):
    return json.load(open(f"{results}/backpressure-{name}.json"))
def drops(t, key):
    return t.get(key, "-")
diff = heap_b - heap_a
feed_drops = tel_b.get("feedDropped", tel_b["dropped"])
mean_c, mean_d = sum(pps_c) / len(pps_c), sum(pps_d) / len(pps_d)
ratio = mean_d / mean_c
print(f"| run | packets | pkt/s | heap after full GC MiB | dropped (ring / feed) | clients |")
print("|---|---|---|---|---|---|")
for name, heap, t in (("A no feed client", heap_a, tel_a),
                      ("B one client never reads", heap_b, tel_b)):
    g = gen(name[0])
    print(f"| {name} | {g['answered']:,} | {g['packetsPerS']:,} | {heap} | "
          f"{t['dropped']} ({drops(t, 'ringDropped')} / {drops(t, 'feedDropped')}) | "
          f"{t['clients']} |")
print()
print(f"heap B - A: {diff:+.1f} MiB (must be <= 64); feed messages dropped during B: "
      f"{feed_drops} (must be > 0); the console's Node view showed {shown} events dropped")
print()
print("| run | c | pkt/s | p50 ms | p99 ms | node CPU | other CPU (incl. browser) | browser CPU |")
print("|---|---|---|---|---|---|---|---|")
bcpu = browser.split()
for i in range(len(pps_c)):
    for kind in ("C", "D"):
        g = gen(f"{kind}{i + 1}")
        l, cpu = g["latencyMs"], g["cpuPctOfOneCore"]
        b = f"{bcpu[i]} %" if kind == "D" else "-"
        label = "no browser" if kind == "C" else "browser on Packets"
        print(f"| {kind}{i + 1} {label} | {c} | {g['packetsPerS']:,} | {l['p50']} | {l['p99']} | "
              f"{cpu.get('target', 0)} % | {cpu['other']} % | {b} |")
print()
print(f"one-hop with a browser / without: {mean_d:,.0f} / {mean_c:,.0f} pkt/s = {ratio:.3f} "
      f"(must be >= 0.90); the browser's table during the last D: {counts}; the node's "
      f"drops by then: ring {drops(tel_end, 'ringDropped')}, feed {drops(tel_end, 'feedDropped')}")
print()
ok = diff <= 64 and feed_drops > 0 and ratio >= 0.9
print("must-show: " + ("met" if ok else "MISSED") +
      f" (heap {'ok' if diff <= 64 else 'over'}, drops {'ok' if feed_drops > 0 else 'none'}, "
      f"one-hop {'ok' if ratio >= 0.9 else 'slower'})")
PY
{
  echo "<!-- bench/explorer-backpressure.sh $PACKETS $CONCURRENCY $COUNT $DURATION; ROUNDS=$ROUNDS;" \
       "$(date -u +%Y-%m-%dT%H:%MZ); load average $(cut -d' ' -f1-3 /proc/loadavg) -->"
  echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1)," \
       "$BENCH_JVM_OPTS, $("$CHROMIUM_BIN" --version 2>/dev/null | head -1)"
  echo
  cat "$SUMMARY"
} > "$SUMMARY.tmp" && mv "$SUMMARY.tmp" "$SUMMARY"
echo
cat "$SUMMARY"
