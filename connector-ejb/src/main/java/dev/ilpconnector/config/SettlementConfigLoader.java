package dev.ilpconnector.config;

import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.SettlementPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each peer's {@link SettlementPolicy} from config keys. Global defaults keep the TypeScript
 * connector's names ({@code SETTLEMENT_ENABLED}, {@code SETTLEMENT_THRESHOLD}); per peer,
 * {@code peer.<id>.settle-threshold} and {@code peer.<id>.settle-to}. docs/configuration.md
 * lists them.
 */
public final class SettlementConfigLoader {

    public static final String ENABLED = "settlement.enabled";
    public static final String THRESHOLD = "settlement.threshold";

    /** The TypeScript connector's default: 1 token of 6 decimals, in base units. */
    static final long THRESHOLD_DEFAULT = 1_000_000;

    private SettlementConfigLoader() {
    }

    /** @throws ConfigException naming the first bad key */
    public static Map<String, SettlementPolicy> load(Function<String, Optional<String>> lookup,
                                                     List<PeerConfig> peers) {
        ConfigReader in = new ConfigReader(lookup);
        boolean enabled = in.bool(ENABLED).orElse(true);
        long threshold = in.longValue(THRESHOLD, 1, Long.MAX_VALUE, THRESHOLD_DEFAULT);
        Map<String, SettlementPolicy> policies = new HashMap<>();
        for (PeerConfig peer : peers) {
            policies.put(peer.id(), policy(in, peer, enabled, threshold));
        }
        return Map.copyOf(policies);
    }

    private static SettlementPolicy policy(ConfigReader in, PeerConfig peer, boolean enabled,
                                           long defaultThreshold) {
        String p = "peer." + peer.id() + ".";
        long threshold = in.longValue(p + "settle-threshold", 1, Long.MAX_VALUE,
                defaultThreshold);
        // Below the peer's min balance the intent would always fail on the peer's own limit.
        long settleTo = in.longValue(p + "settle-to", peer.minBalance(), Long.MAX_VALUE, 0);
        if (settleTo >= threshold) {
            throw new ConfigException(p + "settle-to", "must be below " + p
                    + "settle-threshold (" + threshold + "), got '" + settleTo + "'");
        }
        return new SettlementPolicy(enabled, threshold, settleTo);
    }
}
