package dev.ilpconnector.web.btp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Refused BTP logins at WARNING, with the claimed peer id and the remote address, at most
 * {@link #WARNINGS_PER_MINUTE} a minute: someone guessing tokens must not fill the log. The
 * next warning after a quiet spell says how many were left out; those go to FINE meanwhile.
 */
final class AuthFailureLog {

    static final int WARNINGS_PER_MINUTE = 10;
    private static final long MINUTE_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(AuthFailureLog.class.getName());

    private final LongSupplier clockMs;
    private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicInteger inWindow = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();

    AuthFailureLog(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /**
     * @param peerId  the {@code auth_username} claimed (may be empty); never the token
     * @param address the remote address, or {@link HandshakeGuard#UNKNOWN_ADDRESS}
     * @return whether it went out at WARNING
     */
    boolean refused(String peerId, String address, String reason) {
        long now = clockMs.getAsLong();
        long start = windowStart.get();
        if (now - start >= MINUTE_MS && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
        }
        String line = "btp.auth.refused peer=" + (peerId.isEmpty() ? "-" : peerId)
                + " address=" + address + " reason=\"" + reason + "\"";
        if (inWindow.incrementAndGet() > WARNINGS_PER_MINUTE) {
            suppressed.incrementAndGet();
            LOG.fine(line);
            return false;
        }
        int left = suppressed.getAndSet(0);
        LOG.warning(left == 0 ? line : line + " suppressed=" + left);
        return true;
    }
}
