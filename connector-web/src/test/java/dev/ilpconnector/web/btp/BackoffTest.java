package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndResets() {
        Backoff backoff = new Backoff(500, 30_000);
        long[] expected = {500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (long delay : expected) {
            assertEquals(delay, backoff.nextDelayMs());
        }
        backoff.reset();
        assertEquals(500, backoff.nextDelayMs());
    }

    @Test
    void neverOverflows() {
        Backoff backoff = new Backoff(1, Long.MAX_VALUE);
        for (int i = 0; i < 200; i++) {
            assertEquals(true, backoff.nextDelayMs() > 0);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 10));
    }
}
