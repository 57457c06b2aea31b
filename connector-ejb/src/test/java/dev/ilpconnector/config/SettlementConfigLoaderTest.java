package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.settlement.SettlementPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementConfigLoaderTest {

    private final List<PeerConfig> peers = List.of(peer("alice", 0), peer("bob", -5000));
    private final Map<String, String> values = new HashMap<>();

    private Map<String, SettlementPolicy> load() {
        return SettlementConfigLoader.load(key -> Optional.ofNullable(values.get(key)), peers);
    }

    @Test
    void defaultsAreTheTypeScriptConnectors() {
        Map<String, SettlementPolicy> policies = load();

        assertEquals(new SettlementPolicy(true, 1_000_000, 0), policies.get("alice"));
        assertEquals(new SettlementPolicy(true, 1_000_000, 0), policies.get("bob"));
    }

    @Test
    void globalThresholdAndSwitchApplyToEveryPeerAndPeersOverride() {
        values.put("settlement.enabled", "FALSE");
        values.put("settlement.threshold", "5000000");
        values.put("peer.bob.settle-threshold", "2000");
        values.put("peer.bob.settle-to", "-100");

        Map<String, SettlementPolicy> policies = load();

        assertEquals(new SettlementPolicy(false, 5_000_000, 0), policies.get("alice"));
        assertEquals(new SettlementPolicy(false, 2000, -100), policies.get("bob"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "settlement.enabled|yes|config error: settlement.enabled must be true or false, got 'yes'",
        "settlement.threshold|0|config error: settlement.threshold must be an integer 1..",
        "peer.alice.settle-threshold|-5|config error: peer.alice.settle-threshold must be an"
            + " integer 1..",
        "peer.alice.settle-threshold|1e6|config error: peer.alice.settle-threshold must be an"
            + " integer 1..",
        "peer.alice.settle-to|1000000|config error: peer.alice.settle-to must be below"
            + " peer.alice.settle-threshold (1000000), got '1000000'",
        "peer.alice.settle-to|-1|config error: peer.alice.settle-to must be an integer 0..",
        "peer.bob.settle-to|-5001|config error: peer.bob.settle-to must be an integer -5000.."
    })
    void badValueStopsStartUpNamingTheKey(String key, String value, String message) {
        values.put(key, value);

        ConfigException e = assertThrows(ConfigException.class, this::load);

        assertEquals(key, e.key());
        assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(),
                message.length())));
    }

    private static PeerConfig peer(String id, long minBalance) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of("t"), "XRP", 6,
                -1L, minBalance, List.of());
    }
}
