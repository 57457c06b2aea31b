package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ilpconnector.peer.PeerStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PeerOverlayTest {

    private static final Function<String, Optional<String>> CONFIG = key -> Optional.ofNullable(
            Map.of("connector.peers", "alice, bob",
                    "peer.bob.routes", "test.b",
                    "peer.bob.relation", "peer",
                    "asset.code", "XRP").get(key));

    @Test
    void storedPeersReplaceTheirConfigKeysWhole() {
        PeerStore.Changes changes = new PeerStore.Changes(
                Map.of("bob", Map.of("relation", "child"), "carol", Map.of("relation", "child")),
                Set.of("alice"));
        Function<String, Optional<String>> lookup = PeerOverlay.over(CONFIG, changes);
        assertEquals(Optional.of("bob,carol"), lookup.apply("connector.peers"));
        assertEquals(Optional.of("child"), lookup.apply("peer.bob.relation"));
        assertEquals(Optional.empty(), lookup.apply("peer.bob.routes"),
                "a key the stored peer left out is unset, not the config's");
        assertEquals(Optional.of("XRP"), lookup.apply("asset.code"));
        assertEquals(List.of("alice", "bob"), PeerOverlay.ids(CONFIG, PeerStore.Changes.NONE));
    }
}
