package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigTest {

    private static final String SECRET_HEX =
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    private final Map<String, String> values = new HashMap<>();

    /** A node test.node with a child alice, and the keys of {@link #values}. */
    private AgentConfig load() {
        Map<String, String> node = new HashMap<>(Map.of(
                "connector.peers", "alice",
                "peer.alice.relation", "child",
                "peer.alice.btp.token", "t",
                "peer.alice.asset.code", "XRP",
                "peer.alice.asset.scale", "9"));
        if (!values.containsKey("no-address")) {
            node.put("ilp.address", "test.node");
        } else {
            node.put("connector.peers", "alice,up");
            node.put("peer.up.relation", "parent");
            node.put("peer.up.btp.url", "btp+ws://u:t@127.0.0.1:1/btp");
            node.put("peer.up.asset.code", "USD");
            node.put("peer.up.asset.scale", "2");
        }
        node.putAll(values);
        NodeConfig config = NodeConfigLoader.load(key -> Optional.ofNullable(node.get(key)));
        return AgentConfig.load(key -> Optional.ofNullable(node.get(key)), config);
    }

    @Test
    void withoutBusinessLogicTheAgentIsOffAndTheDefaultsAreTheSeeds() {
        AgentConfig config = load();
        assertFalse(config.localDeliveryEnabled());
        assertTrue(config.spspEnabled());
        assertEquals(Duration.ofMillis(5_000), config.businessLogicTimeout());
        assertEquals(Duration.ofMillis(3_600_000), config.sessionTtl());
        assertEquals(Duration.ofMillis(30_000), config.localDeliveryTimeout());
        assertTrue(config.secret().isEmpty());
        assertTrue(config.baseAddress().isEmpty());
    }

    @Test
    void aBusinessLogicUrlTurnsLocalDeliveryOn() {
        values.put("business.logic.url", "http://127.0.0.1:8080/shop");
        values.put("asset.code", "XRP");
        values.put("asset.scale", "9");
        values.put("base.address", "test.node.agent");
        values.put("agent.secret", SECRET_HEX);
        AgentConfig config = load();
        assertTrue(config.localDeliveryEnabled());
        assertEquals("http://127.0.0.1:8080/shop", config.businessLogicUrl().get().toString());
        assertEquals("test.node.agent", config.baseAddress().get().value());
        assertEquals(new AgentConfig.Asset("XRP", 9), config.asset().get());
        assertArrayEquals(HexFormat.of().parseHex(SECRET_HEX), config.secret().get());
        assertFalse(config.toString().contains("0001020304"), "the secret stays out of logs");
    }

    @Test
    void localDeliveryCanBeTurnedOffDespiteABusinessLogic() {
        values.put("business.logic.url", "http://127.0.0.1:8080");
        values.put("local.delivery.enabled", "false");
        assertFalse(load().localDeliveryEnabled());
    }

    @Test
    void theSecretMayBeBase64() {
        values.put("agent.secret", java.util.Base64.getEncoder().encodeToString(
                HexFormat.of().parseHex(SECRET_HEX)));
        assertArrayEquals(HexFormat.of().parseHex(SECRET_HEX), load().secret().get());
    }

    @Test
    void withoutAnAssetTheAgentTakesTheParents() {
        values.put("no-address", "");
        values.put("business.logic.url", "http://127.0.0.1:8080");
        values.put("base.address", "g.anything");
        AgentConfig config = load();
        assertEquals(new AgentConfig.Asset("USD", 2), config.asset().get());
        // the node's address is not known yet: BASE_ADDRESS is checked once it is learned
        assertEquals("g.anything", config.baseAddress().get().value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "business.logic.url|ftp://x/|business.logic.url must be an http:// or https:// URL",
        "business.logic.url|localhost:8080|business.logic.url must be an http:// or https://",
        "base.address|test.other|base.address 'test.other' is outside the node's address",
        "base.address|test.node.alice.x|base.address 'test.node.alice.x' is under child alice",
        "base.address|test.nodex|base.address 'test.nodex' is outside",
        "base.address|nope|base.address address needs a scheme",
        "agent.secret|abcd|agent.secret must be 32 bytes",
        "local.delivery.enabled|true|local.delivery.enabled is true but business.logic.url is",
        "local.delivery.url|http://agent:3100|local.delivery.url not supported: run the agent"
                + " in this node or as a BTP child, docs/agent.md",
        "session.ttl.ms|0|session.ttl.ms must be an integer",
        "business.logic.timeout|-5|business.logic.timeout must be an integer",
        "spsp.enabled|yes|spsp.enabled must be true or false",
        "agent.port|70000|agent.port must be an integer 1..65535",
    })
    void aBadValueNamesItsKey(String key, String value, String message) {
        values.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith("config error: " + message), e.getMessage());
        assertEquals(key, e.key());
    }

    @Test
    void theSecretIsNeverEchoed() {
        values.put("agent.secret", "my-very-secret-but-short");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertFalse(e.getMessage().contains("my-very-secret"), e.getMessage());
    }

    @Test
    void anAgentWithoutAnAssetStopsStartUp() {
        values.put("business.logic.url", "http://127.0.0.1:8080");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertEquals("asset.code", e.key(), e.getMessage());
        values.put("asset.code", "XRP");
        e = assertThrows(ConfigException.class, this::load);
        assertEquals("asset.scale", e.key(), e.getMessage());
    }
}
