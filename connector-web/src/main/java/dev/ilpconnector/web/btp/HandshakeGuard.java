package dev.ilpconnector.web.btp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the WebSockets each remote address holds open without having authenticated: a
 * stranger that opens sockets and never logs in costs us at most
 * {@link BtpLimits#UNAUTHENTICATED_PER_ADDRESS_MAX} of them (each closed by the auth deadline
 * anyway). Counted per connection, never per frame.
 */
public final class HandshakeGuard {

    /** A remote address the container did not tell us; such sockets share one bound. */
    public static final String UNKNOWN_ADDRESS = "unknown";

    private final int perAddressMax;
    /** Per address, its sockets not yet authenticated; an address at 0 is removed. */
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    public HandshakeGuard() {
        this(BtpLimits.UNAUTHENTICATED_PER_ADDRESS_MAX);
    }

    HandshakeGuard(int perAddressMax) {
        this.perAddressMax = perAddressMax;
    }

    /**
     * A new socket from {@code address}.
     *
     * @return its ticket, to release once it authenticated or closed; null when the address
     *         already holds the bound (close the socket)
     */
    public Ticket admit(String address) {
        String key = address == null || address.isEmpty() ? UNKNOWN_ADDRESS : address;
        boolean[] admitted = {false};
        open.compute(key, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perAddressMax) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0] ? new Ticket(key) : null;
    }

    /** Unauthenticated sockets {@code address} holds now. */
    int open(String address) {
        return open.getOrDefault(address, 0);
    }

    /** One admitted socket; releasing twice counts once. */
    public final class Ticket {

        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(String address) {
            this.address = address;
        }

        public String address() {
            return address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
