#!/bin/sh
# Starts the connector node in the container: the JVM replaces this shell (exec), so it is
# PID 1 and receives SIGTERM itself; the node then drains its packets in flight before it exits.
# JVM options: $JAVA_OPTS when set (replaces the defaults, split on spaces), else the image's
# copy of liberty/config/jvm.options, one option per line (a java @argument file).
set -eu

jar=/opt/ilp/ilp-connector.jar
defaults=/opt/ilp/jvm.options
extract=${WLP_JAR_EXTRACT_DIR:?WLP_JAR_EXTRACT_DIR must name the directory the jar extracts to}

# The runnable jar refuses to extract into a directory that is not empty, and a JVM killed
# without its shutdown (SIGKILL, out of memory) leaves its extract behind, so a restarted
# container would never start again. Only the jar's own tree (wlp/) is removed: the ledger and
# settlement state live elsewhere (LEDGER_DIR) and are never touched here.
rm -rf "$extract/wlp"

if [ -n "${JAVA_OPTS:-}" ]; then
  set -f # split JAVA_OPTS into words, but never expand a * in it against files
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options, one per word
  exec java $JAVA_OPTS -jar "$jar" "$@"
fi
exec java "@$defaults" -jar "$jar" "$@"
