package dev.ilpconnector.packetswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.codec.ccp.Ccp;
import dev.ilpconnector.codec.ildcp.Ildcp;
import dev.ilpconnector.codec.ildcp.IldcpResponse;
import dev.ilpconnector.codec.ilp.AmountTooLargeData;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.peer.BtpUrl;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.telemetry.PacketEvent;
import dev.ilpconnector.telemetry.Telemetry;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The packet switch's rules, one test per outcome, with a real embedded ledger behind it. */
class PacketSwitchTest {

    private static final IlpAddress SELF = IlpAddress.of("test.node");
    private static final Duration WINDOW = Duration.ofMillis(200);
    private static final Duration MAX_HOLD = Duration.ofSeconds(5);
    private static final byte[] FULFILLMENT = filled(7);
    private static final byte[] CONDITION = sha256(FULFILLMENT);
    private static final byte[] NO_DATA = new byte[0];

    private final PeerConfig alice = child("alice", 1000, -10_000);
    private final PeerConfig bob = child("bob", -1L, 0);
    private final PeerConfig carol = new PeerConfig("carol", Relation.PEER,
            Optional.of(BtpUrl.parse("btp+ws://:t@127.0.0.1:1/btp")), Optional.empty(), "XRP", 6,
            -1L, 0, List.of("test.carol"));
    private final PeerConfig dave = new PeerConfig("dave", Relation.PEER, Optional.empty(),
            Optional.of("t"), "USD", 2, -1L, 0, List.of("test.dave"));
    private final List<PeerConfig> peers = List.of(alice, bob, carol, dave);

    private final EmbeddedLedger ledger = new EmbeddedLedger();
    private final LedgerAccounting accounting =
            new LedgerAccounting(ledger, peers, Clock.systemUTC());
    private final LinkRegistry links = new LinkRegistry();
    private LocalDelivery localDelivery = prepare -> CompletableFuture.completedFuture(
            new IlpFulfill(FULFILLMENT, NO_DATA));

    /** Where peer.route.* goes; null: a node that speaks no CCP. */
    private RouteExchange routeExchange;

    private PacketSwitch newSwitch() {
        RoutingTable routes = new RoutingTable();
        routes.setRoutes(List.of(
                new Route("test.node", "self", List.of(), RouteSource.LOCAL),
                new Route("test.node.alice", "alice", List.of(), RouteSource.STATIC),
                new Route("test.node.bob", "bob", List.of(), RouteSource.STATIC),
                new Route("test.carol", "carol", List.of(), RouteSource.STATIC),
                new Route("test.dave", "dave", List.of(), RouteSource.STATIC)));
        return new PacketSwitch(new SwitchSettings(SELF, WINDOW, MAX_HOLD),
                new PeerDirectory(peers), routes, links, accounting,
                new PeerProtocols(SELF, routeExchange),
                prepare -> localDelivery.deliver(prepare), Clock.systemUTC(), new Telemetry() {
                    @Override
                    public void packet(PacketEvent event) {
                        events.add(event);
                    }
                });
    }

    /** What the switch published, in order of answers. */
    private final List<PacketEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void fulfilledPacketMovesMoneyAndShortensExpiry() throws Exception {
        FakeLink bobLink = link("bob", p -> fulfill(FULFILLMENT));
        Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);

        IlpResponse response = send("alice", prepare(100, "test.node.bob.x", expiry));

