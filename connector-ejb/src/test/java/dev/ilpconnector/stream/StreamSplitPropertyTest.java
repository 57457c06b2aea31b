package dev.ilpconnector.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property: however a Prepare's amount is shared over streams, the parts add up to
 * the amount exactly (money is neither created nor lost) and each part is within one unit
 * of its proportional share, except the last which takes the remainder. Re-run a failure
 * with {@code -Dstream.seed=<seed printed>}.
 */
class StreamSplitPropertyTest {

    @Test
    void partsAddUpToTheAmount() {
        long seed = Long.getLong("stream.seed", System.nanoTime());
        System.out.println("StreamSplitPropertyTest seed=" + seed + " (re-run: -Dstream.seed="
                + seed + ")");
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            long amount = r.nextBoolean() ? r.nextLong() : r.nextLong(1_000_000);
            List<StreamFrame> frames = new ArrayList<>();
            int streams = 1 + r.nextInt(5);
            for (int s = 0; s < streams; s++) {
                long shares = r.nextBoolean() ? 1 + r.nextLong(10) : r.nextLong();
                frames.add(new StreamMoney(1 + 2L * r.nextInt(3), shares == 0 ? 1 : shares));
            }
            Map<Long, Long> split = StreamReceiver.split(amount, frames);
            BigInteger sum = BigInteger.ZERO;
            for (long part : split.values()) {
                sum = sum.add(new BigInteger(Long.toUnsignedString(part)));
            }
            BigInteger expected = amount == 0 ? BigInteger.ZERO
                    : new BigInteger(Long.toUnsignedString(amount));
            assertEquals(expected, sum, "seed " + seed + " amount " + amount + " " + frames);
        }
    }
}
