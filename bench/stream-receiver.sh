#!/usr/bin/env bash
# The STREAM receiver core in one JVM, one thread, no sockets, no business logic: ns and bytes
# allocated per open + fulfill (decrypt, decode, condition check, credit, receipt, encrypt the
# reply) and per open + reject of a probe. Prepares are sealed beforehand.
# Usage: bench/stream-receiver.sh [PACKETS=500000]
set -euo pipefail
cd "$(dirname "$0")/.."
PACKETS=${1:-500000}
mvn -B -o -q -pl connector-ejb compile
exec java ${BENCH_JVM_OPTS:--Xmx512m} -cp connector-ejb/target/classes \
  bench/StreamReceiverBench.java "$PACKETS"
