#!/usr/bin/env bash
# A local network of five connector nodes (test.a .. test.e) on this machine, each a
# `java -jar liberty/target/ilp-connector.jar` with its own ports, extract directory, log and
# pid file under liberty/target/network/. The nodes learn each other's routes by CCP only.
#
#   liberty/network/network.sh start line|mesh   start five nodes, wait until every node has a
#                                                route to every other node, print the times
#   liberty/network/network.sh status            per node: pid, readiness, routing table
#   liberty/network/network.sh wait              wait until the running network has converged
#   liberty/network/network.sh stop-node N       stop one node (a..e): its links drop
#   liberty/network/network.sh start-node N      start it again on the same ports
#   liberty/network/network.sh stop              stop every node this script started
#   liberty/network/network.sh pay FROM TO [AMOUNT=1000000]
#                                                a STREAM payment (JS sender and receiver from
#                                                liberty/src/test/js, npm ci on first use) from
#                                                node FROM's child "client" to node TO's
#   liberty/network/network.sh measure line|mesh [RUNS=3]
#                                                RUNS times: start, converge, stop c, wait
#                                                for the withdrawal, restart c, converge, stop
#                                                all; prints a Markdown table of the times
#
# Topologies (the env files beside this script, one per node): line a-b-c-d-e, mesh (every
# node peers with every other). On each link the node earlier in the alphabet dials the other.
# env: READY_TIMEOUT_S (180), CONVERGE_TIMEOUT_S (120), STOP_TIMEOUT_S (30),
#      NETWORK_JVM_OPTS (-Xmx256m), BUILD=1 rebuilds the jar first.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NET="$ROOT/liberty/network"
WORK="$ROOT/liberty/target/network"
JAR="$ROOT/liberty/target/ilp-connector.jar"
NODES=(a b c d e)
READY_TIMEOUT_S=${READY_TIMEOUT_S:-180}
CONVERGE_TIMEOUT_S=${CONVERGE_TIMEOUT_S:-120}
STOP_TIMEOUT_S=${STOP_TIMEOUT_S:-30}
NETWORK_JVM_OPTS=${NETWORK_JVM_OPTS:--Xmx256m}

die() { echo "network: $*" >&2; exit 1; }
say() { echo "network: $*"; }
now_ms() { date +%s%3N; }
seconds_since() { # START_MS -> "12.3"
  local ms=$(( $(now_ms) - $1 ))
  printf '%d.%d' $(( ms / 1000 )) $(( ms % 1000 / 100 ))
}

# value KEY FILE: the value of KEY=... in an env file
value() { sed -n "s/^$1=//p" "$2" | tail -1; }

topology() { # the topology of the running (or last) network
  [ -f "$WORK/topology" ] || die "no network started (run: network.sh start line|mesh)"
  cat "$WORK/topology"
}

env_file() { echo "$NET/$1/$2.env"; } # TOPOLOGY NODE

pid_of() { cat "$WORK/$1/pid" 2>/dev/null || true; }

