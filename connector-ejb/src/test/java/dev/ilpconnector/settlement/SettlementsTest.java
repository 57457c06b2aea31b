package dev.ilpconnector.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.PacketSwitch;
import dev.ilpconnector.packetswitch.PeerProtocols;
import dev.ilpconnector.packetswitch.SwitchSettings;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.telemetry.SettlementEvent;
import dev.ilpconnector.telemetry.Telemetry;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Settlement triggers, intents and incoming credits with a real embedded ledger and packet
 * switch. The settlement executor is a queue the test runs by hand, so "how many checks were
 * scheduled" is observable without timing.
 */
class SettlementsTest {

    private static final IlpAddress SELF = IlpAddress.of("test.node");
    private static final byte[] FULFILLMENT = new byte[32];
    private static final byte[] CONDITION = sha256(FULFILLMENT);

    /** alice sends; bob receives, so we come to owe bob. */
    private final PeerConfig alice = child("alice", -1_000_000);
    private final PeerConfig bob = child("bob", 0);
    private final List<PeerConfig> peers = List.of(alice, bob);

    private final AtomicLong ledgerMillis = new AtomicLong(System.currentTimeMillis());
    private final EmbeddedLedger ledger = new EmbeddedLedger(ledgerMillis::get);
    private final LedgerAccounting accounting =
            new LedgerAccounting(ledger, peers, Clock.systemUTC());
    private final SettlementLedger settlementLedger = new SettlementLedger(ledger, peers);
    private final ArrayDeque<Runnable> executor = new ArrayDeque<>();
    private final List<Long> delayed = new ArrayList<>();
    private final LinkRegistry links = new LinkRegistry();

    private ManualSettlement manual = new ManualSettlement(Clock.systemUTC());
    private Settlements settlements = settlements(new SettlementPolicy(true, 1000, 0));
    private PacketSwitch packetSwitch = newSwitch();

    SettlementsTest() {
        links.register(new FulfillingLink("alice"));
        links.register(new FulfillingLink("bob"));
    }

    @Test
    void owingExactlyTheThresholdRequestsNothing() throws Exception {
        pay(bob, 1000);
        runChecks();

        assertTrue(manual.open().isEmpty());
        assertEquals(BigInteger.valueOf(1000), balance(bob).netPosted());
    }

    @Test
    void crossingTheThresholdRequestsASettlementDownToSettleTo() throws Exception {
        settlements = settlements(new SettlementPolicy(true, 1000, 200));
        packetSwitch = newSwitch();
        pay(bob, 600);
        pay(bob, 600);
        runChecks();

        SettlementRequest request = onlyOpenRequest();
        assertEquals("bob", request.peerId());
        assertEquals(1000, request.amount(), "1200 owed, settled down to 200");
        assertEquals("XRP", request.assetCode());
        assertEquals(9, request.assetScale());
        // Intent first: the amount is held on bob's account, the posted balance not moved yet.
        AccountBalance held = balance(bob);
        assertEquals(BigInteger.valueOf(1200), held.netPosted());
        assertEquals(BigInteger.valueOf(1000), held.debitsPending());
        assertEquals(BigInteger.valueOf(1000), report(bob).settlementInFlight());

        confirm(request);

        AccountBalance settled = balance(bob);
        assertEquals(BigInteger.valueOf(200), settled.netPosted());
        assertTrue(settled.nothingPending());
        assertTrue(settlements.inFlight().isEmpty());
        ledger.checkInvariants();
    }

    /** The explorer hears of each step, with the balance it moved. */
    @Test
    void settlementsArePublishedToTelemetry() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        settlements.setTelemetry(new Telemetry() {
            @Override
            public void balanceChanged(String peerId) {
                heard.add("balance " + peerId);
            }

            @Override
            public void settlement(SettlementEvent e) {
                heard.add(e.status() + " " + e.peerId() + " " + e.amount() + " "
                        + (e.incoming() ? "in" : "out") + " " + e.detail());
            }
        });
        pay(bob, 1200);
        runChecks();
        confirm(onlyOpenRequest());
        incoming(alice, 50, "alice-50");

