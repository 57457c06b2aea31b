#!/usr/bin/env bash
# The packet path inside one JVM, without sockets (decode -> route -> hold -> forward ->
# fulfillment check -> commit -> encode), single thread, embedded ledger. Prints packets/s and
# bytes allocated per packet (on the calling thread).
# Usage: bench/switch-path.sh [PACKETS=2000000] [LEDGER=memory|journal] [IN_FLIGHT=1]
#   journal: the ledger journals to bench/target/switch-path-ledger (emptied first), so every
#   commit waits for an fsync; IN_FLIGHT: packets switched at once (group commit needs > 1)
set -euo pipefail
cd "$(dirname "$0")/.."
PACKETS=${1:-2000000}
LEDGER=${2:-memory}
IN_FLIGHT=${3:-1}
case "$LEDGER" in
  memory) LEDGER_DIR=none ;;
  journal) LEDGER_DIR=bench/target/switch-path-ledger; rm -rf "$LEDGER_DIR" ;;
  *) echo "LEDGER must be memory or journal" >&2; exit 2 ;;
esac
mvn -B -q -pl connector-ejb -am install -DskipTests
cp=$(mvn -B -q -pl connector-ejb dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
       -Dmdep.includeScope=test)
exec java ${BENCH_JVM_OPTS:--Xmx512m} \
  -cp "connector-ejb/target/test-classes:connector-ejb/target/classes:$cp" \
  dev.ilpconnector.bench.SwitchBench "$PACKETS" "$LEDGER_DIR" "$IN_FLIGHT"
