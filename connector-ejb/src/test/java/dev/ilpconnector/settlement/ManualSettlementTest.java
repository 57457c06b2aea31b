package dev.ilpconnector.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ManualSettlementTest {

    private final ManualSettlement manual = new ManualSettlement(
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    private final SettlementRequest request = new SettlementRequest("k1", "bob", 1500, "XRP", 9);

    @Test
    void theSameKeyTwiceIsOneOpenRequest() {
        CompletionStage<SettlementOutcome> first = manual.settle(request);
        CompletionStage<SettlementOutcome> again = manual.settle(request);

        assertSame(first, again);
        assertEquals(1, manual.open().size());
        assertEquals(request, manual.open().get(0).request());
        assertFalse(first.toCompletableFuture().isDone(), "waits for the operator");
    }

    @Test
    void confirmEndsSettledOnce() {
        CompletableFuture<SettlementOutcome> outcome = manual.settle(request).toCompletableFuture();

        assertTrue(manual.confirm("k1", "bank ref 42"));
        assertFalse(manual.confirm("k1", "bank ref 42"));
        assertFalse(manual.fail("k1", "too late"));

        assertEquals(SettlementOutcome.settled("bank ref 42"), outcome.join());
        assertTrue(manual.open().isEmpty());
    }

    @Test
    void aKeyAskedAgainAfterTheOperatorAnsweredGetsTheSameAnswerNotANewRequest() {
        manual.settle(request);
        assertTrue(manual.confirm("k1", "bank ref 42"));

        // The node asks again under the same key (the post of the first answer timed out).
        CompletableFuture<SettlementOutcome> again = manual.settle(request).toCompletableFuture();

        assertEquals(SettlementOutcome.settled("bank ref 42"), again.getNow(null));
        assertTrue(manual.open().isEmpty(), "the operator is not asked to pay twice");
    }

    @Test
    void failEndsFailed() {
        CompletableFuture<SettlementOutcome> outcome = manual.settle(request).toCompletableFuture();

        assertTrue(manual.fail("k1", "peer closed its account"));

        assertEquals(SettlementOutcome.failed("peer closed its account"), outcome.join());
    }

    @Test
    void unknownKeyIsNotConfirmed() {
        assertFalse(manual.confirm("nope", "x"));
    }
}
