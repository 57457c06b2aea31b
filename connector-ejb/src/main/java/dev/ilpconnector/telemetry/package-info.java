/**
 * Telemetry seam: what the packet path, links, route exchange and settlement tell observers
 * (metrics, the explorer's ring and packet log). Publishing never blocks and never waits for a
 * reader; an observer that cannot keep up drops and counts what it drops.
 *
 * <p>Plain Java: imports codec and nothing else of ours, no {@code jakarta.*}.
 */
package dev.ilpconnector.telemetry;
