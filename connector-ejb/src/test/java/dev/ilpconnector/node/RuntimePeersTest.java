package dev.ilpconnector.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.config.PeerOverlay;
import dev.ilpconnector.config.SettlementConfigLoader;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.packetswitch.Accounting;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.PeerStore;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.Settlements;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimePeersTest {

    private static final Map<String, String> CAROL = Map.of("relation", "child",
            "incomingToken", "carol-token", "assetCode", "XRP", "assetScale", "9",
            "minBalance", "-1000");
    private static final Function<String, Optional<String>> CONFIG = key -> Optional.ofNullable(
            Map.of("ilp.address", "test.node",
                    "connector.peers", "alice",
                    "peer.alice.relation", "child",
                    "peer.alice.btp.token", "alice-token",
                    "peer.alice.asset.code", "XRP",
                    "peer.alice.asset.scale", "9",
                    "peer.alice.min-balance", "-1000").get(key));

    @TempDir
    Path dir;

    private final EmbeddedLedger ledger = new EmbeddedLedger();
    private final AtomicInteger routeRecomputes = new AtomicInteger();
    private PeerDirectory directory;
    private LedgerAccounting accounting;
    private RouteBroadcaster broadcaster;
    private PeerStore store;
    private RuntimePeers peers;

    @BeforeEach
    void node() {
        store = PeerStore.in(dir);
        peers = build(store.load());
    }

    /** The node as ConnectorNode builds it, from the config with the stored changes over it. */
    private RuntimePeers build(PeerStore.Changes changes) {
        Function<String, Optional<String>> lookup = PeerOverlay.over(CONFIG, changes);
        NodeConfig config = NodeConfigLoader.load(lookup);
        directory = new PeerDirectory(config.peers());
        accounting = new LedgerAccounting(ledger, config.peers(), Clock.systemUTC());
        SettlementLedger settlementLedger = new SettlementLedger(ledger, config.peers());
        Settlements settlements = new Settlements(settlementLedger,
                new ManualSettlement(Clock.systemUTC()), config.peers(),
                SettlementConfigLoader.load(lookup, config.peers()), Runnable::run,
                (task, delayMs) -> task.run(), Duration.ZERO, Clock.systemUTC());
        broadcaster = new RouteBroadcaster(new RoutingTable(), new LinkRegistry(),
                config.peers(), config.ccp(), (task, ms) -> { }, Clock.systemUTC());
        return new RuntimePeers(directory, accounting, settlementLedger, settlements,
                broadcaster, routeRecomputes::incrementAndGet, store, changes, CONFIG);
    }

    @Test
    void anAddedChildAuthenticatesHasAccountsAndSurvivesARestart() throws Exception {
        PeerConfig carol = peers.put("carol", CAROL, true);
        assertTrue(directory.authenticate("carol", "carol-token").isPresent());
        assertTrue(balance(carol).isPresent(), "ledger accounts made");
        assertTrue(broadcaster.status().containsKey("carol"), "route exchange knows carol");
        assertEquals(1, routeRecomputes.get(), "carol's address is routed to her");
        assertEquals(-1000, carol.minBalance());

        build(PeerStore.in(dir).load());
        assertEquals(List.of("alice", "carol"),
                directory.all().stream().map(PeerConfig::id).toList());
        assertEquals(carol, directory.get("carol"));
    }

    @Test
    void aBadValueNamesItsFieldAndChangesNothing() {
        PeerChangeException e = assertThrows(PeerChangeException.class, () ->
                peers.put("carol", Map.of("relation", "child", "incomingToken", "t",
                        "assetCode", "XRP", "assetScale", "nine"), true));
        assertEquals(400, e.status());
        assertEquals("assetScale", e.field());
        assertTrue(e.getMessage().contains("0..255"), e.getMessage());
        assertNull(directory.get("carol"));
        assertEquals(PeerStore.Changes.NONE, store.load());

        PeerChangeException unknown = assertThrows(PeerChangeException.class, () ->
                peers.put("carol", Map.of("colour", "red"), true));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage().contains("unknown field colour"));
        assertEquals(409, assertThrows(PeerChangeException.class, () ->
                peers.put("alice", CAROL, true)).status());
        assertEquals(404, assertThrows(PeerChangeException.class, () ->
                peers.put("dave", CAROL, false)).status());
    }

    @Test
    void aPeerKeepsItsAsset() {
        Map<String, String> usd = new java.util.HashMap<>(CAROL);
        usd.put("assetCode", "USD");
        PeerChangeException e = assertThrows(PeerChangeException.class, () ->
                peers.put("alice", usd, false));
        assertEquals(409, e.status());
        assertEquals("XRP", directory.get("alice").assetCode());
    }

    @Test
    void removalWaitsForPacketsInFlightAndAZeroBalance() throws Exception {
        PeerConfig carol = peers.put("carol", CAROL, true);
        PeerConfig alice = directory.get("alice");
        Accounting.Hold hold = accounting.hold(carol, 100, alice, 100,
                Instant.now().plusSeconds(30), new byte[32]).toCompletableFuture().get();
        PeerChangeException inFlight = assertThrows(PeerChangeException.class,
                () -> peers.remove("carol"));
        assertEquals(409, inFlight.status());
        assertTrue(inFlight.getMessage().contains("packets in flight"), inFlight.getMessage());

        accounting.commit(hold).toCompletableFuture().get();
        PeerChangeException owes = assertThrows(PeerChangeException.class,
                () -> peers.remove("carol"));
        assertTrue(owes.getMessage().contains("balance of -100"), owes.getMessage());
        assertTrue(directory.authenticate("carol", "carol-token").isPresent());
    }

    @Test
    void aRemovedConfigPeerStaysRemovedAfterARestart() throws Exception {
        peers.remove("alice");
        assertNull(directory.get("alice"));
        assertTrue(!broadcaster.status().containsKey("alice"), "no route exchange with alice");
        assertEquals(java.util.Set.of("alice"), store.load().removed());
        assertEquals(1, routeRecomputes.get());

        build(PeerStore.in(dir).load());
        assertTrue(directory.all().isEmpty(), directory.all().toString());
        assertEquals(404, assertThrows(PeerChangeException.class,
                () -> peers.remove("alice")).status());
    }

    private Optional<?> balance(PeerConfig peer) throws Exception {
        return accounting.balance(peer).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
