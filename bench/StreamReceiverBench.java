import com.sun.management.ThreadMXBean;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.stream.StreamCrypto;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamKeys;
import dev.ilpconnector.codec.stream.StreamPacket;
import dev.ilpconnector.stream.Payable;
import dev.ilpconnector.stream.ReceiptRequest;
import dev.ilpconnector.stream.ReceiverAsset;
import dev.ilpconnector.stream.StreamCredentials;
import dev.ilpconnector.stream.StreamReceiver;
import dev.ilpconnector.stream.Unfulfillable;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * ns and bytes allocated per StreamReceiver.open + fulfill (a paying Prepare with one
 * StreamMoney frame, receipts on) and per open + reject of a probe, one thread. Prepares are
 * built beforehand (a sender's work is not measured). Run by bench/stream-receiver.sh.
 */
public final class StreamReceiverBench {

    public static void main(String[] args) {
        int packets = Integer.parseInt(args[0]);
        StreamReceiver receiver = new StreamReceiver(new byte[32], Clock.systemUTC(), 1000,
                Duration.ofHours(1));
        IlpAddress base = IlpAddress.of("test.bench.agent");
        ReceiverAsset asset = new ReceiverAsset("USD", 6);
        StreamCredentials c = receiver.newConnection(base, "bench",
                Optional.of(new ReceiptRequest(new byte[16], new byte[32])));
        StreamKeys keys = StreamKeys.fromSharedSecret(c.sharedSecret());
        int distinct = 4096;
        IlpPrepare[] pay = new IlpPrepare[distinct];
        IlpPrepare[] probe = new IlpPrepare[distinct];
        Instant expiry = Instant.parse("2099-01-01T00:00:00Z");
        for (int i = 0; i < distinct; i++) {
            byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, i + 1, 0,
                    List.of(new StreamFrame.StreamMoney(1, 1))));
            pay[i] = new IlpPrepare(100, expiry, StreamCrypto.sha256(keys.fulfillment(data)),
                    c.destinationAccount(), data);
            probe[i] = new IlpPrepare(100, expiry, new byte[32], c.destinationAccount(), data);
        }
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (String kind : new String[] {"open+fulfill", "open+reject(probe)"}) {
            IlpPrepare[] input = kind.startsWith("open+fulfill") ? pay : probe;
            run(receiver, input, base, asset, packets / 5); // warm-up
            long bytes0 = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            long sink = run(receiver, input, base, asset, packets);
            long ns = System.nanoTime() - t0;
            long bytes = mx.getThreadAllocatedBytes(tid) - bytes0;
            System.out.printf("%-20s packets=%d ns/op=%d ops/s=%d bytes/op=%d (sink %d)%n",
                    kind, packets, ns / packets, packets * 1_000_000_000L / ns,
                    bytes / packets, sink);
        }
    }

    private static long run(StreamReceiver receiver, IlpPrepare[] input, IlpAddress base,
            ReceiverAsset asset, int packets) {
        long sink = 0;
        for (int i = 0; i < packets; i++) {
            Object r = receiver.open(input[i & (input.length - 1)], base, asset);
            if (r instanceof Payable p) {
                sink += p.fulfill().dataLength();
            } else {
                sink += ((Unfulfillable) r).reject().dataLength();
            }
        }
        return sink;
    }
}
