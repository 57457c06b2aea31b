package dev.ilpconnector.accounting;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.AccountSpec;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.ledger.LedgerLimits;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.peer.PeerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Settlements as ledger transfers between a peer's account and the settlement account of the
 * peer's asset (value that left or entered the ILP side off-ledger). Every transfer id is
 * derived from the settlement's idempotency key, so a retry, or the same call after a restart,
 * finds the transfer that is already there ({@code EXISTS}) instead of moving money twice.
 *
 * <ul>
 *   <li>Outgoing (we pay the peer): first a pending transfer, the intent, debit peer / credit
 *       settlement; posted when the payment is confirmed, voided when it failed. While pending
 *       it counts against the peer's limit like any pending debit.</li>
 *   <li>Incoming (the peer paid us): one posted transfer, debit settlement / credit peer.</li>
 * </ul>
 */
public final class SettlementLedger {

    /**
     * How long an outgoing intent holds the amount: the longest the ledger allows. Only a node
     * that lost the request (a crash) lets it run out; the amount is then owed to the peer again.
     */
    static final Duration INTENT_TIMEOUT =
            Duration.ofSeconds(LedgerLimits.PENDING_TIMEOUT_SECONDS_MAX);

    private final Ledger ledger;

    /** Creates (or finds) the settlement account of every peer's asset; blocks until done. */
    public SettlementLedger(Ledger ledger, List<PeerConfig> peers) {
        this.ledger = ledger;
        for (PeerConfig peer : peers) {
            LedgerAccounts.ensure(ledger, AccountSpec.unlimited(settlementAccount(peer),
                    AssetLedgers.ledgerOf(peer), AccountSpec.CODE_SETTLEMENT));
        }
    }

    /** The settlement account of an asset: one per ledger, shared by that asset's peers. */
    static LedgerId settlementAccount(PeerConfig peer) {
        return LedgerId.forName("settlement:" + peer.assetCode() + "/" + peer.assetScale());
    }

    /** Id of the intent (pending transfer) of the outgoing settlement with this key. */
    public static LedgerId outgoingId(String idempotencyKey) {
        return LedgerId.forName("settlement-out:" + idempotencyKey);
    }

    /** Id of the incoming settlement with this key; keys are the peer's own, so scoped by it. */
    public static LedgerId incomingId(String peerId, String idempotencyKey) {
        return LedgerId.forName("settlement-in:" + peerId + ":" + idempotencyKey);
    }

    /** Records the intent of an outgoing settlement; {@code EXCEEDS_LIMIT} like a packet. */
    public CompletionStage<TransferResult> reserve(PeerConfig peer, long amount, String key) {
        return ledger.createPending(outgoingId(key), AssetLedgers.peerAccount(peer),
                settlementAccount(peer), amount, Ledger.CODE_SETTLEMENT, INTENT_TIMEOUT);
    }

    /** The payment left: the intent becomes final and the peer's balance moves. */
    public CompletionStage<TransferResult> post(String key) {
        return ledger.post(outgoingId(key));
    }

    /** The payment certainly did not leave: the intent is released. */
    public CompletionStage<TransferResult> cancel(String key) {
        return ledger.voidPending(outgoingId(key));
    }

    /**
     * A payment confirmed after its intent ran out: recorded as a posted transfer of its own
     * (again keyed, so a second confirmation moves nothing).
     */
    public CompletionStage<TransferResult> postExpired(PeerConfig peer, long amount, String key) {
        return ledger.createPosted(LedgerId.forName("settlement-out-late:" + key),
                AssetLedgers.peerAccount(peer), settlementAccount(peer), amount,
                Ledger.CODE_SETTLEMENT);
    }

    /**
     * The peer paid us off-ledger: credit its account. The same key again is {@code EXISTS}
     * (same amount) or {@code EXISTS_DIFFERENT} (another amount); money moves once.
     */
    public CompletionStage<TransferResult> credit(PeerConfig peer, long amount, String key) {
        return ledger.createPosted(incomingId(peer.id(), key), settlementAccount(peer),
                AssetLedgers.peerAccount(peer), amount, Ledger.CODE_SETTLEMENT);
    }

    /** The peer's account totals; empty when it has no account. */
    public CompletionStage<Optional<AccountBalance>> balance(PeerConfig peer) {
        return ledger.balance(AssetLedgers.peerAccount(peer));
    }

    public LedgerStatus status() {
        return ledger.status();
    }
}
