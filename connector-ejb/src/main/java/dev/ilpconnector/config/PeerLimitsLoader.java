package dev.ilpconnector.config;

import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerLimits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each peer's {@link PeerLimits} from {@code peer.<id>.max-routes},
 * {@code peer.<id>.max-packets-per-second} and {@code peer.<id>.max-amount-per-second}
 * (env {@code PEER_<ID>_MAX_ROUTES}, ...). docs/configuration.md lists them.
 */
public final class PeerLimitsLoader {

    public static final String MAX_ROUTES = "max-routes";
    public static final String MAX_PACKETS_PER_SECOND = "max-packets-per-second";
    public static final String MAX_AMOUNT_PER_SECOND = "max-amount-per-second";

    /** Route updates are checked against the bound before they are applied: keep it sane. */
    static final long MAX_ROUTES_MAX = 1_000_000;
    /** Beyond this no rate is a limit: the token bucket's nanosecond arithmetic stays exact. */
    static final long MAX_PACKETS_PER_SECOND_MAX = 1_000_000_000;

    private PeerLimitsLoader() {
    }

    /** @throws ConfigException naming the first bad key */
    public static Map<String, PeerLimits> load(Function<String, Optional<String>> lookup,
                                               List<PeerConfig> peers) {
        ConfigReader in = new ConfigReader(lookup);
        Map<String, PeerLimits> limits = new HashMap<>();
        for (PeerConfig peer : peers) {
            limits.put(peer.id(), limits(in, "peer." + peer.id() + "."));
        }
        return Map.copyOf(limits);
    }

    private static PeerLimits limits(ConfigReader in, String p) {
        int maxRoutes = (int) in.longValue(p + MAX_ROUTES, 0, MAX_ROUTES_MAX,
                PeerLimits.MAX_ROUTES_DEFAULT);
        long packets = in.longValue(p + MAX_PACKETS_PER_SECOND, 0, MAX_PACKETS_PER_SECOND_MAX,
                0);
        long amount = in.unsignedAmount(p + MAX_AMOUNT_PER_SECOND, 0);
        return new PeerLimits(maxRoutes, packets, amount);
    }
}
