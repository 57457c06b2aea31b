package dev.ilpconnector.web.btp;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The auth deadline of a new session (RFC 23 §Authentication): closes it unless it
 * authenticated within {@link BtpLimits#AUTH_TIMEOUT_MS}. The timer is cancelled as soon as
 * the session authenticates, fails or closes, so sessions do not leave one task each in the
 * scheduler's queue for the whole timeout.
 */
final class AuthDeadline {

    private AuthDeadline() {
    }

    static ScheduledFuture<?> arm(BtpSession session, ScheduledExecutorService scheduler) {
        ScheduledFuture<?> timer = scheduler.schedule(session::authDeadlinePassed,
                BtpLimits.AUTH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        session.authenticated().whenComplete((ok, failure) -> timer.cancel(false));
        return timer;
    }
}
