# Shell functions the bench scripts share; sourced, never run. The sourcing script sets ROOT
# (the repository root) before sourcing, and `set -euo pipefail` itself.
#
#   bench_dirs             WORK, JS, RESULTS, LOGS under bench/target (created)
#   track PID / stop_pid PID / stop_all   processes this script started (stop_all on EXIT)
#   wait_for FILE REGEX SECONDS PID       until FILE has a matching line; fails if PID died
#   free_ports N, rss_mib PID, cpu_ticks PID, machine_busy_pct, wait_quiet
#   js_tree                the interop tests' JS scripts + node_modules in $JS (npm ci once)
#   bench_java             builds bench/java; sets LOAD_JVM (the JVM generator and sink)
#   peer_env ID MAX_PACKET MIN_BALANCE    PEER_<ID>_* of a child peer with token ID-secret
#   start_node LOG HTTP_PORT VAR=VALUE..  the runnable jar with only those env vars (and
#                          MALLOC_ARENA_MAX=2, as run-node), the node's jvm.options unless
#                          BENCH_JVM_OPTS; sets NODE_PID once /health/ready answers 200

bench_dirs() {
  WORK="$ROOT/bench/target"
  JS="$WORK/js"
  RESULTS="$WORK/results"
  LOGS="$WORK/logs"
  mkdir -p "$JS" "$RESULTS" "$LOGS"
}

PIDS=()
track() { PIDS+=("$1"); }

stop_pid() { # TERM, wait up to 15 s, then KILL
  local p=$1
  kill "$p" 2>/dev/null || true
  for _ in $(seq 1 75); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$p" 2>/dev/null || true
}

stop_all() { # every tracked process, newest first
  local i
  for (( i = ${#PIDS[@]} - 1; i >= 0; i-- )); do stop_pid "${PIDS[$i]}"; done
  PIDS=()
}

wait_for() {
  local file=$1 regex=$2 seconds=$3 pid=$4
  for _ in $(seq 1 $(( seconds * 5 ))); do
    grep -Eq "$regex" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null \
      || { echo "process $pid died; $file:" >&2; tail -20 "$file" >&2; return 1; }
    sleep 0.2
  done
  echo "timeout waiting for /$regex/ in $file" >&2; tail -20 "$file" >&2; return 1
}

free_ports() { # N free loopback ports
  python3 -c 'import socket,sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
[x.bind(("127.0.0.1",0)) for x in s]; print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}

rss_mib() { echo $(( $(awk '/^VmRSS:/{print $2}' "/proc/$1/status") / 1024 )); }

cpu_ticks() { # utime+stime of a pid, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

machine_busy_pct() { # busy % of the whole machine (all cores) over the next 2 s
  local a b total=0 idle i
  read -r -a a < <(head -1 /proc/stat); sleep 2; read -r -a b < <(head -1 /proc/stat)
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  idle=$(( b[4] - a[4] + b[5] - a[5] ))
  echo $(( 100 * (total - idle) / (total > 0 ? total : 1) ))
}

# Other work on the machine skews every figure: wait up to QUIET_WAIT_S (180) for a quiet
# moment; the "other CPU" figures show what was left anyway.
wait_quiet() {
  local waited=0 busy limit=${QUIET_WAIT_S:-180}
  while busy=$(machine_busy_pct); [ "$busy" -gt 15 ] && [ "$waited" -lt "$limit" ]; do
    waited=$(( waited + 2 ))
  done
  [ "$busy" -gt 15 ] && echo "warning: machine still ${busy}% busy after ${limit}s" >&2
  return 0
}

js_tree() {
  local src="$ROOT/liberty/src/test/js" stamp
  cp "$src"/package.json "$src"/package-lock.json "$src"/*.js "$JS"/
  mkdir -p "$JS/lib" && cp "$src"/lib/*.js "$JS/lib/"
  stamp=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ ! -d "$JS/node_modules" ] || [ "$(cat "$JS/.npm-ci-stamp" 2>/dev/null)" != "$stamp" ]; then
    (cd "$JS" && timeout 300 npm ci --no-audit --no-fund --no-progress > "$LOGS/npm-ci.log" 2>&1)
    echo "$stamp" > "$JS/.npm-ci-stamp"
  fi
}

bench_java() {
  ( cd "$ROOT" && mvn -B -o -q -f bench/java/pom.xml -Dmaven.multiModuleProjectDirectory="$ROOT" \
      package ) > "$LOGS/bench-java-build.log" 2>&1 \
    || { cat "$LOGS/bench-java-build.log" >&2; exit 1; }
  local hdr="$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar"
  LOAD_JVM=(java -Xmx512m -XX:+UseParallelGC
    -cp "$ROOT/bench/java/target/bench-load-0.1.0-SNAPSHOT.jar:$hdr"
    dev.ilpconnector.bench.load.BtpLoad)
}

peer_env() {
  local id=$1 up; up=$(tr '[:lower:]' '[:upper:]' <<< "$1")
  echo "PEER_${up}_RELATION=child PEER_${up}_BTP_TOKEN=${id}-secret PEER_${up}_ASSET_CODE=XRP" \
       "PEER_${up}_ASSET_SCALE=9 PEER_${up}_MAX_PACKET_AMOUNT=$2 PEER_${up}_MIN_BALANCE=$3"
}

start_node() {
  local log=$1 port=$2 jar=${NODE_JAR:-$ROOT/liberty/target/ilp-connector.jar}; shift 2
  [ -f "$jar" ] || { echo "$jar missing: run mvn -B -DskipTests package first" >&2; exit 2; }
  # shellcheck disable=SC2086
  env -i PATH="$PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" HTTP_PORT="$port" \
      MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "$@" \
      java ${BENCH_JVM_OPTS:-@$ROOT/liberty/config/jvm.options} -jar "$jar" > "$log" 2>&1 &
  NODE_PID=$!; track "$NODE_PID"
  for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ] \
      && return 0
    kill -0 "$NODE_PID" 2>/dev/null || { echo "node died:" >&2; tail -30 "$log" >&2; exit 1; }
    [ "$i" = 600 ] && { echo "node not ready in 120 s" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.2
  done
}
