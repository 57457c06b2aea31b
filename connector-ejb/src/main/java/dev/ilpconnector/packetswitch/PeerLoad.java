package dev.ilpconnector.packetswitch;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all sessions of one peer hold of this node together. A peer that opens many sessions
 * shares one set of bounds across them: reconnecting does not buy it more room.
 */
public final class PeerLoad {

    /** Its Prepares handed to the switch and not answered yet (count). */
    public final AtomicInteger incoming = new AtomicInteger();
    /** Our Prepares sent to it and not answered yet (count). */
    public final AtomicInteger outgoing = new AtomicInteger();
    /** Bytes of frames queued for it and not written yet. */
    public final AtomicLong queuedBytes = new AtomicLong();
    /** Its replaced sessions still answering what was in flight on them (count). */
    public final AtomicInteger draining = new AtomicInteger();
    /**
     * Its closed connections whose last write still waits for it to read (count): each holds a
     * writer thread until the connection breaks.
     */
    public final AtomicInteger stalledWriters = new AtomicInteger();
}
