package dev.ilpconnector.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 128-bit identifier of an account or transfer, as TigerBeetle's {@code u128} ids:
 * {@code hi} holds the most significant 64 bits, {@code lo} the least significant ones.
 * Zero and 2^128-1 are reserved (TigerBeetle rejects them: {@code id_must_not_be_zero},
 * {@code id_must_not_be_int_max}).
 */
public record LedgerId(long hi, long lo) implements Comparable<LedgerId> {

    /** Domain separation so ids derived here never collide with other SHA-256 uses. */
    private static final byte[] NAME_DOMAIN =
            "dev.ilpconnector.ledger.LedgerId/v1\0".getBytes(StandardCharsets.US_ASCII);
    /** The low bits {@link #random} leaves zero, for {@link #sibling}. */
    private static final long SIBLINGS = 3;

    public LedgerId {
        if (hi == 0 && lo == 0) {
            throw new IllegalArgumentException("ledger id must not be zero");
        }
        if (hi == -1L && lo == -1L) {
            throw new IllegalArgumentException("ledger id must not be 2^128-1");
        }
    }

    /**
     * A fresh id: 48-bit millisecond timestamp and 78 random bits, like TigerBeetle's
     * {@code UInt128.id()}, so ids of one node sort roughly by time (good for TigerBeetle's
     * LSM tree) and collide with negligible probability. Not secret, not for security. The two
     * lowest bits are zero: {@link #sibling} ids, which sort next to it, are never fresh ids.
     */
    public static LedgerId random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long hi = (millis << 16) | (r.nextInt() & 0xFFFFL);
        long lo = r.nextLong() & ~SIBLINGS;
        if (hi == 0 && lo == 0) {
            lo = 4; // only reachable at the epoch with an all-zero draw; keep the id valid
        }
        return new LedgerId(hi, lo);
    }

    /**
     * Sibling {@code n} (1..3) of this id: the id with its two lowest bits XOR {@code n}, e.g.
     * the post of a pending transfer. Deterministic (a replay finds the same id), and next to
     * this id in TigerBeetle's id tree, where a hash would land anywhere (a random insert into
     * an LSM tree that grows costlier as the tree does).
     */
    public LedgerId sibling(int n) {
        if (n < 1 || n > SIBLINGS) {
            throw new IllegalArgumentException("sibling 1..3, not " + n);
        }
        long siblingLo = lo ^ n;
        if ((hi == 0 && siblingLo == 0) || (hi == -1L && siblingLo == -1L)) {
            // only for ids next to the reserved ones, never a fresh id: step over them
            siblingLo = lo ^ (n + SIBLINGS + 1);
        }
        return new LedgerId(hi, siblingLo);
    }

    /**
     * A deterministic id for a name (e.g. {@code "peer:alice:asset:USD/2"}): the first 128 bits
     * of SHA-256(domain || UTF-8 name). A restarted node (or a second node on the same
     * TigerBeetle cluster) finds the same accounts again.
     */
    public static LedgerId forName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        byte[] h;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(NAME_DOMAIN);
            h = sha.digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JRE", e);
        }
        long hi = bigEndianLong(h, 0);
        long lo = bigEndianLong(h, 8);
        if ((hi == 0 && lo == 0) || (hi == -1L && lo == -1L)) {
            lo ^= 1; // 2^-127 chance; stay deterministic and valid
        }
        return new LedgerId(hi, lo);
    }

    /** Parses the 32 hex digit form produced by {@link #toString()}. */
    public static LedgerId parse(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("ledger id must be 32 hex digits");
        }
        return new LedgerId(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** Unsigned 128-bit order (the order TigerBeetle uses); also the lock order of accounts. */
    @Override
    public int compareTo(LedgerId other) {
        int c = Long.compareUnsigned(hi, other.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
    }

    /**
     * Written out: the record's generated equals and hashCode go through an invokedynamic
     * bootstrap whose method-handle guard showed as 2.8 % of the node's CPU under load (every
     * hold and commit looks its transfer up by id).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerId other && hi == other.hi && lo == other.lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi * 31 + lo);
    }

    /** 32 lower-case hex digits, most significant first. */
    @Override
    public String toString() {
        return String.format("%016x%016x", hi, lo);
    }

    private static long bigEndianLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFFL);
        }
        return v;
    }
}
