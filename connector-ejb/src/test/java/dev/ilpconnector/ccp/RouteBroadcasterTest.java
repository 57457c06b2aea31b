package dev.ilpconnector.ccp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ccp.CcpNet.Node;
import dev.ilpconnector.codec.ccp.Ccp;
import dev.ilpconnector.codec.ccp.CcpMode;
import dev.ilpconnector.codec.ccp.CcpRoute;
import dev.ilpconnector.codec.ccp.CcpRouteControlRequest;
import dev.ilpconnector.codec.ccp.CcpRouteUpdateRequest;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Route exchange between in-memory nodes: what a user of a CCP network relies on. */
class RouteBroadcasterTest {

    final CcpNet net = new CcpNet();
    static final byte[] AUTH = new byte[32];

    /** a — b — c, all peers of each other along the line. */
    Node[] line() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        Node b = net.node("b").peer("a", Relation.PEER).peer("c", Relation.PEER).start();
        Node c = net.node("c").peer("b", Relation.PEER).start();
        net.connect(a, b);
        net.connect(b, c);
        net.settle();
        return new Node[] {a, b, c};
    }

    @Test
    void routesSpreadAlongALineWithPathsAndNoBounceBack() {
        Node[] n = line();
        Node a = n[0];
        Node b = n[1];
        Node c = n[2];

        assertEquals(new Route("test.c", "b", List.of("test.b", "test.c"), RouteSource.CCP),
                a.route("test.c"));
        assertEquals(new Route("test.b", "b", List.of("test.b"), RouteSource.CCP),
                a.route("test.b"));
        assertEquals(new Route("test.a", "b", List.of("test.b", "test.a"), RouteSource.CCP),
                c.route("test.a"));
        assertEquals(new Route("test.c", "c", List.of("test.c"), RouteSource.CCP),
                b.route("test.c"));
        // split horizon: b never offers c's own prefix back to c
        for (IlpPrepare p : b.sentTo("c")) {
            if (Ccp.isUpdateRequest(p)) {
                assertTrue(update(p).newRoutes().stream()
                        .noneMatch(r -> r.prefix().equals("test.c")));
            }
        }
        // the switch's lookup sees the learned route
        assertEquals("b", a.table.resolve("test.c.alice").nextHop());
        // what an operator sees of the exchange
        PeerExchangeStatus bAtA = a.broadcaster.status().get("b");
        assertTrue(bAtA.linkUp());
        assertEquals("SYNC", bAtA.sendMode());
        assertEquals(a.table.epoch(), bAtA.sendEpoch(), "b has all of a's table");
        assertEquals(b.broadcaster.routingTableId(), bAtA.receiveTableId());
        assertEquals(b.table.epoch(), bAtA.receiveEpoch());
        assertEquals(2, bAtA.routes());
        assertEquals(net.clock.now.plus(CcpNet.EXPIRY), bAtA.routesExpireAt());
    }

    @Test
    void aLinkThatGoesDownTakesItsRoutesWithItEverywhere() {
        Node[] n = line();
        Node a = n[0];
        Node b = n[1];
        Node c = n[2];
        long before = a.table.epoch();

        net.disconnect(b, c);
        net.settle();

        assertNull(b.route("test.c"));
        assertNull(a.route("test.c"), "a heard the withdrawal from b");
        assertNull(c.route("test.a"));
        assertTrue(a.table.epoch() > before);

        net.connect(b, c);
        net.settle();
        assertEquals(List.of("test.b", "test.c"), a.route("test.c").path());
    }

    @Test
    void learnedRoutesExpireWhenTheSpeakerFallsSilent() {
        Node a = net.node("a").peer("b", Relation.PEER).start().up();
        net.node("b").peer("a", Relation.PEER).start();
        // a hears of test.x from b once, then b says nothing more
        assertInstanceOf(IlpFulfill.class, a.broadcaster.handle(a.peerConfig("b"),
                updatePrepare(UUID.randomUUID(), 0, 1, "test.b",
                        List.of(route("test.x", "test.b")), List.of())));
        assertEquals("b", a.route("test.x").nextHop());

        net.clock.now = net.clock.now.plus(CcpNet.EXPIRY).minusMillis(1);
        a.broadcaster.tick();
        assertEquals("b", a.route("test.x").nextHop(), "still within the hold-down time");

        net.clock.now = net.clock.now.plusMillis(2);
        a.broadcaster.tick();
        assertNull(a.route("test.x"));
    }

    @Test
    void updatesNotAppliedDoNotKeepRoutesAlive() {
        UUID table = UUID.randomUUID();
        Node a = learnedTestXFromB(table);

        // b stays stuck after a gap (from 5 > 3) and resends an old update (up to 2 < 3)
        for (int i = 0; i < 3; i++) {
            net.clock.now = net.clock.now.plus(CcpNet.INTERVAL);
            a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 5, 6, "test.b",
                    List.of(), List.of()));
            a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 1, 2, "test.b",
                    List.of(), List.of()));
            a.broadcaster.tick();
        }

        assertNull(a.route("test.x"), "expired: nothing b said since epoch 3 was taken");
    }

    @Test
    void aHeartbeatAtTheCurrentEpochKeepsRoutesAlive() {
        UUID table = UUID.randomUUID();
        Node a = learnedTestXFromB(table);

        for (int i = 0; i < 3; i++) {
            net.clock.now = net.clock.now.plus(CcpNet.INTERVAL);
            a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 3, 3, "test.b",
                    List.of(), List.of()));
            a.broadcaster.tick();
        }

        assertEquals("b", a.route("test.x").nextHop());
    }

    @Test
    void heartbeatsKeepRoutesAliveAcrossManyIntervals() {
        Node[] n = line();
        for (int i = 0; i < 5; i++) {
            net.advance(CcpNet.INTERVAL);
        }
        assertEquals(List.of("test.b", "test.c"), n[0].route("test.c").path());
    }

    @Test
    void pathsThroughUsAreRefusedAndReplaceWhatThePeerSaidBefore() {
        Node a = net.node("a").peer("b", Relation.PEER).start().up();
        UUID table = UUID.randomUUID();
        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 0, 1, "test.b",
                List.of(route("test.x", "test.b")), List.of()));
        assertEquals("b", a.route("test.x").nextHop());

        IlpResponse answer = a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 1, 2,
                "test.b", List.of(route("test.x", "test.b", "test.a", "test.x")), List.of()));

        assertInstanceOf(IlpFulfill.class, answer);
        assertNull(a.route("test.x"), "a loop through test.a");
    }

    @Test
    void epochs() {
        Node a = net.node("a").peer("b", Relation.PEER).start().up();
        net.node("b").peer("a", Relation.PEER).start();
        UUID table = UUID.randomUUID();
        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 0, 3, "test.b",
                List.of(route("test.x", "test.b")), List.of()));

        // an old update (up to epoch 2 < 3) changes nothing
        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 1, 2, "test.b",
                List.of(), List.of("test.x")));
        assertEquals("b", a.route("test.x").nextHop());

        // a gap (from 5 > 3) is not applied, and asks b for everything again
        net.connect(a, net.node("b"));
        net.settle();
        a.sentTo("b").clear();
        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 5, 6, "test.b",
                List.of(route("test.y", "test.b")), List.of()));
        net.settle();
        assertNull(a.route("test.y"));
        CcpRouteControlRequest resync = Ccp.decodeControl(a.sentTo("b").stream()
                .filter(Ccp::isControlRequest).findFirst().orElseThrow().data());
        assertEquals(CcpMode.SYNC, resync.mode());
        assertEquals(0, resync.lastKnownEpoch());
    }

    @Test
    void aNewRoutingTableIdReplacesEverythingTheSpeakerSaidBefore() {
        Node a = net.node("a").peer("b", Relation.PEER).start().up();
        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(UUID.randomUUID(), 0, 4,
                "test.b", List.of(route("test.x", "test.b")), List.of()));

        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(UUID.randomUUID(), 0, 1,
                "test.b", List.of(route("test.y", "test.b")), List.of()));

        assertNull(a.route("test.x"), "b restarted with a new table");
        assertEquals("b", a.route("test.y").nextHop());
    }

    @Test
    void everyTableChangeBumpsTheEpochStaticRoutesToo() {
        Node[] n = line();
        Node b = n[1];
        long before = b.table.epoch();
        b.statics.add(Route.of("test.static", "c", RouteSource.STATIC));

        b.broadcaster.start(b.address, b.configured());
        net.settle();

        assertEquals(before + 1, b.table.epoch());
        assertEquals(List.of("test.b"), n[0].route("test.static").path());
    }

    @Test
    void relationRules() {
        Node a = net.node("a").peer("kid", Relation.CHILD, new PeerRouting(false, true, 0))
                .peer("client", Relation.CHILD).peer("p", Relation.PEER)
                .peer("mute", Relation.PEER, new PeerRouting(true, false, 0)).start().up();
        UUID table = UUID.randomUUID();
        // a child announces under its own address only
        a.broadcaster.handle(a.peerConfig("kid"), updatePrepare(table, 0, 1, "test.a.kid",
                List.of(route("test.a.kid.sub", "test.a.kid"), route("test.z", "test.a.kid")),
                List.of()));
        assertEquals("kid", a.route("test.a.kid.sub").nextHop());
        assertNull(a.route("test.z"));
        // a peer may not announce our own address space
        a.broadcaster.handle(a.peerConfig("p"), updatePrepare(table, 0, 1, "test.p",
                List.of(route("test.a.evil", "test.p"), route("test.p", "test.p")),
                List.of()));
        assertNull(a.route("test.a.evil"));
        assertEquals("p", a.route("test.p").nextHop());
        // receive-routes=false: refused F00, nothing learned
        IlpResponse refused = a.broadcaster.handle(a.peerConfig("mute"), updatePrepare(table, 0,
                1, "test.mute", List.of(route("test.mute", "test.mute")), List.of()));
        assertEquals("F00", ((IlpReject) refused).code().code());
        assertNull(a.route("test.mute"));
        // a child gets no routes by default: its route control is refused F00
        IlpResponse control = a.broadcaster.handle(a.peerConfig("kid"), Ccp.controlRequest(
                new CcpRouteControlRequest(CcpMode.SYNC, CcpRouteControlRequest.NO_TABLE, 0,
                        List.of()), net.clock.now.plusSeconds(10)));
        assertEquals("F00", ((IlpReject) control).code().code());
        // a child with default settings is a plain client: its routes are refused too
        IlpResponse fromClient = a.broadcaster.handle(a.peerConfig("client"), updatePrepare(
                table, 0, 1, "test.a.client",
                List.of(route("test.a.client.sub", "test.a.client")), List.of()));
        assertEquals("F00", ((IlpReject) fromClient).code().code());
        assertNull(a.route("test.a.client.sub"));
    }

    @Test
    void staticWinsThenShorterPathThenWeightThenPeerId() {
        Node a = net.node("a").peer("b", Relation.PEER).peer("c", Relation.PEER)
                .peer("d", Relation.PEER, new PeerRouting(true, true, 5))
                .peer("e", Relation.PEER, new PeerRouting(true, true, 5)).start().up();
        a.statics.add(Route.of("test.s", "b", RouteSource.STATIC));
        a.broadcaster.start(a.address, a.configured());
        UUID table = UUID.randomUUID();
        for (String peer : List.of("b", "c", "d", "e")) {
            List<CcpRoute> routes = peer.equals("c")
                    ? List.of(route("test.s", "test.c"), route("test.far", "test.c"))
                    : List.of(route("test.far", "test." + peer, "test.m"),
                            route("test.tie", "test." + peer, "test.m"));
            a.broadcaster.handle(a.peerConfig(peer), updatePrepare(table, 0, 1, "test." + peer,
                    routes, List.of()));
        }
        assertEquals(RouteSource.STATIC, a.route("test.s").source());
        assertEquals("b", a.route("test.s").nextHop());
        assertEquals("c", a.route("test.far").nextHop(), "one hop beats two");
        assertEquals("d", a.route("test.tie").nextHop(), "weight 5 beats 0, then d < e");
    }

    @Test
    void parentsHearNothingWeLearnedFromPeersOrParents() {
        Node a = net.node("a").peer("up", Relation.PARENT).peer("p", Relation.PEER)
                .peer("kid", Relation.CHILD).start();
        Node up = net.node("up").peer("a", Relation.CHILD, new PeerRouting(false, true, 0))
                .start();
        UUID table = UUID.randomUUID();
        a.broadcaster.handle(a.peerConfig("p"), updatePrepare(table, 0, 1, "test.p",
                List.of(route("test.p", "test.p")), List.of()));
        a.broadcaster.handle(a.peerConfig("kid"), updatePrepare(table, 0, 1, "test.a.kid",
                List.of(route("test.a.kid", "test.a.kid")), List.of()));
        net.connect(a, up);
        net.settle();
        // the parent's control request
        a.broadcaster.handle(a.peerConfig("up"), Ccp.controlRequest(new CcpRouteControlRequest(
                CcpMode.SYNC, CcpRouteControlRequest.NO_TABLE, 0, List.of()),
                net.clock.now.plusSeconds(10)));
        net.settle();
        List<String> announced = a.sentTo("up").stream().filter(Ccp::isUpdateRequest)
                .flatMap(p -> update(p).newRoutes().stream()).map(CcpRoute::prefix)
                .distinct().toList();
        assertEquals(List.of("test.a"), announced, "our address covers the child");
    }

    @Test
    void malformedUpdatesAreRefusedF01AndChangeNothing() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        long epoch = a.table.epoch();
        IlpPrepare broken = new IlpPrepare(0, net.clock.now.plusSeconds(10),
                Ccp.controlRequest(new CcpRouteControlRequest(CcpMode.SYNC,
                        CcpRouteControlRequest.NO_TABLE, 0, List.of()), net.clock.now)
                        .executionCondition(),
                IlpAddress.of(Ccp.UPDATE_DESTINATION), new byte[] {1, 2, 3});

        IlpResponse answer = a.broadcaster.handle(a.peerConfig("b"), broken);

        assertEquals("F01", ((IlpReject) answer).code().code());
        assertEquals(epoch, a.table.epoch());
    }

    @Test
    void refusedRouteControlIsRetried() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        Node b = net.node("b").peer("a", Relation.PEER).start();
        // b refuses the first CCP message (the reference connector before its connect event)
        b.refuse = 1;
        net.connect(a, b);
        net.settle();
        assertNull(a.route("test.b"));

        net.advance(Duration.ofSeconds(2));

        assertEquals(2, a.sentTo("b").stream().filter(Ccp::isControlRequest).count());
        assertEquals(List.of("test.b"), a.route("test.b").path());
    }

    @Test
    void aTableTooBigForOneUpdateArrivesInSeveral() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        Node b = net.node("b").peer("a", Relation.PEER).peer("x", Relation.PEER);
        String segment = "s".repeat(80);
        for (int i = 0; i < 500; i++) {
            b.statics.add(Route.of("test.x." + segment + i, "x", RouteSource.STATIC));
        }
        b.start();
        net.connect(a, b);
        net.settle();

        long updates = b.sentTo("a").stream().filter(Ccp::isUpdateRequest).count();
        assertTrue(updates >= 2, "updates: " + updates);
        for (IlpPrepare p : b.sentTo("a")) {
            assertTrue(p.dataLength() <= RouteBroadcaster.UPDATE_BYTES_MAX + 1_000);
        }
        assertEquals(501, a.table.state().routes().keySet().stream()
                .filter(prefix -> !prefix.equals("test.a")).count());
        assertEquals(List.of("test.b"), a.route("test.x." + segment + 499).path());
    }

    @Test
    void idleModeStopsUpdatesAndSyncResumesThem() {
        Node[] n = line();
        Node a = n[0];
        a.broadcaster.handle(a.peerConfig("b"), control(CcpMode.IDLE, 0));
        a.sentTo("b").clear();

        // a heartbeat would be due now (b itself would ask again only once our routes expire)
        net.advance(CcpNet.INTERVAL);
        assertEquals(0, a.sentTo("b").stream().filter(Ccp::isUpdateRequest).count());

        a.broadcaster.handle(a.peerConfig("b"), control(CcpMode.SYNC, 0));
        net.settle();
        CcpRouteUpdateRequest full = a.sentTo("b").stream().filter(Ccp::isUpdateRequest)
                .map(RouteBroadcasterTest::update).findFirst().orElseThrow();
        assertEquals(0, full.fromEpochIndex(), "an unknown table id gets everything");
        assertTrue(full.newRoutes().stream().anyMatch(r -> r.prefix().equals("test.a")));
    }

    IlpPrepare control(CcpMode mode, long epoch) {
        return Ccp.controlRequest(new CcpRouteControlRequest(mode,
                CcpRouteControlRequest.NO_TABLE, epoch, List.of()), net.clock.now.plusSeconds(10));
    }

    @Test
    void aRejectedUpdateIsSentAgainFromTheSameEpoch() {
        Node a = net.node("a").peer("b", Relation.PEER).peer("x", Relation.PEER).start();
        Node b = net.node("b").peer("a", Relation.PEER).start();
        net.connect(a, b);
        net.settle();
        b.refuse = 1;
        a.statics.add(Route.of("test.s", "x", RouteSource.STATIC));
        a.broadcaster.start(a.address, a.configured());
        net.settle();
        assertNull(b.route("test.s"), "the update was refused");

        net.advance(CcpNet.INTERVAL);

        assertEquals(List.of("test.a"), b.route("test.s").path());
        List<CcpRouteUpdateRequest> updates = a.sentTo("b").stream()
                .filter(Ccp::isUpdateRequest).map(RouteBroadcasterTest::update).toList();
        CcpRouteUpdateRequest refused = updates.get(updates.size() - 2);
        CcpRouteUpdateRequest resent = updates.get(updates.size() - 1);
        assertEquals(refused.fromEpochIndex(), resent.fromEpochIndex());
    }

    @Test
    void aRingReroutesAroundABrokenLinkAndNeverLoops() {
        // a - b - c - d - a, every link between peers
        Node a = net.node("a").peer("b", Relation.PEER).peer("d", Relation.PEER).start();
        Node b = net.node("b").peer("a", Relation.PEER).peer("c", Relation.PEER).start();
        Node c = net.node("c").peer("b", Relation.PEER).peer("d", Relation.PEER).start();
        Node d = net.node("d").peer("c", Relation.PEER).peer("a", Relation.PEER).start();
        net.connect(a, b);
        net.connect(b, c);
        net.connect(c, d);
        net.connect(d, a);
        net.settle();
        assertEquals(List.of("test.b"), a.route("test.b").path());
        assertEquals(2, a.route("test.c").path().size());
        assertEquals("b", a.route("test.c").nextHop(), "two hops either way: b < d");

        net.disconnect(a, b);
        net.settle();

        assertEquals(new Route("test.b", "d", List.of("test.d", "test.c", "test.b"),
                RouteSource.CCP), a.route("test.b"));
        assertEquals(List.of("test.c", "test.d", "test.a"), b.route("test.a").path());
        for (Node n : List.of(a, b, c, d)) {
            for (Route r : n.table.routes()) {
                assertTrue(!r.path().contains(n.address.value()), n.name + " loops: " + r);
            }
        }

        net.connect(a, b);
        net.settle();
        assertEquals(List.of("test.b"), a.route("test.b").path());
        assertEquals(List.of("test.a"), b.route("test.a").path());
    }

    @Test
    void aLinkFlapDoesNotLetTheOldSessionsControlRequestHoldBackOrAnswerTheNewOnes() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        HeldLink first = new HeldLink("b");
        a.links.register(first);
        net.settle();
        assertEquals(1, first.controls().size());

        a.links.unregister(first);
        HeldLink second = new HeldLink("b");
        a.links.register(second);
        net.settle();
        assertEquals(1, second.controls().size(), "asked again at once on the new link");

        second.controls().get(0).complete(IlpReject.of(IlpErrorCode.T00_INTERNAL_ERROR,
                IlpAddress.of("test.b"), "not yet"));
        first.controls().get(0).complete(Ccp.fulfill());
        net.advance(Duration.ofSeconds(2));
        assertEquals(2, second.controls().size(), "the old session's answer counts for nothing");
    }

    @Test
    void aLinkFlapDoesNotLetTheOldSessionsUpdateHoldBackTheNewOnes() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        IlpPrepare sync = Ccp.controlRequest(new CcpRouteControlRequest(CcpMode.SYNC,
                CcpRouteControlRequest.NO_TABLE, 0, List.of()), net.clock.now.plusSeconds(10));
        HeldLink first = new HeldLink("b");
        a.links.register(first);
        a.broadcaster.handle(a.peerConfig("b"), sync);
        net.settle();
        assertEquals(1, first.updates().size());

        a.links.unregister(first);
        HeldLink second = new HeldLink("b");
        a.links.register(second);
        a.broadcaster.handle(a.peerConfig("b"), sync);
        net.settle();
        assertEquals(1, second.updates().size(), "b gets our table at once on the new link");
        assertEquals(0, update(second.sent.keySet().stream().filter(Ccp::isUpdateRequest)
                .findFirst().orElseThrow()).fromEpochIndex());

        first.updates().get(0).complete(Ccp.fulfill());
        net.advance(CcpNet.INTERVAL);
        assertEquals(1, second.updates().size(), "still one update in flight to b");
    }

    @Test
    void anUpdateHandledAfterItsLinkWentDownIsRefusedAndChangesNothing() {
        Node a = net.node("a").peer("b", Relation.PEER).start();
        HeldLink link = new HeldLink("b");
        a.links.register(link);
        a.links.unregister(link);

        IlpResponse answer = a.broadcaster.handle(a.peerConfig("b"), updatePrepare(
                UUID.randomUUID(), 0, 1, "test.b", List.of(route("test.x", "test.b")),
                List.of()));

        assertEquals("T01", assertInstanceOf(IlpReject.class, answer).code().code());
        assertNull(a.route("test.x"), "no route via a link that is down");
        assertEquals(0, a.broadcaster.status().get("b").routes());
    }

    /** A link whose Prepares stay unanswered until the test completes them. */
    static final class HeldLink implements Link {
        final String peerId;
        final Map<IlpPrepare, CompletableFuture<IlpResponse>> sent = new LinkedHashMap<>();

        HeldLink(String peerId) {
            this.peerId = peerId;
        }

        List<CompletableFuture<IlpResponse>> controls() {
            return answers(true);
        }

        List<CompletableFuture<IlpResponse>> updates() {
            return answers(false);
        }

        private List<CompletableFuture<IlpResponse>> answers(boolean control) {
            return sent.entrySet().stream()
                    .filter(e -> Ccp.isControlRequest(e.getKey()) == control)
                    .map(Map.Entry::getValue).toList();
        }

        @Override
        public String peerId() {
            return peerId;
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
            CompletableFuture<IlpResponse> answer = new CompletableFuture<>();
            sent.put(prepare, answer);
            return answer;
        }
    }

    /** Node a, which learned test.x from b's table at epoch 3. */
    Node learnedTestXFromB(UUID table) {
        Node a = net.node("a").peer("b", Relation.PEER).start().up();
        a.broadcaster.handle(a.peerConfig("b"), updatePrepare(table, 0, 3, "test.b",
                List.of(route("test.x", "test.b")), List.of()));
        return a;
    }

    static CcpRoute route(String prefix, String... path) {
        return new CcpRoute(prefix, List.of(path), AUTH);
    }

    IlpPrepare updatePrepare(UUID table, long from, long to, String speaker,
                             List<CcpRoute> routes, List<String> withdrawn) {
        return Ccp.updateRequest(new CcpRouteUpdateRequest(table, to, from, to, 45_000, speaker,
                routes, withdrawn), net.clock.now.plusSeconds(10));
    }

    static CcpRouteUpdateRequest update(IlpPrepare p) {
        return Ccp.decodeUpdate(p.data());
    }
}
