package dev.ilpconnector.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The TigerBeetle cluster the node keeps its balances in (docs/configuration.md, "Ledger"). No
 * addresses: the embedded ledger ({@link LedgerConfig}).
 *
 * @param addresses      replica addresses ({@code host:port} or a port); empty: embedded
 * @param clusterId      TigerBeetle cluster id (u128)
 * @param callTimeout    bound of every TigerBeetle call; past it a packet is rejected T00
 * @param connectTimeout how long start-up waits for the cluster's first answer
 */
public record TigerBeetleConfig(List<String> addresses, BigInteger clusterId,
                                Duration callTimeout, Duration connectTimeout) {

    public static final String ADDRESSES = "tigerbeetle.addresses";
    public static final String CLUSTER_ID = "tigerbeetle.cluster-id";
    public static final String TIMEOUT_MS = "tigerbeetle.request-timeout-ms";
    public static final String CONNECT_TIMEOUT_MS = "tigerbeetle.connect-timeout-ms";

    /**
     * A round trip to a healthy cluster takes milliseconds; a second without an answer means
     * it is gone, and the packet is better rejected (T00) than held while its expiry runs out.
     */
    static final long TIMEOUT_MS_DEFAULT = 1_000;
    /** Start-up waits this long for the cluster (a replica restarting takes a few seconds). */
    static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000;
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128)
            .subtract(BigInteger.ONE);

    public TigerBeetleConfig {
        addresses = List.copyOf(addresses);
    }

    /** True when addresses are set: the node's ledger is this cluster. */
    public boolean enabled() {
        return !addresses.isEmpty();
    }

    /** @throws ConfigException naming the first bad key */
    public static TigerBeetleConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        List<String> addresses = in.list(ADDRESSES);
        for (String address : addresses) {
            if (!address.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new ConfigException(ADDRESSES, "must be comma-separated host:port or port"
                        + " values, got '" + address + "'");
            }
        }
        BigInteger cluster = in.optional(CLUSTER_ID).map(TigerBeetleConfig::clusterId)
                .orElse(BigInteger.ZERO);
        long timeout = in.longValue(TIMEOUT_MS, 50, 60_000, TIMEOUT_MS_DEFAULT);
        long connect = in.longValue(CONNECT_TIMEOUT_MS, 100, 600_000,
                CONNECT_TIMEOUT_MS_DEFAULT);
        return new TigerBeetleConfig(addresses, cluster, Duration.ofMillis(timeout),
                Duration.ofMillis(connect));
    }

    private static BigInteger clusterId(String raw) {
        try {
            BigInteger value = new BigInteger(raw);
            if (value.signum() >= 0 && value.compareTo(U128_MAX) <= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(CLUSTER_ID, "must be an integer 0..2^128-1 (the TigerBeetle"
                + " cluster id), got '" + raw + "'");
    }
}
