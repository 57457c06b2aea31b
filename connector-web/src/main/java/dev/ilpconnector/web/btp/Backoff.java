package dev.ilpconnector.web.btp;

/**
 * Exponential reconnect delay: initial, doubled after each failed attempt up to the maximum,
 * back to initial once a link authenticated. One per outgoing link; synchronized because the
 * reset comes from a WebSocket callback and the next delay from the reconnect path.
 */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    Backoff(long initialMs, long maxMs) {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 0 < initial <= max, got initial=" + initialMs
                    + " max=" + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /** The delay before the next attempt; each call doubles the following one, up to max. */
    synchronized long nextDelayMs() {
        long delay = nextMs;
        nextMs = nextMs > maxMs / 2 ? maxMs : nextMs * 2;
        return delay;
    }

    synchronized void reset() {
        nextMs = initialMs;
    }
}
