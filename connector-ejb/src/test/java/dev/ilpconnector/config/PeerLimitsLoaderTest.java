package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerLimits;
import dev.ilpconnector.peer.Relation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerLimitsLoaderTest {

    private final List<PeerConfig> peers = List.of(peer("alice"), peer("bob"));
    private final Map<String, String> values = new HashMap<>();

    private Map<String, PeerLimits> load() {
        return PeerLimitsLoader.load(key -> Optional.ofNullable(values.get(key)), peers);
    }

    @Test
    void defaultsAreTenThousandRoutesAndNoRateLimit() {
        assertEquals(new PeerLimits(10_000, 0, 0), load().get("alice"));
        assertEquals(PeerLimits.DEFAULT, load().get("bob"));
    }

    @Test
    void eachPeerHasItsOwnLimits() {
        values.put("peer.bob.max-routes", "50");
        values.put("peer.bob.max-packets-per-second", "200");
        values.put("peer.bob.max-amount-per-second", "18446744073709551615");

        assertEquals(new PeerLimits(50, 200, -1L), load().get("bob"));
        assertEquals(PeerLimits.DEFAULT, load().get("alice"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "peer.alice.max-routes|-1|config error: peer.alice.max-routes must be an integer"
            + " 0..1000000, got '-1'",
        "peer.alice.max-routes|lots|config error: peer.alice.max-routes must be an integer",
        "peer.alice.max-routes|1000001|config error: peer.alice.max-routes must be an integer",
        "peer.bob.max-packets-per-second|-5|config error: peer.bob.max-packets-per-second"
            + " must be an integer 0..1000000000, got '-5'",
        "peer.bob.max-packets-per-second|1.5|config error: peer.bob.max-packets-per-second"
            + " must be an integer",
        "peer.bob.max-amount-per-second|-1|config error: peer.bob.max-amount-per-second"
            + " must be an integer 0..18446744073709551615, got '-1'",
        "peer.bob.max-amount-per-second|18446744073709551616|config error:"
            + " peer.bob.max-amount-per-second must be an integer"
    })
    void badValueStopsStartUpNamingTheKey(String key, String value, String message) {
        values.put(key, value);

        ConfigException e = assertThrows(ConfigException.class, this::load);

        assertEquals(key, e.key());
        assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(),
                message.length())));
    }

    private static PeerConfig peer(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of("t"), "XRP", 6,
                -1L, 0, List.of());
    }
}
