package dev.ilpconnector.ledger;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Double-entry ledger with TigerBeetle's semantics (see {@code docs/ledger.md}).
 *
 * <p>Every operation returns a {@link CompletionStage} so a remote implementation
 * (TigerBeetle) never blocks the caller's thread (a WebSocket thread on the packet path). The
 * embedded implementation completes them before returning. Expected outcomes (limit reached,
 * replay, unknown id) are {@link TransferResult}/{@link AccountResult} values; a stage
 * completes exceptionally only for an operating failure (remote ledger unreachable, a broken
 * invariant; a remote ledger's {@link LedgerUnavailableException} when it does not answer
 * within its call timeout). Arguments that are {@code null} throw
 * {@link NullPointerException} at once.
 *
 * <p>Amounts are unsigned 64-bit values carried in a {@code long}; account totals are 128-bit
 * ({@link AccountBalance}), as in TigerBeetle. Pending timeouts are
 * rounded up to whole seconds (TigerBeetle's granularity); a pending transfer expires when
 * {@code now >= created + timeout}.
 *
 * <p>Restarts: a pending transfer outlives a restart of the node until it is posted, voided or
 * its timeout passes (counted from its creation, not from the restart), except a packet's leg
 * ({@link #CODE_ILP_PACKET}), which the embedded ledger voids at start-up (its packet died with
 * the process). TigerBeetle keeps packet legs too, until their timeout (hold time + 2 s).
 * Settlement intents ({@link #CODE_SETTLEMENT}) therefore survive a restart on every durable
 * implementation (the embedded ledger without a journal keeps nothing).
 */
public interface Ledger extends AutoCloseable {

    /** Transfer code of an ILP packet's leg (TigerBeetle {@code code}). */
    int CODE_ILP_PACKET = 1;
    /** Transfer code of a settlement (value moved on chain). */
    int CODE_SETTLEMENT = 2;

    /** Creates an account; idempotent: the same spec again is {@link AccountResult#EXISTS}. */
    CompletionStage<AccountResult> createAccount(AccountSpec spec);

    /**
     * Changes an account's minimum balance (a peer's credit limit). Existing pending debits
     * stay even when the new limit is already exceeded; further debits fail until it holds.
     */
    CompletionStage<AccountResult> setMinBalance(LedgerId account, long minBalance);

    /**
     * Creates a pending transfer: reserves {@code amount} as debits pending on the debit
     * account (checked against its limit together with its other pending debits) and credits
     * pending on the credit account, until posted, voided or {@code timeout} has passed.
     *
     * @param transferId unique per transfer; a replay with the same content is {@code EXISTS}
     * @param code       transfer kind, 1..65535 (e.g. {@link #CODE_ILP_PACKET})
     * @param timeout    1 s .. {@link LedgerLimits#PENDING_TIMEOUT_SECONDS_MAX} s, rounded up
     *                   to whole seconds; must outlive the time the packet is held
     */
    CompletionStage<TransferResult> createPending(LedgerId transferId, LedgerId debitAccount,
            LedgerId creditAccount, long amount, int code, Duration timeout);

    /**
     * {@link #createPending} with user data linking the transfer to its cause (an ILP packet's
     * condition). A ledger that keeps user data (TigerBeetle: {@code user_data_128}, part of
     * the idempotency comparison there) overrides this; the default drops it.
     */
    default CompletionStage<TransferResult> createPending(LedgerId transferId,
            LedgerId debitAccount, LedgerId creditAccount, long amount, int code,
            Duration timeout, UserData userData) {
        Objects.requireNonNull(userData, "userData");
        return createPending(transferId, debitAccount, creditAccount, amount, code, timeout);
    }

    /** Single-phase transfer, posted at once (settlement, funding). Idempotent like above. */
    CompletionStage<TransferResult> createPosted(LedgerId transferId, LedgerId debitAccount,
            LedgerId creditAccount, long amount, int code);

    /**
     * Posts the pending transfer's full amount. A second post is
     * {@link TransferResult#ALREADY_POSTED}; after expiry {@link TransferResult#PENDING_EXPIRED}.
     */
    CompletionStage<TransferResult> post(LedgerId pendingTransferId);

    /** Voids (releases) the pending transfer. A second void is {@code ALREADY_VOIDED}. */
    CompletionStage<TransferResult> voidPending(LedgerId pendingTransferId);

    /**
     * Creates a forwarded packet's two legs: both pending, or neither. {@code first} (the
     * incoming leg) is created first; when {@code second} fails, {@code first} is voided.
     * TigerBeetle links both in one request. Completes with both results; a failed first
     * leg's partner is {@link TransferResult#PENDING_NOT_FOUND} (never created).
     */
    default CompletionStage<LegResults> createBothPending(PendingLeg first, PendingLeg second) {
        return createPending(first.id(), first.debit(), first.credit(), first.amount(),
                first.code(), first.timeout(), first.userData()).thenCompose(in -> {
                    if (!in.isSuccess()) {
                        return CompletableFuture.completedStage(
                                new LegResults(in, TransferResult.PENDING_NOT_FOUND));
                    }
                    return createPending(second.id(), second.debit(), second.credit(),
                            second.amount(), second.code(), second.timeout(),
                            second.userData()).handle((out, failure) ->
                                    failure == null && out.isSuccess()
                                    ? CompletableFuture.completedStage(new LegResults(in, out))
                                    // the first must not stay held for a packet not forwarded
                                    : voidPending(first.id()).handle((v, f) -> {
                                        if (failure != null) {
                                            throw new CompletionException(failure);
                                        }
                                        return new LegResults(in, out);
                                    }))
                            .thenCompose(stage -> stage);
                });
    }

    /**
     * Posts a fulfilled packet's two legs so that the second (crediting the next hop) is never
     * posted unless the first (debiting the source peer) is: when the first cannot be posted
     * (expired), the second is voided. TigerBeetle links both in one request (both or neither).
     */
    default CompletionStage<LegResults> postBoth(LedgerId first, LedgerId second) {
        return post(first).thenCompose(in -> in.isSuccess()
                ? post(second).thenApply(out -> new LegResults(in, out))
                : voidPending(second).thenApply(out -> new LegResults(in, out)));
    }

    /** Voids both legs of a packet that was not fulfilled. */
    default CompletionStage<LegResults> voidBoth(LedgerId first, LedgerId second) {
        return voidPending(second).thenCombine(voidPending(first),
                (out, in) -> new LegResults(in, out));
    }

    /** The account's totals; empty when the account does not exist. */
    CompletionStage<Optional<AccountBalance>> balance(LedgerId account);

    /** Backend, durability and reachability, for operators; never blocks. */
    LedgerStatus status();

    /** Releases resources (connections); no exception for a clean close. */
    @Override
    void close();
}
