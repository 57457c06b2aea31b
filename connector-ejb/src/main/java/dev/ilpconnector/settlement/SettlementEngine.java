package dev.ilpconnector.settlement;

import java.util.concurrent.CompletionStage;

/**
 * What pays a peer off-ledger: a chain adapter (EVM payment channel, XRP PayChan, Aptos) or a
 * person ({@link ManualSettlement}).
 *
 * <p>Contract, so that money is neither lost nor paid twice:
 * <ul>
 *   <li>{@link #settle} returns at once; the work runs on the engine's own executor (a managed
 *       executor in the server), never on the caller's thread.</li>
 *   <li>Idempotent by {@link SettlementRequest#idempotencyKey()}: the same key again (a retry
 *       after a timeout or restart) returns the outcome of the first request and pays once.</li>
 *   <li>The stage completes with {@link SettlementOutcome#settled} only once the value has
 *       certainly left, and with a failed outcome only when it certainly has not. When the
 *       engine cannot tell (a transaction sent but unconfirmed), it keeps trying or completes
 *       exceptionally: the node then leaves the ledger intent in place for reconciliation
 *       rather than guessing.</li>
 * </ul>
 */
public interface SettlementEngine {

    /** Starts (or finds, by idempotency key) the settlement; the stage completes when it ends. */
    CompletionStage<SettlementOutcome> settle(SettlementRequest request);
}
