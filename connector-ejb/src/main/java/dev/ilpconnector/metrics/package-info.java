/**
 * What the node counts for its operators (Prometheus via MicroProfile Metrics, whose adapter
 * lives in the web module): packets by peer, outcome and RFC 27 code, their durations, ledger
 * call latency, settlements, balances and links. Fed from the telemetry seam with series
 * resolved once per peer and code, so a packet costs no registry lookup and no lock. Labels are
 * peer ids and fixed words only: never a destination, address, condition or message.
 *
 * <p>Plain Java: imports codec, telemetry and nothing else of ours, no {@code jakarta.*}.
 */
package dev.ilpconnector.metrics;
