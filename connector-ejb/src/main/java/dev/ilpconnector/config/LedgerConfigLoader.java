package dev.ilpconnector.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds the {@link LedgerConfig} from config keys (docs/configuration.md, "Ledger"). */
public final class LedgerConfigLoader {

    public static final String TIGERBEETLE_ADDRESSES = "tigerbeetle.addresses";
    public static final String TIGERBEETLE_CLUSTER_ID = "tigerbeetle.cluster-id";
    public static final String TIGERBEETLE_TIMEOUT_MS = "tigerbeetle.request-timeout-ms";
    public static final String TIGERBEETLE_CONNECT_TIMEOUT_MS = "tigerbeetle.connect-timeout-ms";

    /**
     * A round trip to a healthy cluster takes milliseconds; a second without an answer means
     * it is gone, and the packet is better rejected (T00) than held while its expiry runs out.
     */
    static final long TIMEOUT_MS_DEFAULT = 1_000;
    /** Start-up waits this long for the cluster (a replica restarting takes a few seconds). */
    static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000;
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128)
            .subtract(BigInteger.ONE);

    private LedgerConfigLoader() {
    }

    /** @throws ConfigException naming the first bad key */
    public static LedgerConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        List<String> addresses = in.list(TIGERBEETLE_ADDRESSES);
        for (String address : addresses) {
            if (!address.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new ConfigException(TIGERBEETLE_ADDRESSES, "must be comma-separated "
                        + "host:port or port values, got '" + address + "'");
            }
        }
        BigInteger cluster = in.optional(TIGERBEETLE_CLUSTER_ID)
                .map(LedgerConfigLoader::clusterId).orElse(BigInteger.ZERO);
        long timeout = in.longValue(TIGERBEETLE_TIMEOUT_MS, 50, 60_000, TIMEOUT_MS_DEFAULT);
        long connect = in.longValue(TIGERBEETLE_CONNECT_TIMEOUT_MS, 100, 600_000,
                CONNECT_TIMEOUT_MS_DEFAULT);
        return new LedgerConfig(addresses, cluster, Duration.ofMillis(timeout),
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
        throw new ConfigException(TIGERBEETLE_CLUSTER_ID, "must be an integer 0..2^128-1 (the"
                + " TigerBeetle cluster id), got '" + raw + "'");
    }
}
