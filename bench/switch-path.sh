#!/usr/bin/env bash
# The packet path inside one JVM, without sockets (decode -> route -> hold -> forward ->
# fulfillment check -> commit -> encode), single thread, embedded ledger. Prints packets/s and
# bytes allocated per packet. Usage: bench/switch-path.sh [PACKETS=2000000]
set -euo pipefail
cd "$(dirname "$0")/.."
PACKETS=${1:-2000000}
mvn -B -q -pl connector-ejb -am install -DskipTests
cp=$(mvn -B -q -pl connector-ejb dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
       -Dmdep.includeScope=test)
exec java ${BENCH_JVM_OPTS:--Xmx512m} \
  -cp "connector-ejb/target/test-classes:connector-ejb/target/classes:$cp" \
  dev.ilpconnector.bench.SwitchBench "$PACKETS"