        assertEquals(List.of("REQUESTED bob 1200 out balance over threshold", "balance bob",
                "CONFIRMED bob 1200 out paid by hand", "balance bob",
                "CONFIRMED alice 50 in recorded", "balance alice"), heard);
    }

    @Test
    void manyFulfilledPacketsCoalesceIntoOneCheckAndOneRequest() throws Exception {
        for (int i = 0; i < 20; i++) {
            pay(bob, 100);
        }
        assertEquals(1, executor.size(), "one check queued for 20 fulfilled packets");
        runChecks();

        assertEquals(2000, onlyOpenRequest().amount());
    }

    /**
     * Packets fulfilled while a check runs get one more check, but not before the interval:
     * the ledger is read at most once an interval per peer, however fast packets come.
     */
    @Test
    void aCheckFollowingAnotherWaitsForTheInterval() throws Exception {
        settlements = settlements(new SettlementPolicy(true, 1000, 0), Duration.ofMinutes(1));
        packetSwitch = newSwitch();
        pay(bob, 400);
        assertEquals(1, executor.size());
        assertEquals(List.of(), delayed, "the first check runs at once");
        Runnable first = executor.poll();
        pay(bob, 400); // fulfilled while the first check is queued: folded into it
        first.run();
        assertEquals(List.of(), delayed);
        pay(bob, 400); // after it: a second check, a minute after the first
        assertEquals(1, delayed.size());
        assertTrue(delayed.get(0) > 59_000 && delayed.get(0) <= 60_001, "waits " + delayed);
        runChecks();

        assertEquals(1200, onlyOpenRequest().amount());
    }

    @Test
    void oneSettlementPerPeerAtATime() throws Exception {
        pay(bob, 1500);
        runChecks();
        SettlementRequest first = onlyOpenRequest();
        assertEquals("bob-XRP-9-0", first.idempotencyKey());

        pay(bob, 900);
        pay(bob, 200);
        settlements.start();
        runChecks();
        assertEquals(List.of(first), openRequests(), "1100 more, but one is in flight");

        confirm(first);
        runChecks();
        SettlementRequest second = onlyOpenRequest();
        assertEquals(1100, second.amount(), "what became owed meanwhile");
        assertEquals("bob-XRP-9-1", second.idempotencyKey());
    }

    @Test
    void aFailedSettlementReleasesItsIntent() throws Exception {
        pay(bob, 1500);
        runChecks();
        SettlementRequest request = onlyOpenRequest();

        assertTrue(manual.fail(request.idempotencyKey(), "no funds on the bank account"));

        AccountBalance after = balance(bob);
        assertEquals(BigInteger.valueOf(1500), after.netPosted());
        assertTrue(after.nothingPending());
        assertTrue(settlements.inFlight().isEmpty());
        pay(bob, 1);
        runChecks();
        assertEquals(1501, onlyOpenRequest().amount(), "asked again at the next fulfill");
    }

    @Test
    void headroomCountsTheSettlementInFlight() throws Exception {
        pay(bob, 1500);
        runChecks();
        SettlementRequest request = onlyOpenRequest();

        // bob's 1500 would cover this packet, but 1500 is on its way to bob already.
        IlpResponse refused = send("bob", "test.node.alice", 100);
        assertEquals(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY,
                assertInstanceOf(IlpReject.class, refused).code());
        assertEquals(BigInteger.valueOf(1500), balance(bob).netPosted());

        manual.fail(request.idempotencyKey(), "operator cancelled");
        assertInstanceOf(IlpFulfill.class, send("bob", "test.node.alice", 100));
        assertEquals(BigInteger.valueOf(1400), balance(bob).netPosted());
    }

    @Test
    void crashBetweenIntentAndBalanceMoveNeitherLosesNorDoubles() throws Exception {
        pay(bob, 1500);
        runChecks();
        SettlementRequest before = onlyOpenRequest();

        // The node dies here: the request list is gone, the intent is in the ledger.
        restart();
        runChecks();
        assertEquals(List.of(before), openRequests(), "asked again under the same key");
        assertEquals(TransferResult.EXISTS, settlementLedger.reserve(bob, 1500,
                before.idempotencyKey()).toCompletableFuture().join(), "a retry finds it");
        assertEquals(BigInteger.valueOf(1500), balance(bob).debitsPending(), "held once");

        confirm(before);
        assertEquals(TransferResult.ALREADY_POSTED,
                settlementLedger.post(before.idempotencyKey()).toCompletableFuture().join());
        assertEquals(BigInteger.ZERO, balance(bob).netPosted(), "moved once");
        assertTrue(balance(bob).nothingPending());
        ledger.checkInvariants();
    }

    @Test
    void crashAfterNumberingBeforeTheIntentLosesNothing() throws Exception {
        pay(bob, 1500);
        // What a node that died between the two ledger writes of a request leaves behind.
        assertEquals(TransferResult.OK,
                settlementLedger.start(bob, 0).toCompletableFuture().join());

        restart();
        runChecks();

        SettlementRequest request = onlyOpenRequest();
        assertEquals("bob-XRP-9-1", request.idempotencyKey(), "number 0 stays unused");
        assertEquals(1500, request.amount());
        assertEquals(BigInteger.valueOf(1500), balance(bob).debitsPending());
    }

    @Test
    void anIntentWhoseAnswerWasLostIsAskedAgainWithoutARestart() throws Exception {
        pay(bob, 1500);
        // What a request whose intent write timed out (but was made) leaves behind.
        assertEquals(TransferResult.OK,
                settlementLedger.start(bob, 0).toCompletableFuture().join());
        assertEquals(TransferResult.OK, settlementLedger.reserve(bob, 1500, "bob-XRP-9-0")
                .toCompletableFuture().join());
        assertTrue(openRequests().isEmpty());

        pay(bob, 10);
        runChecks();

        SettlementRequest request = onlyOpenRequest();
        assertEquals("bob-XRP-9-0", request.idempotencyKey(), "the same key, no new number");
        assertEquals(1500, request.amount());
        confirm(request);
        assertEquals(BigInteger.valueOf(10), balance(bob).netPosted(), "moved once");
        ledger.checkInvariants();
    }

    @Test
    void aPaymentMadeJustBeforeACrashIsRecordedNotRepeated() throws Exception {
        PayingEngine chain = new PayingEngine();
        Settlements node = new Settlements(settlementLedger, chain, peers,
                Map.of("bob", new SettlementPolicy(true, 1000, 0)), executor::add, this::later,
                Duration.ZERO, Clock.systemUTC());
        settlements = node;
        packetSwitch = newSwitch();
        pay(bob, 1500);
        runChecks();
        assertEquals(1, chain.payments(), "paid; the node dies before it hears back");
        assertEquals(BigInteger.valueOf(1500), balance(bob).netPosted());

        chain.answers = true;
        settlements = new Settlements(settlementLedger, chain, peers,
                Map.of("bob", new SettlementPolicy(true, 1000, 0)), executor::add, this::later,
                Duration.ZERO, Clock.systemUTC());
        settlements.start();
        runChecks();

        assertEquals(1, chain.payments(), "the same key again: not paid twice");
        assertEquals(BigInteger.ZERO, balance(bob).netPosted(), "recorded once");
        assertTrue(balance(bob).nothingPending());
        ledger.checkInvariants();
    }

    @Test
    void anIntentNobodyFinishesIsOwedAgainAfterItsTimeout() throws Exception {
        pay(bob, 1500);
        runChecks();
        SettlementRequest lost = onlyOpenRequest();
        restart();

        ledgerMillis.addAndGet(SettlementLedger.INTENT_TIMEOUT.plusSeconds(1).toMillis());
        ledger.sweepExpired();
        settlements.start();
        runChecks();

        SettlementRequest again = onlyOpenRequest();
        assertEquals(1500, again.amount());
        assertNotEquals(lost.idempotencyKey(), again.idempotencyKey());
        assertEquals(BigInteger.valueOf(1500), balance(bob).debitsPending(), "not doubled");
    }

    @Test
    void aConfirmationAfterTheIntentRanOutStillMovesTheMoneyOnce() throws Exception {
        pay(bob, 1500);
        runChecks();
        SettlementRequest request = onlyOpenRequest();
        ledgerMillis.addAndGet(SettlementLedger.INTENT_TIMEOUT.plusSeconds(1).toMillis());
        ledger.sweepExpired();

        confirm(request);

        assertEquals(BigInteger.ZERO, balance(bob).netPosted());
        assertEquals(TransferResult.EXISTS, settlementLedger.postExpired(bob, 1500,
                request.idempotencyKey()).toCompletableFuture().join());
        assertEquals(BigInteger.ZERO, balance(bob).netPosted());
    }

    @Test
    void incomingSettlementCreditsThePeerOncePerKey() throws Exception {
        pay(bob, 10);
        send("bob", "test.node.alice", 10);
        send("alice", "test.node.bob", 300);
        assertEquals(BigInteger.valueOf(-300), balance(alice).netPosted());

        assertEquals(TransferResult.OK, incoming(alice, 300, "wire-2026-11-25"));
        assertEquals(TransferResult.EXISTS, incoming(alice, 300, "wire-2026-11-25"));
        assertEquals(TransferResult.EXISTS_DIFFERENT, incoming(alice, 999, "wire-2026-11-25"));

        assertEquals(BigInteger.ZERO, balance(alice).netPosted(), "credited once");
        assertEquals(TransferResult.OK, incoming(bob, 5, "wire-2026-11-25"),
                "keys are scoped by peer");
        ledger.checkInvariants();
    }

    @Test
    void anIncomingSettlementCanTriggerOurs() throws Exception {
        incoming(bob, 5000, "bob-prepaid");
        runChecks();

        assertEquals(5000, onlyOpenRequest().amount());
    }

    @Test
    void disabledSettlementNeverRequests() throws Exception {
        settlements = settlements(new SettlementPolicy(false, 1000, 0));
        packetSwitch = newSwitch();
        pay(bob, 5000);
        settlements.start();
        runChecks();

        assertTrue(executor.isEmpty());
        assertTrue(manual.open().isEmpty());
    }

    @Test
    void eachPeerHasItsOwnEngineAndEverySettlementIsPublished() throws Exception {
        PayingEngine chain = new PayingEngine();
        chain.answers = true;
        List<SettlementEvent> events = new CopyOnWriteArrayList<>();
        Telemetry observer = new Telemetry() {
            @Override
            public void settlement(SettlementEvent event) {
                events.add(event);
            }
        };
        settlements = new Settlements(settlementLedger, new PeerEngines(Map.of("bob", chain),
                manual, SettlementAnswers.inMemory()), peers,
                Map.of("alice", new SettlementPolicy(true, 1000, 0),
                        "bob", new SettlementPolicy(true, 1000, 0)),
                executor::add, this::later, Duration.ZERO, Clock.systemUTC());
        settlements.setTelemetry(observer);
        packetSwitch = newSwitch();
        assertEquals(TransferResult.OK, incoming(alice, 2500, "from-alice"));
        pay(bob, 1200);
        runChecks();

        assertEquals(1, chain.payments(), "bob is paid by his chain engine");
        assertEquals("alice", onlyOpenRequest().peerId(), "alice waits for the operator");
        assertTrue(balance(bob).nothingPending());
        assertEquals(List.of("from-alice CONFIRMED in", "alice-XRP-9-0 REQUESTED out",
                "bob-XRP-9-0 REQUESTED out", "bob-XRP-9-0 CONFIRMED out"),
                events.stream().map(e -> e.idempotencyKey() + " " + e.status() + " "
                        + (e.incoming() ? "in" : "out")).toList());
    }

    // ------------------------------------------------------------------ helpers

    private Settlements settlements(SettlementPolicy bobPolicy) {
        return settlements(bobPolicy, Duration.ZERO);
    }

    private Settlements settlements(SettlementPolicy bobPolicy, Duration checkInterval) {
        return new Settlements(settlementLedger, manual, peers,
                Map.of("alice", new SettlementPolicy(true, 1000, 0), "bob", bobPolicy),
                executor::add, this::later, checkInterval, Clock.systemUTC());
    }

    /** The timers: what waits for the check interval, with how long it would wait. */
    private void later(Runnable task, long delayMs) {
        delayed.add(delayMs);
        executor.add(task);
    }

    /** A new node on the same ledger: in-memory state (requests, checks) starts empty. */
    private void restart() {
        executor.clear();
        manual = new ManualSettlement(Clock.systemUTC());
        settlements = settlements(new SettlementPolicy(true, 1000, 0));
        packetSwitch = newSwitch();
        settlements.start();
    }

    private PacketSwitch newSwitch() {
        RoutingTable routes = new RoutingTable();
        routes.setRoutes(List.of(
                new Route("test.node.alice", "alice", List.of(), RouteSource.STATIC),
                new Route("test.node.bob", "bob", List.of(), RouteSource.STATIC)));
        return new PacketSwitch(
                new SwitchSettings(SELF, Duration.ofMillis(200), Duration.ofSeconds(5)),
                new PeerDirectory(peers), routes, links, settlements.watch(accounting),
                new PeerProtocols(SELF), prepare -> new CompletableFuture<>(), Clock.systemUTC());
    }

    /** alice pays bob {@code amount} through the switch: we owe bob that much more. */
    private void pay(PeerConfig to, long amount) throws Exception {
        assertInstanceOf(IlpFulfill.class, send("alice", "test.node." + to.id(), amount));
    }

    private IlpResponse send(String from, String destination, long amount) throws Exception {
        IlpPrepare prepare = new IlpPrepare(amount, Instant.now().plusSeconds(3), CONDITION,
                IlpAddress.of(destination), new byte[0]);
        return packetSwitch.handle(from, prepare).get(5, TimeUnit.SECONDS);
    }

    private void runChecks() {
        for (Runnable task; (task = executor.poll()) != null; ) {
            task.run();
        }
    }

    private List<SettlementRequest> openRequests() {
        return manual.open().stream().map(ManualSettlement.Open::request).toList();
    }

    private SettlementRequest onlyOpenRequest() {
        List<SettlementRequest> open = openRequests();
        assertEquals(1, open.size(), open.toString());
        return open.get(0);
    }

    private void confirm(SettlementRequest request) throws Exception {
        CompletableFuture<TransferResult> finished = settlements
                .finished(request.idempotencyKey()).orElseThrow().toCompletableFuture();
        assertTrue(manual.confirm(request.idempotencyKey(), "paid by hand"));
        assertTrue(finished.get(5, TimeUnit.SECONDS).isSuccess());
        assertFalse(manual.confirm(request.idempotencyKey(), "twice"), "no longer open");
    }

    private TransferResult incoming(PeerConfig peer, long amount, String key) {
        return settlements.recordIncoming(peer, amount, key).toCompletableFuture().join();
    }

    private AccountBalance balance(PeerConfig peer) {
        return accounting.balance(peer).toCompletableFuture().join().orElseThrow();
    }

    private BalanceReport report(PeerConfig peer) {
        return settlements.report(peer).toCompletableFuture().join().orElseThrow();
    }

    private static PeerConfig child(String id, long minBalance) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "XRP", 9, -1L, minBalance, List.of());
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A peer that fulfills every Prepare at once. */
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