        assertInstanceOf(IlpFulfill.class, response);
        IlpPrepare forwarded = bobLink.sent.get(0);
        assertEquals(100, forwarded.amount());
        assertEquals(expiry.minus(WINDOW), forwarded.expiresAt());
        assertEquals(BigInteger.valueOf(-100), balance(alice).netPosted());
        assertEquals(BigInteger.valueOf(100), balance(bob).netPosted());
        assertTrue(balance(alice).nothingPending() && balance(bob).nothingPending());
        ledger.checkInvariants();
    }

    @Test
    void everyAnswerIsPublishedWithItsHopAndStepTimes() throws Exception {
        link("bob", p -> fulfill(FULFILLMENT));
        IlpPrepare paid = prepare(100, "test.node.bob.x", soon());
        PacketSwitch packetSwitch = newSwitch();
        packetSwitch.handle("alice", paid).get(5, TimeUnit.SECONDS);
        packetSwitch.handle("alice", prepare(1, "test.nowhere", soon())).get(5, TimeUnit.SECONDS);

        // Published by the thread that completes the answer, maybe just after the caller saw it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (events.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(2, events.size());
        List<PacketEvent> bySequence = new ArrayList<>(events);
        bySequence.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        PacketEvent forwarded = bySequence.get(0);
        assertEquals("alice", forwarded.sourcePeer());
        assertEquals("bob", forwarded.nextHop());
        assertSame(paid, forwarded.prepare());
        assertInstanceOf(IlpFulfill.class, forwarded.response());
        assertTrue(forwarded.heldNanos() >= 0
                && forwarded.forwardedNanos() >= forwarded.heldNanos()
                && forwarded.answeredNanos() >= forwarded.forwardedNanos());
        PacketEvent refused = bySequence.get(1);
        assertEquals(null, refused.nextHop());
        assertEquals(null, refused.outgoing());
        assertEquals(-1, refused.heldNanos());
        assertEquals(IlpErrorCode.F02_UNREACHABLE, ((IlpReject) refused.response()).code());
        assertEquals(forwarded.sequence() + 1, refused.sequence());
    }

    @Test
    void expiredPacketIsRejectedR00() throws Exception {
        assertReject(IlpErrorCode.R00_TRANSFER_TIMED_OUT,
                send("alice", prepare(1, "test.node.bob", Instant.now().minusMillis(1))));
    }

    @Test
    void packetOverMaxAmountIsRejectedF08WithBothAmounts() throws Exception {
        IlpReject reject = assertReject(IlpErrorCode.F08_AMOUNT_TOO_LARGE,
                send("alice", prepare(1001, "test.node.bob", soon())));
        AmountTooLargeData data = AmountTooLargeData.of(reject);
        assertEquals(1001, data.receivedAmount());
        assertEquals(1000, data.maximumAmount());
    }

    @Test
    void unknownDestinationIsRejectedF02() throws Exception {
        assertReject(IlpErrorCode.F02_UNREACHABLE,
                send("alice", prepare(1, "test.nowhere", soon())));
    }

    @Test
    void routeBackToTheSenderIsRejectedF02() throws Exception {
        link("alice", p -> fulfill(FULFILLMENT));
        assertReject(IlpErrorCode.F02_UNREACHABLE,
                send("alice", prepare(1, "test.node.alice.loop", soon())));
    }

    @Test
    void nextHopWithoutLinkIsRejectedT01() throws Exception {
        assertReject(IlpErrorCode.T01_PEER_UNREACHABLE,
                send("alice", prepare(1, "test.node.bob", soon())));
        FakeLink down = link("bob", p -> fulfill(FULFILLMENT));
        down.connected = false;
        assertReject(IlpErrorCode.T01_PEER_UNREACHABLE,
                send("alice", prepare(1, "test.node.bob", soon())));
        assertTrue(down.sent.isEmpty());
    }

    @Test
    void amountIsScaledToTheNextHopRoundingDown() throws Exception {
        FakeLink carolLink = link("carol", p -> fulfill(FULFILLMENT));
        assertInstanceOf(IlpFulfill.class, send("alice", prepare(1000, "test.carol", soon())));
        assertEquals(1, carolLink.sent.get(0).amount());
        assertEquals(BigInteger.valueOf(-1000), balance(alice).netPosted());
        assertEquals(BigInteger.valueOf(1), balance(carol).netPosted());
    }

    @Test
    void amountRoundingToZeroIsRejectedR01() throws Exception {
        FakeLink carolLink = link("carol", p -> fulfill(FULFILLMENT));
        assertReject(IlpErrorCode.R01_INSUFFICIENT_SOURCE_AMOUNT,
                send("alice", prepare(999, "test.carol", soon())));
        assertTrue(carolLink.sent.isEmpty());
    }

    @Test
    void tooLittleTimeIsRejectedR02() throws Exception {
        FakeLink bobLink = link("bob", p -> fulfill(FULFILLMENT));
        assertReject(IlpErrorCode.R02_INSUFFICIENT_TIMEOUT,
                send("alice", prepare(1, "test.node.bob", Instant.now().plus(WINDOW.multipliedBy(3)
                        .dividedBy(2)))));
        assertTrue(bobLink.sent.isEmpty());
    }

    @Test
    void overlongExpiryIsShortenedToMaxHoldTime() throws Exception {
        FakeLink bobLink = link("bob", p -> fulfill(FULFILLMENT));
        Instant before = Instant.now();
        send("alice", prepare(1, "test.node.bob", before.plusSeconds(3600)));
        Instant forwarded = bobLink.sent.get(0).expiresAt();
        assertTrue(!forwarded.isAfter(Instant.now().plus(MAX_HOLD)), forwarded.toString());
        assertTrue(forwarded.isAfter(before.plus(MAX_HOLD).minusSeconds(1)), forwarded.toString());
    }

    @Test
    void peerOverItsLimitIsRejectedT04AndKeepsItsBalance() throws Exception {
        CompletableFuture<IlpResponse> held = new CompletableFuture<>();
        link("bob", p -> p.amount() == 400 ? held : fulfill(FULFILLMENT));
        for (int i = 0; i < 9; i++) {
            send("alice", prepare(1000, "test.node.bob", soon()));
        }
        send("alice", prepare(500, "test.node.bob", soon()));
        assertEquals(BigInteger.valueOf(-9500), balance(alice).netPosted());
        assertReject(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY,
                send("alice", prepare(1000, "test.node.bob", soon())));
        assertEquals(BigInteger.valueOf(-9500), balance(alice).netPosted());

        // Money held for a packet in flight counts against the limit too.
        CompletableFuture<IlpResponse> inFlight = newSwitch().handle("alice",
                prepare(400, "test.node.bob", soon()));
        AccountBalance before = balance(alice);
        assertEquals(BigInteger.valueOf(400), before.debitsPending());
        assertReject(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY,
                send("alice", prepare(200, "test.node.bob", soon())));
        assertEquals(before, balance(alice));

        held.complete(new IlpFulfill(FULFILLMENT, NO_DATA));
        assertInstanceOf(IlpFulfill.class, inFlight.get(5, TimeUnit.SECONDS));
        assertEquals(BigInteger.valueOf(-9900), balance(alice).netPosted());
        assertEquals(BigInteger.valueOf(9900), balance(bob).netPosted());
    }

    @Test
    void wrongFulfillmentIsRejectedF05AndNobodyIsPaid() throws Exception {
        link("bob", p -> fulfill(filled(8)));
        IlpReject reject = assertReject(IlpErrorCode.F05_WRONG_CONDITION,
                send("alice", prepare(100, "test.node.bob", soon())));
        assertEquals(SELF.value(), reject.triggeredBy());
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(bob));
    }

    @Test
    void rejectFromDownstreamIsRelayedUnchanged() throws Exception {
        IlpReject downstream = new IlpReject(IlpErrorCode.of("F99"), "test.far.away", "nope",
                new byte[] {1, 2, 3});
        link("bob", p -> CompletableFuture.completedFuture(downstream));
        assertSame(downstream, send("alice", prepare(100, "test.node.bob", soon())));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
    }

    @Test
    void noAnswerBeforeExpiryIsRejectedR00AndReleasesTheHold() throws Exception {
        link("bob", p -> new CompletableFuture<>());
        IlpReject reject = assertReject(IlpErrorCode.R00_TRANSFER_TIMED_OUT,
                send("alice", prepare(100, "test.node.bob", Instant.now().plusMillis(600))));
        assertEquals(SELF.value(), reject.triggeredBy());
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
    }

    @Test
    void linkThatCannotSendIsRejectedT01() throws Exception {
        link("bob", p -> CompletableFuture.failedFuture(new LinkDownException("socket closed")));
        assertReject(IlpErrorCode.T01_PEER_UNREACHABLE,
                send("alice", prepare(100, "test.node.bob", soon())));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
    }

    @Test
    void unexpectedFailureBecomesT00FromUs() throws Exception {
        link("bob", p -> {
            throw new IllegalStateException("bug");
        });
        IlpReject reject = assertReject(IlpErrorCode.T00_INTERNAL_ERROR,
                send("alice", prepare(100, "test.node.bob", soon())));
        assertEquals(SELF.value(), reject.triggeredBy());
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
    }

    @Test
    void differentAssetWithoutRateIsRejectedF02() throws Exception {
        link("dave", p -> fulfill(FULFILLMENT));
        assertReject(IlpErrorCode.F02_UNREACHABLE,
                send("alice", prepare(100, "test.dave", soon())));
    }

    @Test
    void childLearnsItsAddressByIldcp() throws Exception {
        IlpResponse response = send("alice", Ildcp.request(soon()));
        IldcpResponse config = Ildcp.decode((IlpFulfill) response);
        assertEquals("test.node.alice", config.clientAddress().value());
        assertEquals("XRP", config.assetCode());
        assertEquals(9, config.assetScale());
    }

    @Test
    void ildcpIsRefusedToNonChildren() throws Exception {
        assertReject(IlpErrorCode.F00_BAD_REQUEST, send("dave", Ildcp.request(soon())));
    }

    @Test
    void routeBroadcastsGoToRouteExchangeAndNeverTouchTheLedger() throws Exception {
        List<String> heard = new ArrayList<>();
        routeExchange = (source, prepare) -> {
            heard.add(source.id() + " " + prepare.destination().value());
            return Ccp.fulfill();
        };
        IlpPrepare update = new IlpPrepare(0, soon(), Ildcp.peerProtocolCondition(),
                IlpAddress.of(Ccp.UPDATE_DESTINATION), new byte[] {1});

        assertInstanceOf(IlpFulfill.class, send("carol", update));

        assertEquals(List.of("carol peer.route.update"), heard);
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(carol));
    }

    @Test
    void routeBroadcastsAreRefusedF00WithoutRouteExchange() throws Exception {
        IlpPrepare control = new IlpPrepare(0, soon(), Ildcp.peerProtocolCondition(),
                IlpAddress.of(Ccp.CONTROL_DESTINATION), new byte[0]);
        assertReject(IlpErrorCode.F00_BAD_REQUEST, send("carol", control));
    }

    @Test
    void localDeliveryDebitsTheSenderOnly() throws Exception {
        assertInstanceOf(IlpFulfill.class, send("alice", prepare(100, "test.node.me", soon())));
        assertEquals(BigInteger.valueOf(-100), balance(alice).netPosted());
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(bob));
    }

    @Test
    void localDeliveryNeedsAMessageWindowToo() throws Exception {
        Instant tooSoon = Instant.now().plus(WINDOW.multipliedBy(3).dividedBy(2));
        assertReject(IlpErrorCode.R02_INSUFFICIENT_TIMEOUT,
                send("alice", prepare(100, "test.node.me", tooSoon)));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
    }

    @Test
    void localRejectReleasesTheHold() throws Exception {
        localDelivery = prepare -> CompletableFuture.completedFuture(new IlpReject(
                IlpErrorCode.F99_APPLICATION_ERROR, SELF.value(), "no", NO_DATA));
        assertReject(IlpErrorCode.F99_APPLICATION_ERROR,
                send("alice", prepare(100, "test.node.me", soon())));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), balance(alice));
    }

    private IlpResponse send(String from, IlpPrepare prepare) throws Exception {
        return newSwitch().handle(from, prepare).get(5, TimeUnit.SECONDS);
    }

    private FakeLink link(String peer,
                          Function<IlpPrepare, CompletableFuture<IlpResponse>> answer) {
        FakeLink link = new FakeLink(peer, answer);
        links.register(link);
        return link;
    }

    private AccountBalance balance(PeerConfig peer) {
        return accounting.balance(peer).toCompletableFuture().join().orElseThrow();
    }

    private static IlpReject assertReject(IlpErrorCode code, IlpResponse response) {
        IlpReject reject = assertInstanceOf(IlpReject.class, response);
        assertEquals(code, reject.code(), reject.message());
        return reject;
    }

    private static CompletableFuture<IlpResponse> fulfill(byte[] fulfillment) {
        return CompletableFuture.completedFuture(new IlpFulfill(fulfillment, NO_DATA));
    }

    private static IlpPrepare prepare(long amount, String destination, Instant expiresAt) {
        return new IlpPrepare(amount, expiresAt, CONDITION, IlpAddress.of(destination), NO_DATA);
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(3);
    }

    private static PeerConfig child(String id, long maxPacketAmount, long minBalance) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "XRP", 9, maxPacketAmount, minBalance, List.of());
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
