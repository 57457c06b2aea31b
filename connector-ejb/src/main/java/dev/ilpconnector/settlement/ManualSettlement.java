package dev.ilpconnector.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The settlement engine of a node without a chain: each request waits in a list for an
 * operator, who pays the peer by hand and then confirms (or fails) it through the admin API.
 * The list lives in memory; the intent behind each request is in the ledger (see
 * {@link Settlements}).
 */
public final class ManualSettlement implements SettlementEngine {

    /** More open requests than this means nobody is settling; refuse rather than grow. */
    public static final int OPEN_REQUESTS_MAX = 4096;

    private final Clock clock;
    private final ConcurrentMap<String, Open> open = new ConcurrentHashMap<>();
    /**
     * The latest outcomes the operator gave, by key: the same key asked again (its post timed
     * out and the node asks again) gets the same answer, not a second request to pay. Guarded
     * by {@code this}; bounded, the oldest forgotten first.
     */
    private final Map<String, SettlementOutcome> decided = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SettlementOutcome> eldest) {
            return size() > OPEN_REQUESTS_MAX;
        }
    };

    public ManualSettlement(Clock clock) {
        this.clock = clock;
    }

    /** A request waiting for the operator. */
    public record Open(SettlementRequest request, Instant requestedAt,
                       CompletableFuture<SettlementOutcome> outcome) {
    }

    @Override
    public synchronized CompletionStage<SettlementOutcome> settle(SettlementRequest request) {
        Objects.requireNonNull(request, "request");
        SettlementOutcome known = decided.get(request.idempotencyKey());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        if (open.size() >= OPEN_REQUESTS_MAX && !open.containsKey(request.idempotencyKey())) {
            return CompletableFuture.completedFuture(SettlementOutcome.failed(
                    "more than " + OPEN_REQUESTS_MAX + " manual settlements open"));
        }
        // Same key again: the same open request, so the operator is asked once.
        return open.computeIfAbsent(request.idempotencyKey(),
                key -> new Open(request, clock.instant(), new CompletableFuture<>())).outcome();
    }

    /** The open requests, oldest first. */
    public List<Open> open() {
        return open.values().stream().sorted(Comparator.comparing(Open::requestedAt)).toList();
    }

    /**
     * The operator paid: the request ends settled.
     *
     * @return false when no request with that key is open
     */
    public boolean confirm(String idempotencyKey, String reference) {
        return finish(idempotencyKey, SettlementOutcome.settled(reference));
    }

    /**
     * The operator will not pay this request: it ends failed and its intent is released.
     *
     * @return false when no request with that key is open
     */
    public boolean fail(String idempotencyKey, String reason) {
        return finish(idempotencyKey, SettlementOutcome.failed(reason));
    }

    private boolean finish(String key, SettlementOutcome outcome) {
        Open request;
        synchronized (this) {
            request = open.remove(key);
            if (request == null) {
                return false;
            }
            decided.put(key, outcome);
        }
        request.outcome().complete(outcome); // outside the lock: the ledger work follows
        return true;
    }
}
