package dev.ilpconnector.ccp;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerLimits;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Test harness: nodes with a {@link RouteBroadcaster} each, joined by in-memory links that
 * pass the Prepares through the ILP codec, one manual clock and one queue of timer tasks. No
 * threads: {@link #settle()} runs timer tasks until none is left.
 */
final class CcpNet {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final Duration EXPIRY = Duration.ofSeconds(45);

    final MutableClock clock = new MutableClock();
    final Deque<Runnable> tasks = new ArrayDeque<>();
    final Map<String, Node> nodes = new LinkedHashMap<>();

    /** One node: its peers by id with their relation, weight and overrides. */
    final class Node {
        final String name;
        final IlpAddress address;
        final RoutingTable table = new RoutingTable();
        final LinkRegistry links = new LinkRegistry();
        final List<PeerConfig> peers = new ArrayList<>();
        final Map<String, PeerRouting> routing = new HashMap<>();
        final List<Route> statics = new ArrayList<>();
        final Map<String, PeerLimits> limits = new HashMap<>();
        final Map<String, List<IlpPrepare>> sent = new HashMap<>();
        /** This many incoming CCP Prepares are rejected T00 before any is handled. */
        int refuse;
        RouteBroadcaster broadcaster;

        Node(String name) {
            this.name = name;
            this.address = IlpAddress.of("test." + name);
        }

        Node peer(String id, Relation relation) {
            return peer(id, relation, PeerRouting.defaults(relation));
        }

        Node peer(String id, Relation relation, PeerRouting r) {
            peers.add(new PeerConfig(id, relation, Optional.empty(), Optional.of("t-" + id),
                    "XRP", 9, -1L, 0, List.of()));
            routing.put(id, r);
            return this;
        }

        Node start() {
            broadcaster = new RouteBroadcaster(table, links, peers,
                    new CcpSettings(INTERVAL, EXPIRY, routing), (task, ms) -> tasks.add(task),
                    clock, limits);
            links.addListener(broadcaster);
            broadcaster.start(address, configured());
            return this;
        }

        /** Every peer's link is up, with no node behind it: the test speaks for the peers. */
        Node up() {
            for (PeerConfig p : peers) {
                broadcaster.linkUp(p.id());
            }
            return this;
        }

        List<Route> configured() {
            List<Route> routes = new ArrayList<>();
            routes.add(new Route(address.value(), "self", List.of(), RouteSource.LOCAL));
            routes.addAll(statics);
            return routes;
        }

        PeerConfig peerConfig(String id) {
            return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        }

        Route route(String prefix) {
            return table.state().routes().get(prefix);
        }

        List<IlpPrepare> sentTo(String peerId) {
            return sent.computeIfAbsent(peerId, k -> new ArrayList<>());
        }
    }

    Node node(String name) {
        return nodes.computeIfAbsent(name, Node::new);
    }

    /** Brings up a link between x and y (x knows y as peer id y.name and vice versa). */
    void connect(Node x, Node y) {
        InMemoryLink xy = new InMemoryLink(x, y);
        InMemoryLink yx = new InMemoryLink(y, x);
        x.links.register(xy);
        y.links.register(yx);
    }

    void disconnect(Node x, Node y) {
        unregister(x, y.name);
        unregister(y, x.name);
    }

    private static void unregister(Node x, String peerId) {
        Link link = x.links.link(peerId);
        if (link != null) {
            ((InMemoryLink) link).up = false;
            x.links.unregister(link);
        }
    }

    /** Runs timer tasks (and those they schedule) until none is left. */
    void settle() {
        for (int i = 0; i < 10_000 && !tasks.isEmpty(); i++) {
            tasks.poll().run();
        }
        if (!tasks.isEmpty()) {
            throw new AssertionError("timer tasks do not settle");
        }
    }

    /** Lets time pass and runs every node's periodic duty, then settles. */
    void advance(Duration d) {
        clock.now = clock.now.plus(d);
        for (Node n : nodes.values()) {
            n.broadcaster.tick();
        }
        settle();
    }

    /** A link from one node to another: its Prepares are answered by the other's broadcaster. */
    static final class InMemoryLink implements Link {
        final Node from;
        final Node to;
        volatile boolean up = true;

        InMemoryLink(Node from, Node to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public String peerId() {
            return to.name;
        }

        @Override
        public boolean isConnected() {
            return up;
        }

        @Override
        public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
            IlpPrepare wire = IlpCodec.decodePrepare(IlpCodec.encode(prepare));
            from.sentTo(to.name).add(wire);
            IlpResponse answer = to.refuse-- > 0
                    ? IlpReject.of(IlpErrorCode.T00_INTERNAL_ERROR, to.address, "not yet")
                    : to.broadcaster.handle(to.peerConfig(from.name), wire);
            return CompletableFuture.completedFuture(
                    IlpCodec.decodeResponse(IlpCodec.encode(answer)));
        }
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
