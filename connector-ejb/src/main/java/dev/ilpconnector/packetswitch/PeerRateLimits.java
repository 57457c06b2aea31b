package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.peer.PeerLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Each peer's {@code max-packets-per-second} and {@code max-amount-per-second}, checked by the
 * switch before it asks the ledger for a hold: a peer over its rate gets {@code T05} (RFC 27
 * §T05 Rate Limited) naming the limit, and no balance moves. Peers without limits cost one map
 * lookup; the check takes no lock and allocates nothing unless it refuses.
 */
public final class PeerRateLimits {

    /** No peer is limited. */
    public static final PeerRateLimits NONE = new PeerRateLimits(Map.of(), System::nanoTime);

    private final Map<String, Buckets> byPeer;
    private final LongSupplier nanoTime;

    private record Buckets(String peerId, TokenBucket packets, TokenBucket amount) {
    }

    /**
     * @param limits   per peer id; peers missing or without rates are not limited
     * @param nanoTime the clock ({@link System#nanoTime} but in tests)
     */
    public PeerRateLimits(Map<String, PeerLimits> limits, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        Map<String, Buckets> buckets = new HashMap<>();
        limits.forEach((peerId, l) -> {
            if (l.packetRateLimited() || l.amountRateLimited()) {
                buckets.put(peerId, new Buckets(peerId,
                        l.packetRateLimited() ? new TokenBucket(l.maxPacketsPerSecond(), now)
                                : null,
                        l.amountRateLimited() ? new TokenBucket(l.maxAmountPerSecond(), now)
                                : null));
            }
        });
        this.byPeer = Map.copyOf(buckets);
    }

    /**
     * Counts one Prepare of {@code amount} (unsigned) from {@code peerId}.
     *
     * @return null when it is within the peer's rates, else the T05 reject to answer
     */
    IlpReject check(String peerId, long amount, Rejects rejects) {
        Buckets b = byPeer.get(peerId);
        if (b == null) {
            return null;
        }
        long now = nanoTime.getAsLong();
        if (b.packets() != null && !b.packets().tryTake(1, now)) {
            return rejects.reject(IlpErrorCode.T05_RATE_LIMITED, "peer." + peerId
                    + ".max-packets-per-second (" + b.packets().ratePerSecond() + ") exceeded");
        }
        if (b.amount() != null && !b.amount().tryTake(amount, now)) {
            return rejects.reject(IlpErrorCode.T05_RATE_LIMITED, "peer." + peerId
                    + ".max-amount-per-second (" + Long.toUnsignedString(
                            b.amount().ratePerSecond()) + ") exceeded");
        }
        return null;
    }
}
