package dev.ilpconnector.settlement;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The node's one {@link SettlementEngine} as {@link Settlements} sees it: each request goes to
 * its peer's engine (manual, EVM, ...), and every answer is stored in {@link SettlementAnswers}
 * before the node acts on it, so the same key after a restart gets the same answer from here
 * without asking the engine (or its operator) again.
 */
public final class PeerEngines implements SettlementEngine {

    private final Map<String, SettlementEngine> byPeer;
    private final SettlementEngine fallback;
    private final SettlementAnswers answers;

    /**
     * @param byPeer   the engine of each peer id
     * @param fallback the engine of a peer not in {@code byPeer}
     */
    public PeerEngines(Map<String, SettlementEngine> byPeer, SettlementEngine fallback,
                       SettlementAnswers answers) {
        this.byPeer = Map.copyOf(byPeer);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** The engine that pays {@code peerId}. */
    public SettlementEngine engineOf(String peerId) {
        return byPeer.getOrDefault(peerId, fallback);
    }

    @Override
    public CompletionStage<SettlementOutcome> settle(SettlementRequest request) {
        var known = answers.get(request.idempotencyKey());
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        // An answer that cannot be stored fails the stage: the intent stays pending (unknown)
        // and is asked again, rather than posted on an answer a restart would forget.
        return engineOf(request.peerId()).settle(request)
                .thenApply(outcome -> answers.record(request.idempotencyKey(), outcome));
    }
}
