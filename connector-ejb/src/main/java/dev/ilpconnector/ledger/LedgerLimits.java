package dev.ilpconnector.ledger;

import java.time.Duration;

/**
 * Bounds of the ledger (TigerStyle: everything bounded, named with its unit). Candidates to
 * move into {@code dev.ilpconnector.Limits} once it exists.
 */
public final class LedgerLimits {

    /**
     * Pending transfers the embedded ledger holds at once; beyond it
     * {@link TransferResult#BUSY} (the switch answers T03). Two per forwarded packet, so this
     * allows 32768 packets in flight across all peers, far above the per-peer in-flight bounds.
     */
    public static final int PENDING_TRANSFERS_MAX = 65_536;

    /**
     * Finished (posted, voided, expired, single-phase) packet legs the embedded ledger
     * remembers for idempotent replays; the oldest are forgotten beyond it. ~100 bytes each.
     * Other transfers (settlements, one per settlement) are never forgotten.
     */
    public static final int FINISHED_TRANSFERS_RETAINED = 262_144;

    /**
     * Longest pending timeout, seconds: 90 days. A packet is held at most ~30 s (DESIGN.md "max
     * hold time"); a settlement intent waits for an operator who may pay by hand after a
     * weekend or a holiday (30 days, {@code SettlementLedger.INTENT_TIMEOUT}), and must not run out
     * before (the amount would be owed, and paid, again). Still a bound: a forgotten intent
     * holds the peer's headroom at most this long. TigerBeetle's field is a u32 of seconds.
     */
    public static final int PENDING_TIMEOUT_SECONDS_MAX = 90 * 24 * 3600;

    /**
     * Journal bytes appended after which the embedded ledger rewrites its journal as a snapshot
     * while running (~1.3 million packets at 208 bytes each). Bounds the file, and the replay at
     * start-up, to the state plus this.
     */
    public static final long JOURNAL_COMPACT_AFTER_BYTES = 256L << 20;

    /**
     * A pending timeout in whole seconds, rounded up (TigerBeetle's granularity); -1 when
     * outside 1 .. {@link #PENDING_TIMEOUT_SECONDS_MAX} (the ledger answers
     * {@link TransferResult#INVALID}).
     */
    public static int pendingTimeoutSeconds(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()
                || timeout.compareTo(Duration.ofSeconds(PENDING_TIMEOUT_SECONDS_MAX)) > 0) {
            return -1;
        }
        long s = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return s > PENDING_TIMEOUT_SECONDS_MAX ? -1 : (int) s;
    }

    private LedgerLimits() {
    }
}
