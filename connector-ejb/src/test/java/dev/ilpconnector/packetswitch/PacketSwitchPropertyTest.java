package dev.ilpconnector.packetswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Money is neither created nor lost by the switch: many packets in flight at once between
 * random peers, each ending at random (valid fulfillment, wrong fulfillment, reject, no
 * answer, link failure, answer from another thread). Afterwards every peer's balance must be
 * exactly the sum of what it sent and received in fulfilled packets, nothing may be left
 * pending, and the ledger's own invariants must hold. Seeded; the seed is printed. Run on each
 * ledger by a subclass.
 */
public abstract class PacketSwitchPropertyTest {

    private static final IlpAddress SELF = IlpAddress.of("test.node");
    private static final String[] PEERS = {"alice", "bob", "carol", "dave"};
    private static final int PACKETS = 10_000;
    private static final byte[] NO_DATA = new byte[0];
    /** No packet's fulfillment: those are a counter in the first 4 bytes, zeros after. */
    private static final byte[] WRONG = new byte[32];

    static {
        Arrays.fill(WRONG, (byte) 0xFF);
    }

    private enum Ending { FULFILL, FULFILL_LATER, WRONG_FULFILLMENT, REJECT, NO_ANSWER, LINK_DOWN }

    /** A ledger with nothing on it yet (peers' accounts are created by the test). */
    protected abstract Ledger ledger();

    /** The peers' asset: a ledger shared with other tests needs one of its own. */
    protected String assetCode() {
        return "XRP";
    }

    /** Checks the ledger's own invariants once all packets are done. */
    protected abstract void checkLedger();

    @Test
    void balancesEqualTheSumOfFulfilledPackets() throws Exception {
        long seed = Long.getLong("switch.seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + " seed=" + seed + " (-Dswitch.seed="
                + seed + " to replay)");
        SplittableRandom random = new SplittableRandom(seed);
        List<PeerConfig> peers = new ArrayList<>();
        for (String id : PEERS) {
            peers.add(new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of("t"),
                    assetCode(), 9, -1L, -1_000_000_000_000L, List.of()));
        }
        LedgerAccounting accounting = new LedgerAccounting(ledger(), peers, Clock.systemUTC());
        Map<String, Ending> endings = new HashMap<>();
        ExecutorService answerers = Executors.newFixedThreadPool(4);
        LinkRegistry links = new LinkRegistry();
        for (String id : PEERS) {
            links.register(new FakeLink(id, p -> answer(p, endings, answerers)));
        }
        PacketSwitch packetSwitch = newSwitch(peers, links, accounting);

        Map<String, Long> expected = new HashMap<>();
        List<CompletableFuture<IlpResponse>> outcomes = new ArrayList<>();
        List<long[]> sent = new ArrayList<>();
        try {
            for (int i = 0; i < PACKETS; i++) {
                int from = random.nextInt(PEERS.length);
                int to = (from + 1 + random.nextInt(PEERS.length - 1)) % PEERS.length;
                long amount = 1 + random.nextLong(1_000_000);
                Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
                byte[] fulfillment = ByteBuffer.allocate(32).putInt(i).array();
                String key = "test.node." + PEERS[to] + ".p" + i;
                synchronized (endings) {
                    endings.put(key, ending);
                }
                long lifeMs = ending == Ending.NO_ANSWER ? 700 : 20_000;
                Instant expiry = Instant.now().plusMillis(lifeMs);
                IlpPrepare prepare = new IlpPrepare(amount, expiry, sha256(fulfillment),
                        IlpAddress.of(key), fulfillment);
                outcomes.add(packetSwitch.handle(PEERS[from], prepare));
                sent.add(new long[] {from, to, amount, ending.ordinal()});
            }
            for (int i = 0; i < PACKETS; i++) {
                IlpResponse response = outcomes.get(i).get(10, TimeUnit.SECONDS);
                long[] s = sent.get(i);
                Ending ending = Ending.values()[(int) s[3]];
                assertOutcome(ending, response);
                if (ending == Ending.FULFILL || ending == Ending.FULFILL_LATER) {
                    expected.merge(PEERS[(int) s[0]], -s[2], Long::sum);
                    expected.merge(PEERS[(int) s[1]], s[2], Long::sum);
                }
            }
        } finally {
            answerers.shutdownNow();
        }

        for (PeerConfig peer : peers) {
            AccountBalance b = accounting.balance(peer).toCompletableFuture().join().orElseThrow();
            assertEquals(BigInteger.valueOf(expected.getOrDefault(peer.id(), 0L)), b.netPosted(),
                    peer.id());
            assertTrue(b.nothingPending(), peer.id() + " still holds " + b);
        }
        checkLedger();
    }

    /** What the sender must see for each way a packet can end downstream. */
    private static void assertOutcome(Ending ending, IlpResponse response) {
        if (ending == Ending.FULFILL || ending == Ending.FULFILL_LATER) {
            assertTrue(response instanceof IlpFulfill, ending + ": " + response);
            return;
        }
        IlpErrorCode code = switch (ending) {
            case WRONG_FULFILLMENT -> IlpErrorCode.F05_WRONG_CONDITION;
            case REJECT -> IlpErrorCode.F99_APPLICATION_ERROR;
            case NO_ANSWER -> IlpErrorCode.R00_TRANSFER_TIMED_OUT;
            case LINK_DOWN -> IlpErrorCode.T01_PEER_UNREACHABLE;
            default -> throw new IllegalStateException(ending.name());
        };
        assertTrue(response instanceof IlpReject r && r.code().equals(code),
                ending + ": " + response);
    }

    private static CompletableFuture<IlpResponse> answer(IlpPrepare prepare,
                                                         Map<String, Ending> endings,
                                                         Executor answerers) {
        Ending ending;
        synchronized (endings) {
            ending = endings.get(prepare.destination().value());
        }
        byte[] fulfillment = prepare.data();
        return switch (ending) {
            case FULFILL -> CompletableFuture.completedFuture(new IlpFulfill(fulfillment, NO_DATA));
            case FULFILL_LATER -> CompletableFuture.supplyAsync(
                    () -> new IlpFulfill(fulfillment, NO_DATA), answerers);
            case WRONG_FULFILLMENT -> CompletableFuture.completedFuture(
                    new IlpFulfill(WRONG, NO_DATA));
            case REJECT -> CompletableFuture.completedFuture(new IlpReject(
                    IlpErrorCode.F99_APPLICATION_ERROR, "test.far", "no", NO_DATA));
            case NO_ANSWER -> new CompletableFuture<>();
            case LINK_DOWN -> CompletableFuture.failedFuture(new LinkDownException("gone"));
        };
    }

    private static PacketSwitch newSwitch(List<PeerConfig> peers, LinkRegistry links,
                                          LedgerAccounting accounting) {
        RoutingTable routes = new RoutingTable();
        List<Route> list = new ArrayList<>();
        for (String id : PEERS) {
            list.add(new Route("test.node." + id, id, List.of(), RouteSource.STATIC));
        }
        routes.setRoutes(list);
        return new PacketSwitch(new SwitchSettings(SELF, Duration.ofMillis(200),
                Duration.ofSeconds(30)), new PeerDirectory(peers), routes, links, accounting,
                new PeerProtocols(SELF), prepare -> new CompletableFuture<>(), Clock.systemUTC());
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
