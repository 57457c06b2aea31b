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
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The packet path inside one JVM, without sockets: decode a Prepare, switch it (route, hold on
 * the embedded ledger, forward to a link that fulfills at once, check the fulfillment, commit)
 * and encode the Fulfill. Prints packets per second and bytes allocated per packet on the
 * calling thread. Run by {@code bench/switch-path.sh}; not a test.
 */
public final class SwitchBench {

    private static final byte[] FULFILLMENT = new byte[32];
    private static final byte[] NO_DATA = new byte[0];

    private SwitchBench() {
    }

    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long warmup = Math.min(packets, 500_000);
        PacketSwitch packetSwitch = newSwitch();
        byte[] condition = MessageDigest.getInstance("SHA-256").digest(FULFILLMENT);
        byte[][] frames = prepares(condition, 1024);

        run(packetSwitch, frames, warmup);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        long fulfilled = run(packetSwitch, frames, packets);
        long elapsed = System.nanoTime() - start;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;

        System.out.printf("packets=%d fulfilled=%d seconds=%.2f packetsPerSecond=%.0f"
                        + " microsPerPacket=%.2f bytesAllocatedPerPacket=%d java=%s%n",
                packets, fulfilled, elapsed / 1e9, packets / (elapsed / 1e9),
                elapsed / 1e3 / packets, bytes / packets, System.getProperty("java.version"));
        if (fulfilled != packets) {
            throw new IllegalStateException("not every packet was fulfilled");
        }
    }

    private static long run(PacketSwitch packetSwitch, byte[][] frames, long packets)
            throws Exception {
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

    private static PacketSwitch newSwitch() {
        List<PeerConfig> peers = List.of(child("alice"), child("bob"));
        RoutingTable routes = new RoutingTable();
        routes.setRoutes(List.of(new Route("test.bench.bob", "bob", List.of(),
                RouteSource.STATIC)));
        LinkRegistry links = new LinkRegistry();
        links.register(new FulfillingLink("bob"));
        IlpAddress self = IlpAddress.of("test.bench");
        return new PacketSwitch(new SwitchSettings(self, Duration.ofSeconds(1),
                Duration.ofSeconds(30)), new PeerDirectory(peers), routes, links,
                new LedgerAccounting(new EmbeddedLedger(), peers, Clock.systemUTC()),
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
