package dev.ilpconnector.codec.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionAssetDetails;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionClose;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionMaxStreamId;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionNewAddress;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionStreamIdBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamClose;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoneyBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamReceipt;
import dev.ilpconnector.codec.stream.StreamFrame.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests: random STREAM packets round-trip through the codec and through
 * sealing; random mutations of their plaintext are refused with CodecException or decode to
 * a packet that re-encodes to the same packet (zero padding is the only slack); receipts
 * verify only unchanged. Re-run a failure with {@code -Dstream.seed=<seed printed>}.
 */
class StreamPropertyTest {

    private static final int PACKETS = 2_000;
    private static final int MUTATIONS = 10;

    private static SplittableRandom random() {
        long seed = Long.getLong("stream.seed", System.nanoTime());
        System.out.println("StreamPropertyTest seed=" + seed + " (re-run: -Dstream.seed="
                + seed + ")");
        return new SplittableRandom(seed);
    }

    @Test
    void packetsRoundTripAndMutationsAreRefusedOrCanonical() {
        SplittableRandom r = random();
        byte[] secret = new byte[32];
        StreamKeys keys = StreamKeys.fromSharedSecret(secret);
        for (int i = 0; i < PACKETS; i++) {
            StreamPacket packet = packet(r);
            byte[] plaintext = StreamCodec.encode(packet);
            assertEquals(packet, StreamCodec.decode(plaintext));
            assertEquals(packet, keys.open(keys.seal(packet)));
            for (int m = 0; m < MUTATIONS; m++) {
                byte[] mutated = plaintext.clone();
                mutated[r.nextInt(mutated.length)] = (byte) r.nextInt(256);
                StreamPacket decoded;
                try {
                    decoded = StreamCodec.decode(mutated);
                } catch (CodecException refused) {
                    continue;
                }
                assertEquals(decoded, StreamCodec.decode(StreamCodec.encode(decoded)));
            }
        }
    }

    @Test
    void receiptsVerifyOnlyAsSigned() {
        SplittableRandom r = random();
        for (int i = 0; i < 500; i++) {
            byte[] nonce = bytes(r, 16);
            byte[] secret = bytes(r, 32);
            long total = r.nextLong();
            int streamId = r.nextInt(256);
            byte[] receipt = Receipt.create(nonce, streamId, total, secret);
            Receipt ok = Receipt.verify(receipt, secret);
            assertEquals(total, ok.totalReceived());
            assertEquals(streamId, ok.streamId());
            assertArrayEquals(nonce, ok.nonce());
            byte[] tampered = receipt.clone();
            tampered[r.nextInt(receipt.length)] ^= (byte) (1 + r.nextInt(255));
            try {
                Receipt.verify(tampered, secret);
                throw new AssertionError("tampered receipt verified");
            } catch (CodecException expected) {
                // refused: changed signed bytes, HMAC or version
            }
        }
    }

    private static StreamPacket packet(SplittableRandom r) {
        int[] types = {StreamPacket.ILP_PREPARE, StreamPacket.ILP_FULFILL,
            StreamPacket.ILP_REJECT};
        List<StreamFrame> frames = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            frames.add(frame(r));
        }
        return new StreamPacket(types[r.nextInt(3)], number(r), number(r), frames);
    }

    /** Unsigned 64-bit values of every byte length, 0 and the maximum included. */
    private static long number(SplittableRandom r) {
        int bits = r.nextInt(65);
        return bits == 0 ? 0 : bits == 64 ? r.nextLong() : r.nextLong() >>> (64 - bits);
    }

    private static StreamFrame frame(SplittableRandom r) {
        switch (r.nextInt(16)) {
            case 0: return new ConnectionClose(new StreamErrorCode(r.nextInt(256)), text(r));
            case 1: return new ConnectionNewAddress("test.sender." + r.nextInt(1000));
            case 2: return new ConnectionMaxData(number(r));
            case 3: return new ConnectionDataBlocked(number(r));
            case 4: return new ConnectionMaxStreamId(number(r));
            case 5: return new ConnectionStreamIdBlocked(number(r));
            case 6: return new ConnectionAssetDetails(text(r), r.nextInt(256));
            case 7: return new StreamClose(number(r), new StreamErrorCode(r.nextInt(256)),
                    text(r));
            case 8: return new StreamMoney(number(r), number(r));
            case 9: return new StreamMaxMoney(number(r), number(r), number(r));
            case 10: return new StreamMoneyBlocked(number(r), number(r), number(r));
            case 11: return new StreamData(number(r), number(r), bytes(r, r.nextInt(300)));
            case 12: return new StreamMaxData(number(r), number(r));
            case 13: return new StreamDataBlocked(number(r), number(r));
            case 14: return new StreamReceipt(number(r), bytes(r, r.nextInt(80)));
            default: return new Unknown(0x20 + r.nextInt(0xe0), bytes(r, r.nextInt(40)));
        }
    }

    private static String text(SplittableRandom r) {
        String[] samples = {"", "USD", "XRP", "déjà vu", "終わり", "a much longer message"};
        return samples[r.nextInt(samples.length)];
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
