package dev.ilpconnector.telemetry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * One-time tickets for the feed: a browser cannot put the admin token on a WebSocket upgrade,
 * so it asks the admin API (with the token) for a ticket and puts that in the feed URL. A
 * ticket opens one connection within {@link #TTL} and is gone once used or expired.
 */
public final class FeedTickets {

    public static final Duration TTL = Duration.ofSeconds(30);
    /** Unused tickets at once: a client asking in a loop gets refused, not a growing map. */
    public static final int OPEN_MAX = 64;
    private static final int TICKET_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> open = new HashMap<>();

    public FeedTickets(Clock clock) {
        this.clock = clock;
    }

    /**
     * A fresh ticket.
     *
     * @throws IllegalStateException when {@link #OPEN_MAX} unexpired tickets are open
     */
    public synchronized String issue() {
        Instant now = clock.instant();
        open.values().removeIf(expiry -> !expiry.isAfter(now));
        if (open.size() >= OPEN_MAX) {
            throw new IllegalStateException("too many open feed tickets; retry in "
                    + TTL.toSeconds() + " s");
        }
        byte[] raw = new byte[TICKET_BYTES];
        random.nextBytes(raw);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        open.put(ticket, now.plus(TTL));
        return ticket;
    }

    /** Whether the ticket was issued, is unexpired and unused; it is used up either way. */
    public synchronized boolean redeem(String ticket) {
        if (ticket == null) {
            return false;
        }
        Instant expiry = open.remove(ticket);
        return expiry != null && expiry.isAfter(clock.instant());
    }
}
