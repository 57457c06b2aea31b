package dev.ilpconnector.bench;

import com.sun.management.ThreadMXBean;
import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.ledger.EmbeddedLedger;
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
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packet path inside one JVM, without sockets: decode a Prepare, switch it (route, hold on
 * the embedded ledger, forward to a link that fulfills at once, check the fulfillment, commit)
 * and encode the Fulfill. Prints packets per second and bytes allocated per packet on the
 * calling thread. Run by {@code bench/switch-path.sh}; not a test.
 *
 * <p>Arguments: packets, ledger directory ({@code none}: in memory; otherwise a journal there,
 * so every commit waits for its group's fsync) and packets kept in flight (1: one after the
 * other; more: what concurrent BTP sessions do, and what lets group commit share an fsync).
 */
public final class SwitchBench {

    private static final byte[] FULFILLMENT = new byte[32];
    private static final byte[] NO_DATA = new byte[0];

    private SwitchBench() {
    }

    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        String ledgerDir = args.length > 1 ? args[1] : "none";
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long warmup = Math.min(packets, 500_000);
        EmbeddedLedger ledger = ledgerDir.equals("none") ? new EmbeddedLedger()
                : EmbeddedLedger.open(Path.of(ledgerDir), Thread::new);
        PacketSwitch packetSwitch = newSwitch(ledger);
        byte[] condition = MessageDigest.getInstance("SHA-256").digest(FULFILLMENT);
        byte[][] frames = prepares(condition, 1024);

        run(packetSwitch, frames, warmup, inFlight);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        long fulfilled = run(packetSwitch, frames, packets, inFlight);
        long elapsed = System.nanoTime() - start;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;

        System.out.printf("packets=%d fulfilled=%d seconds=%.2f packetsPerSecond=%.0f"
                        + " microsPerPacket=%.2f bytesAllocatedPerPacket=%d inFlight=%d"
                        + " ledger=%s java=%s%n",
                packets, fulfilled, elapsed / 1e9, packets / (elapsed / 1e9),
                elapsed / 1e3 / packets, bytes / packets, inFlight, ledgerDir,
                System.getProperty("java.version"));
        ledger.close();
        if (fulfilled != packets) {
            throw new IllegalStateException("not every packet was fulfilled");
        }
    }

    private static long run(PacketSwitch packetSwitch, byte[][] frames, long packets,
            int inFlight) throws Exception {
        if (inFlight > 1) {
            return runConcurrently(packetSwitch, frames, packets, inFlight);
        }
        long fulfilled = 0;
        for (long i = 0; i < packets; i++) {
            IlpPrepare prepare = IlpCodec.decodePrepare(frames[(int) (i % frames.length)]);
            IlpResponse response = packetSwitch.handle("alice", prepare).get();
            byte[] out = IlpCodec.encode(response);
            if (out[0] == 13) {
                fulfilled++;
            }
        }
        return fulfilled;
    }

    /** Keeps {@code inFlight} packets switching at once; counts the Fulfills. */
    private static long runConcurrently(PacketSwitch packetSwitch, byte[][] frames,
            long packets, int inFlight) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong fulfilled = new AtomicLong();
        for (long i = 0; i < packets; i++) {
            slots.acquire();
            IlpPrepare prepare = IlpCodec.decodePrepare(frames[(int) (i % frames.length)]);
            packetSwitch.handle("alice", prepare).whenComplete((response, failure) -> {
                if (response != null && IlpCodec.encode(response)[0] == 13) {
                    fulfilled.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(inFlight);
        return fulfilled.get();
    }

    /** Prepares that differ in data, as a real load does; expiry far enough for the whole run. */
    private static byte[][] prepares(byte[] condition, int count) {
        byte[][] frames = new byte[count][];
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
        for (int i = 0; i < count; i++) {
            byte[] data = ByteBuffer.allocate(8).putLong(i).array();
            frames[i] = IlpCodec.encode(new IlpPrepare(1, expiresAt, condition,
                    IlpAddress.of("test.bench.bob.receiver"), data));
        }
        return frames;
    }

    private static PacketSwitch newSwitch(EmbeddedLedger ledger) {
        List<PeerConfig> peers = List.of(child("alice"), child("bob"));
        RoutingTable routes = new RoutingTable();
        routes.setRoutes(List.of(new Route("test.bench.bob", "bob", List.of(),
                RouteSource.STATIC)));
        LinkRegistry links = new LinkRegistry();
        links.register(new FulfillingLink("bob"));
        IlpAddress self = IlpAddress.of("test.bench");
        return new PacketSwitch(new SwitchSettings(self, Duration.ofSeconds(1),
                Duration.ofSeconds(30)), new PeerDirectory(peers), routes, links,
                new LedgerAccounting(ledger, peers, Clock.systemUTC()),
                new PeerProtocols(self), prepare -> CompletableFuture.failedFuture(
                        new IllegalStateException("no local delivery")), Clock.systemUTC());
    }

    private static PeerConfig child(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "XRP", 9, -1L, Long.MIN_VALUE + 1, List.of());
    }

    /** A next hop that answers every Prepare with the fulfillment at once. */
    private record FulfillingLink(String peerId) implements Link {

        private static final IlpFulfill FULFILL = new IlpFulfill(FULFILLMENT, NO_DATA);

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
            return CompletableFuture.completedFuture(FULFILL);
        }
    }
}
