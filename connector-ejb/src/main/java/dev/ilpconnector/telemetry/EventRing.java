package dev.ilpconnector.telemetry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded ring between many publishers (WebSocket, ledger and scheduler threads) and one
 * reader (the explorer's pump). Publishing takes a slot with one compare-and-set and never
 * waits: when the reader is a full ring behind, the event is dropped and counted. Each slot
 * carries the sequence it expects next (D. Vyukov's bounded queue), so a slot being written is
 * never read half-done. Nothing is allocated per event.
 *
 * @param <T> the event type
 */
public final class EventRing<T> {

    private final int mask;
    private final AtomicLongArray turns;
    private final AtomicReferenceArray<T> slots;
    private final AtomicLong tail = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    /** Only the reader moves the head; volatile so that {@link #size} reads it anywhere. */
    private volatile long head;

    /** @param capacity rounded up to a power of two, at least 2 */
    public EventRing(int capacity) {
        if (capacity < 2 || capacity > 1 << 24) {
            throw new IllegalArgumentException("ring capacity must be 2..16777216");
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        turns = new AtomicLongArray(size);
        slots = new AtomicReferenceArray<>(size);
        for (int i = 0; i < size; i++) {
            turns.set(i, i);
        }
    }

    /** Adds the event, or drops and counts it when the ring is full. Never blocks. */
    public boolean publish(T event) {
        long pos = tail.get();
        while (true) {
            int i = (int) pos & mask;
            long turn = turns.get(i);
            if (turn == pos) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    slots.lazySet(i, event);
                    turns.set(i, pos + 1); // publishes the slot to the reader
                    return true;
                }
                pos = tail.get();
            } else if (turn < pos) {
                dropped.increment(); // the slot still holds an unread event: full
                return false;
            } else {
                pos = tail.get(); // another publisher took this slot
            }
        }
    }

    /** The oldest unread event, or null when there is none yet. One reader thread only. */
    public T poll() {
        int i = (int) head & mask;
        if (turns.get(i) != head + 1) {
            return null;
        }
        T event = slots.get(i);
        slots.lazySet(i, null); // the ring holds no reference to what it handed out
        turns.set(i, head + mask + 1);
        head++;
        return event;
    }

    public int capacity() {
        return mask + 1;
    }

    /** Events published and not yet read (a snapshot). */
    public int size() {
        long n = tail.get() - head;
        return (int) Math.max(0, Math.min(n, capacity()));
    }

    /** Events dropped because the ring was full. */
    public long dropped() {
        return dropped.sum();
    }
}
