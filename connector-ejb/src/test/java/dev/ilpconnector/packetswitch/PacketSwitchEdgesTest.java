package dev.ilpconnector.packetswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.telemetry.Telemetry;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch at the edges: expiry timers and graceful shutdown. */
class PacketSwitchEdgesTest {

    private static final IlpAddress SELF = IlpAddress.of("test.node");
    private static final byte[] FULFILLMENT = new byte[32];
    private static final String WORKER = "managed-worker";

    private final PeerConfig alice = child("alice");
    private final PeerConfig bob = child("bob");
    private final EmbeddedLedger ledger = new EmbeddedLedger();
    private final LinkRegistry links = new LinkRegistry();
    private final ExecutorService managed = Executors.newSingleThreadExecutor(
            task -> new Thread(task, WORKER));
    private final LedgerAccounting books = new LedgerAccounting(ledger, List.of(alice, bob),
            Clock.systemUTC());
    private volatile String releasedOn;

    @AfterEach
    void stop() {
        managed.shutdownNow();
    }

    private PacketSwitch newSwitch() {
        RoutingTable routes = new RoutingTable();
        routes.setRoutes(List.of(new Route("test.node.bob", "bob", List.of(),
                RouteSource.STATIC)));
        Accounting watched = new Accounting() {
            @Override
            public CompletionStage<Hold> hold(PeerConfig source, long sourceAmount,
                    PeerConfig destination, long destinationAmount, Instant holdUntil,
                    byte[] condition) {
                return books.hold(source, sourceAmount, destination, destinationAmount,
                        holdUntil, condition);
            }

            @Override
            public CompletionStage<Void> commit(Hold hold) {
                return books.commit(hold);
            }

            @Override
            public CompletionStage<Void> release(Hold hold) {
                releasedOn = Thread.currentThread().getName();
                return books.release(hold);
            }
        };
        return new PacketSwitch(new SwitchSettings(SELF, Duration.ofMillis(100),
                Duration.ofSeconds(5)), new PeerDirectory(List.of(alice, bob)), routes, links,
                watched, new PeerProtocols(SELF, null), prepare -> new CompletableFuture<>(),
                Clock.systemUTC(), Telemetry.NONE, managed);
    }

    @Test
    void aHoldWhoseNextHopNeverAnswersIsReleasedOnTheManagedExecutor() throws Exception {
        links.register(new FakeLink("bob", prepare -> new CompletableFuture<>()));

        IlpResponse answer = newSwitch().handle("alice", prepare(100, 500))
                .get(5, TimeUnit.SECONDS);

        IlpReject reject = assertInstanceOf(IlpReject.class, answer);
        assertEquals(IlpErrorCode.R00_TRANSFER_TIMED_OUT, reject.code());
        assertEquals(WORKER, releasedOn, "the release ran on the JDK's timer thread");
        assertEquals(0, ledger.pendingCount());
    }

    @Test
    void aHoldWhoseTimeoutFiresWhileTheExecutorStopsIsStillReleased() throws Exception {
        managed.shutdown(); // the container is stopping: the executor refuses new tasks
        links.register(new FakeLink("bob", prepare -> new CompletableFuture<>()));

        IlpResponse answer = newSwitch().handle("alice", prepare(100, 500))
                .get(5, TimeUnit.SECONDS);

        assertEquals(IlpErrorCode.R00_TRANSFER_TIMED_OUT,
                assertInstanceOf(IlpReject.class, answer).code());
        assertEquals(0, ledger.pendingCount(), "the hold outlived its packet");
    }

    @Test
    void drainingRefusesNewPreparesAndWaitsForThoseInFlight() throws Exception {
        CompletableFuture<IlpResponse> bobAnswers = new CompletableFuture<>();
        links.register(new FakeLink("bob", prepare -> bobAnswers));
        PacketSwitch packetSwitch = newSwitch();
        CompletableFuture<IlpResponse> inFlight = packetSwitch.handle("alice", prepare(100, 3_000));
        assertEquals(1, packetSwitch.inFlight());

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(
                () -> packetSwitch.drain(Duration.ofSeconds(5)));
        long probes = 0; // packets taken before the drain began: in flight like the first
        while (!packetSwitch.handle("alice", prepare(1, 3_000)).isDone()) {
            probes++;
        }
        IlpReject refused = assertInstanceOf(IlpReject.class,
                packetSwitch.handle("alice", prepare(7, 3_000)).get(1, TimeUnit.SECONDS));
        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, refused.code());
        assertFalse(drained.isDone(), "the drain must wait for the packet in flight");

        bobAnswers.complete(new IlpFulfill(FULFILLMENT, new byte[0]));

        assertInstanceOf(IlpFulfill.class, inFlight.get(5, TimeUnit.SECONDS));
        assertTrue(drained.get(5, TimeUnit.SECONDS));
        assertEquals(BigInteger.valueOf(-100 - probes), books.balance(alice).toCompletableFuture()
                .get().orElseThrow().netPosted());
        assertEquals(0, ledger.pendingCount());
    }

    private static IlpPrepare prepare(long amount, long expiresInMs) throws Exception {
        byte[] condition = MessageDigest.getInstance("SHA-256").digest(FULFILLMENT);
        return new IlpPrepare(amount, Instant.now().plusMillis(expiresInMs), condition,
                IlpAddress.of("test.node.bob.x"), new byte[0]);
    }

    private static PeerConfig child(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "XRP", 9, -1L, -1_000_000L, List.of());
    }
}
