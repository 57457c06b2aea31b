package dev.ilpconnector.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.packetswitch.Link;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node wired from a plain map, as the container wires it from MicroProfile Config. */
class NodeAssemblyTest {

    private static final byte[] FULFILLMENT = new byte[32];

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static Map<String, String> config() {
        Map<String, String> keys = new HashMap<>();
        keys.put("ilp.address", "test.node");
        keys.put("ledger.dir", "none");
        keys.put("connector.peers", "alice,bob");
        keys.put("asset.code", "USD");
        keys.put("asset.scale", "6");
        keys.put("peer.alice.relation", "child");
        keys.put("peer.alice.btp.token", "alice-secret");
        keys.put("peer.alice.min-balance", "-1000");
        keys.put("peer.bob.relation", "child");
        keys.put("peer.bob.btp.token", "bob-secret");
        return keys;
    }

    private NodeAssembly start(Map<String, String> keys) {
        return NodeAssembly.start(key -> Optional.ofNullable(keys.get(key)), Thread::new,
                scheduler, Clock.systemUTC());
    }

    @Test
    void forwardsAPaidPacketAndMovesBothBalances() throws Exception {
        try (NodeAssembly node = start(config())) {
            assertTrue(node.started());
            assertTrue(node.ready());
            assertNull(node.notReadyReason());
            assertEquals(IlpAddress.of("test.node"), node.address());
            node.links().register(new FulfillingLink("bob"));

            IlpResponse answer = node.handle("alice", prepare("test.node.bob.x", 100))
                    .get(5, TimeUnit.SECONDS);

            assertInstanceOf(IlpFulfill.class, answer);
            assertEquals(BigInteger.valueOf(-100), node.balance("alice").balance());
            assertEquals(BigInteger.valueOf(100), node.balance("bob").balance());
        }
    }

    @Test
    void refusesPastThePayersLimitWithT04() throws Exception {
        try (NodeAssembly node = start(config())) {
            node.links().register(new FulfillingLink("bob"));

            IlpResponse answer = node.handle("alice", prepare("test.node.bob.x", 1001))
                    .get(5, TimeUnit.SECONDS);

            IlpReject reject = assertInstanceOf(IlpReject.class, answer);
            assertEquals(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY, reject.code());
            assertEquals(BigInteger.ZERO, node.balance("alice").balance());
        }
    }

    @Test
    void withoutAnAddressItStartsButWaitsForItsParent() {
        Map<String, String> keys = config();
        keys.remove("ilp.address");
        keys.put("peer.alice.relation", "parent");
        keys.remove("peer.alice.btp.token");
        keys.put("peer.alice.btp.url", "btp+ws://:t@127.0.0.1:1/btp");
        try (NodeAssembly node = start(keys)) {
            assertTrue(node.started());
            assertFalse(node.ready());
            assertTrue(node.notReadyReason().contains("parent alice"), node.notReadyReason());
        }
    }

    @Test
    void aBadValueStopsStartUpNamingTheKey() {
        Map<String, String> keys = config();
        keys.put("peer.bob.relation", "sibling");
        ConfigException e = assertThrows(ConfigException.class, () -> start(keys));
        assertTrue(e.getMessage().contains("peer.bob.relation"), e.getMessage());
    }

    @Test
    void closingStopsTheNode() {
        NodeAssembly node = start(config());
        node.close();
        assertFalse(node.ready());
        assertFalse(node.started());
    }

    private static IlpPrepare prepare(String destination, long amount) throws Exception {
        byte[] condition = MessageDigest.getInstance("SHA-256").digest(FULFILLMENT);
        return new IlpPrepare(amount, Instant.now().plusSeconds(10), condition,
                IlpAddress.of(destination), new byte[0]);
    }

    /** A next hop that fulfills everything at once with the fulfillment above. */
    private record FulfillingLink(String peerId) implements Link {
        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
            return CompletableFuture.completedFuture(new IlpFulfill(FULFILLMENT, new byte[0]));
        }

    }
}
