package dev.ilpconnector.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's names for a peer's settings and the config keys they stand for
 * ({@code assetScale} is {@code peer.<id>.asset.scale}), so that a peer added at run time is
 * read and checked by the same loaders as a configured one.
 */
public final class PeerFields {

    /** API field → key after {@code peer.<id>.}. */
    public static final Map<String, String> KEYS = fields();

    private PeerFields() {
    }

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("relation", "relation");
        m.put("btpUrl", "btp.url");
        m.put("incomingToken", "btp.token");
        m.put("assetCode", "asset.code");
        m.put("assetScale", "asset.scale");
        m.put("maxPacketAmount", "max-packet-amount");
        m.put("minBalance", "min-balance");
        m.put("routes", "routes");
        m.put("sendRoutes", "send-routes");
        m.put("receiveRoutes", "receive-routes");
        m.put("routingWeight", "routing-weight");
        m.put("settleThreshold", "settle-threshold");
        m.put("settleTo", "settle-to");
        return Collections.unmodifiableMap(m);
    }

    /**
     * The config keys (after {@code peer.<id>.}) of API fields.
     *
     * @throws IllegalArgumentException naming an unknown field
     */
    public static Map<String, String> toKeys(Map<String, String> fields) {
        Map<String, String> keys = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            String key = KEYS.get(field);
            if (key == null) {
                throw new IllegalArgumentException("unknown field " + field + "; known: "
                        + String.join(", ", KEYS.keySet()));
            }
            keys.put(key, value);
        });
        return keys;
    }

    /** The API field of a config key ({@code peer.carol.asset.scale} → assetScale). */
    public static Optional<String> fieldOf(String peerId, String configKey) {
        String prefix = "peer." + peerId + ".";
        if (!configKey.startsWith(prefix)) {
            return Optional.empty();
        }
        String suffix = configKey.substring(prefix.length());
        return KEYS.entrySet().stream().filter(e -> e.getValue().equals(suffix))
                .map(Map.Entry::getKey).findFirst();
    }
}
