package dev.ilpconnector.config;

import dev.ilpconnector.peer.PeerStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The config with the peer changes made at run time laid over it: the peers of
 * {@code connector.peers} less the removed ones plus the added ones, and for every peer added
 * or changed at run time its stored keys only (a key it left out is unset, not the config's).
 * The node's loaders read through it, so stored peers pass the same checks as configured ones.
 */
public final class PeerOverlay {

    private static final String PEER = "peer.";

    private PeerOverlay() {
    }

    public static Function<String, Optional<String>> over(
            Function<String, Optional<String>> config, PeerStore.Changes changes) {
        if (changes.peers().isEmpty() && changes.removed().isEmpty()) {
            return config;
        }
        String ids = String.join(",", ids(config, changes));
        return key -> {
            if (key.equals(NodeConfigLoader.PEERS)) {
                return Optional.of(ids);
            }
            if (key.startsWith(PEER)) {
                int dot = key.indexOf('.', PEER.length());
                if (dot > 0) {
                    Map<String, String> stored =
                            changes.peers().get(key.substring(PEER.length(), dot));
                    if (stored != null) {
                        return Optional.ofNullable(stored.get(key.substring(dot + 1)));
                    }
                }
            }
            return config.apply(key);
        };
    }

    /** Configured peers in order, less the removed, then those added at run time. */
    public static List<String> ids(Function<String, Optional<String>> config,
                            PeerStore.Changes changes) {
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (String id : new ConfigReader(config).list(NodeConfigLoader.PEERS)) {
            if (!changes.removed().contains(id)) {
                ids.put(id, Boolean.TRUE);
            }
        }
        changes.peers().keySet().forEach(id -> ids.putIfAbsent(id, Boolean.TRUE));
        return new ArrayList<>(ids.keySet());
    }
}
