package dev.ilpconnector.ledger;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The newest finished packet legs, remembered so that a repeated create is {@code EXISTS} and a
 * late post {@code ALREADY_POSTED}; adding beyond the capacity forgets the oldest.
 *
 * <p>Held in primitive arrays, not objects: the garbage collector neither scans nor copies
 * them. A map of transfer objects here kept the last seconds of legs alive in the young
 * generation and pointed old tables at them, so every young collection scanned and copied
 * them (pauses of 20 ms at 20,000 packets/s with a 384 MiB heap; docs/performance.md).
 *
 * <p>Striped by id: each stripe is a ring of legs (grown by doubling up to its share of the
 * capacity, so an idle node holds little) with an open-addressing index from id to ring slot,
 * under its own short lock. An index entry carries the low half of its id's hash beside the
 * slot, so a probe reads the leg itself only when that half matches (one cache miss, not two).
 */
final class FinishedLegs {

    private static final int STRIPES = 16;
    /** Longs per leg: id hi, lo, debit hi, lo, credit hi, lo, amount, code|seconds|state. */
    private static final int FIELDS = 8;
    private static final int INITIAL_LEGS = 256;

    /** One finished transfer as remembered (a {@code Ledger} transfer state for its state). */
    record Leg(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
            int seconds, int state) {

        /** {@code EXISTS} when a create with these fields would be this leg again. */
        TransferResult compare(LedgerId debitId, LedgerId creditId, long amount, int code,
                int seconds) {
            boolean same = debit.equals(debitId) && credit.equals(creditId)
                    && this.amount == amount && this.code == code && this.seconds == seconds;
            return same ? TransferResult.EXISTS : TransferResult.EXISTS_DIFFERENT;
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    FinishedLegs(int capacity) {
        int perStripe = Math.max(1, capacity / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /** Remembers a finished leg (again, if its id is there already: the newest wins). */
    void add(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code, int seconds,
            int state) {
        long h = hash(id.hi(), id.lo());
        stripes[(int) (h >>> 60)].add(h, id, debit, credit, amount, code, seconds, state);
    }

    /** The remembered leg with that id, or null; allocates only when found. */
    Leg find(LedgerId id) {
        long h = hash(id.hi(), id.lo());
        return stripes[(int) (h >>> 60)].find(h, id.hi(), id.lo());
    }

    /** Every remembered leg, each stripe from its oldest (for a snapshot). */
    void forEachOldestFirst(Consumer<Leg> action) {
        for (Stripe s : stripes) {
            s.forEachOldestFirst(action);
        }
    }

    /** The stripe of an id (tests model each stripe's ring with it). */
    static int stripeOf(LedgerId id) {
        return (int) (hash(id.hi(), id.lo()) >>> 60);
    }

    /** Legs remembered now. */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.size();
        }
        return n;
    }

    private static long hash(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    private static final class Stripe {
        private final ReentrantLock lock = new ReentrantLock();
        private final int capacity;
        /** FIELDS longs per ring slot. */
        private long[] legs = new long[0];
        /** Per entry: hash low half << 32 | ring slot + 1; 0 when free; at most half full. */
        private long[] index = new long[0];
        private int count;
        /** The slot the next leg goes to; once the ring is full, also the oldest. */
        private int next;

        Stripe(int capacity) {
            this.capacity = capacity;
        }

        int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        void add(long h, LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
                int seconds, int state) {
            lock.lock();
            try {
                if (count == slots() && slots() < capacity) {
                    grow();
                }
                int slot = next;
                if (count == slots()) { // full: the oldest leg makes room
                    unindex(slot);
                } else {
                    count++;
                }
                int at = slot * FIELDS;
                legs[at] = id.hi();
                legs[at + 1] = id.lo();
                legs[at + 2] = debit.hi();
                legs[at + 3] = debit.lo();
                legs[at + 4] = credit.hi();
                legs[at + 5] = credit.lo();
                legs[at + 6] = amount;
                legs[at + 7] = (code & 0xFFFFL) | ((long) seconds << 16) | ((long) state << 56);
                put(h, id.hi(), id.lo(), slot);
                next = (slot + 1) % slots();
            } finally {
                lock.unlock();
            }
        }

        Leg find(long h, long hi, long lo) {
            lock.lock();
            try {
                int i = position(h, hi, lo);
                return i < 0 || index[i] == 0 ? null : leg(slotOf(index[i]));
            } finally {
                lock.unlock();
            }
        }

        void forEachOldestFirst(Consumer<Leg> action) {
            lock.lock();
            try {
                int oldest = count == slots() ? next : 0;
                for (int k = 0; k < count; k++) {
                    action.accept(leg((oldest + k) % slots()));
                }
            } finally {
                lock.unlock();
            }
        }

        private int slots() {
            return legs.length / FIELDS;
        }

        private Leg leg(int slot) {
            int at = slot * FIELDS;
            long packed = legs[at + 7];
            return new Leg(new LedgerId(legs[at], legs[at + 1]),
                    new LedgerId(legs[at + 2], legs[at + 3]),
                    new LedgerId(legs[at + 4], legs[at + 5]), legs[at + 6],
                    (int) (packed & 0xFFFF), (int) ((packed >>> 16) & 0xFFFF_FFFFL),
                    (int) (packed >>> 56));
        }

        /** Doubles the ring (only while it has not wrapped: slots 0..count-1 in order). */
        private void grow() {
            int slots = Math.min(capacity, Math.max(INITIAL_LEGS, slots() * 2));
            long[] bigger = new long[slots * FIELDS];
            System.arraycopy(legs, 0, bigger, 0, count * FIELDS);
            legs = bigger;
            index = new long[Integer.highestOneBit(slots * 2 - 1) << 1];
            for (int slot = 0; slot < count; slot++) {
                int at = slot * FIELDS;
                long hi = legs[at];
                long lo = legs[at + 1];
                put(hash(hi, lo), hi, lo, slot);
            }
            next = count;
        }

        /** Where the id is in the index, or the free position where it would go. */
        private int position(long h, long hi, long lo) {
            if (index.length == 0) {
                return -1;
            }
            int mask = index.length - 1;
            long half = h << 32;
            for (int i = (int) h & mask; ; i = (i + 1) & mask) {
                long e = index[i];
                if (e == 0) {
                    return i;
                }
                if ((e & 0xFFFF_FFFF_0000_0000L) == half) {
                    int at = slotOf(e) * FIELDS;
                    if (legs[at] == hi && legs[at + 1] == lo) {
                        return i;
                    }
                }
            }
        }

        private void put(long h, long hi, long lo, int slot) {
            index[position(h, hi, lo)] = h << 32 | (slot + 1);
        }

        private static int slotOf(long entry) {
            return (int) entry - 1;
        }

        /** Drops the index entry of the leg in {@code slot}, unless a newer leg took its id. */
        private void unindex(int slot) {
            int at = slot * FIELDS;
            long hi = legs[at];
            long lo = legs[at + 1];
            int i = position(hash(hi, lo), hi, lo);
            if (slotOf(index[i]) != slot) {
                return;
            }
            // backward-shift deletion keeps every entry reachable from its home position
            int mask = index.length - 1;
            for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
                long e = index[j];
                int home = (int) (e >>> 32) & mask; // the hash's low half: its home
                if (((j - home) & mask) >= ((j - i) & mask)) {
                    index[i] = e;
                    i = j;
                }
            }
            index[i] = 0;
        }
    }
}
