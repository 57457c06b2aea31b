package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ccp.PeerRouting;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NodeConfigLoaderTest {

    private final Map<String, String> values = new HashMap<>(Map.of(
            "ilp.address", "test.node",
            "connector.peers", "alice, carol",
            "asset.code", "XRP",
            "asset.scale", "9",
            "peer.alice.relation", "child",
            "peer.alice.btp.token", "s3cret",
            "peer.carol.relation", "peer",
            "peer.carol.btp.url", "btp+ws://me:tok@127.0.0.1:7769/btp",
            "peer.carol.routes", "test.carol, g.carol"));

    private NodeConfig load() {
        return NodeConfigLoader.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void readsNodeAndPeers() {
        NodeConfig config = load();
        assertEquals("test.node", config.address().orElseThrow().value());
        assertEquals("test.node", config.nodeId());
        assertEquals(Duration.ofSeconds(1), config.minMessageWindow());
        assertEquals(Duration.ofSeconds(30), config.maxHoldTime());
        PeerConfig alice = config.peers().get(0);
        assertEquals(Relation.CHILD, alice.relation());
        assertEquals(Optional.of("s3cret"), alice.incomingToken());
        assertEquals("XRP", alice.assetCode());
        assertEquals(9, alice.assetScale());
        assertEquals(-1L, alice.maxPacketAmount(), "unlimited is 2^64-1");
        assertEquals(0, alice.minBalance(), "no credit unless configured");
        PeerConfig carol = config.peers().get(1);
        assertEquals("me", carol.btpUrl().orElseThrow().username());
        assertEquals("tok", carol.btpUrl().orElseThrow().token());
        assertEquals(List.of("test.carol", "g.carol"), carol.routes());
    }

    @Test
    void readsLimitsAndPerPeerAsset() {
        values.put("peer.alice.max-packet-amount", "18446744073709551615");
        values.put("peer.alice.min-balance", "-5000");
        values.put("peer.alice.asset.code", "USD");
        values.put("peer.alice.asset.scale", "2");
        values.put("connector.min-message-window-ms", "500");
        PeerConfig alice = load().peers().get(0);
        assertEquals(-1L, alice.maxPacketAmount());
        assertEquals(-5000, alice.minBalance());
        assertEquals("USD", alice.assetCode());
        assertEquals(2, alice.assetScale());
        assertEquals(Duration.ofMillis(500), load().minMessageWindow());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "ilp.address | ''                    | ilp.address is missing",
        "ilp.address | not an address        | ilp.address",
        "peer.alice.relation | friend        | peer.alice.relation must be parent, peer or child",
        "peer.alice.asset.scale | abc "
                + "| peer.alice.asset.scale must be an integer 0..255, got 'abc'",
        "peer.alice.asset.scale | 256         | peer.alice.asset.scale must be an integer 0..255",
        "peer.alice.max-packet-amount | -1 "
                + "| peer.alice.max-packet-amount must be an integer 0..18446744073709551615",
        "peer.alice.max-packet-amount | 18446744073709551616 | peer.alice.max-packet-amount",
        "peer.alice.min-balance | 10          | peer.alice.min-balance must be an integer",
        "peer.alice.routes | test..bad        | peer.alice.routes",
        "peer.carol.btp.url | http://x:y@h:1 | peer.carol.btp.url must start with btp+ws:// or btp+wss://",
        "peer.carol.btp.url | btp+ws://h:1   | peer.carol.btp.url must carry credentials",
        "connector.min-message-window-ms | 0 "
                + "| connector.min-message-window-ms must be an integer 1..60000",
        "connector.peers | 'alice,alice'     | connector.peers names peer 'alice' twice",
        "connector.peers | Bad!              | connector.peers peer id 'Bad!' must be 1-64",
    })
    void badValueStopsStartupNamingTheKey(String key, String value, String message) {
        values.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith("config error: " + message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void peerNeedsExactlyOneWayToConnect() {
        values.put("peer.alice.btp.url", "btp+ws://a:b@127.0.0.1:1");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().contains("set exactly one"), e.getMessage());
    }

    @Test
    void missingAssetNamesThePeerKey() {
        values.remove("asset.code");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertEquals("peer.alice.asset.code", e.key());
    }

    @Test
    void secretsAreNeverEchoed() {
        values.put("peer.carol.btp.url", "btp+ws://me:topsecret@");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }

    @Test
    void peerConfigsPrintWithoutTokens() {
        values.put("peer.carol.btp.url", "btp+ws://me:topsecret@127.0.0.1:1");
        String shown = load().peers().toString();
        assertFalse(shown.contains("topsecret"), shown);
        assertFalse(shown.contains("s3cret"), shown);
    }

    @Test
    void anAddressIsOptionalWithAParentWhoseIldcpAnswerGivesIt() {
        values.remove("ilp.address");
        values.put("connector.peers", "up,alice");
        values.put("peer.up.relation", "parent");
        values.put("peer.up.btp.url", "btp+ws://me:tok@127.0.0.1:7768/btp");
        NodeConfig config = load();
        assertEquals(Optional.empty(), config.address());
        assertEquals("up", config.parent().orElseThrow().id());
        assertEquals("connector", config.nodeId());
    }

    @Test
    void ccpDefaultsByRelationAndOverrides() {
        NodeConfig config = load();
        assertEquals(Duration.ofSeconds(30), config.ccp().broadcastInterval());
        assertEquals(Duration.ofSeconds(45), config.ccp().routeExpiry());
        assertEquals(new PeerRouting(false, false, 0), config.ccp().peer("alice"), "child");
        assertEquals(new PeerRouting(true, true, 0), config.ccp().peer("carol"), "peer");
        values.put("peer.carol.send-routes", "FALSE");
        values.put("peer.carol.receive-routes", "false");
        values.put("peer.carol.routing-weight", "-3");
        values.put("ccp.broadcast-interval-ms", "60000");
        config = load();
        assertEquals(new PeerRouting(false, false, -3), config.ccp().peer("carol"));
        assertEquals(Duration.ofSeconds(90), config.ccp().routeExpiry(), "1.5 x the interval");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "peer.carol.send-routes | yes        | peer.carol.send-routes must be true or false",
        "peer.carol.routing-weight | 1.5     | peer.carol.routing-weight must be an integer",
        "ccp.broadcast-interval-ms | 0       | ccp.broadcast-interval-ms must be an integer",
        "ccp.broadcast-interval-ms | 500     | ccp.broadcast-interval-ms must be an integer 1000..",
        "ccp.route-expiry-ms | 30000         | ccp.route-expiry-ms must be longer than",
        "ccp.route-expiry-ms | 31000         | ccp.route-expiry-ms must be longer than"
            + " ccp.broadcast-interval-ms (30000) + 1000 ms"})
    void badCcpValues(String key, String value, String message) {
        values.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
