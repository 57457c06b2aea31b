package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Unauthenticated sockets per remote address, and refused logins in the log. */
class HandshakeGuardTest {

    @Test
    void anAddressHoldsAtMostTheBoundOfUnauthenticatedSockets() {
        HandshakeGuard guard = new HandshakeGuard();
        List<HandshakeGuard.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < BtpLimits.UNAUTHENTICATED_PER_ADDRESS_MAX; i++) {
            tickets.add(assertNotNull(guard.admit("10.0.0.1")));
        }

        assertNull(guard.admit("10.0.0.1"), "one more is refused");
        assertNotNull(guard.admit("10.0.0.2")); // another address is not affected

        // A socket that authenticated (or closed) frees its place, once however often told.
        tickets.get(0).release();
        tickets.get(0).release();
        assertEquals(BtpLimits.UNAUTHENTICATED_PER_ADDRESS_MAX - 1, guard.open("10.0.0.1"));
        assertNotNull(guard.admit("10.0.0.1"));
        assertNull(guard.admit("10.0.0.1"));
    }

    @Test
    void addressesWithNothingOpenAreForgotten() {
        HandshakeGuard guard = new HandshakeGuard(2);
        for (int i = 0; i < 10_000; i++) {
            guard.admit("10.1." + (i / 256) + "." + (i % 256)).release();
        }
        assertEquals(0, guard.open("10.1.0.0"));
        // The container may not say where a socket comes from: those share one bound.
        guard.admit(null);
        guard.admit("");
        assertNull(guard.admit(HandshakeGuard.UNKNOWN_ADDRESS));
    }

    @Test
    void refusedLoginsWarnWithPeerAndAddressAtMostTenAMinute() {
        AtomicLong now = new AtomicLong(1_000_000);
        AuthFailureLog log = new AuthFailureLog(now::get);
        int warned = 0;
        for (int i = 0; i < 100; i++) {
            warned += log.refused("alice", "10.0.0.1", "wrong token") ? 1 : 0;
        }
        assertEquals(AuthFailureLog.WARNINGS_PER_MINUTE, warned);

        now.addAndGet(60_000);
        assertTrue(log.refused("", "10.0.0.9", "unknown peer"), "a new minute warns again");
    }

    private static <T> T assertNotNull(T value) {
        org.junit.jupiter.api.Assertions.assertNotNull(value);
        return value;
    }
}
