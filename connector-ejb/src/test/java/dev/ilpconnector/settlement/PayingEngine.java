package dev.ilpconnector.settlement;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A chain engine for tests: idempotent by key, pays once per key. While {@code answers} is
 * false it pays but never reports back (the node dies first).
 */
final class PayingEngine implements SettlementEngine {
    private final Map<String, SettlementOutcome> done = new HashMap<>();
    private int payments;
    volatile boolean answers;

    @Override
    public synchronized CompletableFuture<SettlementOutcome> settle(SettlementRequest request) {
        SettlementOutcome outcome = done.computeIfAbsent(request.idempotencyKey(), key -> {
            payments++;
            return SettlementOutcome.settled("tx-" + key);
        });
        return answers ? CompletableFuture.completedFuture(outcome) : new CompletableFuture<>();
    }

    /** Payments made (keys paid), each once. */
    synchronized int payments() {
        return payments;
    }
}
