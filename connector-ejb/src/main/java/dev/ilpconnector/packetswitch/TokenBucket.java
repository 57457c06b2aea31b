package dev.ilpconnector.packetswitch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A rate limit as a token bucket holding one second of tokens, kept as one number: the time at
 * which the bucket would be full again (the generic cell rate algorithm). Taking tokens is one
 * compare-and-set, no lock and no allocation, so the packet path can afford it.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Tokens per second; also the bucket's size (one second of burst). */
    private final long ratePerSecond;
    private final double nanosPerToken;
    /** When the bucket is full again; a bucket full since before that is just full. */
    private final AtomicLong fullAt;

    /**
     * @param ratePerSecond tokens per second, unsigned 64-bit, not 0
     * @param nowNanos      the {@link System#nanoTime} clock's current reading
     */
    TokenBucket(long ratePerSecond, long nowNanos) {
        if (ratePerSecond == 0) {
            throw new IllegalArgumentException("rate must not be 0");
        }
        this.ratePerSecond = ratePerSecond;
        this.nanosPerToken = NANOS_PER_SECOND / unsigned(ratePerSecond);
        this.fullAt = new AtomicLong(nowNanos);
    }

    /**
     * Takes {@code tokens} (unsigned 64-bit) if the bucket holds that many at {@code nowNanos};
     * else takes nothing. More than one second's worth never fits.
     */
    boolean tryTake(long tokens, long nowNanos) {
        if (Long.compareUnsigned(tokens, ratePerSecond) > 0) {
            return false;
        }
        // Rounded down (at most 1 ns per take in the peer's favour), but never free: a rate
        // above 10^9 per second charges every non-empty take at least 1 ns.
        long cost = tokens == 0 ? 0 : Math.max(1, (long) (unsigned(tokens) * nanosPerToken));
        while (true) {
            long full = fullAt.get();
            long start = full - nowNanos > 0 ? full : nowNanos;
            long next = start + cost;
            if (next - nowNanos > NANOS_PER_SECOND) {
                return false;
            }
            if (fullAt.compareAndSet(full, next)) {
                return true;
            }
        }
    }

    long ratePerSecond() {
        return ratePerSecond;
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : value + 0x1p64;
    }
}
