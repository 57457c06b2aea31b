package dev.ilpconnector.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeedTicketsTest {

    private Instant now = Instant.parse("2026-12-06T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aTicketOpensOnce() {
        FeedTickets tickets = new FeedTickets(clock);
        String ticket = tickets.issue();
        assertNotEquals(ticket, tickets.issue());
        assertTrue(tickets.redeem(ticket));
        assertFalse(tickets.redeem(ticket), "used");
        assertFalse(tickets.redeem(null));
        assertFalse(tickets.redeem("made-up"));
    }

    @Test
    void aTicketExpiresAfterThirtySeconds() {
        FeedTickets tickets = new FeedTickets(clock);
        String late = tickets.issue();
        String inTime = tickets.issue();
        now = now.plus(Duration.ofSeconds(29));
        assertTrue(tickets.redeem(inTime));
        now = now.plus(Duration.ofSeconds(1));
        assertFalse(tickets.redeem(late));
    }

    @Test
    void openTicketsAreBounded() {
        FeedTickets tickets = new FeedTickets(clock);
        for (int i = 0; i < FeedTickets.OPEN_MAX; i++) {
            tickets.issue();
        }
        assertThrows(IllegalStateException.class, tickets::issue);
        now = now.plus(FeedTickets.TTL);
        tickets.issue(); // the expired ones made room
    }
}
