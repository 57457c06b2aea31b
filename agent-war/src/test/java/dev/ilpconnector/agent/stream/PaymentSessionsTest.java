package dev.ilpconnector.agent.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PaymentSessionsTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");

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
    }

    private final TestClock clock = new TestClock();
    private final PaymentSessions sessions = new PaymentSessions(2, Duration.ofSeconds(60), clock);

    private static JsonObject meta(String product) {
        return Json.createObjectBuilder().add("product", product).build();
    }

    @Test
    void metadataIsKeptPerPayment() {
        assertTrue(sessions.open("a", meta("p1")));
        assertEquals("p1", sessions.metadata("a").getString("product"));
        assertNull(sessions.metadata("b"));
    }

    @Test
    void aSessionIsDroppedTtlAfterItsLastUse() {
        sessions.open("a", meta("p1"));
        clock.now = clock.now.plusSeconds(50);
        assertEquals("p1", sessions.metadata("a").getString("product"), "use renews it");
        clock.now = clock.now.plusSeconds(59);
        assertEquals("p1", sessions.metadata("a").getString("product"));
        clock.now = clock.now.plusSeconds(60);
        assertNull(sessions.metadata("a"));
        assertEquals(0, sessions.size());
    }

    @Test
    void sessionsAreBoundedUntilOneExpires() {
        assertTrue(sessions.open("a", meta("1")));
        assertTrue(sessions.open("b", meta("2")));
        assertFalse(sessions.open("c", meta("3")), "full: nothing is created");
        assertTrue(sessions.open("a", meta("again")), "an existing payment may set up again");
        clock.now = clock.now.plusSeconds(61);
        assertTrue(sessions.open("c", meta("3")), "expired sessions make room");
        assertEquals(1, sessions.size());
    }
}