# alive NODE: its recorded pid runs our jar (a recycled pid is not ours)
alive() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "ilp-connector.jar"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_get() { # URL [TOKEN] -> sets HTTP_STATUS (000: no answer) and HTTP_BODY
  local out
  out=$(curl -s -m 5 -w '\n%{http_code}' ${2:+-H "Authorization: Bearer $2"} "$1" 2>/dev/null) \
    || out=$'\n000'
  HTTP_STATUS=${out##*$'\n'}
  HTTP_BODY=${out%$'\n'*}
}

ready() { # NODE
  local f; f=$(env_file "$(topology)" "$1")
  http_get "http://127.0.0.1:$(value HTTP_PORT "$f")/health/ready"
  [ "$HTTP_STATUS" = 200 ]
}

prefixes() { # NODE -> the prefixes in its /admin/routes, one a line
  local f; f=$(env_file "$(topology)" "$1")
  http_get "http://127.0.0.1:$(value HTTP_PORT "$f")/admin/routes" "$(value ADMIN_API_TOKEN "$f")"
  [ "$HTTP_STATUS" = 200 ] || return 0
  grep -oE '"prefix" *: *"[^"]*"' <<< "$HTTP_BODY" | sed -E 's/.*"([^"]*)"$/\1/'
}

# missing_routes: "a->test.c b->test.e ..." for every node lacking a route to another node
missing_routes() {
  local topo n m have out=""
  topo=$(topology)
  for n in "${NODES[@]}"; do
    have=$(prefixes "$n")
    for m in "${NODES[@]}"; do
      [ "$n" = "$m" ] && continue
      grep -qxF "$(value ILP_ADDRESS "$(env_file "$topo" "$m")")" <<< "$have" \
        || out+="$n->test.$m "
    done
  done
  printf '%s' "$out"
}

launch() { # TOPOLOGY NODE
  local f dir vars=() line
  f=$(env_file "$1" "$2")
  dir="$WORK/$2"
  [ -f "$f" ] || die "no env file $f"
  alive "$2" && die "node $2 already runs (pid $(pid_of "$2"))"
  port_busy "$(value HTTP_PORT "$f")" \
    && die "port $(value HTTP_PORT "$f") of node $2 is in use by another program"
  rm -rf "$dir" && mkdir -p "$dir"
  while IFS= read -r line; do
    [[ $line =~ ^[A-Z][A-Z0-9_]*= ]] && vars+=("$line")
  done < "$f"
  # a clean environment: the env file alone configures the node, not the caller's shell
  # shellcheck disable=SC2086 # NETWORK_JVM_OPTS is a list of options
  (cd "$dir" && exec env -i PATH="$PATH" HOME="${HOME:-/tmp}" LANG="${LANG:-C.UTF-8}" \
      "${vars[@]}" WLP_JAR_EXTRACT_DIR="$dir/wlp" \
      nohup java $NETWORK_JVM_OPTS -jar "$JAR") < /dev/null > "$dir/console.log" 2>&1 &
  echo $! > "$dir/pid"
  disown $! # the node outlives this script; stop_nodes ends it by its pid
}

# stop_nodes NODE...: SIGTERM to each, then SIGKILL to those still running STOP_TIMEOUT_S
# later (Liberty stops gracefully; on a loaded machine that can take a while)
stop_nodes() {
  local n i deadline pids=() names=()
  for n in "$@"; do
    if alive "$n"; then
      pids+=("$(pid_of "$n")")
      names+=("$n")
      kill "$(pid_of "$n")" 2>/dev/null || true
    fi
    rm -f "$WORK/$n/pid"
  done
  deadline=$(( $(now_ms) + STOP_TIMEOUT_S * 1000 ))
  for i in "${!pids[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null && (( $(now_ms) < deadline )); do sleep 0.2; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      say "node ${names[$i]} (pid ${pids[$i]}) still running ${STOP_TIMEOUT_S}s after" \
        "SIGTERM: killing it"
      kill -9 "${pids[$i]}" 2>/dev/null || true
    fi
    say "node ${names[$i]} stopped (pid ${pids[$i]})"
  done
}

stop_all() { stop_nodes "${NODES[@]}"; }

await_ready() { # START_MS NODE...
  local start=$1 n waiting; shift
  while true; do
    waiting=()
    for n in "$@"; do
      alive "$n" || die "node $n exited before it was ready; last lines of" \
        "$WORK/$n/console.log:"$'\n'"$(tail -20 "$WORK/$n/console.log")"
      ready "$n" || waiting+=("$n")
    done
    [ ${#waiting[@]} = 0 ] && return 0
    (( $(now_ms) - start > READY_TIMEOUT_S * 1000 )) \
      && die "not ready within ${READY_TIMEOUT_S}s: ${waiting[*]} (logs in $WORK/<node>/)"
    sleep 0.25
  done
}

await_converged() { # START_MS
  local start=$1 missing
  while true; do
    missing=$(missing_routes)
    [ -z "$missing" ] && return 0
    if (( $(now_ms) - start > CONVERGE_TIMEOUT_S * 1000 )); then
      die "routes did not converge within ${CONVERGE_TIMEOUT_S}s; missing: $missing"
    fi
    sleep 0.25
  done
}

ensure_jar() {
  if [ ! -f "$JAR" ] || [ "${BUILD:-0}" = 1 ]; then
    say "building $JAR (mvn -B -q package -DskipTests)"
    (cd "$ROOT" && mvn -B -q package -DskipTests)
  fi
}

# start TOPOLOGY: prints "converged" timings; on any failure or Ctrl-C stops what it started
STARTED=0
start() {
  local topo=$1 n t0
  STARTED=0
  [ -d "$NET/$topo" ] || die "unknown topology '$topo' (line or mesh)"
  command -v curl > /dev/null || die "curl is needed to poll the nodes"
  command -v java > /dev/null || die "java (17+) is needed"
  for n in "${NODES[@]}"; do
    alive "$n" && die "a network is running (node $n, pid $(pid_of "$n")): network.sh stop first"
  done
  ensure_jar
  mkdir -p "$WORK"
  echo "$topo" > "$WORK/topology"
  trap 'if [ "$STARTED" = 0 ]; then say "stopping the nodes"; stop_all; fi' EXIT
  trap 'say "interrupted"; exit 130' INT TERM
  t0=$(now_ms)
  for n in "${NODES[@]}"; do launch "$topo" "$n"; done
  say "$topo: started ${NODES[*]} (logs: $WORK/<node>/console.log)"
  await_ready "$t0" "${NODES[@]}"
  READY_S=$(seconds_since "$t0")
  say "all 5 nodes ready after ${READY_S}s"
  local t1; t1=$(now_ms)
  await_converged "$t1"
  CONVERGED_S=$(seconds_since "$t0")
  CONVERGED_AFTER_READY_S=$(seconds_since "$t1")
  say "$topo: routes converged ${CONVERGED_S}s after start" \
      "(${CONVERGED_AFTER_READY_S}s after the last node was ready)"
  STARTED=1
  trap - EXIT INT TERM
}

status() {
  local topo n f pid r
  topo=$(topology)
  for n in "${NODES[@]}"; do
    f=$(env_file "$topo" "$n")
    pid=$(pid_of "$n")
    if ! alive "$n"; then
      echo "$n  test.$n  stopped"
      continue
    fi
    ready "$n" && r=UP || r=DOWN
    echo "$n  test.$n  pid $pid  http://127.0.0.1:$(value HTTP_PORT "$f")  ready $r"
    http_get "http://127.0.0.1:$(value HTTP_PORT "$f")/admin/routes" \
      "$(value ADMIN_API_TOKEN "$f")"
    if [ "$HTTP_STATUS" != 200 ]; then
      echo "   /admin/routes: HTTP $HTTP_STATUS"
    elif command -v jq > /dev/null; then
      jq -r '(.routes // .)[] | "   \(.prefix) -> \(if .nextHop == "" then "local" else .nextHop end)"
        + "  \(.source // "")  \((.path // []) | join(" "))"' <<< "$HTTP_BODY"
    else
      echo "   $HTTP_BODY"
    fi
  done
  local missing running=0
  for n in "${NODES[@]}"; do alive "$n" && running=$(( running + 1 )); done
  [ "$running" = 0 ] && { echo "no node running ($topo)"; return 0; }
  missing=$(missing_routes)
  if [ -z "$missing" ]; then echo "converged ($topo)"; else echo "not converged: $missing"; fi
}

# await_withdrawn START_MS NODE: until no other node routes to NODE's address
await_withdrawn() {
  local start=$1 gone=$2 address n routing
  address=$(value ILP_ADDRESS "$(env_file "$(topology)" "$gone")")
  while true; do
    routing=""
    for n in "${NODES[@]}"; do
      [ "$n" = "$gone" ] && continue
      prefixes "$n" | grep -qxF "$address" && routing+="$n "
    done
    [ -z "$routing" ] && return 0
    (( $(now_ms) - start > CONVERGE_TIMEOUT_S * 1000 )) \
      && die "$address still routed by $routing${CONVERGE_TIMEOUT_S}s after $gone stopped"
    sleep 0.1
  done
}

# measure TOPOLOGY RUNS: per run, start and converge; then stop c, wait until nobody routes
# to test.c; start c again, wait until converged again
measure() {
  local topo=$1 runs=$2 i t load rows=()
  for (( i = 1; i <= runs; i++ )); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    say "run $i/$runs (load average $load)"
    start "$topo"
    local row="| $i | $load | $READY_S | $CONVERGED_S | $CONVERGED_AFTER_READY_S"
    STARTED=0
    trap 'if [ "$STARTED" = 0 ]; then say "stopping the nodes"; stop_all; fi' EXIT
    t=$(now_ms) # from SIGTERM: Liberty closes c's links while it stops
    stop_nodes c
    await_withdrawn "$t" c
    row+=" | $(seconds_since "$t")"
    t=$(now_ms)
    launch "$topo" c
    await_ready "$t" c
    t=$(now_ms)
    await_converged "$t"
    row+=" | $(seconds_since "$t") |"
    say "c stopped, withdrawn, restarted and converged again"
    rows+=("$row")
    stop_all
    trap - EXIT
  done
  echo "topology $topo, $runs runs (seconds):"
  echo "| run | load avg | all ready | converged after start | converged after ready" \
    "| test.c withdrawn everywhere after SIGTERM to c | converged after c ready again |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
}

# js_tree: the JS test scripts with their locked npm dependencies under $WORK/js
js_tree() {
  local src="$ROOT/liberty/src/test/js" js="$WORK/js" stamp
  command -v npm > /dev/null || die "node and npm (Node 18+) are needed for a payment"
  mkdir -p "$js/lib"
  cp "$src"/package.json "$src"/package-lock.json "$src"/*.js "$js"/
  cp "$src"/lib/*.js "$js/lib/"
  stamp=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ ! -d "$js/node_modules" ] || [ "$(cat "$js/.npm-ci-stamp" 2>/dev/null)" != "$stamp" ]; then
    say "npm ci in $js (once)"
    (cd "$js" && timeout 300 npm ci --no-audit --no-fund --no-progress > npm-ci.log 2>&1) \
      || die "npm ci failed: $js/npm-ci.log"
    echo "$stamp" > "$js/.npm-ci-stamp"
  fi
}

client_url() { # TOPOLOGY NODE: the BTP URL of the node's child "client"
  local f; f=$(env_file "$1" "$2")
  echo "btp+ws://client:$(value PEER_CLIENT_BTP_TOKEN "$f")@127.0.0.1:$(value HTTP_PORT "$f")/btp"
}

pay() { # FROM TO AMOUNT
  local from=$1 to=$2 amount=$3 topo js="$WORK/js" rpid spsp="" i
  [ "$from" != "$to" ] || die "pay between two different nodes"
  topo=$(topology)
  { alive "$from" && alive "$to"; } || die "nodes $from and $to must run (network.sh status)"
  js_tree
  (cd "$js" && exec node stream-receiver.js --btp "$(client_url "$topo" "$to")" \
    --spsp-port 0 --expect "$amount" --timeout 90) > "$WORK/receiver.log" 2>&1 &
  rpid=$!
  for (( i = 0; i < 150; i++ )); do
    spsp=$(sed -n 's/.*RECEIVER READY .*spsp=\([^ ]*\).*/\1/p' "$WORK/receiver.log")
    [ -n "$spsp" ] && break
    kill -0 "$rpid" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$spsp" ]; then
    kill "$rpid" 2>/dev/null || true
    die "the receiver at $to did not start:"$'\n'"$(tail -20 "$WORK/receiver.log")"
  fi
  say "paying $amount from $from's client to $to's client" \
    "($(grep -o 'address=[^ ]*' "$WORK/receiver.log"))"
  if ! (cd "$js" && node stream-sender.js --btp "$(client_url "$topo" "$from")" \
      --spsp "$spsp" --amount "$amount" --timeout 60); then
    kill "$rpid" 2>/dev/null || true
    die "payment failed (receiver log: $WORK/receiver.log)"
  fi
  wait "$rpid" || die "the receiver did not get $amount: $WORK/receiver.log"
  grep 'RECEIVED_TOTAL' "$WORK/receiver.log"
}

node_arg() {
  [[ " ${NODES[*]} " == *" ${1:-} "* ]] || die "want a node name: ${NODES[*]}"
}

case "${1:-}" in
  start) start "${2:?usage: network.sh start line|mesh}" ;;
  status) status ;;
  wait)
    for n in "${NODES[@]}"; do alive "$n" || die "node $n is not running (network.sh status)"; done
    t=$(now_ms); await_converged "$t"; say "$(topology): converged (waited $(seconds_since "$t")s)" ;;
  stop) stop_all ;;
  stop-node) node_arg "${2:-}"; topology > /dev/null; stop_nodes "$2" ;;
  start-node)
    node_arg "${2:-}"; t=$(now_ms); launch "$(topology)" "$2"; await_ready "$t" "$2"
    say "node $2 ready after $(seconds_since "$t")s" ;;
  pay) node_arg "${2:-}"; node_arg "${3:-}"; pay "$2" "$3" "${4:-1000000}" ;;
  measure) measure "${2:?usage: network.sh measure line|mesh [RUNS]}" "${3:-3}" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
