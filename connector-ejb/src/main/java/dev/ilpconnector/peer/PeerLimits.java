package dev.ilpconnector.peer;

/**
 * The bounds one peer's traffic is held to, so that a peer that floods or announces too much
 * hurts only itself ({@code peer.<id>.max-*} keys, docs/configuration.md).
 *
 * @param maxRoutes             routes learned from the peer by CCP (count); an update that
 *                              would go past it is refused whole
 * @param maxPacketsPerSecond   Prepares per second, sustained, with one second of burst;
 *                              0: no limit
 * @param maxAmountPerSecond    sum of Prepare amounts per second in the peer's asset units,
 *                              unsigned 64-bit, with one second of burst; 0: no limit
 */
public record PeerLimits(int maxRoutes, long maxPacketsPerSecond, long maxAmountPerSecond) {

    /** The route bound when none is configured: far above any honest peer's table. */
    public static final int MAX_ROUTES_DEFAULT = 10_000;

    /** No rate limit, the default route bound. */
    public static final PeerLimits DEFAULT = new PeerLimits(MAX_ROUTES_DEFAULT, 0, 0);

    public PeerLimits {
        if (maxRoutes < 0) {
            throw new IllegalArgumentException("max routes must be zero or positive");
        }
        if (maxPacketsPerSecond < 0) {
            throw new IllegalArgumentException("max packets per second must not be negative");
        }
    }

    public boolean packetRateLimited() {
        return maxPacketsPerSecond != 0;
    }

    public boolean amountRateLimited() {
        return maxAmountPerSecond != 0;
    }
}
