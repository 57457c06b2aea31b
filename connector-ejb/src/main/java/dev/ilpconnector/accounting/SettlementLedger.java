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
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settlements as ledger transfers, so they are exactly as durable as the ledger (embedded
 * journal or TigerBeetle) without a store of their own. Per peer and asset, two accounts
 * besides the peer's own:
 * <ul>
 *   <li>its <b>settlement account</b> (value that left or entered the ILP side off-ledger):
 *       outgoing settlements credit it, incoming ones debit it, so its pending credits are the
 *       settlement in flight and its posted totals what was settled each way;</li>
 *   <li>its <b>sequence account</b>: one unit posted to it (from the asset's sequence source)
 *       per outgoing settlement started, so its posted credits number the settlements. The n-th
 *       settlement's idempotency key, and every transfer id derived from it, follow from n:
 *       after a restart the node finds the settlement in flight again by reading two
 *       accounts.</li>
 * </ul>
 * Outgoing: sequence marker, then the intent (a pending transfer debit peer / credit
 * settlement, counting against the peer's limit), posted when the payment is confirmed, voided
 * when it failed. Incoming: one posted transfer debit settlement / credit peer, its id derived
 * from the sender's key. A retry of any step finds the transfer already there ({@code EXISTS}):
 * money moves once.
 */
public final class SettlementLedger {

    /** Account code of the sequence accounts (number the outgoing settlements). */
    public static final int CODE_SETTLEMENT_SEQUENCE = 5;

    /**
     * How long an outgoing intent holds the amount: 30 days, so an operator who settles by hand
     * (after a weekend, a holiday, a bank's batch) confirms before it runs out; when it does run
     * out the amount is owed to the peer again and requested again under a new number, and a
     * payment that had left would be made twice. A constant, not a setting: shorter only opens
     * that window, longer only holds a forgotten intent's headroom longer (the ledger's bound
     * is {@link LedgerLimits#PENDING_TIMEOUT_SECONDS_MAX}). The intent survives restarts of
     * either ledger (see {@link Ledger}).
     */
    public static final Duration INTENT_TIMEOUT = Duration.ofDays(30);

    private final Ledger ledger;

    /** Creates (or finds) the settlement and sequence accounts; blocks until done. */
    /** Sequence sources already ensured (one per asset). */
    private final Set<LedgerId> sources = ConcurrentHashMap.newKeySet();

    public SettlementLedger(Ledger ledger, List<PeerConfig> peers) {
        this.ledger = ledger;
        for (PeerConfig peer : peers) {
            putPeer(peer);
        }
    }

    /** Creates (or finds) one peer's settlement and sequence accounts; blocks until done. */
    public void putPeer(PeerConfig peer) {
        int ledgerNumber = AssetLedgers.ledgerOf(peer);
        if (sources.add(sequenceSource(peer))) {
            LedgerAccounts.ensure(ledger, AccountSpec.unlimited(sequenceSource(peer),
                    ledgerNumber, CODE_SETTLEMENT_SEQUENCE));
        }
        LedgerAccounts.ensure(ledger, AccountSpec.unlimited(settlementAccount(peer),
                ledgerNumber, AccountSpec.CODE_SETTLEMENT));
        LedgerAccounts.ensure(ledger, AccountSpec.unlimited(sequenceAccount(peer),
                ledgerNumber, CODE_SETTLEMENT_SEQUENCE));
    }

    /**
     * What the ledger says about a peer's settlements.
     *
     * @param peer       the peer's account
     * @param settlement its settlement account: pending credits = the settlement in flight
     * @param started    how many outgoing settlements were ever started
     */
    public record State(AccountBalance peer, AccountBalance settlement, long started) {

        /** The key of the most recently started settlement; empty before the first. */
        public Optional<String> lastKey(PeerConfig config) {
            return started == 0 ? Optional.empty() : Optional.of(key(config, started - 1));
        }
    }

    /** The idempotency key of the peer's n-th outgoing settlement (n from 0). */
    public static String key(PeerConfig peer, long n) {
        return peer.id() + "-" + peer.assetCode() + "-" + peer.assetScale() + "-" + n;
    }

    /** Id of the intent (pending transfer) of the outgoing settlement with this key. */
    public static LedgerId outgoingId(String key) {
        return LedgerId.forName("settlement-out:" + key);
    }

    /** Id of the incoming settlement with this key; keys are the peer's own, so scoped by it. */
    public static LedgerId incomingId(PeerConfig peer, String key) {
        return LedgerId.forName("settlement-in:" + peer.id() + ":" + peer.assetCode() + "/"
                + peer.assetScale() + ":" + key);
    }

    /** The peer's accounts as the ledger has them; empty when one is missing. */
    public CompletionStage<Optional<State>> state(PeerConfig peer) {
        CompletionStage<Optional<AccountBalance>> settlement =
                ledger.balance(settlementAccount(peer));
        CompletionStage<Optional<AccountBalance>> sequence =
                ledger.balance(sequenceAccount(peer));
        return ledger.balance(AssetLedgers.peerAccount(peer)).thenCompose(own ->
                settlement.thenCombine(sequence, (s, q) ->
                        own.isPresent() && s.isPresent() && q.isPresent()
                                ? Optional.of(new State(own.get(), s.get(),
                                        q.get().creditsPosted().longValueExact()))
                                : Optional.empty()));
    }

    /**
     * Starts the peer's settlement number {@code n} (= {@link State#started()}): posts its
     * sequence marker. {@code EXISTS} means another caller started number n already.
     */
    public CompletionStage<TransferResult> start(PeerConfig peer, long n) {
        return ledger.createPosted(LedgerId.forName("settlement-seq:" + key(peer, n)),
                sequenceSource(peer), sequenceAccount(peer), 1, Ledger.CODE_SETTLEMENT);
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
        return ledger.createPosted(incomingId(peer, key), settlementAccount(peer),
                AssetLedgers.peerAccount(peer), amount, Ledger.CODE_SETTLEMENT);
    }

    public LedgerStatus status() {
        return ledger.status();
    }

    private static String accountName(PeerConfig peer) {
        return peer.id() + ":" + peer.assetCode() + "/" + peer.assetScale();
    }

    static LedgerId settlementAccount(PeerConfig peer) {
        return LedgerId.forName("settlement:" + accountName(peer));
    }

    private static LedgerId sequenceAccount(PeerConfig peer) {
        return LedgerId.forName("settlement-sequence:" + accountName(peer));
    }

    private static LedgerId sequenceSource(PeerConfig peer) {
        return LedgerId.forName("settlement-sequence:" + peer.assetCode() + "/"
                + peer.assetScale());
    }
}
