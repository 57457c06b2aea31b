package dev.ilpconnector.web.admin;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Admin calls wait for the ledger on the HTTP thread, but never for long. */
final class LedgerCalls {

    /** An admin call waits this long for the ledger before answering 503. */
    private static final long TIMEOUT_MS = 5_000;

    private LedgerCalls() {
    }

    /** @throws IllegalStateException when the ledger fails or does not answer in time */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ledger did not answer: " + e, e);
        }
    }
}
