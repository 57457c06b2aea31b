package dev.ilpconnector.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The explorer's bounds: how many answered packets the packet log keeps, how many bytes of
 * their wire form, and how many events the telemetry ring holds between the packet path and
 * the explorer's pump. docs/configuration.md lists the keys.
 *
 * @param logPackets packets kept in the log ({@code EXPLORER_LOG_PACKETS})
 * @param logBytes   bytes of Prepares and answers kept ({@code EXPLORER_LOG_BYTES})
 * @param ringEvents events waiting for the pump before new ones are dropped
 *                   ({@code EXPLORER_RING_EVENTS})
 * @param pumpMs     how often the pump runs ({@code EXPLORER_PUMP_MS})
 */
public record ExplorerConfig(int logPackets, long logBytes, int ringEvents, long pumpMs) {

    public static final String LOG_PACKETS = "explorer.log.packets";
    public static final String LOG_BYTES = "explorer.log.bytes";
    public static final String RING_EVENTS = "explorer.ring.events";
    public static final String PUMP_MS = "explorer.pump.ms";

    static final int LOG_PACKETS_DEFAULT = 5_000;
    static final long LOG_BYTES_DEFAULT = 16L << 20;
    static final int RING_EVENTS_DEFAULT = 16_384;
    static final long PUMP_MS_DEFAULT = 20;

    /** @throws ConfigException naming the first bad key */
    public static ExplorerConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        return new ExplorerConfig(
                (int) in.longValue(LOG_PACKETS, 1, 1_000_000, LOG_PACKETS_DEFAULT),
                in.longValue(LOG_BYTES, 0, 1L << 32, LOG_BYTES_DEFAULT),
                (int) in.longValue(RING_EVENTS, 2, 1 << 24, RING_EVENTS_DEFAULT),
                in.longValue(PUMP_MS, 1, 1_000, PUMP_MS_DEFAULT));
    }
}
